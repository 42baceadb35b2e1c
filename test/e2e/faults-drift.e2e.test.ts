/**
 * Fault: out-of-band changes to a deployed environment (a hub zone's association with a spoke
 * removed, the spoke's route to the TGW deleted, a consumer's allowed principal removed from the
 * endpoint service). `npm run drift` reports each with its Terraform address; `npm run verify`
 * names the flows they break and the hop that is missing; a re-deploy repairs them, after which
 * both report nothing.
 */
import {
  DeleteRouteCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from '@aws-sdk/client-ec2';
import { DisassociateVPCFromHostedZoneCommand, ListHostedZonesByVPCCommand } from '@aws-sdk/client-route-53';
import { formatDrift } from '../../lib/ops/drift';
import { FaultEnvironment } from './faults-support';

jest.setTimeout(12 * 60_000);

let fe: FaultEnvironment;

beforeAll(async () => {
  fe = await FaultEnvironment.start('fdrift');
}, 120_000);

afterAll(async () => {
  await fe?.stop();
  if (fe) process.stdout.write(`${fe.report('faults: drift')}\n`);
});

test('drift names the changed addresses, verify the broken flows, a re-deploy repairs both', async () => {
  const [web, batch] = fe.config.consumers;
  const webStack = fe.stackId('consumer', web.name);
  const batchStack = fe.stackId('consumer', batch.name);
  await fe.expectOps('deploy', ['--all', '--auto-approve'], 0);
  const clean = await fe.expectOps('verify', ['--skip-synth'], 0);
  expect(clean.stdout).toMatch(/matches the configuration/);

  // Out of band: web loses its route to the TGW and the sts hub zone; batch loses its allowed principal.
  const [vpc] = await fe.vpcsOf(web.accountId, web.region, webStack);
  const spoke = await fe.aws.clients(web.accountId, web.region);
  const { RouteTables = [] } = await spoke.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
  const tgwRoutes = RouteTables.flatMap((t) =>
    (t.Routes ?? []).filter((r) => r.TransitGatewayId).map((r) => ({ table: t.RouteTableId!, cidr: r.DestinationCidrBlock! })),
  );
  expect(tgwRoutes).toHaveLength(1);
  await spoke.ec2.send(new DeleteRouteCommand({ RouteTableId: tgwRoutes[0].table, DestinationCidrBlock: tgwRoutes[0].cidr }));
  const { HostedZoneSummaries = [] } = await spoke.route53.send(
    new ListHostedZonesByVPCCommand({ VPCId: vpc, VPCRegion: web.region as never }),
  );
  const sts = HostedZoneSummaries.find((z) => z.Name?.startsWith('sts.'));
  expect(sts).toBeDefined();
  await spoke.route53.send(
    new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: sts!.HostedZoneId, VPC: { VPCId: vpc, VPCRegion: web.region as never } }),
  );
  const orders = fe.config.services!.orders as { accountId: string; region: string };
  const owner = await fe.aws.clients(orders.accountId, orders.region);
  const { ServiceConfigurations = [] } = await owner.ec2.send(
    new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: [{ Name: 'tag:environment', Values: [fe.config.name] }] }),
  );
  await owner.ec2.send(
    new ModifyVpcEndpointServicePermissionsCommand({
      ServiceId: ServiceConfigurations[0].ServiceId,
      RemoveAllowedPrincipals: [`arn:aws:iam::${batch.accountId}:root`],
    }),
  );

  const drift = await fe.expectOps('drift', ['--skip-synth', '--json'], 2);
  const report = JSON.parse(drift.stdout) as {
    exitCode: number;
    stacks: { stack: string; status: string; changes: { address: string; action: string; drift?: string }[] }[];
  };
  const changed = Object.fromEntries(
    report.stacks.map((s) => [s.stack, s.changes.map((c) => `${c.address.replace(/_[0-9A-F]{8}$/, '')} ${c.drift ?? '-'} ${c.action}`)]),
  );
  expect(changed).toEqual({
    [fe.stackId('network')]: [],
    [fe.stackId('provider')]: [],
    [webStack]: ['aws_route.tgw_to-tgw deleted create', 'aws_route53_zone_association.hub-zones_core-sts-association deleted create'],
    [batchStack]: ['aws_vpc_endpoint_service_allowed_principal.service-orders_allowed-principal deleted create'],
  });
  process.stdout.write(`npm run drift after the out-of-band changes:\n${formatDrift(fe.config.name, report.stacks as never)}\n`);

  const verify = await fe.expectOps('verify', ['--skip-synth', '--json'], 2);
  const v = JSON.parse(verify.stdout) as { differences: { row: string; column: string; explanation: string }[]; violations: string[] };
  process.stdout.write(`npm run verify after the out-of-band changes:\n${(await fe.ops('verify', ['--skip-synth'])).stdout}\n`);
  const diff = (row: string, column: string) =>
    v.differences.find((d) => d.row === row && d.column === column)?.explanation ?? '(no difference)';
  expect(diff(`consumer:${web.name}`, `endpoints:${web.region}`)).toMatch(/has no route to/);
  expect(diff(`consumer:${batch.name}`, 'service:orders')).toMatch(new RegExp(`does not allow account ${batch.accountId}`));
  expect(v.violations).toEqual(
    expect.arrayContaining([`consumer ${web.name} does not get the hub zone of core/sts its segment ${web.segment} receives`]),
  );

  // The repair: a re-deploy of the two consumers; their stacks plan clean again.
  await fe.expectOps('deploy', ['--consumer', `${web.name},${batch.name}`, '--auto-approve', '--skip-synth'], 0);
  await fe.expectOps('drift', ['--skip-synth', '--stack', `${webStack},${batchStack}`], 0);
  await fe.expectOps('verify', ['--skip-synth'], 0);
});
