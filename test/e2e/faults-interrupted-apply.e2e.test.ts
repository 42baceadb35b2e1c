/**
 * Fault: a consumer stack's apply is killed (`kill -9` of terraform) mid-way, then the documented
 * recovery: the next deploy stops on the stale lock and prints its id and the force-unlock line;
 * `npm run orphans` lists what the killed apply created without recording it, with the import of
 * each (written as import blocks); the re-deploy adopts them; then every stack plans clean and
 * there is exactly one VPC, endpoint and TGW attachment of the consumer.
 */
import { readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeTransitGatewayAttachmentsCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { listProcesses } from '../../lib/ops/reaper';
import { IMPORT_FILE } from '../../lib/ops/orphans';
import { FaultEnvironment, output } from './faults-support';

jest.setTimeout(10 * 60_000);

let fe: FaultEnvironment;

beforeAll(async () => {
  fe = await FaultEnvironment.start('fint', { consumers: 1 });
}, 120_000);

afterAll(async () => {
  await fe?.stop();
  if (fe) process.stdout.write(`${fe.report('faults: interrupted apply')}\n`);
});

/** The terraform process applying in a stack directory. */
function terraformApplyIn(dir: string): number | undefined {
  return listProcesses().find((p) => {
    if (!/^terraform (apply|plan)\b/.test(p.cmdline) && !/\/terraform (apply|plan)\b/.test(p.cmdline)) return false;
    try {
      return readlinkSync(`/proc/${p.pid}/cwd`) === dir;
    } catch {
      return false;
    }
  })?.pid;
}

test('kill -9 mid-apply, stale lock, orphans imported, re-deploy: clean plan and no duplicates', async () => {
  const web = fe.config.consumers[0];
  const stack = fe.stackId('consumer', web.name);
  await fe.expectOps('deploy', ['--hub', 'us-east-1', '--service', 'orders', '--auto-approve', '--parallel', '2'], 0);

  // The consumer's apply, killed once its VPC exists (so it created things it never recorded).
  let killed: number | undefined;
  const deploying = fe.ops('deploy', ['--consumer', web.name, '--auto-approve', '--skip-synth']);
  const deadline = Date.now() + 300_000;
  while (killed === undefined && Date.now() < deadline) {
    const pid = terraformApplyIn(fe.stackDir(stack));
    if (pid !== undefined && (await fe.vpcsOf(web.accountId, web.region, stack)).length > 0) {
      process.kill(pid, 'SIGKILL');
      killed = pid;
    } else {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const interrupted = await deploying;
  expect({ killed: killed !== undefined, code: interrupted.code }).toEqual({ killed: true, code: 1 });

  // The next deploy stops on the lock, naming its id and the line that releases it.
  const locked = await fe.expectOps('deploy', ['--consumer', web.name, '--auto-approve', '--skip-synth'], 1);
  const unlock = /terraform -chdir=(\S+) force-unlock -force (\S+)/.exec(locked.stderr);
  expect({ message: /the state is locked/.test(locked.stderr), unlock: unlock?.[1] }).toEqual({
    message: true,
    unlock: fe.stackDir(stack),
  });
  const released = await fe.terraform(stack, ['force-unlock', '-force', unlock![2]]);
  expect({ code: released.code, out: released.code === 0 ? '' : output(released) }).toEqual({ code: 0, out: '' });

  // What the killed apply created: every one is adopted by an import, none is left to delete.
  const orphans = await fe.expectOps('orphans', ['--skip-synth', '--write-imports'], 2);
  process.stdout.write(`npm run orphans after the kill:\n${orphans.stdout}\n`);
  expect(orphans.stdout).toMatch(new RegExp(`${stack} +vpc/vpc-\\S+ .* import as aws_vpc\\.`));
  expect(orphans.stdout).not.toMatch(/delete: /);

  await fe.expectOps('deploy', ['--consumer', web.name, '--auto-approve', '--skip-synth'], 0);
  rmSync(join(fe.stackDir(stack), IMPORT_FILE), { force: true });

  const drift = await fe.expectOps('drift', ['--skip-synth'], 0);
  expect(drift.stdout).toMatch(/3 in sync, 0 drifted, 0 not deployed, 0 error/);
  await fe.expectOps('orphans', ['--skip-synth'], 0);

  const vpcs = await fe.vpcsOf(web.accountId, web.region, stack);
  const { ec2 } = await fe.aws.clients(web.accountId, web.region);
  const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: vpcs }] }));
  const { TransitGatewayAttachments = [] } = await ec2.send(
    new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'resource-id', Values: vpcs }] }),
  );
  expect({
    vpcs: vpcs.length,
    endpoints: VpcEndpoints.filter((e) => !/deleted/i.test(e.State ?? '')).length,
    attachments: TransitGatewayAttachments.filter((a) => a.State !== 'deleted').length,
  }).toEqual({ vpcs: 1, endpoints: 1, attachments: 1 });
});
