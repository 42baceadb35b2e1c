/** The shapes of the cost report and the usage assumptions it rests on. */
import type { ServiceKind } from '../../config/types';
import { DEFAULT_PRICES, PRICE_SOURCES, type PriceField, type PriceSource, type PriceTable } from './prices';

/**
 * Usage figures the configuration does not (yet) state. Each is a documented default, printed
 * with the report, so a reader can see what the estimate rests on.
 */
export const COST_ASSUMPTIONS = {
  /** AWS's billing month. */
  hoursPerMonth: 730,
  /** `ConsumerConfig.expectedGbPerMonth` when unset (the default stated in types.ts), per consumed service. */
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
  /**
   * Traffic between each on-premises network and AWS (the hub's endpoints and the spokes it
   * reaches), per month, both directions. It crosses the Transit Gateway once (TGW data
   * processing), counted in the network stack; VPN and Direct Connect data transfer out are billed
   * at standard rates on the connection owner's side and are not modelled.
   */
  onPremisesGbPerNetworkMonth: 100,
  /** Profile-VPC associations covered by the hourly base charge of Route 53 Profiles (per account and region). */
  profileAssociationsInBase: 100,
} as const;

const H = COST_ASSUMPTIONS.hoursPerMonth;
const resourceHourSource: PriceSource = PRICE_SOURCES.resourceEndpointHour;

/** Human-readable statement of every modelling choice, printed with the report. */
export const ASSUMPTION_NOTES: readonly string[] = [
  `A month is ${H} hours; every resource runs all month. Amounts are computed exactly (to the micro-dollar) and only rounded to the cent for display, so shown line items may differ from a shown total by a cent.`,
  `Prices are the default table for ${DEFAULT_PRICES.region} (figures checked ${DEFAULT_PRICES.asOf} or later; each price's source and date are in the JSON report, priceSources), in every region unless env.prices[region] overrides a field; each line uses the prices of the region its resource lives in.`,
  'Interface endpoints (published and external services) bill per endpoint per AZ (one ENI per AZ) per hour, plus per GB processed (first-PB tier).',
  `Resource endpoints bill per endpoint per hour (not per AZ) plus per GB processed; the resource owner's resource gateway has no hourly charge and bills per GB it processes (VPC Lattice). The resource endpoint's hourly rate (${DEFAULT_PRICES.prices.resourceEndpointHour} USD) is an assumption: ${resourceHourSource.note}.`,
  'NLB capacity: AWS bills the largest of the NLCU dimensions each hour; only processed bytes is modelled (1 NLCU = 1 GB per hour for TCP and TLS), assuming new connections and active flows stay below it. With traffic spread evenly, NLCU-hours per month = GB per month.',
  `Each consumer sends ConsumerConfig.expectedGbPerMonth (default ${COST_ASSUMPTIONS.defaultExpectedGbPerMonth} GB) to each service it consumes. That traffic is processed by the consumer's endpoint and by the service's NLB (published) or resource gateway (resource), and is charged inter-region transfer (at the consumer region's price, in the consumer stack) when the endpoint connects to a service in another region (cross-region published or external service). PrivateLink traffic does not cross the Transit Gateway.`,
  "External services: nothing is deployed for them and nothing is estimated on the vendor side: the vendor runs and pays for its load balancer and endpoint service and bills its customers in its own way (subscription, marketplace, contract), outside this estimate. Only the consumers' endpoints to it are counted.",
  'Private hosted zones a consumer stack creates for a service: one per published service without a private DNS name (consumerDnsName) and one per external service without one (dns.zoneName). Private DNS of an endpoint (privateDnsName) and of a resource endpoint uses zones AWS manages, at no zone charge.',
  `Each consumer sends ${COST_ASSUMPTIONS.centralizedEndpointGbPerConsumerMonth} GB/month to the centralized AWS service endpoints of its hub (when its segment receives any): TGW data processing in the consumer stack, endpoint data processing in the network stack.`,
  "Transit Gateway attachments bill hourly to the VPC owner (hub attachment: network stack; spoke attachment: consumer stack). A TGW peering attachment bills hourly on both Transit Gateways; both sides are in the peering stack, each at its region's price. Transit Gateways, route tables and RAM shares have no charge of their own.",
  `Every VPC the blueprint builds (hubs, published-service VPCs, resource owner VPCs, spokes) sends flow logs to CloudWatch Logs: ${COST_ASSUMPTIONS.flowLogGbPerVpcMonth} GB/month ingested per VPC; storage is not modelled.`,
  "Route 53: every hosted zone at the first-25-zones price; the cheaper tier above 25 zones per account and query charges are not modelled. Associating the hub's zones with spokes is free.",
  "Chargeback per service: the owner side (the service stack: NLB hours and capacity or resource gateway processing, and the flow log of its VPC; nothing for an external service) plus, in each consumer stack, the lines of that service's endpoint (hours, data processed, inter-region transfer, its private hosted zone). Hubs, peering, spoke attachments, TGW processing and spoke flow logs are shared and charged back to no service.",
  `Route 53 Profiles (hubs in DNS mode profiles, or switching to it): the profile owner (the network account) pays, per region, ${DEFAULT_PRICES.prices.profilesBaseHour} USD per hour for up to ${COST_ASSUMPTIONS.profileAssociationsInBase} profile-VPC associations (charged once a spoke is associated) and ${DEFAULT_PRICES.prices.profileAssociationHour} USD per association-hour beyond; the profiles, their zone and rule associations and their RAM shares have no charge of their own. Associating zones with VPCs directly is free, so profiles never cost less than zone associations: they are chosen for scale (a zone takes 300 VPCs, a profile 1,000, adjustable) and because adding a centralized service then changes the hub only (see the DNS modes table).`,
  `On-premises networks: a Site-to-Site VPN bills per connection-hour and its TGW attachment per attachment-hour; a Direct Connect gateway association has no charge of its own (its TGW attachment bills per attachment-hour; ports and data transfer out are the DX owner's bill, not modelled). The hub's Route 53 Resolver bills per endpoint IP (one ENI per hub AZ) per hour, for the inbound endpoint and, with forwarding rules, the outbound one; queries are not modelled. Each network exchanges ${COST_ASSUMPTIONS.onPremisesGbPerNetworkMonth} GB/month with AWS (an assumption), charged once as TGW data processing in the network stack.`,
  'Not modelled: SNS connection notifications (free tier), the endpoint service and the resource configuration themselves (no charge), cross-AZ data transfer, TGW peering data transfer for non-PrivateLink traffic, volume tiers, taxes and discounts.',
];

// ---------------------------------------------------------------------------------------------
// Report shapes

export interface CostLineItem {
  /** Stack id, e.g. `prod-network-us-east-1`. */
  readonly stack: string;
  /** Region whose prices apply. */
  readonly region: string;
  readonly item: string;
  /** The catalog service this line serves, when it serves one (the chargeback key). */
  readonly service?: string;
  readonly quantity: number;
  readonly unit: string;
  /** Which price of the table the line uses. */
  readonly price: PriceField;
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

/** What one consumer pays for its endpoint to a service. */
export interface ConsumerShare {
  readonly consumer: string;
  readonly stack: string;
  readonly microUsd: number;
  readonly usd: number;
}

/** What a service costs per month, owner side plus its consumers' endpoints: what its owner would charge back. */
export interface ServiceChargeback {
  readonly service: string;
  readonly kind: ServiceKind;
  /** The owner account id, or the vendor of an external service. */
  readonly owner: string;
  /** The service's region; for an external service, the vendor's regions. */
  readonly region: string;
  /** The owner's stack; none for an external service. */
  readonly ownerStack?: string;
  readonly ownerMicroUsd: number;
  readonly ownerUsd: number;
  /** Each consumer's endpoint lines, in configuration order. */
  readonly consumers: readonly ConsumerShare[];
  readonly consumerMicroUsd: number;
  readonly consumerUsd: number;
  readonly totalMicroUsd: number;
  readonly totalUsd: number;
}

export interface Chargeback {
  /** One entry per catalog service, sorted by name. */
  readonly services: readonly ServiceChargeback[];
  /** What no service is charged for: hubs, peering, spoke attachments and flow logs. */
  readonly unattributedMicroUsd: number;
  readonly unattributedUsd: number;
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

/** What the DNS modes cost for one hub: its spokes' associations, both ways. */
export interface DnsModeRegion {
  readonly region: string;
  /** The hub's DNS mode as configured. */
  readonly mode: string;
  /** Spokes of the hub's region. */
  readonly spokes: number;
  /** Zone associations with zone-associations: each hub zone with the hub VPC and the spokes of its segments. */
  readonly zoneAssociations: number;
  /** The most VPCs one hub zone takes with zone-associations (the 300-VPC quota applies to it). */
  readonly mostVpcsPerZone: number;
  /** Spokes the busiest zone's segments can still take before zone-associations crosses that quota (profiles then are the only way). */
  readonly zoneAssociationsHeadroom: number;
  /** Profile-VPC associations with profiles: one per spoke. */
  readonly profileAssociations: number;
  /** zone-associations per month: associating zones with VPCs is free. */
  readonly zoneAssociationsUsd: number;
  /** profiles per month: the base (up to 100 associations) and the associations beyond. */
  readonly profilesUsd: number;
}

/** Zone associations against Route 53 Profiles for every hub of the environment, side by side. */
export interface DnsModeComparison {
  readonly basis: string;
  readonly regions: readonly DnsModeRegion[];
  readonly zoneAssociationsUsd: number;
  readonly profilesUsd: number;
  /**
   * The consumer count from which profiles cost less than zone associations: never (null), since
   * zone associations are free; `note` says what decides instead.
   */
  readonly profilesCheaperFromConsumers: number | null;
  readonly note: string;
}

export interface CostReport {
  readonly environment: string;
  /** Date of the oldest default price (see `priceSources` for each). */
  readonly pricesAsOf: string;
  readonly hoursPerMonth: number;
  /** The price table in force for each region that has resources, after overrides. */
  readonly prices: Readonly<Record<string, PriceTable>>;
  /** Source and date of each default price. */
  readonly priceSources: Readonly<Record<PriceField, PriceSource>>;
  readonly stacks: readonly StackCost[];
  readonly totalMicroUsd: number;
  readonly totalUsd: number;
  /** Per-service totals a service owner would charge back. */
  readonly chargeback: Chargeback;
  readonly centralization: CentralizationComparison;
  /** DNS of the hubs' names: zone associations and Route 53 Profiles side by side. */
  readonly dnsModes: DnsModeComparison;
  readonly assumptions: readonly string[];
  /** Configuration that looks mistaken but does not stop the estimate (e.g. prices for an unused region). */
  readonly warnings: readonly string[];
}
