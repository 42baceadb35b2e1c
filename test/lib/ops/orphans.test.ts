/** `npm run orphans` (lib/ops/orphans.ts): tagged resources no state holds, matched to the resources of their stack, and untagged children. */
import {
  findChildren,
  findOrphans,
  formatOrphans,
  importBlocks,
  orphansExitCode,
  resolver,
  type OrphanInput,
} from '../../../lib/ops/orphans';
import { parseArn } from '../../../lib/ops/arn';
import type { LiveResource } from '../../../lib/ops/inventory';
import { stateObjects } from '../../../lib/ops/state-store';
import { fake } from './fake-clients';

const live = (arn: string, tags: Record<string, string>): LiveResource => ({ ...parseArn(arn)!, tags });
const STACK = 'dev-consumer-web-us-east-1';
const json = {
  provider: { aws: [{ alias: 'consumer-us-east-1', region: 'us-east-1', allowed_account_ids: ['444444444444'] }] },
  data: {
    terraform_remote_state: {
      'cross-stack-reference-input-dev-network-us-east-1': { config: { key: 'dev/dev-network-us-east-1.tfstate' } },
    },
  },
  resource: {
    aws_vpc: { vpc_ABC: { provider: 'aws.consumer-us-east-1', cidr_block: '10.66.0.0/22', tags: { Name: 'dev-web' } } },
    aws_subnet: {
      'subnet-a_111': { provider: 'aws.consumer-us-east-1', vpc_id: '${aws_vpc.vpc_ABC.id}', tags: { Name: 'dev-web-private-us-east-1a' } },
      'subnet-b_222': { provider: 'aws.consumer-us-east-1', vpc_id: '${aws_vpc.vpc_ABC.id}', tags: { Name: 'dev-web-private-us-east-1b' } },
    },
    aws_route_table: { rt_333: { provider: 'aws.consumer-us-east-1', vpc_id: '${aws_vpc.vpc_ABC.id}', tags: { Name: 'dev-web-private' } } },
    aws_route: {
      'to-tgw_444': {
        provider: 'aws.consumer-us-east-1',
        route_table_id: '${aws_route_table.rt_333.id}',
        destination_cidr_block: '10.0.0.0/8',
        transit_gateway_id: '${data.terraform_remote_state.cross-stack-reference-input-dev-network-us-east-1.outputs.tgw}',
      },
    },
  },
};
const state = {
  version: 4,
  serial: 3,
  outputs: {},
  resources: [
    {
      mode: 'managed',
      type: 'aws_route_table',
      name: 'rt_333',
      instances: [{ attributes: { id: 'rtb-1', arn: 'arn:aws:ec2:us-east-1:444444444444:route-table/rtb-1', vpc_id: 'vpc-1' } }],
    },
    { mode: 'data', type: 'terraform_remote_state', name: 'x', instances: [{ attributes: {} }] },
  ],
};
const hubState = { key: 'dev/dev-network-us-east-1.tfstate', objects: [], outputs: { tgw: 'tgw-9' } };

const input = (over: Partial<OrphanInput> = {}): OrphanInput => ({
  env: 'dev',
  stacks: [{ id: STACK, json, dir: '/o/stacks/web' }],
  states: { [STACK]: { key: `dev/${STACK}.tfstate`, objects: stateObjects(state), outputs: {} }, 'dev-network-us-east-1': hubState },
  live: [
    live('arn:aws:ec2:us-east-1:444444444444:vpc/vpc-1', { environment: 'dev', stack: STACK, Name: 'dev-web' }),
    live('arn:aws:ec2:us-east-1:444444444444:subnet/subnet-b', { environment: 'dev', stack: STACK, Name: 'dev-web-private-us-east-1b' }),
    live('arn:aws:ec2:us-east-1:444444444444:subnet/subnet-a', { environment: 'dev', stack: STACK, Name: 'dev-web-private-us-east-1a' }),
    live('arn:aws:ec2:us-east-1:444444444444:route-table/rtb-1', { environment: 'dev', stack: STACK }),
    live('arn:aws:ec2:us-east-1:666666666666:vpc/vpc-9', { environment: 'dev', stack: 'dev-consumer-gone-us-east-1' }),
  ],
  ...over,
});

test("the state's managed resources with their ids", () => {
  expect(stateObjects(state)).toEqual([
    {
      address: 'aws_route_table.rt_333',
      type: 'aws_route_table',
      ids: ['rtb-1', 'arn:aws:ec2:us-east-1:444444444444:route-table/rtb-1'],
      attributes: { id: 'rtb-1', arn: 'arn:aws:ec2:us-east-1:444444444444:route-table/rtb-1', vpc_id: 'vpc-1' },
    },
  ]);
});

test('orphans of a configured stack are imported as the resource their tags match; others are deleted', () => {
  const found = findOrphans(input());
  expect(found.orphans.map((o) => [o.stack, o.resource.id, o.action.kind === 'import' ? o.action.command : o.action.why])).toEqual([
    ['dev-consumer-gone-us-east-1', 'vpc-9', 'stack dev-consumer-gone-us-east-1 is not in the configuration'],
    [STACK, 'subnet-a', 'terraform -chdir=/o/stacks/web import aws_subnet.subnet-a_111 subnet-a'],
    [STACK, 'subnet-b', 'terraform -chdir=/o/stacks/web import aws_subnet.subnet-b_222 subnet-b'],
    [STACK, 'vpc-1', 'terraform -chdir=/o/stacks/web import aws_vpc.vpc_ABC vpc-1'],
  ]);
});

test('references resolve from state, matched orphans and upstream outputs', () => {
  const found = findOrphans(input());
  const resolve = resolver(input().stacks[0], found.known.get(STACK)! as never, input().states, input().stacks);
  expect(resolve('${aws_vpc.vpc_ABC.id}')).toBe('vpc-1');
  expect(resolve('${aws_route_table.rt_333.id}')).toBe('rtb-1');
  expect(resolve(json.resource.aws_route['to-tgw_444'].transit_gateway_id)).toBe('tgw-9');
  expect(resolve('${element(x, 0)}')).toBeUndefined();
});

test('untagged children of the stack that exist are imported too', async () => {
  const sent: string[] = [];
  const clients = fake(
    {
      DescribeRouteTablesCommand: (i) => ({
        RouteTables: [
          { RouteTableId: (i.RouteTableIds as string[])[0], Routes: [{ DestinationCidrBlock: '10.0.0.0/8', TransitGatewayId: 'tgw-9' }] },
        ],
      }),
    },
    sent,
  );
  const inp = input({ clients });
  const found = findOrphans(inp);
  const children = await findChildren(inp, found.known, [STACK]);
  expect(children).toEqual([
    {
      stack: STACK,
      address: 'aws_route.to-tgw_444',
      id: 'rtb-1_10.0.0.0/8',
      command: 'terraform -chdir=/o/stacks/web import aws_route.to-tgw_444 rtb-1_10.0.0.0/8',
    },
  ]);
  expect(sent).toEqual(['444444444444/us-east-1 DescribeRouteTablesCommand']);
  const report = { ...found, children };
  expect([...importBlocks(report, () => '/o/stacks/web')]).toEqual([
    [
      '/o/stacks/web',
      {
        import: [
          { to: 'aws_subnet.subnet-a_111', id: 'subnet-a' },
          { to: 'aws_subnet.subnet-b_222', id: 'subnet-b' },
          { to: 'aws_vpc.vpc_ABC', id: 'vpc-1' },
          { to: 'aws_route.to-tgw_444', id: 'rtb-1_10.0.0.0/8' },
        ],
      },
    ],
  ]);
  expect(orphansExitCode(report)).toBe(2);
  const text = formatOrphans({
    ...report,
    staleStates: [{ stack: 'dev-consumer-gone-us-east-1', key: 'dev/dev-consumer-gone-us-east-1.tfstate', resources: 12 }],
  });
  expect(text).toContain('State objects of stacks that are no longer in the configuration');
  expect(text).toContain('# account 666666666666, stack dev-consumer-gone-us-east-1\naws ec2 delete-vpc --vpc-id vpc-9 --region us-east-1');
});

test('nothing to report', () => {
  const report = { ...findOrphans(input({ live: [] })), children: [] };
  expect(orphansExitCode(report)).toBe(0);
  expect(formatOrphans(report)).toMatch(/^No orphans in dev/);
});

test('resources a stale state still lists are orphans too: nothing in the configuration can destroy them', () => {
  const stale = {
    key: 'dev/dev-consumer-gone-us-east-1.tfstate',
    objects: stateObjects({ resources: [{ mode: 'managed', type: 'aws_vpc', name: 'v', instances: [{ attributes: { id: 'vpc-9' } }] }] }),
    outputs: {},
  };
  const found = findOrphans(input({ states: { ...input().states, 'dev-consumer-gone-us-east-1': stale } }));
  const gone = found.orphans.find((o) => o.resource.id === 'vpc-9');
  expect(gone?.action).toEqual({
    kind: 'delete',
    command: 'aws ec2 delete-vpc --vpc-id vpc-9 --region us-east-1',
    why: 'stack dev-consumer-gone-us-east-1 is not in the configuration (its stale state still lists it)',
  });
});
