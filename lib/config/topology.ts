/**
 * Facts about an environment's topology derived from its config alone (no cdktf): stack ids,
 * hub pairs, which endpoint sets a segment receives, which services a consumer reaches and how,
 * default names. The stacks, validation, the cost estimate, the diagram and the connectivity
 * check all use these, so they cannot disagree.
 */
import type {
  ConsumerConfig,
  DnsMode,
  EndpointSetConfig,
  EnvironmentConfig,
  ExternalServiceConfig,
  HubConfig,
  OnPremisesConfig,
  PublishedServiceConfig,
  ResourceServiceConfig,
  S3StateConfig,
  ServiceConfig,
  ServiceKind,
} from './types';
import { azSubnetCidr, formatIp, parseCidr } from '../net/cidr';

/** The route table the hub VPC attachment is associated with, next to one per segment. */
export const SHARED_SERVICES_ROUTE_TABLE = 'shared-services';

/** The route table of a hub's on-premises attachments (VPN, Direct Connect gateway), when it has any. */
export const ONPREM_ROUTE_TABLE = 'onprem';

/** `network.dns` when unset. */
export const DEFAULT_DNS_MODE: DnsMode = 'zone-associations';

/** The DNS modes, in the order of a migration from zone associations to profiles. */
export const DNS_MODES: readonly DnsMode[] = ['zone-associations', 'zone-associations+profiles', 'profiles'];

/** A catalog service with its name. */
export type NamedService<S extends ServiceConfig = ServiceConfig> = { readonly name: string; readonly config: S };

/** The stack role of each service kind that has a stack of its own (external services have none). */
export const SERVICE_STACK_ROLE = { published: 'provider', resource: 'resource' } as const;

/** Stack ids, as the blueprint names them: `<env>-<role>[-<name>]-<region>`. */
export const stackIds = {
  network: (env: EnvironmentConfig, region: string): string => `${env.name}-network-${region}`,
  peering: (env: EnvironmentConfig, a: string, b: string): string => {
    const [x, y] = [a, b].sort();
    return `${env.name}-peering-${x}-${y}`;
  },
  /** The stack of a published or resource service, in its owner's account and region. */
  service: (env: EnvironmentConfig, svc: NamedService<PublishedServiceConfig | ResourceServiceConfig>): string =>
    `${env.name}-${SERVICE_STACK_ROLE[svc.config.kind]}-${svc.name}-${svc.config.region}`,
  consumer: (env: EnvironmentConfig, consumer: ConsumerConfig): string => `${env.name}-consumer-${consumer.name}-${consumer.region}`,
};

/** The organization's ARN: the RAM principal that shares with every account of the organization. */
/** The folder of the environment's state objects in the S3 state bucket: each stack's is `<prefix>/<stack id>.tfstate`. */
export function stateKeyPrefix(env: EnvironmentConfig, state: S3StateConfig): string {
  return state.keyPrefix ?? env.name;
}

export function organizationArn(env: EnvironmentConfig): string {
  return `arn:aws:organizations::${env.organization.managementAccountId}:organization/${env.organization.id}`;
}

/** Hub regions in sorted order, so every output is deterministic. */
export function hubRegions(env: EnvironmentConfig): readonly string[] {
  return Object.keys(env.network.hubs).sort();
}

/** Every unordered pair of hub regions, each sorted: one TGW peering per pair. */
export function hubPairs(env: EnvironmentConfig): readonly (readonly [string, string])[] {
  const regions = hubRegions(env);
  const pairs: [string, string][] = [];
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) pairs.push([regions[i], regions[j]]);
  }
  return pairs;
}

/** The hub a consumer attaches to; throws with the fix when its region has none. */
export function hubOf(env: EnvironmentConfig, consumer: ConsumerConfig): HubConfig {
  const hub = env.network.hubs[consumer.region];
  if (!hub) {
    throw new Error(
      `${env.name}: consumer '${consumer.name}' is in ${consumer.region}, but network.hubs has no hub there ` +
        `(hubs: ${hubRegions(env).join(', ') || 'none'}); add a hub for ${consumer.region} or move the consumer`,
    );
  }
  return hub;
}

/** Whether spokes of `segment` receive the endpoints (hosted zones) of `set`. */
export function setReachesSegment(set: EndpointSetConfig, segment: string): boolean {
  return set.segments === undefined || set.segments.includes(segment);
}

/**
 * The address ranges of some segments (all when `segments` is undefined), keyed by a stable
 * name `<segment>-<cidr>`: what security groups admit for those segments.
 */
export function segmentSources(env: EnvironmentConfig, segments?: readonly string[]): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const segment of Object.keys(env.segments).sort()) {
    if (segments !== undefined && !segments.includes(segment)) continue;
    for (const cidr of env.segments[segment].cidrs) sources[`${segment}-${cidr.replace(/[./]/g, '-')}`] = cidr;
  }
  return sources;
}

/** Endpoint sets of a hub in sorted order of their names. */
export function sortedEndpointSets(hub: HubConfig): readonly (readonly [string, EndpointSetConfig])[] {
  return Object.keys(hub.endpointSets)
    .sort()
    .map((name) => [name, hub.endpointSets[name]] as const);
}

/**
 * The construct-id key of one centralized endpoint: `<set>-<service with dots as hyphens>`.
 * Every resource of the endpoint is keyed by it; validation rejects two pairs of one hub with
 * the same key (`core` + `application-autoscaling` and `core-application` + `autoscaling`).
 */
export function endpointKey(set: string, service: string): string {
  return `${set}-${service.replace(/\./g, '-')}`;
}

/** The catalog, sorted by service name. */
export function services(env: EnvironmentConfig): readonly NamedService[] {
  const catalog = env.services ?? {};
  return Object.keys(catalog)
    .sort()
    .map((name) => ({ name, config: catalog[name] }));
}

/** Services of one kind, sorted by name. */
export function servicesOfKind<K extends ServiceKind>(
  env: EnvironmentConfig,
  kind: K,
): readonly NamedService<Extract<ServiceConfig, { kind: K }>>[] {
  return services(env).filter((s): s is NamedService<Extract<ServiceConfig, { kind: K }>> => s.config.kind === kind);
}

/** The services a consumer consumes, sorted by name (unknown names are validation's business). */
export function consumedServices(env: EnvironmentConfig, consumer: ConsumerConfig): readonly NamedService[] {
  const catalog = env.services ?? {};
  return [...new Set(consumer.consumes ?? [])].sort().flatMap((name) => (catalog[name] ? [{ name, config: catalog[name] }] : []));
}

/** The consumers of one service, in configuration order. */
export function consumersOf(env: EnvironmentConfig, service: string): readonly ConsumerConfig[] {
  return env.consumers.filter((c) => (c.consumes ?? []).includes(service));
}

/** The name consumers resolve for a published service without a private DNS name, or a shared resource (default as in types.ts). */
export function consumerDnsName(env: EnvironmentConfig, svc: NamedService<PublishedServiceConfig | ResourceServiceConfig>): string {
  return svc.config.consumerDnsName ?? `${svc.name}.${env.name}.privatelink.internal`;
}

/**
 * The private hosted zone a consumer stack creates for a service, or undefined when the service's
 * own private DNS name resolves (a published service with `privateDnsName`, an external service
 * whose vendor publishes one).
 */
export function consumerZoneOf(env: EnvironmentConfig, svc: NamedService): string | undefined {
  const cfg = svc.config;
  if (cfg.kind === 'external') return cfg.privateDnsName === undefined ? cfg.dns?.zoneName : undefined;
  if (cfg.kind === 'published' && cfg.privateDnsName !== undefined) return undefined;
  return consumerDnsName(env, { name: svc.name, config: cfg });
}

/** Who runs a service: its owner account, or the vendor of an external service. */
export function serviceOwner(svc: NamedService): string {
  return svc.config.kind === 'external' ? (svc.config.vendor ?? svc.name) : svc.config.accountId;
}

/** Where a service lives: its region, or the vendor's regions of an external service. */
export function serviceRegionLabel(svc: ServiceConfig): string {
  return svc.kind === 'external' ? Object.keys(svc.serviceNames).sort().join(', ') : svc.region;
}

/** The regions other than a published service's own from which consumers may connect: configured, or every hub region. */
export function supportedRegions(env: EnvironmentConfig, svc: PublishedServiceConfig): string[] {
  const regions = svc.supportedRegions ?? Object.keys(env.network.hubs);
  return regions.filter((r) => r !== svc.region).sort();
}

/** How a consumer in `region` reaches an external service: the vendor's service name and, cross-region, its region. */
export function externalServiceFor(
  svc: ExternalServiceConfig,
  region: string,
): { readonly serviceName: string; readonly serviceRegion?: string } {
  const own = svc.serviceNames[region];
  if (own !== undefined) return { serviceName: own };
  if (svc.serviceRegion === undefined) throw new Error(`external service has no service name for ${region} and no serviceRegion`);
  return { serviceName: svc.serviceNames[svc.serviceRegion], serviceRegion: svc.serviceRegion };
}

/** The region a consumer's endpoint to `svc` connects to: its own, or another (cross-region PrivateLink). */
export function endpointServiceRegion(svc: ServiceConfig, consumerRegion: string): string {
  if (svc.kind === 'external') return externalServiceFor(svc, consumerRegion).serviceRegion ?? consumerRegion;
  return svc.region;
}

/** The ports a consumer's endpoint to `svc` admits: listener ports, vendor ports, or the resource's port ranges. */
export function servicePorts(svc: ServiceConfig): readonly { readonly from: number; readonly to: number }[] {
  const single = (ports: readonly number[]) => [...new Set(ports)].sort((a, b) => a - b).map((p) => ({ from: p, to: p }));
  if (svc.kind === 'published') return single(svc.listeners.map((l) => l.port));
  if (svc.kind === 'external') return single(svc.ports);
  return svc.portRanges
    .map((r) => {
      const [from, to = from] = r.split('-').map(Number);
      return { from, to };
    })
    .sort((a, b) => a.from - b.from);
}

// ---------------------------------------------------------------------------------------------
// DNS modes and on-premises networks

/** How the spokes of the hub in `region` resolve its endpoint names: the hub's `dns`, else `network.dns`, else the default. */
export function dnsModeOf(env: EnvironmentConfig, region: string): DnsMode {
  return env.network.hubs[region]?.dns ?? env.network.dns ?? DEFAULT_DNS_MODE;
}

/** Whether the hub holds Route 53 Profiles and spokes associate them (`profiles`, and the transition). */
export function usesProfiles(mode: DnsMode): boolean {
  return mode !== 'zone-associations';
}

/** Whether spokes associate the hub's zones directly (`zone-associations`, and the transition). */
export function usesZoneAssociations(mode: DnsMode): boolean {
  return mode !== 'profiles';
}

/** The segments whose spokes receive the endpoint set `set` of a hub, sorted. */
export function segmentsOfSet(env: EnvironmentConfig, set: EndpointSetConfig): readonly string[] {
  return Object.keys(env.segments)
    .sort()
    .filter((sg) => setReachesSegment(set, sg));
}

/** An on-premises network with its name. */
export type NamedOnPremises = { readonly name: string; readonly config: OnPremisesConfig };

/** Every on-premises network, sorted by name. */
export function onPremisesNetworks(env: EnvironmentConfig): readonly NamedOnPremises[] {
  const all = env.network.onPremises ?? {};
  return Object.keys(all)
    .sort()
    .map((name) => ({ name, config: all[name] }));
}

/** The on-premises networks connected to the hub of `region`, sorted by name. */
export function onPremisesOf(env: EnvironmentConfig, region: string): readonly NamedOnPremises[] {
  return onPremisesNetworks(env).filter((n) => n.config.region === region);
}

/** The segments an on-premises network reaches, sorted. */
export function reachSegments(network: OnPremisesConfig): readonly string[] {
  return [...new Set(network.reach?.segments ?? [])].sort();
}

/** The on-premises networks a consumer reaches: those of its region whose `reach.segments` has its segment. */
export function onPremisesReaching(env: EnvironmentConfig, consumer: ConsumerConfig): readonly NamedOnPremises[] {
  return onPremisesOf(env, consumer.region).filter((n) => reachSegments(n.config).includes(consumer.segment));
}

/** A CIDR as a construct-id fragment: `172.16.0.0/16` → `172-16-0-0-16`. */
export function cidrKey(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

/** The on-premises ranges of a hub's networks, keyed `onprem-<network>-<cidr>`: what the hub's endpoints and resolver admit. */
export function onPremisesSources(env: EnvironmentConfig, region: string): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const n of onPremisesOf(env, region)) for (const cidr of n.config.cidrs) sources[`onprem-${n.name}-${cidrKey(cidr)}`] = cidr;
  return sources;
}

/** The construct-id key of the forwarding rule of one on-premises domain: `<network>-<domain with dots as hyphens>`. */
export function resolverRuleKey(network: string, domain: string): string {
  return `${network}-${domain.replace(/\.$/, '').replace(/\./g, '-')}`;
}

/** A forwarding rule of a hub: an on-premises domain, where it goes, and the segments it serves. */
export interface ForwardingRule {
  readonly key: string;
  readonly network: string;
  readonly domain: string;
  readonly dnsServers: readonly string[];
  readonly segments: readonly string[];
}

/** The forwarding rules of the hub of `region`, sorted by key. */
export function forwardingRulesOf(env: EnvironmentConfig, region: string): readonly ForwardingRule[] {
  return onPremisesOf(env, region)
    .flatMap((n) =>
      [...new Set(n.config.forwardDomains ?? [])].sort().map((domain) => ({
        key: resolverRuleKey(n.name, domain),
        network: n.name,
        domain: domain.replace(/\.$/, ''),
        dnsServers: [...(n.config.dnsServers ?? [])],
        segments: reachSegments(n.config),
      })),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The fixed addresses of a hub's Route 53 Resolver inbound endpoint, by AZ: the last usable
 * address of each hub subnet (AWS reserves the subnet's last address, so this is the last one it
 * assigns), carved from the config alone: on-premises forwarders point at addresses that never
 * change, also when the endpoint is replaced (destroy, then create, frees them first). Sorted by AZ.
 */
export function resolverInboundIps(hub: HubConfig): readonly { readonly az: string; readonly ip: string }[] {
  return [...hub.azs].sort().map((az) => {
    const subnet = parseCidr(azSubnetCidr(hub.cidr, az))!;
    return { az, ip: formatIp((subnet.network + 2 ** (32 - subnet.prefix) - 2) >>> 0) };
  });
}
