/**
 * Monthly cost estimate of an environment, per stack and line item.
 *
 * Pure functions only: no AWS calls, no file or process access, so the estimate is
 * reproducible in review and testable against figures worked out by hand.
 *
 * Money is computed in integer micro-dollars (1e-6 USD) and only turned into dollars at the
 * edge. Floating-point sums of prices such as 0.0225 × 730 drift by fractions of a cent;
 * integers do not, so the guide's reference figures ($14.60, $15.60, $24.60) come out exact.
 */
import type { ConsumerConfig, EnvironmentConfig, HubConfig, PriceOverrides } from '../config/types';
import { consumerDnsName, hubOf, hubPairs, hubRegions, setReachesSegment, sortedEndpointSets, stackIds } from '../config/topology';

/** Every price the estimate uses, in USD. Same fields as {@link PriceOverrides}, all required. */
export type PriceTable = { readonly [K in keyof PriceOverrides]-?: number };

/**
 * The dated default price table (us-east-1, on-demand, public list prices).
 * Other regions use it too unless `env.prices[region]` overrides a field: prices differ by
 * region by a few percent, and a stated, dated default is more useful than a silent guess.
 */
export const DEFAULT_PRICES: { readonly asOf: string; readonly region: string; readonly prices: PriceTable } = {
  asOf: '2026-11-01',
  region: 'us-east-1',
  prices: {
    /** Interface VPC endpoint, per endpoint per AZ (one ENI) per hour. */
    endpointAzHour: 0.01,
    /** Interface endpoint data processed, per GB (first PB per month tier). */
    endpointGb: 0.01,
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
  },
};

/**
 * Usage figures the configuration does not (yet) state. Each is a documented default, printed
 * with the report, so a reader can see what the estimate rests on.
 */
export const COST_ASSUMPTIONS = {
  /** AWS's billing month. */
  hoursPerMonth: 730,
  /** `ConsumerConfig.expectedGbPerMonth` when unset (the default stated in types.ts). */
  defaultExpectedGbPerMonth: 100,
  /**
   * Flow-log volume per VPC and month. Flow logs grow with traffic; 1 GB is a small, quiet VPC.
   * Only ingestion is modelled; storage over the retention period is a few cents more.
   */
  flowLogGbPerVpcMonth: 1,
  /**
   * Traffic of each consumer to the centralized AWS service endpoints of its hub, per month.
   * It crosses the Transit Gateway (TGW data processing, billed to the consumer as the sender)
   * and is processed by the hub's endpoints (billed to the network account). Requests and
   * responses are counted together and attributed to the consumer's TGW attachment.
   */
  centralizedEndpointGbPerConsumerMonth: 10,
} as const;

/** Human-readable statement of every modelling choice, printed with the report. */
export const ASSUMPTION_NOTES: readonly string[] = [
  `A month is ${COST_ASSUMPTIONS.hoursPerMonth} hours; every resource runs all month. Amounts are computed exactly (to the micro-dollar) and only rounded to the cent for display, so shown line items may differ from a shown total by a cent.`,
  `Prices are the default table for ${DEFAULT_PRICES.region} as of ${DEFAULT_PRICES.asOf}, in every region unless env.prices[region] overrides a field; each line uses the prices of the region its resource lives in.`,
  'Interface endpoints bill per endpoint per AZ (one ENI per AZ) per hour, plus per GB processed (first-PB tier).',
  'NLB capacity: AWS bills the largest of the NLCU dimensions each hour; only processed bytes is modelled (1 NLCU = 1 GB per hour for TCP and TLS), assuming new connections and active flows stay below it. With traffic spread evenly, NLCU-hours per month = GB per month.',
  `Consumer traffic to the service is ConsumerConfig.expectedGbPerMonth (default ${COST_ASSUMPTIONS.defaultExpectedGbPerMonth} GB); it is processed by the consumer's endpoint and by the provider NLB, and is charged inter-region transfer (at the consumer region's price) when the consumer is in another region than the provider. PrivateLink traffic does not cross the Transit Gateway.`,
  `Each consumer sends ${COST_ASSUMPTIONS.centralizedEndpointGbPerConsumerMonth} GB/month to the centralized AWS service endpoints of its hub (when its segment receives any): TGW data processing in the consumer stack, endpoint data processing in the network stack.`,
  'Transit Gateway attachments bill hourly to the VPC owner (hub attachment: network stack; spoke attachment: consumer stack). A TGW peering attachment bills hourly on both Transit Gateways; both sides are in the peering stack, each at its region\'s price. Transit Gateways, route tables and RAM shares have no charge of their own.',
  `Every VPC sends flow logs to CloudWatch Logs: ${COST_ASSUMPTIONS.flowLogGbPerVpcMonth} GB/month ingested per VPC; storage is not modelled.`,
  'Route 53: every hosted zone at the first-25-zones price; the cheaper tier above 25 zones per account and query charges are not modelled. Associating the hub\'s zones with spokes is free.',
  'Not modelled: SNS connection notifications (free tier), the endpoint service itself (no charge), cross-AZ data transfer, TGW peering data transfer for non-PrivateLink traffic, taxes and discounts.',
];

// ---------------------------------------------------------------------------------------------
// Report shapes

export interface CostLineItem {
  /** Stack id, e.g. `prod-network-us-east-1`. */
  readonly stack: string;
  /** Region whose prices apply. */
  readonly region: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPriceUsd: number;
  /** Exact monthly cost in micro-dollars; sums of these are exact. */
  readonly monthlyMicroUsd: number;
  /** `monthlyMicroUsd / 1e6`: exact to the micro-dollar, not rounded to the cent. */
  readonly monthlyUsd: number;
}

export interface StackCost {
  readonly stack: string;
  readonly region: string;
  readonly lineItems: readonly CostLineItem[];
  readonly totalMicroUsd: number;
  readonly totalUsd: number;
}

/** Cost of the centralized AWS service endpoints of one hub, against one endpoint per spoke. */
export interface CentralizationRegion {
  readonly region: string;
  /** The hub's endpoints: one per (endpoint set, service) pair, in every hub AZ. */
  readonly centralizedEndpointAzHours: number;
  readonly centralizedHostedZones: number;
  readonly centralizedUsd: number;
  /** Each consumer of the region: one endpoint per distinct service its segment receives, in each of its AZs. */
  readonly decentralizedEndpointAzHours: number;
  readonly decentralizedHostedZones: number;
  readonly decentralizedUsd: number;
  /** `decentralizedUsd - centralizedUsd`; negative when centralizing costs more. */
  readonly savingsUsd: number;
}

export interface CentralizationComparison {
  /** What both sides count, in words. */
  readonly basis: string;
  readonly regions: readonly CentralizationRegion[];
  readonly centralizedUsd: number;
  readonly decentralizedUsd: number;
  readonly savingsUsd: number;
}

export interface CostReport {
  readonly environment: string;
  readonly pricesAsOf: string;
  readonly hoursPerMonth: number;
  /** The price table in force for each region that has resources, after overrides. */
  readonly prices: Readonly<Record<string, PriceTable>>;
  readonly stacks: readonly StackCost[];
  readonly totalMicroUsd: number;
  readonly totalUsd: number;
  readonly centralization: CentralizationComparison;
  readonly assumptions: readonly string[];
  /** Configuration that looks mistaken but does not stop the estimate (e.g. prices for an unused region). */
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Money helpers

const MICROS_PER_USD = 1_000_000;

/** A price in whole micro-dollars. Prices with more than 6 decimals are rounded to the micro-dollar. */
function priceMicros(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

/** quantity × price, in whole micro-dollars. */
export function costMicros(quantity: number, unitPriceUsd: number): number {
  return Math.round(quantity * priceMicros(unitPriceUsd));
}

export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** Rounds micro-dollars to whole cents, half away from zero (as a bill would). */
export function microsToCents(micros: number): number {
  const sign = micros < 0 ? -1 : 1;
  return sign * Math.round(Math.abs(micros) / 10_000);
}

/**
 * Monthly cost of one interface endpoint: ENI-hours in `azCount` AZs for a whole month plus
 * `gbPerMonth` of data processed. The guide's reference figures: (2, 0) → 14.60,
 * (2, 100) → 15.60, (2, 1000) → 24.60.
 */
export function endpointMonthlyCost(azCount: number, gbPerMonth: number, prices: PriceTable = DEFAULT_PRICES.prices): number {
  const hours = costMicros(azCount * COST_ASSUMPTIONS.hoursPerMonth, prices.endpointAzHour);
  const data = costMicros(gbPerMonth, prices.endpointGb);
  return microsToUsd(hours + data);
}

// ---------------------------------------------------------------------------------------------
// Prices

const PRICE_FIELDS = Object.keys(DEFAULT_PRICES.prices) as readonly (keyof PriceTable)[];

/**
 * The prices of one region: the dated default table with `env.prices[region]` laid over it.
 * Throws when an override is not a usable price, naming the field to fix.
 */
export function pricesFor(env: EnvironmentConfig, region: string): PriceTable {
  const overrides = env.prices?.[region] ?? {};
  for (const [field, value] of Object.entries(overrides)) {
    if (!(PRICE_FIELDS as readonly string[]).includes(field)) {
      throw new Error(
        `${env.name}: prices['${region}'].${field} is not a known price; use one of ${PRICE_FIELDS.join(', ')}`,
      );
    }
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new Error(
        `${env.name}: prices['${region}'].${field} must be a non-negative number of USD, got ${JSON.stringify(value)}`,
      );
    }
  }
  const merged: Record<string, number> = { ...DEFAULT_PRICES.prices };
  for (const field of PRICE_FIELDS) {
    const value = overrides[field];
    if (value !== undefined) merged[field] = value;
  }
  return merged as PriceTable;
}

/** Number of (set, service) pairs of a hub: each is its own endpoint and hosted zone. */
export function hubEndpointCount(hub: HubConfig): number {
  return Object.values(hub.endpointSets).reduce((n, set) => n + set.services.length, 0);
}

/** Distinct services a consumer's segment receives from its hub (a service in two sets counts once). */
export function servicesForSegment(hub: HubConfig, segment: string): readonly string[] {
  const services = new Set<string>();
  for (const [, set] of sortedEndpointSets(hub)) {
    if (setReachesSegment(set, segment)) set.services.forEach((s) => services.add(s));
  }
  return [...services];
}

export function expectedGb(consumer: ConsumerConfig): number {
  return consumer.expectedGbPerMonth ?? COST_ASSUMPTIONS.defaultExpectedGbPerMonth;
}


// ---------------------------------------------------------------------------------------------
// The estimate

class StackBuilder {
  private readonly items: CostLineItem[] = [];
  constructor(
    readonly stack: string,
    readonly region: string,
    private readonly prices: PriceTable,
  ) {}

  /** Adds `quantity` × the region's `price`; zero-quantity items are kept out of the report. */
  add(item: string, quantity: number, unit: string, price: keyof PriceTable, region = this.region, prices = this.prices): void {
    if (quantity === 0) return;
    const unitPriceUsd = prices[price];
    const monthlyMicroUsd = costMicros(quantity, unitPriceUsd);
    this.items.push({ stack: this.stack, region, item, quantity, unit, unitPriceUsd, monthlyMicroUsd, monthlyUsd: microsToUsd(monthlyMicroUsd) });
  }

  build(): StackCost {
    const totalMicroUsd = this.items.reduce((sum, i) => sum + i.monthlyMicroUsd, 0);
    return { stack: this.stack, region: this.region, lineItems: this.items, totalMicroUsd, totalUsd: microsToUsd(totalMicroUsd) };
  }
}

/** Estimates the monthly cost of every stack of an environment. */
export function estimateCost(env: EnvironmentConfig): CostReport {
  const H = COST_ASSUMPTIONS.hoursPerMonth;
  const flowLogGb = COST_ASSUMPTIONS.flowLogGbPerVpcMonth;
  const centralGb = COST_ASSUMPTIONS.centralizedEndpointGbPerConsumerMonth;
  const provider = env.provider;
  const regions = new Set<string>([...hubRegions(env), provider.region, ...env.consumers.map((c) => c.region)]);
  const prices: Record<string, PriceTable> = {};
  for (const region of [...regions].sort()) prices[region] = pricesFor(env, region);
  const warnings = Object.keys(env.prices ?? {})
    .filter((r) => !regions.has(r))
    .sort()
    .map((r) => `prices['${r}'] applies to no resource of ${env.name} (regions in use: ${[...regions].sort().join(', ')}); is the region name misspelt?`);

  const stacks: StackCost[] = [];

  // Network account: one hub per region.
  for (const region of hubRegions(env)) {
    const hub = env.network.hubs[region];
    const s = new StackBuilder(stackIds.network(env, region), region, prices[region]);
    for (const [setName, set] of sortedEndpointSets(hub)) {
      const n = set.services.length;
      s.add(`interface endpoints, set '${setName}' (${set.services.join(', ')}): ${n} × ${hub.azs.length} AZs`, n * hub.azs.length * H, 'endpoint AZ-hour', 'endpointAzHour');
      s.add(`private hosted zones, set '${setName}': one per endpoint`, n, 'zone-month', 'hostedZoneMonth');
    }
    const spokes = env.consumers.filter((c) => c.region === region && servicesForSegment(hub, c.segment).length > 0);
    s.add(`data processed by centralized endpoints: ${spokes.length} consumer(s) × ${centralGb} GB`, spokes.length * centralGb, 'GB', 'endpointGb');
    s.add('TGW attachment of the hub VPC', H, 'attachment-hour', 'tgwAttachmentHour');
    s.add('flow log of the hub VPC', flowLogGb, 'GB ingested', 'flowLogGb');
    stacks.push(s.build());
  }

  // Inter-region: one TGW peering per pair of hubs, billed on both sides.
  for (const [a, b] of hubPairs(env)) {
    const s = new StackBuilder(stackIds.peering(env, a, b), a, prices[a]);
    s.add(`TGW peering attachment, ${a} side`, H, 'attachment-hour', 'tgwAttachmentHour', a, prices[a]);
    s.add(`TGW peering attachment, ${b} side`, H, 'attachment-hour', 'tgwAttachmentHour', b, prices[b]);
    stacks.push(s.build());
  }

  // Service provider.
  {
    const totalGb = env.consumers.reduce((sum, c) => sum + expectedGb(c), 0);
    const s = new StackBuilder(stackIds.provider(env), provider.region, prices[provider.region]);
    s.add(`Network Load Balancer (${provider.azs.length} AZs)`, H, 'NLB-hour', 'nlbHour');
    s.add(`NLB capacity: ${totalGb} GB from ${env.consumers.length} consumer(s), 1 NLCU-hour per GB`, totalGb, 'NLCU-hour', 'nlbLcuHour');
    s.add('flow log of the provider VPC', flowLogGb, 'GB ingested', 'flowLogGb');
    stacks.push(s.build());
  }

  // Consumers, in configuration order.
  for (const consumer of env.consumers) {
    const hub = hubOf(env, consumer);
    const region = consumer.region;
    const gb = expectedGb(consumer);
    const crossRegion = region !== provider.region;
    const s = new StackBuilder(stackIds.consumer(env, consumer), region, prices[region]);
    s.add(
      `interface endpoint to '${provider.service.name}'${crossRegion ? ` (cross-region from ${provider.region})` : ''}: ${consumer.azs.length} AZs`,
      consumer.azs.length * H,
      'endpoint AZ-hour',
      'endpointAzHour',
    );
    s.add(`data processed by the endpoint`, gb, 'GB', 'endpointGb');
    if (crossRegion) s.add(`inter-region data transfer ${provider.region} ↔ ${region}`, gb, 'GB', 'interRegionGb');
    if (provider.service.privateDnsName === undefined) {
      s.add(`private hosted zone ${consumerDnsName(env)}`, 1, 'zone-month', 'hostedZoneMonth');
    }
    s.add(`TGW attachment to the ${region} hub (segment '${consumer.segment}')`, H, 'attachment-hour', 'tgwAttachmentHour');
    if (servicesForSegment(hub, consumer.segment).length > 0) {
      s.add(`TGW data processing: ${centralGb} GB to centralized endpoints`, centralGb, 'GB', 'tgwGb');
    }
    s.add('flow log of the spoke VPC', flowLogGb, 'GB ingested', 'flowLogGb');
    stacks.push(s.build());
  }

  const totalMicroUsd = stacks.reduce((sum, s) => sum + s.totalMicroUsd, 0);
  return {
    environment: env.name,
    pricesAsOf: DEFAULT_PRICES.asOf,
    hoursPerMonth: H,
    prices,
    stacks,
    totalMicroUsd,
    totalUsd: microsToUsd(totalMicroUsd),
    centralization: compareCentralization(env, prices),
    assumptions: ASSUMPTION_NOTES,
    warnings,
  };
}

/**
 * Centralized endpoints (once per hub) against the same services as endpoints in every spoke.
 * Both sides count endpoint hours and hosted zones only: data processing costs the same per GB
 * either way, and the TGW attachments exist anyway for spoke routing. Centralizing does add TGW
 * data processing for that traffic (a consumer-stack line), which is small beside the hours saved.
 */
export function compareCentralization(env: EnvironmentConfig, prices?: Readonly<Record<string, PriceTable>>): CentralizationComparison {
  const H = COST_ASSUMPTIONS.hoursPerMonth;
  const priceOf = (region: string): PriceTable => prices?.[region] ?? pricesFor(env, region);
  const regions = hubRegions(env).map((region): CentralizationRegion => {
    const hub = env.network.hubs[region];
    const p = priceOf(region);
    const endpoints = hubEndpointCount(hub);
    const centralizedEndpointAzHours = endpoints * hub.azs.length * H;
    const centralizedHostedZones = endpoints;
    let decentralizedEndpointAzHours = 0;
    let decentralizedHostedZones = 0;
    for (const consumer of env.consumers.filter((c) => c.region === region)) {
      const services = servicesForSegment(hub, consumer.segment).length;
      decentralizedEndpointAzHours += services * consumer.azs.length * H;
      decentralizedHostedZones += services;
    }
    const centralized = costMicros(centralizedEndpointAzHours, p.endpointAzHour) + costMicros(centralizedHostedZones, p.hostedZoneMonth);
    const decentralized = costMicros(decentralizedEndpointAzHours, p.endpointAzHour) + costMicros(decentralizedHostedZones, p.hostedZoneMonth);
    return {
      region,
      centralizedEndpointAzHours,
      centralizedHostedZones,
      centralizedUsd: microsToUsd(centralized),
      decentralizedEndpointAzHours,
      decentralizedHostedZones,
      decentralizedUsd: microsToUsd(decentralized),
      savingsUsd: microsToUsd(decentralized - centralized),
    };
  });
  const sum = (f: (r: CentralizationRegion) => number): number => microsToUsd(regions.reduce((n, r) => n + priceMicros(f(r)), 0));
  return {
    basis: 'endpoint AZ-hours and private hosted zones of the centralized AWS service endpoints; data processing is the same per GB either way',
    regions,
    centralizedUsd: sum((r) => r.centralizedUsd),
    decentralizedUsd: sum((r) => r.decentralizedUsd),
    savingsUsd: sum((r) => r.savingsUsd),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** `1234.5` → `1,234.50`, rounded to the cent from exact micro-dollars. */
export function formatUsd(usd: number): string {
  const cents = microsToCents(priceMicros(usd));
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

function formatQuantity(q: number): string {
  const [whole, frac] = String(q).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

function formatUnitPrice(p: number): string {
  return `$${p.toFixed(Math.max(2, (String(p).split('.')[1] ?? '').length))}`;
}

const HEADER = ['Stack', 'Item', 'Quantity', 'Unit', 'Unit price', 'Monthly USD'] as const;
/** Columns aligned right in the terminal table. */
const NUMERIC = [false, false, true, false, true, true] as const;

function rows(report: CostReport): string[][] {
  const out: string[][] = [];
  for (const stack of report.stacks) {
    for (const i of stack.lineItems) {
      out.push([stack.stack, i.item, formatQuantity(i.quantity), i.unit, formatUnitPrice(i.unitPriceUsd), formatUsd(i.monthlyUsd)]);
    }
    out.push([stack.stack, 'subtotal', '', '', '', formatUsd(stack.totalUsd)]);
  }
  out.push(['', `TOTAL ${report.environment} per month`, '', '', '', formatUsd(report.totalUsd)]);
  return out;
}

function centralizationRows(report: CostReport): string[][] {
  const c = report.centralization;
  const out = c.regions.map((r) => [
    r.region,
    `${formatQuantity(r.centralizedEndpointAzHours)} AZ-h + ${r.centralizedHostedZones} zones = ${formatUsd(r.centralizedUsd)}`,
    `${formatQuantity(r.decentralizedEndpointAzHours)} AZ-h + ${r.decentralizedHostedZones} zones = ${formatUsd(r.decentralizedUsd)}`,
    formatUsd(r.savingsUsd),
  ]);
  out.push(['all hubs', formatUsd(c.centralizedUsd), formatUsd(c.decentralizedUsd), formatUsd(c.savingsUsd)]);
  return out;
}

const CENTRAL_HEADER = ['Hub', 'Centralized (once per hub)', 'In every spoke', 'Saved per month'] as const;

function textTable(header: readonly string[], body: readonly string[][], numeric: readonly boolean[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}

function markdownTable(header: readonly string[], body: readonly string[][], numeric: readonly boolean[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** The report as an aligned plain-text table for a terminal. */
export function renderCostTable(report: CostReport): string {
  return [
    `Estimated monthly cost of ${report.environment} (USD, prices as of ${report.pricesAsOf}, ${report.hoursPerMonth} h/month)`,
    '',
    textTable(HEADER, rows(report), NUMERIC),
    '',
    `Centralized AWS service endpoints vs. the same endpoints in every spoke (${report.centralization.basis}):`,
    '',
    textTable(CENTRAL_HEADER, centralizationRows(report), [false, true, true, true]),
    '',
    'Assumptions:',
    ...report.assumptions.map((a) => `  - ${a}`),
    ...(report.warnings.length ? ['', 'Warnings:', ...report.warnings.map((w) => `  - ${w}`)] : []),
    '',
  ].join('\n');
}

/** The report as GitHub-flavoured markdown. */
export function renderCostMarkdown(report: CostReport): string {
  return [
    `## Estimated monthly cost: ${report.environment}`,
    '',
    `USD per month, prices as of ${report.pricesAsOf}, ${report.hoursPerMonth} hours per month. **Total: $${formatUsd(report.totalUsd)}**`,
    '',
    markdownTable(HEADER, rows(report), NUMERIC),
    '',
    '### Centralized endpoints vs. endpoints in every spoke',
    '',
    `Basis: ${report.centralization.basis}.`,
    '',
    markdownTable(CENTRAL_HEADER, centralizationRows(report), [false, true, true, true]),
    '',
    '### Assumptions',
    '',
    ...report.assumptions.map((a) => `- ${a}`),
    ...(report.warnings.length ? ['', '### Warnings', '', ...report.warnings.map((w) => `- ${w}`)] : []),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Command line (pure: takes argv and the environments, returns what to print and the exit code)

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const COST_USAGE = 'usage: npm run cost -- --env <name>|all [--json | --markdown]';

/**
 * `--env <name>|all` (required), `--json` or `--markdown` (default: a terminal table).
 * JSON: the CostReport object for one environment, an array of them for `all`.
 * Exit 2 for usage errors, naming the known environments.
 */
export function runCostCli(argv: readonly string[], environments: readonly EnvironmentConfig[]): CliResult {
  const known = environments.map((e) => e.name);
  const usage = (message: string): CliResult => ({
    exitCode: 2,
    stdout: '',
    stderr: `${message}\n${COST_USAGE}\nknown environments: ${known.join(', ')}\n`,
  });
  let envName: string | undefined;
  let format: 'table' | 'json' | 'markdown' = 'table';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--env') {
      envName = argv[++i];
      if (envName === undefined || envName.startsWith('--')) return usage('--env needs an environment name or "all"');
    } else if (arg.startsWith('--env=')) {
      envName = arg.slice('--env='.length);
    } else if (arg === '--json' || arg === '--markdown') {
      const wanted = arg === '--json' ? 'json' : 'markdown';
      if (format !== 'table' && format !== wanted) return usage('choose one of --json and --markdown');
      format = wanted;
    } else if (arg === '--help' || arg === '-h') {
      return { exitCode: 0, stdout: `${COST_USAGE}\nknown environments: ${known.join(', ')}\n`, stderr: '' };
    } else {
      return usage(`unknown argument '${arg}'`);
    }
  }
  if (envName === undefined) return usage('missing --env');
  const selected = envName === 'all' ? environments : environments.filter((e) => e.name === envName);
  if (selected.length === 0) return usage(`unknown environment '${envName}'`);

  let reports: CostReport[];
  try {
    reports = selected.map(estimateCost);
  } catch (e) {
    return { exitCode: 1, stdout: '', stderr: `${(e as Error).message}\n` };
  }
  const stderr = reports.flatMap((r) => r.warnings.map((w) => `warning: ${r.environment}: ${w}\n`)).join('');
  if (format === 'json') {
    return { exitCode: 0, stdout: `${JSON.stringify(envName === 'all' ? reports : reports[0], null, 2)}\n`, stderr };
  }
  const render = format === 'markdown' ? renderCostMarkdown : renderCostTable;
  return { exitCode: 0, stdout: reports.map(render).join('\n'), stderr };
}
