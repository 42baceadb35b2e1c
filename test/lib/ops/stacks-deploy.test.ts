/** Stack selection and ordering of the operator commands (lib/ops/stacks.ts, lib/ops/deploy.ts). */
import { prod } from '../../../environments/prod';
import { cdktfArgs, commandFor, formatBlockers, formatLock, planStacks } from '../../../lib/ops/deploy';
import { environmentStacks, globToRegExp, SelectionError, selectStacks, unknownStackIds } from '../../../lib/ops/stacks';

const stacks = environmentStacks(prod);
const ids = (list: readonly { id: string }[]) => list.map((s) => s.id);
const upstreamOf = (id: string) => stacks.find((s) => s.id === id)?.upstream ?? [];

test('every stack of prod in deploy order, with the stacks it reads', () => {
  expect(ids(stacks)).toEqual([
    'prod-network-eu-west-1',
    'prod-network-us-east-1',
    'prod-peering-eu-west-1-us-east-1',
    'prod-provider-fx-rates-eu-west-1',
    'prod-provider-payments-us-east-1',
    'prod-resource-ledger-db-us-east-1',
    ...prod.consumers.map((c) => `prod-consumer-${c.name}-${c.region}`),
  ]);
  expect(upstreamOf('prod-consumer-checkout-us-east-1')).toEqual([
    'prod-network-us-east-1',
    'prod-resource-ledger-db-us-east-1',
    'prod-provider-payments-us-east-1',
  ]);
  expect(upstreamOf('prod-peering-eu-west-1-us-east-1')).toEqual(['prod-network-eu-west-1', 'prod-network-us-east-1']);
  const checkout = stacks.find((s) => s.id === 'prod-consumer-checkout-us-east-1')!;
  expect(checkout.places).toEqual([
    { account: '444444444444', region: 'us-east-1' },
    { account: '222222222222', region: 'us-east-1' },
    { account: '333333333333', region: 'us-east-1' },
  ]);
});

test('selection by consumer, service, hub, glob and all; unknown names say what exists', () => {
  expect(ids(selectStacks(prod, stacks, { consumers: ['checkout'] }))).toEqual(['prod-consumer-checkout-us-east-1']);
  expect(ids(selectStacks(prod, stacks, { services: ['payments', 'ledger-db'] }))).toEqual([
    'prod-provider-payments-us-east-1',
    'prod-resource-ledger-db-us-east-1',
  ]);
  expect(ids(selectStacks(prod, stacks, { hubs: ['us-east-1'] }))).toEqual(['prod-network-us-east-1', 'prod-peering-eu-west-1-us-east-1']);
  expect(ids(selectStacks(prod, stacks, { globs: ['prod-consumer-*-eu-west-1'] }))).toEqual(['prod-consumer-ledger-eu-eu-west-1']);
  expect(selectStacks(prod, stacks, { all: true })).toHaveLength(stacks.length);
  expect(() => selectStacks(prod, stacks, { consumers: ['chekout'], services: ['market-data'], hubs: ['ap-south-1'] })).toThrow(
    SelectionError,
  );
  try {
    selectStacks(prod, stacks, { consumers: ['chekout'], services: ['market-data'] });
  } catch (e) {
    expect((e as SelectionError).problems).toEqual([
      `prod has no consumer 'chekout' (consumers: ${prod.consumers.map((c) => c.name).join(', ')})`,
      "'market-data' is an external service of prod: it has no stack of its own (deploy its consumers)",
    ]);
  }
  expect(globToRegExp('prod-*-us-east-?').test('prod-network-us-east-1')).toBe(true);
  expect(globToRegExp('prod-net.work').test('prod-netXwork')).toBe(false);
});

test('stack ids of the environment that the configuration no longer yields', () => {
  expect(
    unknownStackIds(prod, ['prod-consumer-gone-us-east-1', 'prod-network-us-east-1', 'prod-eu-network-x', 'dev-consumer-web-us-east-1']),
  ).toEqual(['prod-consumer-gone-us-east-1']);
});

test('deploy: upstream deployed → one wave with --ignore-missing-stack-dependencies', () => {
  const selected = selectStacks(prod, stacks, { consumers: ['checkout'] });
  const plan = planStacks({
    action: 'deploy',
    selected,
    all: stacks,
    upstreamOf,
    deployed: new Set(['prod-network-us-east-1', 'prod-provider-payments-us-east-1', 'prod-resource-ledger-db-us-east-1']),
  });
  expect(plan).toEqual({ waves: [['prod-consumer-checkout-us-east-1']], ignoreMissing: true, blockers: [] });
  expect(
    cdktfArgs('deploy', plan.waves[0], { outdir: '/o', autoApprove: false, ignoreMissing: true, parallel: 2, skipProviderLock: true }),
  ).toEqual([
    'deploy',
    'prod-consumer-checkout-us-east-1',
    '--skip-synth',
    '--output',
    '/o',
    '--parallelism',
    '2',
    '--ignore-missing-stack-dependencies',
    '--skip-provider-lock',
  ]);
});

test('deploy: upstream missing → nothing runs, and the commands to run first', () => {
  const selected = selectStacks(prod, stacks, { consumers: ['checkout'] });
  const plan = planStacks({ action: 'deploy', selected, all: stacks, upstreamOf, deployed: new Set(['prod-network-us-east-1']) });
  expect(plan.blockers).toEqual([
    { stack: 'prod-consumer-checkout-us-east-1', first: ['prod-resource-ledger-db-us-east-1', 'prod-provider-payments-us-east-1'] },
  ]);
  expect(formatBlockers('deploy', 'prod', stacks, plan.blockers)).toBe(
    [
      'deploy: prod-consumer-checkout-us-east-1 reads the remote state of prod-resource-ledger-db-us-east-1, prod-provider-payments-us-east-1, not deployed',
      'deploy these first (nothing was deployed):',
      '  npm run deploy -- --env prod --service ledger-db',
      '  npm run deploy -- --env prod --service payments',
      '',
    ].join('\n'),
  );
});

test('deploy: a selection holding its upstream runs in one cdktf run (cdktf orders); a partial one in waves', () => {
  const all = planStacks({ action: 'deploy', selected: stacks, all: stacks, upstreamOf, deployed: new Set() });
  expect({ waves: all.waves.length, ignore: all.ignoreMissing, blockers: all.blockers }).toEqual({ waves: 1, ignore: false, blockers: [] });
  const selected = selectStacks(prod, stacks, { hubs: ['us-east-1'], consumers: ['staging'], services: ['payments'] });
  const plan = planStacks({ action: 'deploy', selected, all: stacks, upstreamOf, deployed: new Set(['prod-network-eu-west-1']) });
  expect(plan).toEqual({
    waves: [
      ['prod-network-us-east-1', 'prod-provider-payments-us-east-1'],
      ['prod-peering-eu-west-1-us-east-1', 'prod-consumer-staging-us-east-1'],
    ],
    ignoreMissing: true,
    blockers: [],
  });
});

test('destroy: downstream still deployed blocks; waves in reverse', () => {
  const selected = selectStacks(prod, stacks, { services: ['payments'] });
  const plan = planStacks({ action: 'destroy', selected, all: stacks, upstreamOf, deployed: new Set(['prod-consumer-staging-us-east-1']) });
  expect(plan.blockers).toEqual([{ stack: 'prod-provider-payments-us-east-1', first: ['prod-consumer-staging-us-east-1'] }]);
  expect(
    commandFor(
      'destroy',
      'prod',
      stacks.find((s) => s.role === 'consumer' && s.name === 'staging'),
      'x',
    ),
  ).toBe('npm run destroy -- --env prod --consumer staging');
  const both = planStacks({
    action: 'destroy',
    selected: selectStacks(prod, stacks, { services: ['payments'], consumers: ['staging'] }),
    all: stacks,
    upstreamOf,
    deployed: new Set(),
  });
  expect(both.waves).toEqual([['prod-consumer-staging-us-east-1'], ['prod-provider-payments-us-east-1']]);
  const consumer = planStacks({
    action: 'destroy',
    selected: selectStacks(prod, stacks, { consumers: ['staging'] }),
    all: stacks,
    upstreamOf,
    deployed: new Set(),
  });
  expect(consumer).toEqual({ waves: [['prod-consumer-staging-us-east-1']], ignoreMissing: false, blockers: [] });
});

test('a lock reads as who holds it and the force-unlock line', () => {
  expect(
    formatLock('prod', 'prod-consumer-staging-us-east-1', '/o/stacks/prod-consumer-staging-us-east-1', {
      key: 'prod/prod-consumer-staging-us-east-1.tfstate.tflock',
      id: '7b5d0a0e-1111-2222-3333-444455556666',
      who: 'ci@runner',
      operation: 'OperationTypeApply',
      created: '2026-11-27 10:00:00',
    }),
  ).toBe(
    [
      'prod-consumer-staging-us-east-1: the state is locked by ci@runner for OperationTypeApply since 2026-11-27 10:00:00 (lock id 7b5d0a0e-1111-2222-3333-444455556666, prod/prod-consumer-staging-us-east-1.tfstate.tflock).',
      '  Another run holds it, or a run was killed and left it. When no run of prod-consumer-staging-us-east-1 is active any more:',
      '    terraform -chdir=/o/stacks/prod-consumer-staging-us-east-1 force-unlock -force 7b5d0a0e-1111-2222-3333-444455556666',
      '  then look for resources that run created without recording them: npm run orphans -- --env prod',
    ].join('\n'),
  );
});
