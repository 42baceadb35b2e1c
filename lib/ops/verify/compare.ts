/**
 * The live connectivity matrix against the one the configuration promises (`npm run check`'s,
 * from the synthesized JSON): every cell that differs, explained by the live model's own reason
 * (the hop that is missing: a route, a TGW association or propagation, a security group rule, an
 * allowed principal, an accepted connection, a RAM principal, a zone association), what the live
 * read noted about the objects it names (a connection pending or rejected), and the live
 * violations of the design's invariants about that flow. Plus DNS: each consumer's private zone
 * for a service answers with an alias to its endpoint.
 */
import { formatTable } from '../../cli/table';
import type { Cell, ConnectivityReport } from '../../reports/connectivity';
import { formatPorts } from '../../reports/connectivity/ports';

export interface Difference {
  readonly row: string;
  readonly column: string;
  readonly expected: Cell;
  readonly live: Cell;
  /** Why the live flow differs: the missing hop, notes, violations. */
  readonly explanation: string;
}

export interface Comparison {
  readonly env: string;
  readonly differences: readonly Difference[];
  /** Live violations that the configuration does not have. */
  readonly violations: readonly string[];
  /** DNS findings (zones, records). */
  readonly dns: readonly string[];
}

const SYMBOL: Record<string, string> = { yes: 'yes', 'one-way': 'one-way', routed: 'routed', no: '-', self: 'local' };

export function cellText(cell: Cell): string {
  const base = SYMBOL[cell.reach] ?? cell.reach;
  if (cell.zones !== undefined) return `${base} (zones ${cell.zones})`;
  if (cell.ports !== undefined && cell.ports.length > 0) return `${base} (${formatPorts(cell.ports)})`;
  return base;
}

/** The subject of a row or column in violation messages: `consumer:web` → `consumer web`. */
const subject = (id: string): string => id.replace(':', ' ');

/**
 * Compares the two matrices cell by cell. `notes` are what the live read learnt about objects,
 * by the resource name the live model gives them (their AWS ids), e.g. `vpce-0abc` → `its
 * connection to vpce-svc-… is pendingAcceptance`.
 */
export function compareReports(
  expected: ConnectivityReport,
  live: ConnectivityReport,
  notes: ReadonlyMap<string, readonly string[]> = new Map(),
  dns: readonly string[] = [],
): Comparison {
  const differences: Difference[] = [];
  const liveOnly = live.violations.filter((v) => !expected.violations.includes(v));
  for (const row of expected.rows) {
    for (const column of expected.columns) {
      const want = expected.cells[row]?.[column];
      const got = live.cells[row]?.[column] ?? ({ reach: 'no', why: `${row} has no VPC in the live read` } as Cell);
      if (!want || cellText(want) === cellText(got)) continue;
      const mentioned = [...notes].filter(([id]) => got.why.includes(id)).flatMap(([id, n]) => n.map((x) => `${id}: ${x}`));
      const related = liveOnly.filter(
        (v) => v.includes(subject(row)) && (column === 'internet' || v.includes(subject(column)) || column.startsWith('endpoints:')),
      );
      const explanation = [got.why, ...mentioned, ...related.filter((v) => !v.endsWith(got.why)).map((v) => `violation: ${v}`)]
        .filter(Boolean)
        .join('; ');
      differences.push({ row, column, expected: want, live: got, explanation });
    }
  }
  return { env: expected.env, differences, violations: liveOnly, dns };
}

/** 0: live matches the configuration; 2: it differs. */
export function verifyExitCode(c: Comparison): number {
  return c.differences.length + c.violations.length + c.dns.length > 0 ? 2 : 0;
}

export function formatComparison(c: Comparison): string {
  const lines: string[] = [];
  if (c.differences.length === 0 && c.violations.length === 0 && c.dns.length === 0) {
    lines.push(`Live connectivity of ${c.env} matches the configuration: every flow npm run check promises is there, and nothing else.`);
  }
  if (c.differences.length > 0) {
    lines.push(`Flows of ${c.env} that differ from the configuration (${c.differences.length}):`);
    lines.push(
      formatTable(
        ['from', 'to', 'promised', 'live', 'why'],
        c.differences.map((d) => [d.row, d.column, cellText(d.expected), cellText(d.live), d.explanation]),
        { unpadded: [4] },
      ),
    );
  }
  if (c.violations.length > 0)
    lines.push('', 'Live violations of the design (not in the configuration):', ...c.violations.map((v) => `VIOLATION: ${v}`));
  if (c.dns.length > 0) lines.push('', 'DNS:', ...c.dns.map((d) => `  ${d}`));
  return `${lines.join('\n')}\n`;
}
