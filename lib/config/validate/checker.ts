/**
 * The checker every validation module shares: it collects problems with their paths, and
 * reads values of unknown type (a config written in plain JavaScript may carry anything)
 * without throwing. Path convention (one for all of validation):
 * - object fields are joined with dots: `network.accountId`;
 * - record entries use their key, JSON-quoted: `network.hubs["us-east-1"].azs[0]`, `services["payments"]`;
 * - list items use their index: `services["payments"].listeners[0].port`, `consumers[2]`;
 * - a consumer whose name is DNS-safe and unique is addressed by that name, JSON-quoted:
 *   `consumers["checkout"].cidr`; any other consumer by its index: `consumers[1].name`.
 * The environment itself is reported as path `environment` when it is not an object.
 */
import { KNOWN_REGIONS, REGION_AZ_LETTERS, azIdPrefix } from '../../aws/catalog';
import { AZ_SUBNET_BITS, MAX_VPC_PREFIX, cidrContains, formatIp, parseCidr, parseIp } from '../../net/cidr';

export type Severity = 'error' | 'warning';

export interface ConfigProblem {
  /** Environment name, or `environments[<index>]` when the environment has no usable name. */
  readonly environment: string;
  /** Field path inside the environment, e.g. `consumers["web"].cidr`. */
  readonly path: string;
  /** What is wrong, with the bad value, and how to fix it. */
  readonly message: string;
  /** Errors stop synth; warnings are printed and do not. @default 'error' */
  readonly severity?: Severity;
}

// ---------------------------------------------------------------------------------------------
// Rules shared by several checks

export const DNS_SAFE_RE = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
export const DNS_SAFE_FIX = 'use 2-32 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit';
export const ACCOUNT_RE = /^\d{12}$/;
export const ACCOUNT_FIX = "use the account's 12-digit id as a string, e.g. '123456789012'";
export const ORG_ID_RE = /^o-[a-z0-9]{10,32}$/;
export const IAM_ROLE_NAME_RE = /^[\w+=,.@-]{1,64}$/;
export const IAM_ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
export const ACM_ARN_RE = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/.+$/;
export const KMS_KEY_RE =
  /^(?:arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)|alias\/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
export const HOSTED_ZONE_ID_RE = /^Z[A-Z0-9]{1,32}$/;
export const AZ_NAME_RE = /^([a-z]{2}(?:-[a-z]+)+-\d+)([a-z])$/;
export const AZ_ID_RE = /^[a-z]{2,6}\d+-az\d+$/;
export const TAG_CHARS_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TFC_NAME_RE = /^[A-Za-z0-9_-]+$/;

// ---------------------------------------------------------------------------------------------
// Small helpers

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as it appears in a message: strings quoted, numbers bare. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return describe(v);
}

/** A value of the wrong type, described: `the number 5`, `an array`, `null`. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string '${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${String(v)}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

export function field(base: string, name: string): string {
  return base === '' ? name : `${base}.${name}`;
}

export function key(base: string, k: string): string {
  return `${base}[${JSON.stringify(k)}]`;
}

export function quoteList(items: readonly string[]): string {
  return items.map((s) => `'${s}'`).join(', ');
}

export function orList(items: readonly string[]): string {
  const q = items.map((s) => `'${s}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Up to 3 known names closest to `value` (same letters ignoring case and separators, or the fewest edits, at most 1-2). */
export function nearest(value: string, known: readonly string[]): string[] {
  const squash = (s: string): string => s.toLowerCase().replace(/[-._\s]/g, '');
  const limit = value.length <= 4 ? 1 : 2;
  return known
    .map((name, index) => ({ name, index, distance: squash(name) === squash(value) ? 0 : editDistance(value.toLowerCase(), name) }))
    .filter((c) => c.distance <= limit)
    .sort((x, y) => x.distance - y.distance || x.index - y.index)
    .filter((c, _, all) => c.distance === all[0].distance)
    .slice(0, 3)
    .map((c) => c.name);
}

export function isDnsName(s: string): boolean {
  if (s.length > 253) return false;
  const labels = s.split('.');
  return labels.length >= 2 && labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
}

export function isValidBucketName(s: string): boolean {
  return (
    s.length >= 3 &&
    s.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(s) &&
    !s.includes('..') &&
    !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(s) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(s) &&
    !/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(s)
  );
}

export function cidrMessage(v: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(v);
  if (m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32) {
    const prefix = Number(m[5]);
    const ip = parseIp(m.slice(1, 5).join('.')) ?? 0;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return `'${v}' has host bits set; did you mean '${formatIp((ip & mask) >>> 0)}/${prefix}'?`;
  }
  return `'${v}' is not a valid IPv4 CIDR; use the form a.b.c.d/n, e.g. '10.20.0.0/22'`;
}

export function azList(region: string): string {
  return (REGION_AZ_LETTERS[region] ?? []).map((l) => `${region}${l}`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// The checker of one environment

/** A VPC CIDR registered for the overlap check, with its position in config order. */
export interface Vpc {
  readonly path: string;
  readonly cidr: string;
}

/** What the checks of one part of the environment learned, for the checks that span parts. */
export interface Facts {
  /** The organization's aggregate CIDR, when it parses. */
  orgCidr?: string;
  /** Segment names (keys of `segments`). */
  segmentNames: string[];
  /** The valid address ranges of each segment. */
  segmentCidrs: Record<string, string[]>;
  /** Hub regions that are known AWS regions. */
  hubRegions: string[];
  /** The network account id, when valid. */
  networkAccount?: string;
  /** The valid ASN of each hub's Transit Gateway, by region. */
  hubAsns: Record<string, number>;
  /** The CIDR of each hub whose CIDR parses, by region. */
  hubCidrs: Record<string, string>;
  /** The valid ranges of the on-premises networks, for the overlap check. */
  onPremisesCidrs: { readonly path: string; readonly cidr: string }[];
}

export class Checker {
  readonly problems: ConfigProblem[] = [];
  /** Every VPC CIDR that parses, for the overlap check. */
  readonly vpcs: Vpc[] = [];
  readonly facts: Facts = { segmentNames: [], segmentCidrs: {}, hubRegions: [], hubAsns: {}, hubCidrs: {}, onPremisesCidrs: [] };

  constructor(private readonly environment: string) {}

  add(path: string, message: string): void {
    this.problems.push({ environment: this.environment, path, message });
  }

  /** A problem that is printed but does not stop synth. */
  warn(path: string, message: string): void {
    this.problems.push({ environment: this.environment, path, message, severity: 'warning' });
  }

  /** Reports fields the type does not know (typos in plain-JS configs). */
  unknownFields(path: string, obj: Obj, known: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (known.includes(k)) continue;
      const near = nearest(k, known);
      this.add(
        field(path, k),
        near.length > 0
          ? `is not a known field; did you mean ${orList(near)}?`
          : `is not a known field; remove it (known fields: ${known.join(', ')})`,
      );
    }
  }

  /** A required object; undefined (after reporting) when missing or not an object. */
  object(path: string, v: unknown, fix: string): Obj | undefined {
    if (v === undefined) {
      this.add(path, `is required; ${fix}`);
      return undefined;
    }
    if (!isObject(v)) {
      this.add(path, `must be an object, not ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** A required array; undefined (after reporting) when missing or not an array. */
  array(path: string, v: unknown, fix: string): readonly unknown[] | undefined {
    if (v === undefined) {
      this.add(path, `is required; ${fix}`);
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.add(path, `must be an array, not ${describe(v)}`);
      return undefined;
    }
    return v;
  }
  /**
   * Visits each distinct string of a list: a non-string item, or a repeat (`'x' is listed twice
   * (also <label>[n]); list each <noun> once`), is reported and skipped; `each` sees the rest.
   */
  distinctStrings(
    path: string,
    label: string,
    list: readonly unknown[],
    noun: string,
    each: (item: string, itemPath: string, index: number) => void,
  ): void {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const p = `${path}[${i}]`;
      if (typeof item !== 'string') {
        this.add(p, `must be a string, not ${describe(item)}`);
        return;
      }
      const first = seen.get(item);
      if (first !== undefined) {
        this.add(p, `'${item}' is listed twice (also ${label}[${first}]); list each ${noun} once`);
        return;
      }
      seen.set(item, i);
      each(item, p, i);
    });
  }

  /** A required string; undefined (after reporting) when missing or not a string. */
  string(path: string, v: unknown, fix: string): string | undefined {
    if (v === undefined) {
      this.add(path, `is required; ${fix}`);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.add(path, `must be a string, not ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  /** An optional string; undefined when absent or (after reporting) not a string. */
  optionalString(path: string, v: unknown): string | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.add(path, `must be a string, not ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  dnsSafeName(path: string, v: unknown, what: string): string | undefined {
    const s = this.string(path, v, `give a DNS-safe ${what} name (${DNS_SAFE_FIX})`);
    if (s === undefined) return undefined;
    if (!DNS_SAFE_RE.test(s)) {
      this.add(path, `'${s}' is not DNS-safe; ${DNS_SAFE_FIX} (it becomes part of stack ids and resource names)`);
      return undefined;
    }
    return s;
  }

  accountId(path: string, v: unknown): void {
    if (typeof v === 'number') {
      this.add(path, `must be a string, not the number ${v}; quote it, e.g. '${String(v).padStart(12, '0')}' (numbers lose leading zeros)`);
      return;
    }
    const s = this.string(path, v, ACCOUNT_FIX);
    if (s !== undefined && !ACCOUNT_RE.test(s)) this.add(path, `'${s}' is not a 12-digit AWS account id; ${ACCOUNT_FIX}`);
  }

  /** A known region name; undefined (after reporting) otherwise. */
  region(path: string, v: unknown): string | undefined {
    const s = this.string(path, v, "use an AWS region name such as 'us-east-1'");
    if (s === undefined) return undefined;
    return this.knownRegion(path, s);
  }

  knownRegion(path: string, s: string): string | undefined {
    if (KNOWN_REGIONS.includes(s)) return s;
    const near = nearest(s, KNOWN_REGIONS);
    this.add(
      path,
      near.length > 0
        ? `'${s}' is not a known AWS region; did you mean ${orList(near)}?`
        : `'${s}' is not a known AWS region; use a commercial region name such as 'us-east-1' or 'eu-west-1' (see lib/aws/catalog.ts)`,
    );
    return undefined;
  }

  /**
   * A VPC CIDR: parses, /16../25, inside organization.cidr. Returns the CIDR when it can be
   * carved into AZ subnets (parses and is /25 or larger); registers it for the overlap check.
   */
  vpcCidr(path: string, v: unknown): string | undefined {
    const s = this.string(path, v, `give the VPC an IPv4 CIDR from /16 to /${MAX_VPC_PREFIX}, e.g. '10.20.0.0/22'`);
    if (s === undefined) return undefined;
    const parsed = parseCidr(s);
    if (!parsed) {
      this.add(path, cidrMessage(s));
      return undefined;
    }
    this.vpcs.push({ path, cidr: s });
    let carvable = true;
    if (parsed.prefix < 16) {
      this.add(path, `'${s}' is larger than AWS allows for a VPC (/16 to /28); use a /16 or smaller block`);
    } else if (parsed.prefix > MAX_VPC_PREFIX) {
      this.add(
        path,
        `'${s}' is too small for the per-AZ subnets: each AZ letter takes a /${parsed.prefix + AZ_SUBNET_BITS} slot and AWS's smallest subnet is /28; use a /${MAX_VPC_PREFIX} or larger block`,
      );
      carvable = false;
    }
    if (this.facts.orgCidr !== undefined && !cidrContains(this.facts.orgCidr, s)) {
      this.add(path, `'${s}' is outside organization.cidr '${this.facts.orgCidr}'; pick a block inside it`);
    }
    return carvable ? s : undefined;
  }

  /** Availability zones of a VPC in `region` (undefined when the region itself is invalid). Returns the valid, distinct ones. */
  azs(path: string, v: unknown, region: string | undefined): string[] {
    const example = region !== undefined ? `['${azIdPrefix(region)}-az1', '${azIdPrefix(region)}-az2']` : "['use1-az1', 'use1-az2']";
    const list = this.array(path, v, `list at least 2 availability zones, e.g. ${example}`);
    if (list === undefined) return [];
    const valid: string[] = [];
    let distinct = 0;
    this.distinctStrings(path, path, list, 'zone', (item, p) => {
      distinct++;
      if (AZ_ID_RE.test(item)) {
        const [prefix, number] = item.split('-az');
        if (region !== undefined && prefix !== azIdPrefix(region)) {
          this.add(
            p,
            `'${item}' is an AZ id of another region; AZ ids of ${region} start with '${azIdPrefix(region)}-', e.g. '${azIdPrefix(region)}-az1'`,
          );
          return;
        }
        if (Number(number) < 1 || Number(number) > 8) {
          this.add(p, `'${item}' is not an AZ id the subnets can be carved for; use az1 to az8`);
          return;
        }
        valid.push(item);
        return;
      }
      const m = AZ_NAME_RE.exec(item);
      if (!m) {
        if (KNOWN_REGIONS.includes(item)) {
          this.add(p, `'${item}' is a region, not an availability zone; use an AZ id such as '${azIdPrefix(item)}-az1'`);
        } else {
          this.add(
            p,
            `'${item}' is not an availability zone; use an AZ id ${region !== undefined ? `of ${region} such as '${azIdPrefix(region)}-az1'` : "such as 'use1-az1'"} (or a name: ${region !== undefined ? azList(region) : "'us-east-1a'"})`,
          );
        }
        return;
      }
      const [, azRegion, letter] = m;
      if (region === undefined) {
        valid.push(item);
        return;
      }
      if (azRegion !== region) {
        this.add(p, `'${item}' belongs to ${azRegion}, not ${region}; use a zone of ${region} (${azList(region)})`);
        return;
      }
      if (!REGION_AZ_LETTERS[region].includes(letter)) {
        this.add(p, `'${item}' is not an availability zone of ${region}; use one of ${azList(region)}`);
        return;
      }
      valid.push(item);
    });
    if (distinct < 2) {
      this.add(path, `lists ${distinct} availability zone${distinct === 1 ? '' : 's'}; the subnets need at least 2, e.g. ${example}`);
    }
    const kinds = new Set(valid.map((az) => AZ_ID_RE.test(az)));
    if (kinds.size > 1) {
      this.add(
        path,
        `mixes AZ ids and AZ names; one VPC lists its zones one way (ids such as ${example} name the same zone in every account)`,
      );
      return [];
    }
    return valid;
  }
}
