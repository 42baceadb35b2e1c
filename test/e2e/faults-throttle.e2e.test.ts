/**
 * Fault: AWS throttling. The emulator answers beyond a rate with the service's own throttling
 * error (moto_ext/throttle.py: EC2 `RequestLimitExceeded`, Route 53 `Throttling` "Rate
 * exceeded"); the AWS SDK and the Terraform AWS provider retry those. With the provider's retry
 * settings of real AWS (`AWS_PROVIDER_RETRY`: adaptive retry mode), an apply of the
 * hub stack under throttling still succeeds, slower, and then plans clean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { AWS_PROVIDER_RETRY } from '../../stacks/blueprint-stack';
import { FaultEnvironment } from './faults-support';

jest.setTimeout(10 * 60_000);

/** The providers' retry arguments on real AWS (emulator mode has its own): throttling slows a run down. */
const RETRY = { retry_mode: AWS_PROVIDER_RETRY.retryMode, max_retries: AWS_PROVIDER_RETRY.maxRetries };
const RULES = 'ec2:*=4/s,route53:*=2/s';

let fe: FaultEnvironment;

const throttle = async (rules?: string): Promise<{ rules: { rule: string; throttled: number }[]; throttled: number }> => {
  const res = await fetch(`${fe.emulator.endpoint}/_emulator/throttle`, rules === undefined ? {} : { method: 'POST', body: rules });
  return res.json() as never;
};

beforeAll(async () => {
  fe = await FaultEnvironment.start('fthr', { consumers: 1 });
}, 120_000);

afterAll(async () => {
  await fe?.stop();
  if (fe) process.stdout.write(`${fe.report('faults: throttling')}\n`);
});

test('beyond the rate, each service answers with its own throttling error', async () => {
  await throttle('ec2:DescribeVpcs=0.1/s,route53:ListHostedZones=0.1/s');
  const config = {
    endpoint: fe.emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  const errors = async (call: () => Promise<unknown>) => {
    const out: string[] = [];
    for (let i = 0; i < 3; i++)
      await call().then(
        () => out.push('ok'),
        (e: { name: string; message: string }) => out.push(`${e.name}: ${e.message}`),
      );
    return out;
  };
  const ec2 = new EC2Client(config);
  const r53 = new Route53Client(config);
  expect(await errors(() => ec2.send(new DescribeVpcsCommand({})))).toEqual([
    'ok',
    'RequestLimitExceeded: Request limit exceeded.',
    'RequestLimitExceeded: Request limit exceeded.',
  ]);
  expect(await errors(() => r53.send(new ListHostedZonesCommand({})))).toEqual([
    'ok',
    'Throttling: Rate exceeded',
    'Throttling: Rate exceeded',
  ]);
  ec2.destroy();
  r53.destroy();
  expect((await throttle('')).rules).toEqual([]);
});

test('an apply under throttling succeeds with adaptive retries, slower, and plans clean', async () => {
  const hub = fe.stackId('network');
  // Synthesize (drift synthesizes and reports the stack as not deployed), then give the providers the retry settings.
  await fe.expectOps('drift', ['--stack', hub], 2);
  const file = join(fe.stackDir(hub), 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { provider: { aws: Record<string, unknown>[] } };
  json.provider.aws = json.provider.aws.map((p) => ({ ...p, ...RETRY }));
  writeFileSync(file, JSON.stringify(json, null, 2));

  await throttle(RULES);
  const started = Date.now();
  await fe.expectOps('deploy', ['--hub', 'us-east-1', '--auto-approve', '--skip-synth'], 0);
  const seconds = (Date.now() - started) / 1000;
  const stats = await throttle();
  process.stdout.write(
    `apply of ${hub} under ${RULES}: ${seconds.toFixed(1)} s, ${stats.throttled} requests throttled (${stats.rules.map((r) => `${r.rule}: ${r.throttled}`).join(', ')})\n`,
  );
  expect(stats.throttled).toBeGreaterThan(0);

  await throttle('');
  await fe.expectOps('drift', ['--stack', hub, '--skip-synth'], 0);
});
