import { prod } from '../../environments/prod';
import type { ConsumerConfig, DnsMode, EnvironmentConfig, ServiceConfig } from '../../lib/config/types';
import { synthText } from '../support/synth';

const withConsumers = (env: EnvironmentConfig, consumers: ConsumerConfig[]): EnvironmentConfig => ({ ...env, consumers });
const withServices = (env: EnvironmentConfig, services: Record<string, ServiceConfig>): EnvironmentConfig => ({
  ...env,
  services: { ...env.services, ...services },
});
const withDns = (env: EnvironmentConfig, dns: DnsMode): EnvironmentConfig => ({ ...env, network: { ...env.network, dns } });
const withHubService = (env: EnvironmentConfig, region: string, service: string): EnvironmentConfig => {
  const hub = env.network.hubs[region];
  const core = hub.endpointSets.core;
  return {
    ...env,
    network: {
      ...env.network,
      hubs: {
        ...env.network.hubs,
        [region]: { ...hub, endpointSets: { ...hub.endpointSets, core: { ...core, services: [...core.services, service] } } },
      },
    },
  };
};
// prod resolves the hubs' names through Route 53 Profiles, and its datacenter reaches the prod segment of us-east-1.
const before = synthText([prod]);

/** Every stack of `before` except `changed` is byte-identical in `after`. */
function expectOnlyChanged(after: Record<string, string>, changed: readonly string[]): void {
  for (const id of Object.keys(before)) {
    if (changed.includes(id)) {
      expect({ id, changed: after[id] !== before[id] }).toEqual({ id, changed: true });
    } else {
      expect({ id, json: after[id] }).toEqual({ id, json: before[id] });
    }
  }
}

describe('resources are keyed by name, never by position', () => {
  test.each<[string, ConsumerConfig]>([
    [
      'a consumer in a region and segment that already have consumers (and reach the datacenter)',
      {
        name: 'risk',
        accountId: '888888888888',
        region: 'us-east-1',
        cidr: '10.19.0.0/21',
        azs: ['us-east-1a', 'us-east-1c'],
        segment: 'prod',
        consumes: ['payments', 'ledger-db', 'market-data'],
      },
    ],
    [
      'the first nonprod consumer of eu-west-1',
      {
        name: 'sandbox-eu',
        accountId: '999999999999',
        region: 'eu-west-1',
        cidr: '10.20.0.0/21',
        azs: ['eu-west-1b', 'eu-west-1c'],
        segment: 'nonprod',
        consumes: ['fx-rates'],
      },
    ],
  ])('adding %s adds one stack and leaves every existing stack byte-identical', (_, consumer) => {
    const after = synthText([withConsumers(prod, [consumer, ...prod.consumers])]);
    const added = Object.keys(after).filter((id) => !(id in before));
    expect(added).toEqual([`prod-consumer-${consumer.name}-${consumer.region}`]);
    expectOnlyChanged(after, []);
  });

  test.each<[string, string, string]>([
    ['a published service of another owner account, cross-region', 'staging', 'fx-rates'],
    ['a shared VPC resource', 'staging', 'ledger-db'],
    ['an external service', 'staging', 'market-data'],
  ])("subscribing a consumer to %s changes only that consumer's stack", (_, name, service) => {
    const env = withConsumers(
      prod,
      prod.consumers.map((c) => (c.name === name ? { ...c, consumes: [...(c.consumes ?? []), service] } : c)),
    );
    // fx-rates supports only its own region: the cross-region subscription needs us-east-1 added.
    const after = synthText([
      service === 'fx-rates'
        ? withServices(env, { 'fx-rates': { ...env.services!['fx-rates'], supportedRegions: ['us-east-1'] } as ServiceConfig })
        : env,
    ]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    // Widening fx-rates' supported regions changes its own stack too; nothing else moves.
    expectOnlyChanged(after, ['prod-consumer-staging-us-east-1', ...(service === 'fx-rates' ? ['prod-provider-fx-rates-eu-west-1'] : [])]);
  });

  test.each<[string, ServiceConfig, string | undefined]>([
    [
      'a published service',
      {
        kind: 'published',
        accountId: '777777777777',
        region: 'us-east-1',
        cidr: '10.4.0.0/22',
        azs: ['us-east-1a', 'us-east-1b'],
        listeners: [{ port: 9443 }],
        targets: ['10.4.0.10'],
      },
      'prod-provider-quotes-us-east-1',
    ],
    [
      'a shared VPC resource',
      {
        kind: 'resource',
        accountId: '777777777777',
        region: 'eu-west-1',
        cidr: '10.4.0.0/22',
        azs: ['eu-west-1a', 'eu-west-1b'],
        resource: { dnsName: 'quotes.db.example.com' },
        portRanges: ['3306'],
      },
      'prod-resource-quotes-eu-west-1',
    ],
    [
      'an external service',
      {
        kind: 'external',
        serviceNames: { 'us-east-1': 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' },
        ports: [443],
        dns: { zoneName: 'quotes.vendor.example', records: [''] },
      },
      undefined,
    ],
  ])('adding %s adds its stack (if any) and changes no other', (_, service, stack) => {
    const after = synthText([withServices(prod, { quotes: service })]);
    expect(Object.keys(after).filter((id) => !(id in before))).toEqual(stack ? [stack] : []);
    expectOnlyChanged(after, []);
  });

  test('reordering consumers, their consumed services and AZs changes nothing', () => {
    const shuffled = withConsumers(
      prod,
      [...prod.consumers].reverse().map((c) => ({ ...c, azs: [...c.azs].reverse(), consumes: [...(c.consumes ?? [])].reverse() })),
    );
    expect(synthText([shuffled])).toEqual(before);
  });

  test('adding a centralized service changes the hub stack only (profiles: prod)', () => {
    const after = synthText([withHubService(prod, 'us-east-1', 'logs')]);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expectOnlyChanged(after, ['prod-network-us-east-1']);
  });

  test('with zone associations, the same service also changes every consumer of the segments that receive it', () => {
    const zones = withDns(prod, 'zone-associations');
    const base = synthText([zones]);
    const after = synthText([withHubService(zones, 'us-east-1', 'logs')]);
    const changed = Object.keys(base).filter((id) => after[id] !== base[id]);
    expect(changed).toEqual(['prod-consumer-checkout-us-east-1', 'prod-consumer-staging-us-east-1', 'prod-network-us-east-1']);
  });

  test.each<DnsMode>(['zone-associations', 'zone-associations+profiles'])(
    'with %s too, adding a consumer adds one stack and changes no other',
    (mode) => {
      const base = synthText([withDns(prod, mode)]);
      const consumer: ConsumerConfig = {
        name: 'risk',
        accountId: '888888888888',
        region: 'us-east-1',
        cidr: '10.19.0.0/21',
        azs: ['use1-az1', 'use1-az2'],
        segment: 'prod',
        consumes: ['payments'],
      };
      const after = synthText([withConsumers(withDns(prod, mode), [consumer, ...prod.consumers])]);
      expect(Object.keys(after).filter((id) => !(id in base))).toEqual(['prod-consumer-risk-us-east-1']);
      for (const id of Object.keys(base)) expect({ id, json: after[id] }).toEqual({ id, json: base[id] });
    },
  );

  test('removing a consumer removes only its stack', () => {
    const after = synthText([
      withConsumers(
        prod,
        prod.consumers.filter((c) => c.name !== 'staging'),
      ),
    ]);
    expect(Object.keys(before).filter((id) => !(id in after))).toEqual(['prod-consumer-staging-us-east-1']);
    for (const id of Object.keys(after)) expect(after[id]).toBe(before[id]);
  });
});
