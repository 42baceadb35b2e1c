import type { Construct } from 'constructs';
import type { EmulatorSettings } from '../lib/cdktf/emulator';
import type { EnvironmentConfig } from '../lib/config/types';
import { hubPairs, hubRegions, servicesOfKind, stackIds } from '../lib/config/topology';
import { ConsumerStack } from './consumer-stack';
import { HubPeeringStack } from './hub-peering-stack';
import { NetworkHubStack } from './network-hub-stack';
import { PublishedServiceStack } from './published-service-stack';
import { ResourceServiceStack } from './resource-service-stack';

/** The stacks of one environment, by role. */
export interface EnvironmentStacks {
  readonly hubs: Readonly<Record<string, NetworkHubStack>>;
  readonly peerings: readonly HubPeeringStack[];
  /** Published services by name. */
  readonly published: Readonly<Record<string, PublishedServiceStack>>;
  /** Shared VPC resources by name. */
  readonly resources: Readonly<Record<string, ResourceServiceStack>>;
  readonly consumers: Readonly<Record<string, ConsumerStack>>;
}

export interface BuildOptions {
  /** Point every provider and the S3 backend at a local AWS emulator. @default - real AWS */
  readonly emulator?: EmulatorSettings;
}

/** Builds every stack of one (validated) environment under `scope`. */
export function buildEnvironment(scope: Construct, env: EnvironmentConfig, options: BuildOptions = {}): EnvironmentStacks {
  const emulator = options.emulator;
  const hubs: Record<string, NetworkHubStack> = {};
  for (const region of hubRegions(env)) {
    hubs[region] = new NetworkHubStack(scope, stackIds.network(env, region), { env, region, emulator });
  }

  const peerings = hubPairs(env).map(
    ([a, b]) =>
      new HubPeeringStack(scope, stackIds.peering(env, a, b), {
        env,
        emulator,
        requester: hubs[a],
        accepter: hubs[b],
      }),
  );

  const published: Record<string, PublishedServiceStack> = {};
  for (const service of servicesOfKind(env, 'published')) {
    published[service.name] = new PublishedServiceStack(scope, stackIds.service(env, service), { env, emulator, service });
  }
  const resources: Record<string, ResourceServiceStack> = {};
  for (const service of servicesOfKind(env, 'resource')) {
    resources[service.name] = new ResourceServiceStack(scope, stackIds.service(env, service), { env, emulator, service });
  }

  const consumers: Record<string, ConsumerStack> = {};
  for (const consumer of env.consumers) {
    consumers[consumer.name] = new ConsumerStack(scope, stackIds.consumer(env, consumer), {
      env,
      emulator,
      consumer,
      hub: hubs[consumer.region],
      published,
      resources,
    });
  }
  return { hubs, peerings, published, resources, consumers };
}
