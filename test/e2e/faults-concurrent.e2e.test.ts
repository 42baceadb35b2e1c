/**
 * Fault: two applies of the same stack at once. The first takes the S3 lockfile and proceeds;
 * a second `npm run deploy` stops before running anything, naming the lock's holder and id; a
 * bare `terraform apply` (what cdktf runs) fails on the lock with Terraform's own message. The
 * state stays intact: the lock is released, and every stack plans clean.
 */
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { S3StateConfig } from '../../lib/config/types';
import { lockInfoFromOutput } from '../../lib/ops/terraform';
import { FaultEnvironment, output } from './faults-support';

jest.setTimeout(10 * 60_000);

// In the interrupted-run test's child (faults-interrupt-tests), this file only keeps a second jest worker busy.
const suite = process.env.PRIVATELINK_FAULTS_VICTIM ? describe.skip : describe;

suite('concurrent runs', () => {
  let fe: FaultEnvironment;

  beforeAll(async () => {
    fe = await FaultEnvironment.start('fconc', { consumers: 1 });
  }, 120_000);

  afterAll(async () => {
    await fe?.stop();
    if (fe) process.stdout.write(`${fe.report('faults: concurrent runs')}\n`);
  });

  test('one apply proceeds, the other fails on the lock with its id, the state is intact', async () => {
    const web = fe.config.consumers[0];
    const stack = fe.stackId('consumer', web.name);
    const state = fe.config.state as S3StateConfig;
    const lockKey = `${fe.config.name}/${stack}.tfstate.tflock`;
    const s3 = fe.aws.s3(state.region);
    const lockExists = () =>
      s3.send(new HeadObjectCommand({ Bucket: state.bucket, Key: lockKey })).then(
        () => true,
        () => false,
      );
    await fe.expectOps('deploy', ['--hub', 'us-east-1', '--service', 'orders', '--auto-approve', '--parallel', '2'], 0);

    const first = fe.ops('deploy', ['--consumer', web.name, '--auto-approve', '--skip-synth']);
    const deadline = Date.now() + 300_000;
    while (!(await lockExists()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const lock = JSON.parse(
      await (await s3.send(new GetObjectCommand({ Bucket: state.bucket, Key: lockKey }))).Body!.transformToString(),
    ) as { ID: string };

    // While the first holds the lock: the deploy command refuses, Terraform itself fails on it.
    const [second, bare] = await Promise.all([
      fe.ops('deploy', ['--consumer', web.name, '--auto-approve', '--skip-synth']),
      fe.terraform(stack, ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=0s']),
    ]);
    const firstResult = await first;
    process.stdout.write(
      `second deploy while the first runs:\n${second.stderr
        .split('\n')
        .filter((l) => /^deploy:|^ {2}/.test(l))
        .join('\n')}\n`,
    );
    expect({ first: firstResult.code, second: second.code, bare: bare.code }).toEqual({ first: 0, second: 1, bare: 1 });
    expect(second.stderr).toContain(`${stack}: the state is locked`);
    expect(second.stderr).toContain(`lock id ${lock.ID}`);
    expect(lockInfoFromOutput(output(bare))?.id).toBe(lock.ID);

    // Intact: the lock is gone and nothing needs to change anywhere.
    expect(await lockExists()).toBe(false);
    const drift = await fe.expectOps('drift', ['--skip-synth'], 0);
    expect(drift.stdout).toMatch(/3 in sync, 0 drifted, 0 not deployed, 0 error/);
  });
});
