/**
 * Facts about an environment's topology derived from its config alone (no cdktf): stack ids,
 * hub pairs, which endpoint sets a segment receives, default names. The stacks, the cost
 * estimate and the diagram all use these, so they cannot disagree.
 */
import type { ConsumerConfig, EndpointSetConfig, EnvironmentConfig, HubConfig } from './types';

/** The route table the hub VPC attachment is associated with, next to one per segment. */
export const SHARED_SERVICES_ROUTE_TABLE = 'shared-services';

/** Stack ids, as the blueprint names them: `<env>-<role>[-<name>]-<region>`. */
export const stackIds = {
  network: (env: EnvironmentConfig, region: string): string => `${env.name}-network-${region}`,
  peering: (env: EnvironmentConfig, a: string, b: string): string => {
    const [x, y] = [a, b].sort();
    return `${env.name}-peering-${x}-${y}`;
  },
  provider: (env: EnvironmentConfig): string => `${env.name}-provider-${env.provider.service.name}-${env.provider.region}`,
  consumer: (env: EnvironmentConfig, consumer: ConsumerConfig): string => `${env.name}-consumer-${consumer.name}-${consumer.region}`,
};

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

/** Endpoint sets of a hub in sorted order of their names. */
export function sortedEndpointSets(hub: HubConfig): readonly (readonly [string, EndpointSetConfig])[] {
  return Object.keys(hub.endpointSets)
    .sort()
    .map((name) => [name, hub.endpointSets[name]] as const);
}

/** The name consumers resolve when the service has no private DNS name (default as in types.ts). */
export function consumerDnsName(env: EnvironmentConfig): string {
  return env.provider.service.consumerDnsName ?? `${env.provider.service.name}.${env.name}.privatelink.internal`;
}

/** The regions other than the provider's from which consumers may connect: configured, or every hub region. */
export function supportedRegions(env: EnvironmentConfig): string[] {
  const regions = env.provider.service.supportedRegions ?? Object.keys(env.network.hubs);
  return regions.filter((r) => r !== env.provider.region).sort();
}
