/** The connectivity matrix as text: one table per kind of column, then the violations. */
import { formatTable } from '../../cli/table';
import type { Cell, ConnectivityReport } from './matrix';
import type { Reach } from './network-model';
import { formatPorts } from './ports';

const SYMBOL: Record<Reach, string> = { yes: 'yes', 'one-way': 'one-way', routed: 'routed', no: '-', self: 'local' };

const LEGEND =
  'yes: connections possible; one-way: packets arrive, replies do not; ' +
  'routed: routes both ways, but nothing in the source VPC opens connections; local: within the VPC; -: not possible';

const GROUPS: readonly { readonly prefix: string; readonly title: string }[] = [
  { prefix: 'service:', title: 'Catalog services (ports: what the endpoint admits from the source)' },
  { prefix: 'endpoints:', title: "Centralized endpoints of each hub (zones: the hub's private zones associated with the source)" },
  { prefix: 'consumer:', title: 'Consumers, on-premises networks and the internet' },
];

function cellText(cell: Cell): string {
  const symbol = SYMBOL[cell.reach];
  if (cell.zones !== undefined) return `${symbol} (zones ${cell.zones})`;
  if (cell.ports !== undefined && cell.ports.length > 0) return `${symbol} (${formatPorts(cell.ports)})`;
  return symbol;
}

/** Rows are sources, columns destinations; service cells show ports, endpoint cells `zones k/n`. */
export function formatMatrix(report: ConnectivityReport): string {
  const tables = GROUPS.map(({ prefix, title }, i) => {
    const columns = report.columns.filter(
      (c) => c.startsWith(prefix) || (i === GROUPS.length - 1 && !GROUPS.some((g) => c.startsWith(g.prefix))),
    );
    if (columns.length === 0) return undefined;
    const header = ['from \\ to', ...columns.map((c) => (c.startsWith(prefix) ? c.slice(prefix.length) : c))];
    const rows = report.rows.map((row) => [row, ...columns.map((c) => cellText(report.cells[row][c]))]);
    return `${title}:\n${formatTable(header, rows)}`;
  }).filter((t): t is string => t !== undefined);
  const violations =
    report.violations.length === 0 ? 'No connectivity violations.' : report.violations.map((v) => `VIOLATION: ${v}`).join('\n');
  return `Connectivity of ${report.env}:\n\n${tables.join('\n\n')}\n\n${LEGEND}\n${violations}\n`;
}
