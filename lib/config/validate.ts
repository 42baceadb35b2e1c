/**
 * Validation of environment configurations, run before any construct is built.
 *
 * Every problem of every environment is collected (never only the first) and reported as
 * `<environment>: <path>: <message>`, where the message shows the bad value and how to fix it.
 * Validation never throws: a config written in plain JavaScript may miss fields or carry
 * wrong types, and those are reported like any other problem.
 *
 * Path convention (one for the whole file):
 * - object fields are joined with dots: `provider.service.name`;
 * - record entries use their key, JSON-quoted: `network.hubs["us-east-1"].azs[0]`, `tags["owner"]`;
 * - list items use their index: `provider.service.listeners[0].port`, `consumers[2]`;
 * - a consumer whose name is DNS-safe and unique is addressed by that name, JSON-quoted:
 *   `consumers["payments"].cidr`; any other consumer by its index: `consumers[1].name`.
 * The environment itself is reported as path `environment` when it is not an object.
 *
 * Problems come in a stable order: the order of the fields in `EnvironmentConfig` (name,
 * organization, deployRoleName, tags, state, segments, network, provider, consumers,
 * flowLogRetentionDays, prices), then the checks that span several fields (supported regions
 * of the service, then overlapping VPC CIDRs).
 */
import type { EnvironmentConfig } from './types';
import {
  CLOUDWATCH_LOG_RETENTION_DAYS,
  INTERFACE_ENDPOINT_SERVICES,
  KNOWN_REGIONS,
  REGION_AZ_LETTERS,
  TGW_PRIVATE_ASN_RANGES,
} from '../aws/catalog';
import { AZ_SUBNET_BITS, MAX_VPC_PREFIX, azSlot, azSubnetCidr, cidrContains, cidrContainsIp, cidrsOverlap, formatIp, parseCidr, parseIp } from '../net/cidr';
import { SHARED_SERVICES_ROUTE_TABLE } from './topology';

export interface ConfigProblem {
  /** Environment name, or `environments[<index>]` when the environment has no usable name. */
  readonly environment: string;
  /** Field path inside the environment, e.g. `consumers["web"].cidr`. */
  readonly path: string;
  /** What is wrong, with the bad value, and how to fix it. */
  readonly message: string;
}

/** Thrown by {@link assertValid}; its message is {@link formatProblems} of its problems. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Every problem of one environment. */
export function validateEnvironment(env: EnvironmentConfig): ConfigProblem[] {
  return validateOne(env, undefined);
}

/** Every problem of every environment, and environment names unique. */
export function validateEnvironments(envs: readonly EnvironmentConfig[]): ConfigProblem[] {
  if (!Array.isArray(envs)) {
    return [{ environment: '(all)', path: 'environments', message: `must be an array of environments, not ${describe(envs)}` }];
  }
  const problems: ConfigProblem[] = [];
  const firstIndexOfName = new Map<string, number>();
  envs.forEach((env, i) => {
    const raw: unknown = env;
    const name = isObject(raw) && typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
    problems.push(...validateOne(env, name === undefined ? `environments[${i}]` : undefined));
    if (name === undefined) return;
    const first = firstIndexOfName.get(name);
    if (first === undefined) {
      firstIndexOfName.set(name, i);
    } else {
      problems.push({
        environment: name,
        path: 'name',
        message: `'${name}' is also the name of environments[${first}]; environment names must be unique (they prefix every stack id and state key)`,
      });
    }
  });
  return problems;
}

/** A header line with the count, then one `<env>: <path>: <message>` line per problem. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const n = problems.length;
  const header = n === 0 ? 'No configuration problems.' : `${n} configuration problem${n === 1 ? '' : 's'}:`;
  return [header, ...problems.map((p) => `${p.environment}: ${p.path}: ${p.message}`)].join('\n');
}

/** Throws a {@link ConfigError} listing every problem when any environment is invalid. */
export function assertValid(envs: readonly EnvironmentConfig[]): void {
  const problems = validateEnvironments(envs);
  if (problems.length > 0) throw new ConfigError(problems);
}

// ---------------------------------------------------------------------------------------------
// Rules shared by several checks

const DNS_SAFE_RE = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const DNS_SAFE_FIX = 'use 2-32 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit';
const ACCOUNT_RE = /^\d{12}$/;
const ACCOUNT_FIX = "use the account's 12-digit id as a string, e.g. '123456789012'";
const ORG_ID_RE = /^o-[a-z0-9]{10,32}$/;
const IAM_ROLE_NAME_RE = /^[\w+=,.@-]{1,64}$/;
const IAM_ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ACM_ARN_RE = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/.+$/;
const KMS_KEY_RE =
  /^(?:arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)|alias\/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const HOSTED_ZONE_ID_RE = /^Z[A-Z0-9]{1,32}$/;
const AZ_NAME_RE = /^([a-z]{2}(?:-[a-z]+)+-\d+)([a-z])$/;
const AZ_ID_RE = /^[a-z]{2,5}\d+-az\d+$/;
const TAG_CHARS_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TFC_NAME_RE = /^[A-Za-z0-9_-]+$/;
const RESERVED_TAG_KEYS = ['environment', 'stack'];
const RESERVED_SEGMENT = SHARED_SERVICES_ROUTE_TABLE;
const PRICE_FIELDS = [
  'endpointAzHour',
  'endpointGb',
  'nlbHour',
  'nlbLcuHour',
  'tgwAttachmentHour',
  'tgwGb',
  'hostedZoneMonth',
  'flowLogGb',
  'interRegionGb',
];

const FIELDS = {
  environment: ['name', 'organization', 'deployRoleName', 'tags', 'state', 'segments', 'network', 'provider', 'consumers', 'flowLogRetentionDays', 'prices'],
  organization: ['id', 'managementAccountId', 'cidr'],
  s3: ['kind', 'bucket', 'region', 'keyPrefix', 'kmsKeyId', 'roleArn'],
  cloud: ['kind', 'organization', 'project', 'workspacePrefix', 'hostname'],
  segment: ['spokeToSpoke'],
  network: ['accountId', 'hubs', 'shareWith'],
  hub: ['cidr', 'azs', 'asn', 'endpointSets'],
  endpointSet: ['services', 'segments', 'policy'],
  provider: ['accountId', 'region', 'cidr', 'azs', 'service'],
  service: ['name', 'listeners', 'targets', 'privateDnsName', 'verificationZoneId', 'consumerDnsName', 'supportedRegions'],
  listener: ['port', 'protocol', 'certificateArn'],
  consumer: ['name', 'accountId', 'region', 'cidr', 'azs', 'segment', 'expectedGbPerMonth'],
} as const;

// ---------------------------------------------------------------------------------------------
// Small helpers

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as it appears in a message: strings quoted, numbers bare. */
function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return describe(v);
}

/** A value of the wrong type, described: `the number 5`, `an array`, `null`. */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string '${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${String(v)}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

function field(base: string, name: string): string {
  return base === '' ? name : `${base}.${name}`;
}

function key(base: string, k: string): string {
  return `${base}[${JSON.stringify(k)}]`;
}

function quoteList(items: readonly string[]): string {
  return items.map((s) => `'${s}'`).join(', ');
}

function orList(items: readonly string[]): string {
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
function nearest(value: string, known: readonly string[]): string[] {
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

function isDnsName(s: string): boolean {
  if (s.length > 253) return false;
  const labels = s.split('.');
  return labels.length >= 2 && labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
}

function isValidBucketName(s: string): boolean {
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

function cidrMessage(v: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(v);
  if (m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32) {
    const prefix = Number(m[5]);
    const ip = parseIp(m.slice(1, 5).join('.')) ?? 0;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return `'${v}' has host bits set; did you mean '${formatIp((ip & mask) >>> 0)}/${prefix}'?`;
  }
  return `'${v}' is not a valid IPv4 CIDR; use the form a.b.c.d/n, e.g. '10.20.0.0/22'`;
}

function azList(region: string): string {
  return (REGION_AZ_LETTERS[region] ?? []).map((l) => `${region}${l}`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// The checker of one environment

interface Vpc {
  readonly path: string;
  readonly cidr: string;
}

class Checker {
  readonly problems: ConfigProblem[] = [];
  /** Every VPC CIDR that parses, for the overlap check. */
  readonly vpcs: Vpc[] = [];
  orgCidr: string | undefined;
  segmentNames: string[] = [];
  hubRegions: string[] = [];

  constructor(private readonly environment: string) {}

  add(path: string, message: string): void {
    this.problems.push({ environment: this.environment, path, message });
  }

  /** Reports fields the type does not know (typos in plain-JS configs). */
  unknownFields(path: string, obj: Obj, known: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (known.includes(k)) continue;
      const near = nearest(k, known);
      this.add(
        field(path, k),
        near.length > 0 ? `is not a known field; did you mean ${orList(near)}?` : `is not a known field; remove it (known fields: ${known.join(', ')})`,
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
  distinctStrings(path: string, label: string, list: readonly unknown[], noun: string,
    each: (item: string, itemPath: string, index: number) => void): void {
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
    if (this.orgCidr !== undefined && !cidrContains(this.orgCidr, s)) {
      this.add(path, `'${s}' is outside organization.cidr '${this.orgCidr}'; pick a block inside it`);
    }
    return carvable ? s : undefined;
  }

  /** Availability zones of a VPC in `region` (undefined when the region itself is invalid). Returns the valid, distinct ones. */
  azs(path: string, v: unknown, region: string | undefined): string[] {
    const example = region !== undefined && (REGION_AZ_LETTERS[region]?.length ?? 0) >= 2 ? `['${region}${REGION_AZ_LETTERS[region][0]}', '${region}${REGION_AZ_LETTERS[region][1]}']` : "['us-east-1a', 'us-east-1b']";
    const list = this.array(path, v, `list at least 2 availability zones, e.g. ${example}`);
    if (list === undefined) return [];
    const valid: string[] = [];
    let distinct = 0;
    this.distinctStrings(path, path, list, 'zone', (item, p) => {
      distinct++;
      const m = AZ_NAME_RE.exec(item);
      if (!m) {
        if (KNOWN_REGIONS.includes(item)) {
          this.add(p, `'${item}' is a region, not an availability zone; use a zone such as '${item}a'`);
        } else if (AZ_ID_RE.test(item)) {
          this.add(p, `'${item}' is an AZ id; use the AZ name${region !== undefined ? ` (${azList(region)})` : ''}, by whose letter subnets are carved`);
        } else {
          this.add(p, `'${item}' is not an availability zone name; use a zone ${region !== undefined ? `of ${region} (${azList(region)})` : "such as 'us-east-1a'"}`);
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
    return valid;
  }
}

// ---------------------------------------------------------------------------------------------
// The checks, in the order of EnvironmentConfig

function validateOne(envInput: EnvironmentConfig, label: string | undefined): ConfigProblem[] {
  const raw: unknown = envInput;
  const name = isObject(raw) && typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
  const c = new Checker(label ?? name ?? '(unnamed)');
  try {
    if (!isObject(raw)) {
      c.add('environment', `must be an object, not ${describe(raw)}`);
      return c.problems;
    }
    const env = raw;
    c.unknownFields('', env, FIELDS.environment);
    c.dnsSafeName('name', env.name, 'environment');
    checkOrganization(c, env.organization);
    checkDeployRole(c, env.deployRoleName);
    checkTags(c, env.tags);
    checkState(c, env.state);
    checkSegments(c, env.segments);
    checkNetwork(c, env.network);
    const provider = checkProvider(c, env.provider);
    const consumers = checkConsumers(c, env.consumers);
    checkFlowLogRetention(c, env.flowLogRetentionDays);
    checkPrices(c, env.prices);
    checkSupportedRegionCoverage(c, provider, consumers);
    checkOverlaps(c);
  } catch (err) {
    // Defensive: a bug in a check must not hide the problems found so far.
    c.add('environment', `validation failed unexpectedly (${err instanceof Error ? err.message : String(err)}); please report this`);
  }
  return c.problems;
}

function checkOrganization(c: Checker, v: unknown): void {
  const org = c.object('organization', v, "give { id, managementAccountId, cidr }");
  if (!org) return;
  c.unknownFields('organization', org, FIELDS.organization);
  const id = c.string('organization.id', org.id, "use the AWS Organizations id, e.g. 'o-a1b2c3d4e5'");
  if (id !== undefined && !ORG_ID_RE.test(id)) {
    c.add('organization.id', `'${id}' is not an AWS Organizations id; use 'o-' followed by 10-32 lowercase letters or digits, e.g. 'o-a1b2c3d4e5'`);
  }
  c.accountId('organization.managementAccountId', org.managementAccountId);
  const cidr = c.string('organization.cidr', org.cidr, "give the aggregate CIDR every VPC lives in, e.g. '10.0.0.0/8'");
  if (cidr !== undefined) {
    if (parseCidr(cidr)) c.orgCidr = cidr;
    else c.add('organization.cidr', cidrMessage(cidr));
  }
}

function checkDeployRole(c: Checker, v: unknown): void {
  const role = c.string('deployRoleName', v, "give the IAM role name assumed in every account, e.g. 'privatelink-deploy'");
  if (role !== undefined && !IAM_ROLE_NAME_RE.test(role)) {
    c.add('deployRoleName', `'${role}' is not a valid IAM role name; use 1-64 letters, digits and + = , . @ _ - (no slashes or spaces)`);
  }
}

function checkTags(c: Checker, v: unknown): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    c.add('tags', `must be an object of tag names to values, not ${describe(v)}`);
    return;
  }
  for (const [k, value] of Object.entries(v)) {
    const p = key('tags', k);
    if (k.length === 0) c.add(p, 'an empty tag key is not allowed; give the tag a name of 1-128 characters');
    else if (k.length > 128) c.add(p, `the key is ${k.length} characters long; tag keys may have at most 128`);
    if (RESERVED_TAG_KEYS.includes(k)) {
      c.add(p, `'${k}' is set by the blueprint on every resource; remove it from tags`);
    } else if (k.toLowerCase().startsWith('aws:')) {
      c.add(p, `'${k}' starts with 'aws:', which AWS reserves; rename the tag`);
    } else if (!TAG_CHARS_RE.test(k)) {
      c.add(p, `'${k}' has characters AWS does not allow in tag keys; use letters, digits, spaces and _ . : / = + - @`);
    }
    if (typeof value !== 'string') {
      c.add(p, `must be a string, not ${describe(value)}`);
    } else if (value.length > 256) {
      c.add(p, `the value is ${value.length} characters long; tag values may have at most 256`);
    } else if (!TAG_CHARS_RE.test(value)) {
      c.add(p, `'${value}' has characters AWS does not allow in tag values; use letters, digits, spaces and _ . : / = + - @`);
    }
  }
}

function checkState(c: Checker, v: unknown): void {
  const state = c.object('state', v, "give { kind: 's3', bucket, region } or { kind: 'cloud', organization }");
  if (!state) return;
  const kind = state.kind;
  if (kind === 's3') {
    c.unknownFields('state', state, FIELDS.s3);
    const bucket = c.string('state.bucket', state.bucket, "give the name of the state bucket, e.g. 'acme-privatelink-tfstate'");
    if (bucket !== undefined && !isValidBucketName(bucket)) {
      c.add(
        'state.bucket',
        `'${bucket}' is not a valid S3 bucket name; use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, without '..' and not shaped like an IP address`,
      );
    }
    c.region('state.region', state.region);
    const prefix = c.optionalString('state.keyPrefix', state.keyPrefix);
    if (prefix !== undefined) {
      const trimmed = prefix.replace(/^\/+|\/+$/g, '');
      if (trimmed === '') c.add('state.keyPrefix', `'${prefix}' is empty; omit keyPrefix to use the environment name`);
      else if (trimmed !== prefix) c.add('state.keyPrefix', `'${prefix}' must not start or end with '/'; use '${trimmed}'`);
    }
    const kms = c.optionalString('state.kmsKeyId', state.kmsKeyId);
    if (kms !== undefined && !KMS_KEY_RE.test(kms)) {
      c.add('state.kmsKeyId', `'${kms}' is not a KMS key ARN, alias or key id; use e.g. 'alias/tfstate' or 'arn:aws:kms:us-east-1:123456789012:key/<key id>'`);
    }
    const role = c.optionalString('state.roleArn', state.roleArn);
    if (role !== undefined && !IAM_ROLE_ARN_RE.test(role)) {
      c.add('state.roleArn', `'${role}' is not an IAM role ARN; use 'arn:aws:iam::<12-digit account>:role/<role name>'`);
    }
  } else if (kind === 'cloud') {
    c.unknownFields('state', state, FIELDS.cloud);
    const org = c.string('state.organization', state.organization, 'give the Terraform Cloud organization name');
    if (org !== undefined && !TFC_NAME_RE.test(org)) {
      c.add('state.organization', `'${org}' is not a valid Terraform Cloud organization name; use letters, digits, '_' and '-'`);
    }
    const project = c.optionalString('state.project', state.project);
    if (project !== undefined && project.trim() === '') {
      c.add('state.project', "is empty; give the project name or omit project to use the organization's default project");
    }
    const prefix = c.optionalString('state.workspacePrefix', state.workspacePrefix);
    if (prefix !== undefined && !/^[A-Za-z0-9_-]*$/.test(prefix)) {
      c.add('state.workspacePrefix', `'${prefix}' has characters workspace names cannot hold; use letters, digits, '_' and '-'`);
    }
    const host = c.optionalString('state.hostname', state.hostname);
    if (host !== undefined && !isDnsName(host)) {
      c.add('state.hostname', `'${host}' is not a valid host name; use e.g. 'app.terraform.io' or your Terraform Enterprise host (no scheme or path)`);
    }
  } else if (kind === undefined) {
    c.add('state.kind', "is required; use 's3' or 'cloud'");
  } else {
    c.add('state.kind', `${show(kind)} is not a supported state backend; use 's3' or 'cloud'`);
  }
}

function checkSegments(c: Checker, v: unknown): void {
  const segments = c.object('segments', v, "give at least one segment, e.g. { prod: { spokeToSpoke: false } }");
  if (!segments) return;
  const names = Object.keys(segments);
  c.segmentNames = names;
  if (names.length === 0) c.add('segments', "has no segment; add at least one, e.g. { prod: { spokeToSpoke: false } }");
  for (const name of names) {
    const p = key('segments', name);
    if (name === RESERVED_SEGMENT) {
      c.add(p, `'${RESERVED_SEGMENT}' is reserved for the hub route table; choose another segment name`);
    } else if (!DNS_SAFE_RE.test(name)) {
      c.add(p, `'${name}' is not a DNS-safe segment name; ${DNS_SAFE_FIX}`);
    }
    const seg = segments[name];
    if (!isObject(seg)) {
      c.add(p, `must be an object such as { spokeToSpoke: false }, not ${describe(seg)}`);
      continue;
    }
    c.unknownFields(p, seg, FIELDS.segment);
    if (seg.spokeToSpoke !== undefined && typeof seg.spokeToSpoke !== 'boolean') {
      c.add(field(p, 'spokeToSpoke'), `must be true or false, not ${describe(seg.spokeToSpoke)}`);
    }
  }
}

function checkNetwork(c: Checker, v: unknown): void {
  const network = c.object('network', v, "give { accountId, hubs }");
  if (!network) return;
  c.unknownFields('network', network, FIELDS.network);
  c.accountId('network.accountId', network.accountId);
  if (network.shareWith !== undefined && network.shareWith !== 'organization' && network.shareWith !== 'accounts') {
    c.add('network.shareWith', `${show(network.shareWith)} is not a sharing mode; use 'organization' or 'accounts'`);
  }
  const hubs = c.object('network.hubs', network.hubs, "give one hub per region, e.g. { 'us-east-1': { cidr, azs, asn, endpointSets: {} } }");
  if (!hubs) return;
  const regions = Object.keys(hubs);
  if (regions.length === 0) c.add('network.hubs', "has no hub; add the hub of every consumer region, e.g. { 'us-east-1': { cidr, azs, asn, endpointSets: {} } }");
  const asnOwner = new Map<number, string>();
  for (const region of regions) {
    const p = key('network.hubs', region);
    const knownRegion = c.knownRegion(p, region);
    if (knownRegion !== undefined) c.hubRegions.push(knownRegion);
    const hub = c.object(p, hubs[region], 'give { cidr, azs, asn, endpointSets }');
    if (!hub) continue;
    c.unknownFields(p, hub, FIELDS.hub);
    c.vpcCidr(field(p, 'cidr'), hub.cidr);
    c.azs(field(p, 'azs'), hub.azs, knownRegion);
    checkAsn(c, field(p, 'asn'), hub.asn, asnOwner, p);
    checkEndpointSets(c, field(p, 'endpointSets'), hub.endpointSets);
  }
}

function checkAsn(c: Checker, path: string, v: unknown, owners: Map<number, string>, hubPath: string): void {
  const ranges = TGW_PRIVATE_ASN_RANGES.map(([lo, hi]) => `${lo}-${hi}`).join(' or ');
  if (v === undefined) {
    c.add(path, `is required; use a private ASN (${ranges}), distinct per hub`);
    return;
  }
  if (typeof v !== 'number') {
    c.add(path, `must be a number, not ${describe(v)}`);
    return;
  }
  if (!Number.isInteger(v) || !TGW_PRIVATE_ASN_RANGES.some(([lo, hi]) => v >= lo && v <= hi)) {
    c.add(path, `${v} is not a private ASN a Transit Gateway accepts; use ${ranges}`);
    return;
  }
  const owner = owners.get(v);
  if (owner !== undefined) {
    c.add(path, `${v} is also the ASN of ${owner}; peered Transit Gateways need distinct ASNs`);
    return;
  }
  owners.set(v, hubPath);
}

function checkEndpointSets(c: Checker, path: string, v: unknown): void {
  const sets = c.object(path, v, 'use {} for a hub without centralized endpoints');
  if (!sets) return;
  const serviceOwner = new Map<string, string>();
  for (const setName of Object.keys(sets)) {
    const p = key(path, setName);
    if (!DNS_SAFE_RE.test(setName)) c.add(p, `'${setName}' is not a DNS-safe endpoint set name; ${DNS_SAFE_FIX} (it names resources)`);
    const set = c.object(p, sets[setName], "give { services: ['sts', ...] }");
    if (!set) continue;
    c.unknownFields(p, set, FIELDS.endpointSet);
    const services = c.array(field(p, 'services'), set.services, "list AWS service short names, e.g. ['sts', 'ecr.api']");
    if (services) {
      if (services.length === 0) c.add(field(p, 'services'), "lists no service; add at least one, e.g. 'sts', or remove the endpoint set");
      c.distinctStrings(field(p, 'services'), 'services', services, 'service', (svc, sp) => {
        if (!INTERFACE_ENDPOINT_SERVICES.includes(svc)) {
          c.add(sp, unknownServiceMessage(svc));
          return;
        }
        const owner = serviceOwner.get(svc);
        if (owner !== undefined) {
          c.add(sp, `'${svc}' is also in endpoint set '${owner}'; a hub has one endpoint (and one private hosted zone) per service, so keep it in one set`);
          return;
        }
        serviceOwner.set(svc, setName);
      });
    }
    if (set.segments !== undefined) {
      const segs = c.array(field(p, 'segments'), set.segments, '');
      if (segs) {
        if (segs.length === 0) c.add(field(p, 'segments'), 'is empty, which gives these endpoints to no segment; list segments or omit segments for every segment');
        c.distinctStrings(field(p, 'segments'), 'segments', segs, 'segment', (s, sp) => {
          if (!c.segmentNames.includes(s)) c.add(sp, unknownSegmentMessage(c, s));
        });
      }
    }
    if (set.policy !== undefined) checkPolicy(c, field(p, 'policy'), set.policy);
  }
}

function unknownServiceMessage(svc: string): string {
  const full = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(svc);
  if (full && INTERFACE_ENDPOINT_SERVICES.includes(full[1])) return `'${svc}' is a full service name; use the short name '${full[1]}'`;
  const near = nearest(svc, INTERFACE_ENDPOINT_SERVICES);
  return near.length > 0
    ? `'${svc}' is not a known interface endpoint service; did you mean ${orList(near)}?`
    : `'${svc}' is not a known interface endpoint service; use a short name as in com.amazonaws.<region>.<name>, e.g. 'sts' or 'ecr.api' (see lib/aws/catalog.ts)`;
}

function unknownSegmentMessage(c: Checker, s: string): string {
  return c.segmentNames.length > 0 ? `'${s}' is not a segment; use one of ${quoteList(c.segmentNames)} (the keys of segments)` : `'${s}' is not a segment; define it in segments first`;
}

function checkPolicy(c: Checker, path: string, v: unknown): void {
  if (typeof v !== 'string') {
    c.add(path, `must be a JSON string (e.g. JSON.stringify({ Version: '2012-10-17', Statement: [...] })), not ${describe(v)}`);
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(v);
  } catch {
    c.add(path, "is not valid JSON; give a policy document as a JSON string, e.g. JSON.stringify({ Version: '2012-10-17', Statement: [...] })");
    return;
  }
  const statement = isObject(doc) ? doc.Statement : undefined;
  if (!(isObject(statement) || (Array.isArray(statement) && statement.length > 0))) {
    c.add(path, 'has no Statement; an endpoint policy document needs a non-empty "Statement"');
  }
}

interface ProviderFacts {
  readonly region: string | undefined;
  /** Explicit supportedRegions entries that are valid, or undefined when the default applies. */
  readonly supportedRegions: readonly string[] | undefined;
}

function checkProvider(c: Checker, v: unknown): ProviderFacts {
  const provider = c.object('provider', v, 'give { accountId, region, cidr, azs, service }');
  if (!provider) return { region: undefined, supportedRegions: undefined };
  c.unknownFields('provider', provider, FIELDS.provider);
  c.accountId('provider.accountId', provider.accountId);
  const account = typeof provider.accountId === 'string' && ACCOUNT_RE.test(provider.accountId) ? provider.accountId : undefined;
  const region = c.region('provider.region', provider.region);
  const cidr = c.vpcCidr('provider.cidr', provider.cidr);
  const azs = c.azs('provider.azs', provider.azs, region);
  const service = c.object('provider.service', provider.service, 'give { name, listeners, targets }');
  if (!service) return { region, supportedRegions: undefined };
  const p = 'provider.service';
  c.unknownFields(p, service, FIELDS.service);
  c.dnsSafeName(field(p, 'name'), service.name, 'service');
  checkListeners(c, field(p, 'listeners'), service.listeners, region, account);
  checkTargets(c, field(p, 'targets'), service.targets, typeof provider.cidr === 'string' && parseCidr(provider.cidr) ? provider.cidr : undefined, cidr, azs);

  const privateDns = c.optionalString(field(p, 'privateDnsName'), service.privateDnsName);
  if (privateDns !== undefined && !isDnsName(privateDns)) {
    c.add(field(p, 'privateDnsName'), `'${privateDns}' is not a valid DNS name; use a lowercase name such as 'orders.example.com' (labels of letters, digits and hyphens, no trailing dot)`);
  }
  const zone = c.optionalString(field(p, 'verificationZoneId'), service.verificationZoneId);
  if (zone !== undefined) {
    if (service.privateDnsName === undefined) {
      c.add(field(p, 'verificationZoneId'), `is only used with privateDnsName; remove it or set ${field(p, 'privateDnsName')}`);
    }
    if (!HOSTED_ZONE_ID_RE.test(zone)) {
      c.add(field(p, 'verificationZoneId'), `'${zone}' is not a Route 53 hosted zone id; use the id of the public zone, e.g. 'Z0123456789ABCDEFGHIJ' (without '/hostedzone/')`);
    }
  }
  const consumerDns = c.optionalString(field(p, 'consumerDnsName'), service.consumerDnsName);
  if (consumerDns !== undefined) {
    if (!isDnsName(consumerDns)) {
      c.add(field(p, 'consumerDnsName'), `'${consumerDns}' is not a valid DNS name; use a lowercase name such as 'orders.internal' (labels of letters, digits and hyphens, no trailing dot)`);
    }
    if (service.privateDnsName !== undefined) {
      c.add(field(p, 'consumerDnsName'), 'is only used when the service has no privateDnsName; remove one of them');
    }
  }

  let supported: string[] | undefined;
  if (service.supportedRegions !== undefined) {
    const list = c.array(field(p, 'supportedRegions'), service.supportedRegions, '');
    if (list) {
      supported = [];
      c.distinctStrings(field(p, 'supportedRegions'), 'supportedRegions', list, 'region', (r, rp) => {
        if (c.knownRegion(rp, r) === undefined) return;
        if (r === region) {
          c.add(rp, `'${r}' is the provider's own region, which is always supported; remove it`);
          return;
        }
        supported!.push(r);
      });
    }
  }
  return { region, supportedRegions: supported };
}

function checkListeners(c: Checker, path: string, v: unknown, region: string | undefined, account: string | undefined): void {
  const listeners = c.array(path, v, "give at least one listener, e.g. [{ port: 443, protocol: 'TCP' }]");
  if (!listeners) return;
  if (listeners.length === 0) c.add(path, "lists no listener; add at least one, e.g. { port: 443, protocol: 'TCP' }");
  const ports = new Map<number, number>();
  listeners.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const l = c.object(p, item, "give { port, protocol }");
    if (!l) return;
    c.unknownFields(p, l, FIELDS.listener);
    const port = l.port;
    if (port === undefined) {
      c.add(field(p, 'port'), 'is required; use a port from 1 to 65535');
    } else if (typeof port !== 'number') {
      c.add(field(p, 'port'), `must be a number, not ${describe(port)}`);
    } else if (!Number.isInteger(port) || port < 1 || port > 65535) {
      c.add(field(p, 'port'), `${port} is not a valid port; use an integer from 1 to 65535`);
    } else if (ports.has(port)) {
      c.add(field(p, 'port'), `${port} is also the port of ${path}[${ports.get(port)}]; each listener needs its own port`);
    } else {
      ports.set(port, i);
    }
    const protocol = l.protocol ?? 'TCP';
    if (protocol !== 'TCP' && protocol !== 'TLS') {
      c.add(field(p, 'protocol'), `${show(protocol)} is not supported; use 'TCP' or 'TLS'`);
      return;
    }
    const certPath = field(p, 'certificateArn');
    if (protocol === 'TCP') {
      if (l.certificateArn !== undefined) c.add(certPath, "is only used with protocol 'TLS'; remove it or set protocol: 'TLS'");
      return;
    }
    const where = `${region ?? "the provider's region"} of ${account !== undefined ? `account ${account}` : 'the provider account'}`;
    const cert = c.string(certPath, l.certificateArn, `protocol 'TLS' needs the ARN of an ACM certificate in ${where}`);
    if (cert === undefined) return;
    const m = ACM_ARN_RE.exec(cert);
    if (!m) {
      c.add(certPath, `'${cert}' is not an ACM certificate ARN; use 'arn:aws:acm:<region>:<account>:certificate/<id>' of a certificate in ${where}`);
      return;
    }
    if (region !== undefined && m[1] !== region) {
      c.add(certPath, `'${cert}' is in ${m[1]}; the load balancer needs a certificate in the provider's region ${region}`);
    }
    if (account !== undefined && m[2] !== account) {
      c.add(certPath, `'${cert}' belongs to account ${m[2]}; the load balancer can only use certificates of the provider account ${account}`);
    }
  });
}

/**
 * @param parsedCidr the provider CIDR when it parses (for containment)
 * @param carvable the provider CIDR when AZ subnets can be carved from it
 */
function checkTargets(c: Checker, path: string, v: unknown, parsedCidr: string | undefined, carvable: string | undefined, azs: readonly string[]): void {
  const targets = c.array(path, v, 'list the IP addresses of the service inside the provider VPC');
  if (!targets) return;
  if (targets.length === 0) c.add(path, 'lists no target; add at least one IP address inside the provider VPC');
  const subnets = carvable !== undefined ? azs.filter((az) => azSlot(az) !== undefined).map((az) => ({ az, cidr: azSubnetCidr(carvable, az) })) : [];
  const seen = new Map<string, number>();
  targets.forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (typeof t !== 'string') {
      c.add(p, `must be a string, not ${describe(t)}`);
      return;
    }
    const ip = parseIp(t);
    if (ip === undefined) {
      c.add(p, `'${t}' is not a valid IPv4 address; use an address inside the provider VPC${parsedCidr !== undefined ? ` ('${parsedCidr}')` : ''}`);
      return;
    }
    const first = seen.get(t);
    if (first !== undefined) {
      c.add(p, `'${t}' is listed twice (also targets[${first}]); list each target once`);
      return;
    }
    seen.set(t, i);
    if (parsedCidr === undefined) return;
    if (!cidrContainsIp(parsedCidr, t)) {
      c.add(p, `'${t}' is outside provider.cidr '${parsedCidr}'; targets must be addresses in the provider VPC`);
      return;
    }
    if (subnets.length === 0) return;
    const subnet = subnets.find((s) => cidrContainsIp(s.cidr, t));
    if (!subnet) {
      c.add(p, `'${t}' is in no subnet of the provider's zones (${subnets.map((s) => `${s.az} ${s.cidr}`).join(', ')}); use an address inside one of them`);
      return;
    }
    const sub = parseCidr(subnet.cidr)!;
    const offset = ip - sub.network;
    const size = 2 ** (32 - sub.prefix);
    if (offset < 4 || offset === size - 1) {
      c.add(p, `'${t}' is reserved by AWS in subnet ${subnet.cidr} (${subnet.az}: the first four addresses and the last); use another address`);
    }
  });
}

interface ConsumerFacts {
  readonly path: string;
  readonly name: string;
  readonly region: string | undefined;
}

function checkConsumers(c: Checker, v: unknown): ConsumerFacts[] {
  const list = c.array('consumers', v, 'list the consumer accounts, or [] for none');
  if (!list) return [];
  // Name-keyed paths only for DNS-safe names used once, so every path is unambiguous.
  const counts = new Map<string, number>();
  for (const item of list) {
    if (isObject(item) && typeof item.name === 'string') counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  }
  const firstIndexOfName = new Map<string, number>();
  const facts: ConsumerFacts[] = [];
  list.forEach((item, i) => {
    const nameValue = isObject(item) ? item.name : undefined;
    const keyed = typeof nameValue === 'string' && DNS_SAFE_RE.test(nameValue) && counts.get(nameValue) === 1;
    const p = keyed ? key('consumers', nameValue) : `consumers[${i}]`;
    const consumer = c.object(p, item, 'give { name, accountId, region, cidr, azs, segment }');
    if (!consumer) return;
    c.unknownFields(p, consumer, FIELDS.consumer);
    const name = c.dnsSafeName(field(p, 'name'), consumer.name, 'consumer');
    if (typeof consumer.name === 'string') {
      const first = firstIndexOfName.get(consumer.name);
      if (first !== undefined) {
        c.add(field(p, 'name'), `'${consumer.name}' is also the name of consumers[${first}]; consumer names must be unique (they key stacks and resources)`);
      } else {
        firstIndexOfName.set(consumer.name, i);
      }
    }
    c.accountId(field(p, 'accountId'), consumer.accountId);
    const region = c.region(field(p, 'region'), consumer.region);
    if (region !== undefined && !c.hubRegions.includes(region)) {
      c.add(
        field(p, 'region'),
        `'${region}' has no hub; add network.hubs["${region}"]${c.hubRegions.length > 0 ? ` or move the consumer to a hub region (${quoteList(c.hubRegions)})` : ''}`,
      );
    }
    c.vpcCidr(field(p, 'cidr'), consumer.cidr);
    c.azs(field(p, 'azs'), consumer.azs, region);
    const segment = c.string(field(p, 'segment'), consumer.segment, c.segmentNames.length > 0 ? `use one of ${quoteList(c.segmentNames)} (the keys of segments)` : 'define a segment in segments and name it here');
    if (segment !== undefined && !c.segmentNames.includes(segment)) c.add(field(p, 'segment'), unknownSegmentMessage(c, segment));
    const gb = consumer.expectedGbPerMonth;
    if (gb !== undefined) {
      if (typeof gb !== 'number') c.add(field(p, 'expectedGbPerMonth'), `must be a number, not ${describe(gb)}`);
      else if (!Number.isFinite(gb) || gb < 0) c.add(field(p, 'expectedGbPerMonth'), `${gb} is not a valid amount; use a finite number of GB >= 0`);
    }
    facts.push({ path: p, name: name ?? (typeof consumer.name === 'string' ? consumer.name : p), region: region !== undefined && c.hubRegions.includes(region) ? region : undefined });
  });
  return facts;
}

function checkFlowLogRetention(c: Checker, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number') {
    c.add('flowLogRetentionDays', `must be a number, not ${describe(v)}`);
  } else if (!CLOUDWATCH_LOG_RETENTION_DAYS.includes(v)) {
    c.add('flowLogRetentionDays', `${v} is not a retention period CloudWatch Logs accepts; use one of ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`);
  }
}

function checkPrices(c: Checker, v: unknown): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    c.add('prices', `must be an object of price overrides by region, not ${describe(v)}`);
    return;
  }
  for (const region of Object.keys(v)) {
    const p = key('prices', region);
    c.knownRegion(p, region);
    const overrides = c.object(p, v[region], 'give price overrides such as { nlbHour: 0.0225 }');
    if (!overrides) continue;
    c.unknownFields(p, overrides, PRICE_FIELDS);
    for (const f of PRICE_FIELDS) {
      const price = overrides[f];
      if (price === undefined) continue;
      if (typeof price !== 'number') c.add(field(p, f), `must be a number, not ${describe(price)}`);
      else if (!Number.isFinite(price) || price < 0) c.add(field(p, f), `${price} is not a valid price; use a finite number of USD >= 0`);
    }
  }
}

/** Every consumer region other than the provider's must be a supported region of the service. */
function checkSupportedRegionCoverage(c: Checker, provider: ProviderFacts, consumers: readonly ConsumerFacts[]): void {
  // The default (every hub region) covers every consumer region that has a hub, and a consumer
  // region without a hub is already reported; only an explicit list can miss a region.
  if (provider.supportedRegions === undefined || provider.region === undefined) return;
  const missing = new Map<string, string[]>();
  for (const consumer of consumers) {
    if (consumer.region === undefined || consumer.region === provider.region || provider.supportedRegions.includes(consumer.region)) continue;
    missing.set(consumer.region, [...(missing.get(consumer.region) ?? []), consumer.name]);
  }
  for (const [region, names] of missing) {
    c.add(
      'provider.service.supportedRegions',
      `does not include '${region}', the region of consumer${names.length === 1 ? '' : 's'} ${quoteList(names)}; add '${region}' so ${names.length === 1 ? 'it' : 'they'} can connect through cross-region PrivateLink`,
    );
  }
}

/** Every pair of VPCs (hubs, provider, consumers) whose CIDRs overlap, reported once on the later one. */
function checkOverlaps(c: Checker): void {
  for (let j = 0; j < c.vpcs.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = c.vpcs[i];
      const b = c.vpcs[j];
      if (cidrsOverlap(a.cidr, b.cidr)) {
        c.add(b.path, `'${b.cidr}' overlaps ${a.path} '${a.cidr}'; give every VPC of the environment its own address range`);
      }
    }
  }
}
