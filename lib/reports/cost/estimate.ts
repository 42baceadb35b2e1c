/**
 * The monthly cost estimate of an environment, per stack and line item, and per catalog service.
 *
 * Pure functions only: no AWS calls, no file or process access, so the estimate is
 * reproducible in review and testable against figures worked out by hand.
 */
import type { ConsumerConfig, EnvironmentConfig, HubConfig } from '../../config/types';
import { interfaceEndpointDnsNames } from '../../aws/catalog';
import {
  consumedServices,
  consumerZoneOf,
  dnsModeOf,
  forwardingRulesOf,
  onPremisesOf,
  segmentsOfSet,
  usesProfiles,
  consumersOf,
  endpointServiceRegion,
  hubOf,
  hubPairs,
  hubRegions,
  services,
  serviceOwner,
  serviceRegionLabel,
  servicesOfKind,
  setReachesSegment,
  sortedEndpointSets,
  stackIds,
} from '../../config/topology';
import { costMicros, microsToUsd, priceMicros, sumMicros } from './money';
import {
  ASSUMPTION_NOTES,
  COST_ASSUMPTIONS,
  type CentralizationComparison,
  type CentralizationRegion,
  type Chargeback,
  type CostLineItem,
  type CostReport,
  type DnsModeComparison,
  type DnsModeRegion,
  type ServiceChargeback,
  type StackCost,
} from './model';
import { DEFAULT_PRICES, PRICE_SOURCES, type PriceField, type PriceTable, pricesFor } from './prices';

const H = COST_ASSUMPTIONS.hoursPerMonth;

/**
 * Monthly cost of one interface endpoint: ENI-hours in `azCount` AZs for a whole month plus
 * `gbPerMonth` of data processed. The guide's reference figures: (2, 0) → 14.60,
 * (2, 100) → 15.60, (2, 1000) → 24.60.
 */
export function endpointMonthlyCost(azCount: number, gbPerMonth: number, prices: PriceTable = DEFAULT_PRICES.prices): number {
  return microsToUsd(costMicros(azCount * H, prices.endpointAzHour) + costMicros(gbPerMonth, prices.endpointGb));
}

/** Number of (set, service) pairs of a hub: each is its own endpoint and hosted zone. */
export function hubEndpointCount(hub: HubConfig): number {
  return Object.values(hub.endpointSets).reduce((n, set) => n + set.services.length, 0);
}

/** Distinct services a consumer's segment receives from its hub (a service in two sets counts once). */
export function servicesForSegment(hub: HubConfig, segment: string): readonly string[] {
  const found = new Set<string>();
  for (const [, set] of sortedEndpointSets(hub)) {
    if (setReachesSegment(set, segment)) set.services.forEach((s) => found.add(s));
  }
  return [...found];
}

/** GB per month a consumer sends to each service it consumes. */
export function expectedGb(consumer: ConsumerConfig): number {
  return consumer.expectedGbPerMonth ?? COST_ASSUMPTIONS.defaultExpectedGbPerMonth;
}

/** GB per month all consumers of a service send to it, and how many they are. */
function trafficTo(env: EnvironmentConfig, service: string): { readonly gb: number; readonly consumers: number } {
  const consumers = consumersOf(env, service);
  return { gb: consumers.reduce((n, c) => n + expectedGb(c), 0), consumers: consumers.length };
}

class StackBuilder {
  private readonly items: CostLineItem[] = [];
  constructor(
    readonly stack: string,
    readonly region: string,
    private readonly prices: PriceTable,
  ) {}

  /**
   * Adds `quantity` × the region's `price`; zero-quantity items are kept out of the report.
   * `opts.service` marks the line as serving that catalog service (for the chargeback).
   */
  add(
    item: string,
    quantity: number,
    unit: string,
    price: PriceField,
    opts: { region?: string; prices?: PriceTable; service?: string } = {},
  ): void {
    if (quantity === 0) return;
    const unitPriceUsd = (opts.prices ?? this.prices)[price];
    const monthlyMicroUsd = costMicros(quantity, unitPriceUsd);
    this.items.push({
      stack: this.stack,
      region: opts.region ?? this.region,
      item,
      ...(opts.service !== undefined ? { service: opts.service } : {}),
      quantity,
      unit,
      price,
      unitPriceUsd,
      monthlyMicroUsd,
      monthlyUsd: microsToUsd(monthlyMicroUsd),
    });
  }

  build(): StackCost {
    const totalMicroUsd = sumMicros(this.items, (i) => i.monthlyMicroUsd);
    return { stack: this.stack, region: this.region, lineItems: this.items, totalMicroUsd, totalUsd: microsToUsd(totalMicroUsd) };
  }
}

/** Every region the blueprint has resources in: hubs, service stacks, consumers. */
function regionsInUse(env: EnvironmentConfig): string[] {
  const regions = new Set<string>(hubRegions(env));
  for (const s of services(env)) if (s.config.kind !== 'external') regions.add(s.config.region);
  for (const c of env.consumers) regions.add(c.region);
  return [...regions].sort();
}

/** Estimates the monthly cost of every stack of an environment, and of every catalog service. */
export function estimateCost(env: EnvironmentConfig): CostReport {
  const flowLogGb = COST_ASSUMPTIONS.flowLogGbPerVpcMonth;
  const centralGb = COST_ASSUMPTIONS.centralizedEndpointGbPerConsumerMonth;
  const regions = regionsInUse(env);
  const prices: Record<string, PriceTable> = {};
  for (const region of regions) prices[region] = pricesFor(env, region);
  const warnings = Object.keys(env.prices ?? {})
    .filter((r) => !regions.includes(r))
    .sort()
    .map((r) => `prices['${r}'] applies to no resource of ${env.name} (regions in use: ${regions.join(', ')})`);

  const stacks: StackCost[] = [];

  // Network account: one hub per region.
  for (const region of hubRegions(env)) {
    const hub = env.network.hubs[region];
    const s = new StackBuilder(stackIds.network(env, region), region, prices[region]);
    for (const [setName, set] of sortedEndpointSets(hub)) {
      const n = set.services.length;
      s.add(
        `interface endpoints, set '${setName}' (${set.services.join(', ')}): ${n} × ${hub.azs.length} AZs`,
        n * hub.azs.length * H,
        'endpoint AZ-hour',
        'endpointAzHour',
      );
      s.add(`private hosted zones, set '${setName}': one per endpoint`, n, 'zone-month', 'hostedZoneMonth');
    }
    const spokes = env.consumers.filter((c) => c.region === region && servicesForSegment(hub, c.segment).length > 0);
    s.add(
      `data processed by centralized endpoints: ${spokes.length} consumer(s) × ${centralGb} GB`,
      spokes.length * centralGb,
      'GB',
      'endpointGb',
    );
    s.add('TGW attachment of the hub VPC', H, 'attachment-hour', 'tgwAttachmentHour');
    s.add('flow log of the hub VPC', flowLogGb, 'GB ingested', 'flowLogGb');
    const mode = dnsModeOf(env, region);
    if (usesProfiles(mode)) {
      const associations = env.consumers.filter((c) => c.region === region).length;
      const segs = Object.keys(env.segments).length;
      if (associations > 0) {
        s.add(
          `Route 53 Profiles (${segs} profile(s), one per segment, mode ${mode}): base for up to ${COST_ASSUMPTIONS.profileAssociationsInBase} of ${associations} profile-VPC association(s)`,
          H,
          'account-hour',
          'profilesBaseHour',
        );
      }
      s.add(
        `Route 53 Profiles: ${Math.max(0, associations - COST_ASSUMPTIONS.profileAssociationsInBase)} profile-VPC association(s) beyond the first ${COST_ASSUMPTIONS.profileAssociationsInBase}`,
        Math.max(0, associations - COST_ASSUMPTIONS.profileAssociationsInBase) * H,
        'association-hour',
        'profileAssociationHour',
      );
    }
    const onPrem = onPremisesOf(env, region);
    for (const n of onPrem) {
      if (n.config.vpn) {
        s.add(`Site-to-Site VPN connection of on-premises network '${n.name}'`, H, 'connection-hour', 'vpnConnectionHour');
        s.add(`TGW attachment of the VPN of '${n.name}'`, H, 'attachment-hour', 'tgwAttachmentHour');
      } else {
        s.add(
          `TGW attachment of Direct Connect gateway ${n.config.directConnect?.gatewayId} for '${n.name}' (the gateway association has no charge of its own)`,
          H,
          'attachment-hour',
          'tgwAttachmentHour',
        );
      }
      s.add(
        `TGW data processing: ${COST_ASSUMPTIONS.onPremisesGbPerNetworkMonth} GB between '${n.name}' and AWS (assumption)`,
        COST_ASSUMPTIONS.onPremisesGbPerNetworkMonth,
        'GB',
        'tgwGb',
      );
    }
    if (onPrem.length > 0) {
      s.add(`Route 53 Resolver inbound endpoint: ${hub.azs.length} IPs`, hub.azs.length * H, 'IP-hour', 'resolverEndpointIpHour');
      const rules = forwardingRulesOf(env, region);
      if (rules.length > 0)
        s.add(
          `Route 53 Resolver outbound endpoint (${rules.length} forwarding rule(s)): ${hub.azs.length} IPs`,
          hub.azs.length * H,
          'IP-hour',
          'resolverEndpointIpHour',
        );
    }
    stacks.push(s.build());
  }

  // Inter-region: one TGW peering per pair of hubs, billed on both sides.
  for (const [a, b] of hubPairs(env)) {
    const s = new StackBuilder(stackIds.peering(env, a, b), a, prices[a]);
    s.add(`TGW peering attachment, ${a} side`, H, 'attachment-hour', 'tgwAttachmentHour', { region: a, prices: prices[a] });
    s.add(`TGW peering attachment, ${b} side`, H, 'attachment-hour', 'tgwAttachmentHour', { region: b, prices: prices[b] });
    stacks.push(s.build());
  }

  // Published services: an internal NLB in the owner's VPC.
  for (const svc of servicesOfKind(env, 'published')) {
    const { region, azs } = svc.config;
    const service = svc.name;
    const { gb, consumers } = trafficTo(env, service);
    const s = new StackBuilder(stackIds.service(env, svc), region, prices[region]);
    s.add(`Network Load Balancer of '${service}' (${azs.length} AZs)`, H, 'NLB-hour', 'nlbHour', { service });
    s.add(`NLB capacity: ${gb} GB from ${consumers} consumer(s), 1 NLCU-hour per GB`, gb, 'NLCU-hour', 'nlbLcuHour', { service });
    s.add(`flow log of the '${service}' VPC`, flowLogGb, 'GB ingested', 'flowLogGb', { service });
    stacks.push(s.build());
  }

  // Resource services: a resource gateway in the owner's VPC, billed per GB it processes.
  for (const svc of servicesOfKind(env, 'resource')) {
    const { region, azs } = svc.config;
    const service = svc.name;
    const { gb, consumers } = trafficTo(env, service);
    const s = new StackBuilder(stackIds.service(env, svc), region, prices[region]);
    s.add(
      `resource gateway of '${service}' (${azs.length} AZs, no hourly charge): ${gb} GB from ${consumers} consumer(s)`,
      gb,
      'GB',
      'resourceGatewayGb',
      { service },
    );
    s.add(`flow log of the '${service}' VPC`, flowLogGb, 'GB ingested', 'flowLogGb', { service });
    stacks.push(s.build());
  }

  // Consumers, in configuration order: one endpoint per consumed service.
  for (const consumer of env.consumers) {
    const hub = hubOf(env, consumer);
    const region = consumer.region;
    const gb = expectedGb(consumer);
    const s = new StackBuilder(stackIds.consumer(env, consumer), region, prices[region]);
    for (const svc of consumedServices(env, consumer)) {
      const service = svc.name;
      const cfg = svc.config;
      if (cfg.kind === 'resource') {
        s.add(`resource endpoint to '${service}' (resource, ${cfg.region})`, H, 'endpoint-hour', 'resourceEndpointHour', { service });
        s.add(`data processed by the resource endpoint to '${service}'`, gb, 'GB', 'resourceEndpointGb', { service });
        continue;
      }
      const target = endpointServiceRegion(cfg, region);
      const crossRegion = target !== region;
      const kind = cfg.kind === 'external' ? `external, ${cfg.vendor ?? service}` : 'published';
      s.add(
        `interface endpoint to '${service}' (${kind}${crossRegion ? `, cross-region to ${target}` : ''}): ${consumer.azs.length} AZs`,
        consumer.azs.length * H,
        'endpoint AZ-hour',
        'endpointAzHour',
        { service },
      );
      s.add(`data processed by the endpoint to '${service}'`, gb, 'GB', 'endpointGb', { service });
      if (crossRegion) s.add(`inter-region data transfer ${target} ↔ ${region} for '${service}'`, gb, 'GB', 'interRegionGb', { service });
      const zone = consumerZoneOf(env, svc);
      if (zone !== undefined) s.add(`private hosted zone ${zone} for '${service}'`, 1, 'zone-month', 'hostedZoneMonth', { service });
    }
    s.add(`TGW attachment to the ${region} hub (segment '${consumer.segment}')`, H, 'attachment-hour', 'tgwAttachmentHour');
    if (servicesForSegment(hub, consumer.segment).length > 0) {
      s.add(`TGW data processing: ${centralGb} GB to centralized endpoints`, centralGb, 'GB', 'tgwGb');
    }
    s.add('flow log of the spoke VPC', flowLogGb, 'GB ingested', 'flowLogGb');
    stacks.push(s.build());
  }

  const totalMicroUsd = sumMicros(stacks, (s) => s.totalMicroUsd);
  return {
    environment: env.name,
    pricesAsOf: DEFAULT_PRICES.asOf,
    hoursPerMonth: H,
    prices,
    priceSources: PRICE_SOURCES,
    stacks,
    totalMicroUsd,
    totalUsd: microsToUsd(totalMicroUsd),
    chargeback: chargeback(env, stacks, totalMicroUsd),
    centralization: compareCentralization(env, prices),
    dnsModes: compareDnsModes(env, prices),
    assumptions: ASSUMPTION_NOTES,
    warnings,
  };
}

/**
 * Per catalog service: the lines of its own stack plus the lines its consumers' stacks spend on
 * their endpoint to it. Every line marked with a service counts once, for that service.
 */
function chargeback(env: EnvironmentConfig, stacks: readonly StackCost[], totalMicroUsd: number): Chargeback {
  const lines = stacks.flatMap((s) => s.lineItems);
  const consumerStack = new Map(env.consumers.map((c) => [stackIds.consumer(env, c), c.name]));
  const entries = services(env).map((svc): ServiceChargeback => {
    const mine = lines.filter((l) => l.service === svc.name);
    const cfg = svc.config;
    const ownerStack = cfg.kind === 'external' ? undefined : stackIds.service(env, { name: svc.name, config: cfg });
    const ownerMicroUsd = sumMicros(
      mine.filter((l) => l.stack === ownerStack),
      (l) => l.monthlyMicroUsd,
    );
    const consumers = consumersOf(env, svc.name).map((c) => {
      const stack = stackIds.consumer(env, c);
      const microUsd = sumMicros(
        mine.filter((l) => l.stack === stack),
        (l) => l.monthlyMicroUsd,
      );
      return { consumer: c.name, stack, microUsd, usd: microsToUsd(microUsd) };
    });
    const consumerMicroUsd = sumMicros(
      mine.filter((l) => consumerStack.has(l.stack)),
      (l) => l.monthlyMicroUsd,
    );
    const total = ownerMicroUsd + consumerMicroUsd;
    return {
      service: svc.name,
      kind: svc.config.kind,
      owner: serviceOwner(svc),
      region: serviceRegionLabel(svc.config),
      ...(ownerStack !== undefined ? { ownerStack } : {}),
      ownerMicroUsd,
      ownerUsd: microsToUsd(ownerMicroUsd),
      consumers,
      consumerMicroUsd,
      consumerUsd: microsToUsd(consumerMicroUsd),
      totalMicroUsd: total,
      totalUsd: microsToUsd(total),
    };
  });
  const unattributedMicroUsd = totalMicroUsd - sumMicros(entries, (e) => e.totalMicroUsd);
  return { services: entries, unattributedMicroUsd, unattributedUsd: microsToUsd(unattributedMicroUsd) };
}

/**
 * Centralized endpoints (once per hub) against the same services as endpoints in every spoke.
 * Both sides count endpoint hours and hosted zones only: data processing costs the same per GB
 * either way, and the TGW attachments exist anyway for spoke routing. Centralizing does add TGW
 * data processing for that traffic (a consumer-stack line), which is small beside the hours saved.
 */
export function compareCentralization(env: EnvironmentConfig, prices?: Readonly<Record<string, PriceTable>>): CentralizationComparison {
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
      const n = servicesForSegment(hub, consumer.segment).length;
      decentralizedEndpointAzHours += n * consumer.azs.length * H;
      decentralizedHostedZones += n;
    }
    const centralized = costMicros(centralizedEndpointAzHours, p.endpointAzHour) + costMicros(centralizedHostedZones, p.hostedZoneMonth);
    const decentralized =
      costMicros(decentralizedEndpointAzHours, p.endpointAzHour) + costMicros(decentralizedHostedZones, p.hostedZoneMonth);
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
    basis:
      'endpoint AZ-hours and private hosted zones of the centralized AWS service endpoints; data processing is the same per GB either way',
    regions,
    centralizedUsd: sum((r) => r.centralizedUsd),
    decentralizedUsd: sum((r) => r.decentralizedUsd),
    savingsUsd: sum((r) => r.savingsUsd),
  };
}

/** VPCs a private hosted zone takes (Route 53 quotas page; AWS recommends Profiles beyond). */
const ZONE_VPC_QUOTA = 300;

/** The monthly Route 53 Profiles charge of one hub with `associations` profile-VPC associations. */
export function profilesMonthlyMicros(associations: number, prices: PriceTable): number {
  if (associations <= 0) return 0;
  const beyond = Math.max(0, associations - COST_ASSUMPTIONS.profileAssociationsInBase);
  return costMicros(H, prices.profilesBaseHour) + costMicros(beyond * H, prices.profileAssociationHour);
}

/**
 * The hubs' names resolved through zone associations against Route 53 Profiles, for this
 * environment's spokes: what each costs (associating zones with VPCs is free; profiles bill per
 * account, region and association), how many associations each needs, and how close the busiest
 * zone is to the 300 VPCs a private hosted zone takes.
 */
export function compareDnsModes(env: EnvironmentConfig, prices?: Readonly<Record<string, PriceTable>>): DnsModeComparison {
  const priceOf = (region: string): PriceTable => prices?.[region] ?? pricesFor(env, region);
  const regions = hubRegions(env).map((region): DnsModeRegion => {
    const hub = env.network.hubs[region];
    const spokes = env.consumers.filter((c) => c.region === region);
    let zoneAssociations = 0;
    let mostVpcsPerZone = 0;
    for (const [, set] of sortedEndpointSets(hub)) {
      const served = segmentsOfSet(env, set);
      const vpcs = 1 + spokes.filter((c) => served.includes(c.segment)).length;
      const zones = set.services.reduce((n, svc) => n + interfaceEndpointDnsNames(svc, region).length, 0);
      zoneAssociations += zones * vpcs;
      if (zones > 0) mostVpcsPerZone = Math.max(mostVpcsPerZone, vpcs);
    }
    return {
      region,
      mode: dnsModeOf(env, region),
      spokes: spokes.length,
      zoneAssociations,
      mostVpcsPerZone,
      zoneAssociationsHeadroom: Math.max(0, ZONE_VPC_QUOTA - mostVpcsPerZone),
      profileAssociations: spokes.length,
      zoneAssociationsUsd: 0,
      profilesUsd: microsToUsd(profilesMonthlyMicros(spokes.length, priceOf(region))),
    };
  });
  const sum = (f: (r: DnsModeRegion) => number): number => microsToUsd(regions.reduce((n, r) => n + priceMicros(f(r)), 0));
  return {
    basis:
      "Route 53 charges for resolving the hubs' endpoint names from the spokes: VPC associations of private hosted zones (free) against Route 53 Profiles (base per account and region for up to 100 profile-VPC associations, and per association beyond); the hub's zones cost the same either way",
    regions,
    zoneAssociationsUsd: sum((r) => r.zoneAssociationsUsd),
    profilesUsd: sum((r) => r.profilesUsd),
    profilesCheaperFromConsumers: null,
    note: 'Profiles are never cheaper: zone associations cost nothing. Choose profiles when a hub zone would need more than 300 VPCs (the quota of a private hosted zone; 299 spokes of the segments an endpoint set serves, with the hub VPC), or when adding a centralized service must change the hub stack only.',
  };
}
