/** Port ranges as security groups admit them, merged, compared and printed. */

/** An inclusive range of ports of one protocol; `all` is every protocol and port (0-65535). */
export interface PortRange {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

const ALL_PORTS = { from: 0, to: 65535 };

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp' };

/** The protocol of a rule as a name: `-1` is `all`, protocol numbers 6/17/1 are tcp/udp/icmp. */
export function protocolName(value: unknown): string {
  const p = String(value ?? 'all').toLowerCase();
  if (p === '-1' || p === 'all') return 'all';
  return PROTOCOL_NUMBERS[p] ?? p;
}

/** A rule's range: every port for `all`, its from/to otherwise (every port when they are missing or -1). */
export function ruleRange(protocol: string, from: number | undefined, to: number | undefined): PortRange {
  if (protocol === 'all' || from === undefined || to === undefined || from < 0 || to < 0) return { protocol, ...ALL_PORTS };
  return { protocol, from: Math.min(from, to), to: Math.max(from, to) };
}

/** TCP ranges, e.g. the service's own ports from `servicePorts`. */
export function tcp(ranges: readonly { readonly from: number; readonly to: number }[]): PortRange[] {
  return merge(ranges.map((r) => ({ protocol: 'tcp', from: r.from, to: r.to })));
}

const PROTOCOL_ORDER = ['all', 'tcp', 'udp'];
const protocolRank = (p: string): number => (PROTOCOL_ORDER.includes(p) ? PROTOCOL_ORDER.indexOf(p) : PROTOCOL_ORDER.length);

/** Sorted by protocol (all, tcp, udp, others by name) and port, overlapping and adjacent ranges of one protocol joined. */
export function merge(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort(
    (a, b) => protocolRank(a.protocol) - protocolRank(b.protocol) || a.protocol.localeCompare(b.protocol) || a.from - b.from || a.to - b.to,
  );
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.protocol === r.protocol && r.from <= last.to + 1) out[out.length - 1] = { ...last, to: Math.max(last.to, r.to) };
    else out.push({ ...r });
  }
  return out;
}

/** Whether TCP traffic on some port of `wanted` passes `admitted` (where `all` admits any TCP port). */
export function overlaps(admitted: readonly PortRange[], wanted: readonly PortRange[]): boolean {
  return wanted.some((w) => admitted.some((a) => (a.protocol === 'all' || a.protocol === w.protocol) && a.from <= w.to && w.from <= a.to));
}

/** The parts of `wanted` that `admitted` does not admit. */
export function missing(wanted: readonly PortRange[], admitted: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const w of merge(wanted)) {
    let pieces: PortRange[] = [w];
    for (const a of admitted) {
      if (a.protocol !== 'all' && a.protocol !== w.protocol) continue;
      pieces = pieces.flatMap((p) => {
        if (a.to < p.from || a.from > p.to) return [p];
        const left = a.from > p.from ? [{ ...p, to: a.from - 1 }] : [];
        const right = a.to < p.to ? [{ ...p, from: a.to + 1 }] : [];
        return [...left, ...right];
      });
    }
    out.push(...pieces);
  }
  return out;
}

/** The parts of `admitted` outside `allowed`: what a rule opens that the service does not serve. */
export function outside(admitted: readonly PortRange[], allowed: readonly PortRange[]): PortRange[] {
  return missing(
    admitted,
    allowed.filter((a) => a.protocol !== 'all'),
  );
}

/** `443`, `8000-8010`, `udp 53`, `all`, joined with commas; TCP is the default and not named. */
export function formatPorts(ranges: readonly PortRange[]): string {
  return merge(ranges).map(formatRange).join(', ');
}

function formatRange(r: PortRange): string {
  if (r.protocol === 'all') return 'all';
  const span = r.from === ALL_PORTS.from && r.to === ALL_PORTS.to ? 'all ports' : r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
  if (r.protocol === 'tcp') return span;
  return r.protocol === 'icmp' ? 'icmp' : `${r.protocol} ${span}`;
}
