/**
 * Facts about an environment's topology derived from its config alone (no cdktf): stack ids,
 * hub pairs, which endpoint sets a segment receives, which services a consumer reaches and how,
 * default names. The stacks, validation, the cost estimate, the diagram and the connectivity
 * check all use these, so they cannot disagree.
 */
import type {
  ConsumerConfig, EndpointSetConfig, EnvironmentConfig, ExternalServiceConfig, HubConfig, PublishedServiceConfig, ResourceServiceConfig,
  ServiceConfig, ServiceKind,
} from './types';

/** The route table the hub VPC attachment is associated with, next to one per segment. */
export const SHARED_SERVICES_ROUTE_TABLE = 'shared-services';

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
  return Object.keys(catalog).sort().map((name) => ({ name, config: catalog[name] }));
}

/** Services of one kind, sorted by name. */
export function servicesOfKind<K extends ServiceKind>(env: EnvironmentConfig, kind: K): readonly NamedService<Extract<ServiceConfig, { kind: K }>>[] {
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
export function externalServiceFor(svc: ExternalServiceConfig, region: string): { readonly serviceName: string; readonly serviceRegion?: string } {
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
  return svc.portRanges.map((r) => {
    const [from, to = from] = r.split('-').map(Number);
    return { from, to };
  }).sort((a, b) => a.from - b.from);
}
