/**
 * Generates large, valid environments from the real config types, for benchmarks and
 * scale tests: N consumer accounts spread over R hub regions with S centralized services.
 * Generated environments live in memory only (never under `environments/`).
 *
 * Layout inside the organization CIDR 10.0.0.0/8 (non-overlapping by construction):
 * - hub of region i:        10.0.(8*i).0/21   (i < 32)
 * - service provider:       10.1.0.0/21
 * - consumer k:             10.16.0.0/22 + k*1024 addresses (k < 15360)
 * AZs come from `lib/aws/catalog.ts`; every id is 12 digits and distinct; 2 segments
 * (`prod` isolated, `nonprod` with spoke-to-spoke), consumers alternating between them.
 */
import type { ConsumerConfig, EndpointSetConfig, EnvironmentConfig, HubConfig } from './types';
import { INTERFACE_ENDPOINT_SERVICES, REGION_AZ_LETTERS } from '../aws/catalog';
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
}

/** Regions in the order a generated environment uses them. */
export const PREFERRED_REGIONS: readonly string[] = [
  'us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1', 'ap-northeast-1',
  'us-east-2', 'eu-west-2', 'ap-south-1', 'sa-east-1', 'ca-central-1', 'eu-north-1',
];

/** Centralized services in the order a generated environment uses them. */
export const PREFERRED_SERVICES: readonly string[] = [
  'sts', 'ecr.api', 'ecr.dkr', 's3', 'logs', 'kms', 'ssm', 'ssmmessages', 'ec2messages', 'secretsmanager',
  'monitoring', 'sqs', 'dynamodb', 'kinesis-streams',
];

export const ORGANIZATION_CIDR = '10.0.0.0/8';
const HUB_BLOCK = '10.0.0.0/16'; // 32 hubs of /21
const PROVIDER_CIDR = '10.1.0.0/21';
const CONSUMER_BASE = '10.16.0.0';
const CONSUMER_PREFIX = 22;
/** How many /22 consumer blocks fit between 10.16.0.0 and the end of 10.0.0.0/8. */
export const MAX_GENERATED_CONSUMERS = ((0x0affffff - 0x0a100000 + 1) / 2 ** (32 - CONSUMER_PREFIX));

export const SEGMENTS = { prod: { spokeToSpoke: false }, nonprod: { spokeToSpoke: true } } as const;
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

/** The /22 of consumer k. */
export function consumerCidr(k: number): string {
  const base = parseCidr(`${CONSUMER_BASE}/${CONSUMER_PREFIX}`)!.network;
  return `${formatIp((base + k * 2 ** (32 - CONSUMER_PREFIX)) >>> 0)}/${CONSUMER_PREFIX}`;
}

/** A valid environment with `consumers` consumer accounts; deterministic for the same options. */
export function generateEnvironment(options: GenerateEnvironmentOptions): EnvironmentConfig {
  const count = options.consumers;
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateEnvironment: consumers must be an integer >= 0, got ${count}`);
  if (count > MAX_GENERATED_CONSUMERS) throw new Error(`generateEnvironment: at most ${MAX_GENERATED_CONSUMERS} consumers fit in ${ORGANIZATION_CIDR}, asked for ${count}`);
  const name = options.name ?? 'bench';
  const regions = pick('regions', options.regions ?? 3, PREFERRED_REGIONS, Object.keys(REGION_AZ_LETTERS));
  if (regions.length > 32) throw new Error(`generateEnvironment: at most 32 hub regions fit in ${HUB_BLOCK}`);
  const services = pick('services', options.services ?? 10, PREFERRED_SERVICES, INTERFACE_ENDPOINT_SERVICES);

  // Two endpoint sets as in prod: `core` for every segment, `data` (the last ~40%) for prod only.
  const coreCount = Math.max(1, Math.ceil(services.length * 0.6));
  const endpointSets: Record<string, EndpointSetConfig> = { core: { services: services.slice(0, coreCount) } };
  if (services.length > coreCount) endpointSets.data = { services: services.slice(coreCount), segments: ['prod'] };

  const hubs: Record<string, HubConfig> = {};
  regions.forEach((region, i) => {
    hubs[region] = {
      cidr: cidrSubnet(HUB_BLOCK, 5, i),
      azs: letters(region).slice(0, 3).map((l) => `${region}${l}`),
      asn: 64512 + i,
      endpointSets,
    };
  });

  const providerRegion = regions[0];
  const providerAzs = letters(providerRegion).slice(0, 3).map((l) => `${providerRegion}${l}`);
  const targets = providerAzs.map((az) => {
    const subnet = parseCidr(azSubnetCidr(PROVIDER_CIDR, az))!;
    return formatIp(subnet.network + 10);
  });

  const width = Math.max(3, String(count).length);
  const consumers: ConsumerConfig[] = [];
  for (let k = 0; k < count; k++) {
    const region = regions[k % regions.length];
    const l = letters(region);
    const azs = [l[k % l.length], l[(k + 1) % l.length]].map((x) => `${region}${x}`);
    consumers.push({
      name: `team-${String(k + 1).padStart(width, '0')}`,
      accountId: accountId(300000000000 + k),
      region,
      cidr: consumerCidr(k),
      azs,
      segment: SEGMENT_ORDER[k % SEGMENT_ORDER.length],
      expectedGbPerMonth: 100 + (k % 7) * 50,
    });
  }

  return {
    name,
    organization: { id: 'o-b3nchm4rk01', managementAccountId: accountId(100000000001), cidr: ORGANIZATION_CIDR },
    deployRoleName: 'privatelink-deploy',
    tags: { owner: 'platform-network', 'cost-center': 'cc-1234', generated: 'lib/config/generate-environment' },
    state: { kind: 's3', bucket: `acme-privatelink-tfstate-${name}`, region: providerRegion },
    segments: SEGMENTS,
    network: { accountId: accountId(100000000002), shareWith: 'organization', hubs },
    provider: {
      accountId: accountId(100000000003),
      region: providerRegion,
      cidr: PROVIDER_CIDR,
      azs: providerAzs,
      service: {
        name: 'payments',
        listeners: [{ port: 443, protocol: 'TCP' }],
        targets,
      },
    },
    consumers,
  };
}
