/**
 * The dated default price table and the per-region overrides laid over it.
 *
 * The table's fields are exactly those of `PriceOverrides` (lib/config/types.ts): the compiler
 * checks it (`satisfies Required<PriceOverrides>`), so a price added to the override type and
 * not here, or here and not there, fails `tsc`. Validation of the overrides' values lives in
 * lib/config/validate; `pricesFor` only repeats the checks it needs to be safe on its own.
 */
import type { EnvironmentConfig, PriceOverrides } from '../../config/types';

/** Every price the estimate uses, in USD: the fields of {@link PriceOverrides}, all required. */
export type PriceTable = { readonly [K in keyof PriceOverrides]-?: number };

/** The name of one price. */
export type PriceField = keyof PriceTable;

/** Where a default price comes from and when it was last checked. */
export interface PriceSource {
  /** Date (YYYY-MM-DD) the figure was last checked against the source. */
  readonly asOf: string;
  /** The page that publishes it. */
  readonly source: string;
  /** What the source says and any caveat, in a few words. */
  readonly note?: string;
}

const PRIVATELINK_PRICING = 'https://aws.amazon.com/privatelink/pricing/';
const LATTICE_PRICING = 'https://aws.amazon.com/vpc/lattice/pricing/';
const RESOURCE_ACCESS_DOC = 'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-resources.html#pricing';

/** us-east-1 on-demand list prices, first pricing tier. */
const TABLE = {
  /** Interface VPC endpoint, per endpoint per AZ (one ENI) per hour. */
  endpointAzHour: 0.01,
  /** Interface endpoint data processed, per GB (first PB per month tier). */
  endpointGb: 0.01,
  /**
   * Resource VPC endpoint, per endpoint per hour: AWS bills "each hour that your resource VPC
   * endpoint is provisioned", not per AZ. The figure is the interface endpoint's: the AWS
   * pricing page renders this rate dynamically and no stored copy shows it (see PRICE_SOURCES).
   */
  resourceEndpointHour: 0.01,
  /** Resource endpoint data processed, per GB (first PB per month tier). */
  resourceEndpointGb: 0.01,
  /** Resource gateway data processed, per GB (VPC Lattice "VPC resources", first PB tier); no hourly charge. */
  resourceGatewayGb: 0.01,
  /** Network Load Balancer, per hour. */
  nlbHour: 0.0225,
  /** Network Load Balancer capacity unit (NLCU), per NLCU-hour. */
  nlbLcuHour: 0.006,
  /** Transit Gateway attachment (VPC or peering), per attachment per hour. */
  tgwAttachmentHour: 0.05,
  /** Transit Gateway data processing, per GB. */
  tgwGb: 0.02,
  /** Route 53 hosted zone, per zone per month (first 25 zones of an account). */
  hostedZoneMonth: 0.5,
  /** CloudWatch Logs ingestion of vended logs (VPC flow logs), per GB (first 10 TB tier). */
  flowLogGb: 0.5,
  /** Inter-region data transfer out, per GB. */
  interRegionGb: 0.02,
  /** Route 53 Profiles: per profile-owner account (and region) per hour, for up to 100 profile-VPC associations. */
  profilesBaseHour: 0.75,
  /** Route 53 Profiles: per profile-VPC association per hour beyond the first 100 (per account and region). */
  profileAssociationHour: 0.0014,
  /** Route 53 Resolver endpoint: per IP address (one ENI each) per hour; every endpoint has at least two. */
  resolverEndpointIpHour: 0.125,
  /** Site-to-Site VPN connection: per connection-hour while it is available (its TGW attachment is billed apart). */
  vpnConnectionHour: 0.05,
} as const satisfies Required<PriceOverrides>;

const GUIDE = { asOf: '2026-11-01', source: 'AWS pricing pages, us-east-1 (the figures of the guide)' } as const;

/** The source and date of every default price; one entry per price, checked by the compiler. */
export const PRICE_SOURCES = {
  endpointAzHour: { ...GUIDE, source: PRIVATELINK_PRICING },
  endpointGb: {
    ...GUIDE,
    source: PRIVATELINK_PRICING,
    note: 'interface endpoints: first 1 PB $0.01/GB, next 4 PB $0.006, over 5 PB $0.004',
  },
  resourceEndpointHour: {
    asOf: '2026-11-27',
    source: `${PRIVATELINK_PRICING} ("Resource endpoint pricing"); ${RESOURCE_ACCESS_DOC}`,
    note: 'AWS bills each hour a resource endpoint is provisioned (per endpoint, not per AZ); the hourly rate is not in any stored copy of the page (rendered dynamically): the interface endpoint rate is assumed, verify and override',
  },
  resourceEndpointGb: {
    asOf: '2026-11-27',
    source: `${PRIVATELINK_PRICING} ("Resource endpoint pricing")`,
    note: 'data processed through resource endpoints: first 1 PB $0.01/GB, next 4 PB $0.006, over 5 PB $0.004',
  },
  resourceGatewayGb: {
    asOf: '2026-11-27',
    source: `${LATTICE_PRICING} ("VPC resources"); ${RESOURCE_ACCESS_DOC}`,
    note: 'resource owners are billed per GB processed by their resource gateways (first 1 PB $0.01/GB, next 4 PB $0.006, over 5 PB $0.004); no hourly charge for the gateway',
  },
  nlbHour: { ...GUIDE, source: 'https://aws.amazon.com/elasticloadbalancing/pricing/' },
  nlbLcuHour: { ...GUIDE, source: 'https://aws.amazon.com/elasticloadbalancing/pricing/' },
  tgwAttachmentHour: { ...GUIDE, source: 'https://aws.amazon.com/transit-gateway/pricing/' },
  tgwGb: { ...GUIDE, source: 'https://aws.amazon.com/transit-gateway/pricing/' },
  hostedZoneMonth: { ...GUIDE, source: 'https://aws.amazon.com/route53/pricing/' },
  flowLogGb: { ...GUIDE, source: 'https://aws.amazon.com/cloudwatch/pricing/' },
  interRegionGb: { ...GUIDE, source: 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer' },
  profilesBaseHour: {
    asOf: '2026-09-20',
    source: 'https://aws.amazon.com/route53/pricing/ (transcription in api-evangelist/amazon-route53-resolver, read 2026-09-20)',
    note: '"$0.75 per AWS account for up to 100 Profile-VPC associations" per hour, billed to the Profile owner (the network account) per region; if AWS bills it per Profile instead, multiply by the profiles of the hub (one per segment)',
  },
  profileAssociationHour: {
    asOf: '2026-09-20',
    source: 'https://aws.amazon.com/route53/pricing/ (transcription in api-evangelist/amazon-route53-resolver, read 2026-09-20)',
    note: '"$0.0014 per Profile-VPC association per hour per AWS Region" beyond the first 100',
  },
  resolverEndpointIpHour: {
    asOf: '2026-11-27',
    source:
      'https://repost.aws/knowledge-center/route-53-resolver-endpoint-costs (German version read 2026-11-27); https://aws.amazon.com/route53/pricing/',
    note: '$0.125 per elastic network interface (endpoint IP) per hour, at least two per endpoint (~$182.50/month); queries ($0.40 per million, first billion) are not modelled',
  },
  vpnConnectionHour: {
    asOf: '2026-06-13',
    source: 'https://aws.amazon.com/vpc/pricing/ (billing model); figure from a third-party summary (factualminds.com, 2026-06-13)',
    note: 'billed per VPN connection-hour while available; the AWS page renders the figure dynamically, so verify and override',
  },
} as const satisfies Readonly<Record<PriceField, PriceSource>>;

/**
 * The dated default price table (us-east-1, on-demand, public list prices). Other regions use
 * it too unless `env.prices[region]` overrides a field: prices differ by region by a few
 * percent, and a stated, dated default is more useful than a silent guess. `asOf` is the date
 * of the oldest figure; each figure's own date and source are in {@link PRICE_SOURCES}.
 */
export const DEFAULT_PRICES: { readonly asOf: string; readonly region: string; readonly prices: PriceTable } = {
  asOf: Object.values(PRICE_SOURCES)
    .map((s) => s.asOf)
    .sort()[0],
  region: 'us-east-1',
  prices: TABLE,
};

/** Every price field, in the order of the table. */
export const PRICE_FIELDS: readonly PriceField[] = Object.keys(TABLE) as PriceField[];

/**
 * The prices of one region: the dated default table with `env.prices[region]` laid over it.
 * Validation rejects unknown fields and values that are not prices; this throws on them too,
 * naming the field, so a caller that skipped validation gets no silent nonsense.
 */
export function pricesFor(env: EnvironmentConfig, region: string): PriceTable {
  const overrides = (env.prices?.[region] ?? {}) as Readonly<Record<string, unknown>>;
  for (const [field, value] of Object.entries(overrides)) {
    if (!(PRICE_FIELDS as readonly string[]).includes(field)) {
      throw new Error(`${env.name}: prices['${region}'].${field} is not a known price; use one of ${PRICE_FIELDS.join(', ')}`);
    }
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new Error(`${env.name}: prices['${region}'].${field} must be a non-negative number of USD, got ${JSON.stringify(value)}`);
    }
  }
  const merged: Record<PriceField, number> = { ...TABLE };
  for (const field of PRICE_FIELDS) {
    const value = overrides[field];
    if (typeof value === 'number') merged[field] = value;
  }
  return merged;
}
