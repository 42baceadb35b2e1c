import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../lib/config/types';
import { hubPairs, hubRegions, stackIds } from '../lib/config/topology';
import { ConsumerStack } from './consumer-stack';
import { HubPeeringStack } from './hub-peering-stack';
import { NetworkHubStack } from './network-hub-stack';
import { ServiceProviderStack } from './service-provider-stack';

/** The stacks of one environment, by role. */
export interface EnvironmentStacks {
  readonly hubs: Readonly<Record<string, NetworkHubStack>>;
  readonly peerings: readonly HubPeeringStack[];
  readonly provider: ServiceProviderStack;
  readonly consumers: Readonly<Record<string, ConsumerStack>>;
}

/** Builds every stack of one (validated) environment under `scope`. */
export function buildEnvironment(scope: Construct, env: EnvironmentConfig): EnvironmentStacks {
  const hubs: Record<string, NetworkHubStack> = {};
  for (const region of hubRegions(env)) {
    hubs[region] = new NetworkHubStack(scope, stackIds.network(env, region), { env, region });
  }

  const peerings = hubPairs(env).map(([a, b]) => new HubPeeringStack(scope, stackIds.peering(env, a, b), {
    env,
    requester: hubs[a],
    accepter: hubs[b],
  }));

  const provider = new ServiceProviderStack(scope, stackIds.provider(env), { env });

  const consumers: Record<string, ConsumerStack> = {};
  for (const consumer of env.consumers) {
    consumers[consumer.name] = new ConsumerStack(scope, stackIds.consumer(env, consumer), {
      env,
      consumer,
      hub: hubs[consumer.region],
      provider,
    });
  }
  return { hubs, peerings, provider, consumers };
}
