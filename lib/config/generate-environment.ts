/**
 * Generates large, valid environments from the real config types, for benchmarks and
 * scale tests: N consumer accounts spread over R hub regions with S centralized services, and a
 * service catalog of published, external and resource services, each consumer consuming
 * `consumesPerConsumer` of them. Generated environments live in memory only (never under
 * `environments/`).
 *
 * Layout inside the organization CIDR 10.0.0.0/8 (non-overlapping by construction):
 * - hub of region i:            10.0.(8*i).0/21   (i < 32)
 * - published service j:        10.1.(4*j).0/22   (j < 64)
 * - resource service j:         10.2.(4*j).0/22   (j < 64)
 * - consumer k:                 the (k/2)-th /22 of its segment's /12 (k < 2048)
 * Published and resource services go round-robin over the hub regions and over 5 owner
 * accounts; consumers take one published service, one external service and the resource of
 * their own region (or another published service), in that order, up to `consumesPerConsumer`.
 * AZs are ids (`use1-az1`) of regions in `lib/aws/catalog.ts`; every account id is 12 digits; 2
 * segments (`prod` in 10.16.0.0/12 isolated, `nonprod` in 10.32.0.0/12 with spoke-to-spoke), consumers
 * alternating between them and packed into their segment's range. A hub with 300 spokes or more
 * resolves through Route 53 Profiles (`dns`, default `auto`), so every size validates.
 */
import type { ConsumerConfig, DnsMode, EndpointSetConfig, EnvironmentConfig, HubConfig, ServiceConfig } from './types';
import { INTERFACE_ENDPOINT_SERVICES, REGION_AZ_LETTERS, azIdPrefix } from '../aws/catalog';
import { azSubnetCidr, cidrSubnet, formatIp, parseCidr } from '../net/cidr';

export interface GenerateEnvironmentOptions {
  /** Number of consumer accounts (one spoke VPC and one stack each). */
  readonly consumers: number;
  /** Hub regions: a count (taken from {@link PREFERRED_REGIONS}) or explicit region names. @default 3 */
  readonly regions?: number | readonly string[];
  /** Centralized interface-endpoint services per hub: a count (from {@link PREFERRED_SERVICES}) or names. @default 10 */
  readonly services?: number | readonly string[];
  /** Environment name (prefix of every stack id). @default 'bench' */
  readonly name?: string;
  /** Published (in-organization) services. @default 1 */
  readonly published?: number;
  /** External (SaaS) services, each with a service name in every hub region. @default 0 */
  readonly external?: number;
  /** Shared VPC resources. @default 0 */
  readonly resources?: number;
  /** Services each consumer consumes (at most one of each kind, then more published ones). @default 1 */
  readonly consumesPerConsumer?: number;
  /**
   * How spokes resolve the hubs' endpoint names: a DNS mode for every hub, or `auto`: Route 53
   * Profiles for a hub whose region has {@link PROFILES_FROM_SPOKES} spokes or more (a hub zone would
   * need more than the 300 VPCs a private hosted zone takes, the hub VPC included), zone
   * associations for the others. @default 'auto'
   */
  readonly dns?: DnsMode | 'auto';
}

/** Spokes of a region from which `dns: 'auto'` gives its hub Route 53 Profiles: with the hub VPC, one zone past 300 VPCs. */
export const PROFILES_FROM_SPOKES = 300;

/** The catalog the benchmark uses: 20 published, 5 external and 5 resource services, 3 per consumer. */
export const BENCH_CATALOG = { published: 20, external: 5, resources: 5, consumesPerConsumer: 3 } as const;

/** Regions in the order a generated environment uses them. */
export const PREFERRED_REGIONS: readonly string[] = [
  'us-east-1',
  'eu-west-1',
  'ap-southeast-2',
  'us-west-2',
  'eu-central-1',
  'ap-northeast-1',
  'us-east-2',
  'eu-west-2',
  'ap-south-1',
  'sa-east-1',
  'ca-central-1',
  'eu-north-1',
];

/** Centralized services in the order a generated environment uses them. */
export const PREFERRED_SERVICES: readonly string[] = [
  'sts',
  'ecr.api',
  'ecr.dkr',
  's3',
  'logs',
  'kms',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'secretsmanager',
  'monitoring',
  'sqs',
  'dynamodb',
  'kinesis-streams',
];

export const ORGANIZATION_CIDR = '10.0.0.0/8';
const HUB_BLOCK = '10.0.0.0/16'; // 32 hubs of /21
const PUBLISHED_BLOCK = '10.1.0.0/16'; // 64 services of /22
const RESOURCE_BLOCK = '10.2.0.0/16'; // 64 resources of /22
const OWNER_ACCOUNTS = 5;
const CONSUMER_PREFIX = 22;
/** Each segment's range; consumers of a segment are packed into it. */
const SEGMENT_BLOCK_PREFIX = 12;
/** How many /22 consumer blocks fit between 10.16.0.0 and the end of 10.0.0.0/8. */
export const SEGMENTS = {
  prod: { cidrs: ['10.16.0.0/12'], spokeToSpoke: false },
  nonprod: { cidrs: ['10.32.0.0/12'], spokeToSpoke: true },
} as const;
/** Consumers alternate between the segments; each segment's /12 holds 1,024 consumer /22s. */
export const MAX_GENERATED_CONSUMERS = Object.keys(SEGMENTS).length * 2 ** (CONSUMER_PREFIX - SEGMENT_BLOCK_PREFIX);
const SEGMENT_ORDER = ['prod', 'nonprod'] as const;

function pick(kind: string, spec: number | readonly string[], preferred: readonly string[], known: readonly string[]): string[] {
  if (typeof spec !== 'number') return [...spec];
  if (!Number.isInteger(spec) || spec < 1) throw new Error(`generateEnvironment: ${kind} must be a positive integer, got ${spec}`);
  const pool = [...preferred.filter((x) => known.includes(x)), ...known.filter((x) => !preferred.includes(x))];
  if (spec > pool.length) throw new Error(`generateEnvironment: at most ${pool.length} ${kind} are available, asked for ${spec}`);
  return pool.slice(0, spec);
}

function letters(region: string): readonly string[] {
  const l = REGION_AZ_LETTERS[region];
  if (!l || l.length < 2) throw new Error(`generateEnvironment: region '${region}' is not in lib/aws/catalog.ts with at least 2 AZs`);
  return l;
}

function accountId(n: number): string {
  const id = String(n);
  if (id.length !== 12) throw new Error(`generateEnvironment: account id ${id} is not 12 digits`);
  return id;
}

/** The segment of consumer k: they alternate. */
export function consumerSegment(k: number): keyof typeof SEGMENTS {
  return SEGMENT_ORDER[k % SEGMENT_ORDER.length];
}

/** The /22 of consumer k, packed inside its segment's range. */
export function consumerCidr(k: number): string {
  const base = parseCidr(SEGMENTS[consumerSegment(k)].cidrs[0])!.network;
  const index = Math.floor(k / SEGMENT_ORDER.length);
  return `${formatIp((base + index * 2 ** (32 - CONSUMER_PREFIX)) >>> 0)}/${CONSUMER_PREFIX}`;
}

/** The first `n` AZ ids of a region (`use1-az1`, ...): ids name the same zones in every account. */
function azIds(region: string, n: number): string[] {
  return letters(region)
    .slice(0, n)
    .map((_, i) => `${azIdPrefix(region)}-az${i + 1}`);
}

/** A valid environment with `consumers` consumer accounts; deterministic for the same options. */
export function generateEnvironment(options: GenerateEnvironmentOptions): EnvironmentConfig {
  const count = options.consumers;
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateEnvironment: consumers must be an integer >= 0, got ${count}`);
  if (count > MAX_GENERATED_CONSUMERS)
    throw new Error(`generateEnvironment: at most ${MAX_GENERATED_CONSUMERS} consumers fit in the segments' ranges, asked for ${count}`);
  const name = options.name ?? 'bench';
  const regions = pick('regions', options.regions ?? 3, PREFERRED_REGIONS, Object.keys(REGION_AZ_LETTERS));
  if (regions.length > 32) throw new Error(`generateEnvironment: at most 32 hub regions fit in ${HUB_BLOCK}`);
  const services = pick('services', options.services ?? 10, PREFERRED_SERVICES, INTERFACE_ENDPOINT_SERVICES);

  // Two endpoint sets as in prod: `core` for every segment, `data` (the last ~40%) for prod only.
  const coreCount = Math.max(1, Math.ceil(services.length * 0.6));
  const endpointSets: Record<string, EndpointSetConfig> = { core: { services: services.slice(0, coreCount) } };
  if (services.length > coreCount) endpointSets.data = { services: services.slice(coreCount), segments: ['prod'] };

  const dns = options.dns ?? 'auto';
  const spokesIn = (i: number) => Math.floor(count / regions.length) + (i < count % regions.length ? 1 : 0);
  const hubs: Record<string, HubConfig> = {};
  regions.forEach((region, i) => {
    hubs[region] = {
      cidr: cidrSubnet(HUB_BLOCK, 5, i),
      azs: azIds(region, 3),
      asn: 64512 + i,
      endpointSets,
      ...(dns === 'auto' && spokesIn(i) >= PROFILES_FROM_SPOKES ? { dns: 'profiles' as const } : {}),
    };
  });

  const intOption = (n: number | undefined, fallback: number, kind: string, max: number): number => {
    const v = n ?? fallback;
    if (!Number.isInteger(v) || v < 0 || v > max)
      throw new Error(`generateEnvironment: ${kind} must be an integer from 0 to ${max}, got ${v}`);
    return v;
  };
  const publishedCount = intOption(options.published, 1, 'published', 64);
  const externalCount = intOption(options.external, 0, 'external', 1000);
  const resourceCount = intOption(options.resources, 0, 'resources', 64);
  const perConsumer = intOption(options.consumesPerConsumer, 1, 'consumesPerConsumer', publishedCount + externalCount + resourceCount);
  const ownerAccount = (j: number) => accountId(100000000010 + (j % OWNER_ACCOUNTS));
  const ownedVpc = (block: string, j: number) => {
    const region = regions[j % regions.length];
    // Two zones every consumer of the region also uses, none that cross-region PrivateLink excludes.
    const azs = azIds(region, 2);
    const cidr = cidrSubnet(block, 6, j);
    return { accountId: ownerAccount(j), region, cidr, azs, first: formatIp(parseCidr(azSubnetCidr(cidr, azs[0]))!.network + 10) };
  };

  const catalog: Record<string, ServiceConfig> = {};
  const published: string[] = [];
  for (let j = 0; j < publishedCount; j++) {
    const { first, ...vpc } = ownedVpc(PUBLISHED_BLOCK, j);
    const name = `svc-${String(j + 1).padStart(2, '0')}`;
    published.push(name);
    catalog[name] = { kind: 'published', ...vpc, listeners: [{ port: 443, protocol: 'TCP' }], targets: [first] };
  }
  const external: string[] = [];
  for (let j = 0; j < externalCount; j++) {
    const name = `saas-${String(j + 1).padStart(2, '0')}`;
    external.push(name);
    const serviceNames: Record<string, string> = {};
    regions.forEach((region, i) => {
      serviceNames[region] = `com.amazonaws.vpce.${region}.vpce-svc-${(j * 64 + i).toString(16).padStart(17, '0')}`;
    });
    catalog[name] = {
      kind: 'external',
      vendor: `Vendor ${j + 1}`,
      serviceNames,
      ports: [443],
      dns: { zoneName: `${name}.vendor.example`, records: ['', '*'] },
    };
  }
  const resourceByRegion = new Map<string, string[]>();
  for (let j = 0; j < resourceCount; j++) {
    const { first, ...vpc } = ownedVpc(RESOURCE_BLOCK, j);
    const name = `db-${String(j + 1).padStart(2, '0')}`;
    resourceByRegion.set(vpc.region, [...(resourceByRegion.get(vpc.region) ?? []), name]);
    catalog[name] = { kind: 'resource', ...vpc, resource: { ipAddress: first }, portRanges: ['5432'] };
  }

  const width = Math.max(3, String(count).length);
  const consumers: ConsumerConfig[] = [];
  for (let k = 0; k < count; k++) {
    const region = regions[k % regions.length];
    // The zones of every service of the region: an endpoint is placed only where the service is.
    const azs = k % 2 === 0 ? azIds(region, 2) : azIds(region, 2).reverse();
    const local = resourceByRegion.get(region) ?? [];
    const wanted = [
      published.length > 0 ? published[k % published.length] : undefined,
      external.length > 0 ? external[k % external.length] : undefined,
      local.length > 0 ? local[Math.floor(k / regions.length) % local.length] : undefined,
      ...published.map((_, i) => published[(k + 1 + i) % published.length]),
    ].filter((x): x is string => x !== undefined);
    consumers.push({
      name: `team-${String(k + 1).padStart(width, '0')}`,
      accountId: accountId(300000000000 + k),
      region,
      cidr: consumerCidr(k),
      azs,
      segment: consumerSegment(k),
      consumes: [...new Set(wanted)].slice(0, perConsumer),
      expectedGbPerMonth: 100 + (k % 7) * 50,
    });
  }

  return {
    name,
    organization: { id: 'o-b3nchm4rk01', managementAccountId: accountId(100000000001), cidr: ORGANIZATION_CIDR },
    deployRoleName: 'privatelink-deploy',
    tags: { owner: 'platform-network', 'cost-center': 'cc-1234', generated: 'lib/config/generate-environment' },
    state: { kind: 's3', bucket: `acme-privatelink-tfstate-${name}`, region: regions[0] },
    segments: SEGMENTS,
    network: { accountId: accountId(100000000002), shareWith: 'organization', ...(dns === 'auto' ? {} : { dns }), hubs },
    services: catalog,
    consumers,
  };
}
