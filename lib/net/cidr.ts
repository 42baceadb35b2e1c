/** IPv4 CIDR arithmetic: enough to carve subnets by name and to check containment and overlap. */

export interface ParsedCidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when it is not a valid IPv4 CIDR with host bits zero. */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const m = CIDR_RE.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = (address & maskOf(prefix)) >>> 0;
  if (network !== address) return undefined;
  return { network, prefix };
}

/** Parses an IPv4 address; undefined when invalid. */
export function parseIp(ip: string): number | undefined {
  const parsed = parseCidr(`${ip}/32`);
  return parsed?.network;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function mustParse(cidr: string): ParsedCidr {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`'${cidr}' is not a valid IPv4 CIDR (expected a.b.c.d/n with host bits zero)`);
  return parsed;
}

export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = mustParse(outer);
  const i = mustParse(inner);
  return i.prefix >= o.prefix && (i.network & maskOf(o.prefix)) >>> 0 === o.network;
}

/** Whether an IPv4 address lies inside `cidr`. */
export function cidrContainsIp(cidr: string, ip: string): boolean {
  const c = mustParse(cidr);
  const n = parseIp(ip);
  return n !== undefined && (n & maskOf(c.prefix)) >>> 0 === c.network;
}

/** Whether two CIDRs share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = mustParse(a);
  const y = mustParse(b);
  const p = Math.min(x.prefix, y.prefix);
  return (x.network & maskOf(p)) >>> 0 === (y.network & maskOf(p)) >>> 0;
}

/** Terraform's `cidrsubnet(cidr, newBits, netNum)`. */
export function cidrSubnet(cidr: string, newBits: number, netNum: number): string {
  const c = mustParse(cidr);
  const prefix = c.prefix + newBits;
  if (prefix > 32) throw new Error(`cannot carve /${prefix} subnets from ${cidr}`);
  if (netNum < 0 || netNum >= 2 ** newBits) throw new Error(`subnet number ${netNum} does not fit in ${newBits} bits of ${cidr}`);
  const network = (c.network + netNum * 2 ** (32 - prefix)) >>> 0;
  return `${formatIp(network)}/${prefix}`;
}

/**
 * Subnets are carved per AZ by the AZ's letter or id number, not by its position in a list, so
 * that adding or reordering AZs never moves an existing subnet: `us-east-1c` and `use1-az3`
 * always take slot 2. 3 extra bits give 8 slots (letters a..h, ids az1..az8).
 */
export const AZ_SUBNET_BITS = 3;
/** The smallest subnet AWS allows is /28, so a VPC carved into 8 slots must be /25 or larger. */
export const MAX_VPC_PREFIX = 28 - AZ_SUBNET_BITS;

/** The slot of an AZ: an id's number (`use1-az1` = 0 .. az8 = 7) or a name's trailing letter (a = 0 .. h = 7); undefined otherwise. */
export function azSlot(az: string): number | undefined {
  const id = /-az([1-8])$/.exec(az);
  if (id) return Number(id[1]) - 1;
  const m = /\d[a-h]$/.exec(az);
  return m ? m[0].charCodeAt(1) - 'a'.charCodeAt(0) : undefined;
}

/** Whether an AZ is given by id (`use1-az1`) rather than by name (`us-east-1a`). */
export function isAzId(az: string): boolean {
  return /^[a-z]{2,6}\d+-az\d+$/.test(az);
}

/** The private subnet CIDR of an AZ inside a VPC CIDR. */
export function azSubnetCidr(vpcCidr: string, az: string): string {
  const slot = azSlot(az);
  if (slot === undefined)
    throw new Error(`availability zone '${az}' is neither a name ending in a letter a..h nor an id ending in az1..az8`);
  return cidrSubnet(vpcCidr, AZ_SUBNET_BITS, slot);
}
