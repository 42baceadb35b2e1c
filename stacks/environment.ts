import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../environments/types';
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

/** Stack ids: `<env>-<role>[-<name>]-<region>`. */
export const stackIds = {
  network: (env: string, region: string) => `${env}-network-${region}`,
  peering: (env: string, a: string, b: string) => `${env}-peering-${a}-${b}`,
  provider: (env: string, service: string, region: string) => `${env}-provider-${service}-${region}`,
  consumer: (env: string, consumer: string, region: string) => `${env}-consumer-${consumer}-${region}`,
};

/** Builds every stack of one (validated) environment under `scope`. */
export function buildEnvironment(scope: Construct, env: EnvironmentConfig): EnvironmentStacks {
  const regions = Object.keys(env.network.hubs).sort();
  const hubs: Record<string, NetworkHubStack> = {};
  for (const region of regions) {
    hubs[region] = new NetworkHubStack(scope, stackIds.network(env.name, region), { env, region });
  }

  const peerings: HubPeeringStack[] = [];
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const [a, b] = [regions[i], regions[j]];
      peerings.push(new HubPeeringStack(scope, stackIds.peering(env.name, a, b), {
        env,
        requester: hubs[a],
        accepter: hubs[b],
      }));
    }
  }

  const provider = new ServiceProviderStack(
    scope,
    stackIds.provider(env.name, env.provider.service.name, env.provider.region),
    { env },
  );

  const consumers: Record<string, ConsumerStack> = {};
  for (const consumer of env.consumers) {
    consumers[consumer.name] = new ConsumerStack(scope, stackIds.consumer(env.name, consumer.name, consumer.region), {
      env,
      consumer,
      hub: hubs[consumer.region],
      provider,
    });
  }
  return { hubs, peerings, provider, consumers };
}
