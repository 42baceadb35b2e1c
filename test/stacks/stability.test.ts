import { prod } from '../../environments/prod';
import type { ConsumerConfig, EnvironmentConfig } from '../../lib/config/types';
import { synthText } from '../support/synth';

const withConsumers = (env: EnvironmentConfig, consumers: ConsumerConfig[]): EnvironmentConfig => ({ ...env, consumers });
const before = synthText([prod]);

describe('resources are keyed by name, never by position', () => {
  test.each<[string, ConsumerConfig]>([
    ['a consumer in a region and segment that already have consumers', {
      name: 'risk', accountId: '777777777777', region: 'us-east-1', cidr: '10.19.0.0/21', azs: ['us-east-1a', 'us-east-1c'], segment: 'prod',
    }],
    ['the first nonprod consumer of eu-west-1', {
      name: 'sandbox-eu', accountId: '888888888888', region: 'eu-west-1', cidr: '10.20.0.0/21', azs: ['eu-west-1b', 'eu-west-1c'], segment: 'nonprod',
    }],
  ])('adding %s adds one stack and leaves every existing stack byte-identical', (_, consumer) => {
    const after = synthText([withConsumers(prod, [consumer, ...prod.consumers])]);
    const added = Object.keys(after).filter((id) => !(id in before));
    expect(added).toEqual([`prod-consumer-${consumer.name}-${consumer.region}`]);
    for (const id of Object.keys(before)) expect({ id, json: after[id] }).toEqual({ id, json: before[id] });
  });

  test('reordering consumers and AZs changes nothing', () => {
    const shuffled = withConsumers(prod, [...prod.consumers].reverse().map((c) => ({ ...c, azs: [...c.azs].reverse() })));
    expect(synthText([shuffled])).toEqual(before);
  });

  test('removing a consumer removes only its stack', () => {
    const after = synthText([withConsumers(prod, prod.consumers.filter((c) => c.name !== 'staging'))]);
    expect(Object.keys(before).filter((id) => !(id in after))).toEqual(['prod-consumer-staging-us-east-1']);
    for (const id of Object.keys(after)) expect(after[id]).toBe(before[id]);
  });
});
