/**
 * Fault: removing a consumer. The wrong order (remove it from the configuration first) is
 * detectable: `npm run orphans` reports the consumer's state object and its tagged resources,
 * which no stack of the configuration holds any more. The README's order (destroy, then remove
 * from the configuration) leaves every other stack planning clean, nothing orphaned, and the
 * endpoint service allowing the remaining consumer's account only.
 */
import { join } from 'node:path';
import { DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcEndpointServicePermissionsCommand } from '@aws-sdk/client-ec2';
import { FaultEnvironment } from './faults-support';

jest.setTimeout(12 * 60_000);

let fe: FaultEnvironment;

beforeAll(async () => {
  fe = await FaultEnvironment.start('frm');
}, 120_000);

afterAll(async () => {
  await fe?.stop();
  if (fe) process.stdout.write(`${fe.report('faults: removing a consumer')}\n`);
});

test('wrong order is reported by orphans; destroy then remove leaves the others clean', async () => {
  const [web, batch] = fe.config.consumers;
  const webStack = fe.stackId('consumer', web.name);
  await fe.expectOps('deploy', ['--all', '--auto-approve'], 0);
  const without = fe.writeConfig({ ...fe.config, consumers: [batch] }, join(fe.workdir, 'without-web.json'));

  // Wrong order: the consumer is gone from the configuration, its stack is not.
  const wrong = await fe.expectOps('orphans', ['--outdir', join(fe.workdir, 'out-without')], 2, { config: without });
  process.stdout.write(`npm run orphans with ${web.name} removed from the configuration first:\n${wrong.stdout}\n`);
  expect(wrong.stdout).toMatch(
    new RegExp(
      `State objects of stacks that are no longer in the configuration[\\s\\S]*${webStack} +${fe.config.name}/${webStack}\\.tfstate +[1-9]`,
    ),
  );
  expect(wrong.stdout).toMatch(
    new RegExp(
      `${webStack} +vpc/vpc-\\S+ +${web.accountId} +${web.region} +delete: stack ${webStack} is not in the configuration \\(its stale state still lists it\\)`,
    ),
  );
  expect(wrong.stdout).toMatch(/aws ec2 delete-vpc --vpc-id vpc-/);

  // The README's order: destroy with the consumer still configured, then remove it.
  await fe.expectOps('destroy', ['--consumer', web.name, '--auto-approve', '--skip-synth'], 0);
  const drift = await fe.expectOps('drift', ['--outdir', join(fe.workdir, 'out-after')], 0, { config: without });
  expect(drift.stdout).toMatch(/3 in sync, 0 drifted, 0 not deployed, 0 error/);
  await fe.expectOps('orphans', ['--outdir', join(fe.workdir, 'out-after'), '--skip-synth'], 0, { config: without });
  expect(await fe.vpcsOf(web.accountId, web.region, webStack)).toEqual([]);

  const orders = fe.config.services!.orders as { accountId: string; region: string };
  const { ec2 } = await fe.aws.clients(orders.accountId, orders.region);
  const { ServiceConfigurations = [] } = await ec2.send(
    new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: [{ Name: 'tag:environment', Values: [fe.config.name] }] }),
  );
  const { AllowedPrincipals = [] } = await ec2.send(
    new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: ServiceConfigurations[0].ServiceId }),
  );
  expect(AllowedPrincipals.map((p) => p.Principal)).toEqual([`arn:aws:iam::${batch.accountId}:root`]);
});
