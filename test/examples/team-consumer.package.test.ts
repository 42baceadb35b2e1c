/**
 * The public surface of the package: `npm pack` builds the library, and the example app in
 * `examples/team-consumer` installs the tarball in a temp dir (with the repository's own cdktf,
 * constructs and AWS provider classes as its peers), type-checks against the published
 * declarations, and synthesizes its own stack with a rule of its own.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { run } from '../../lib/cli/run';

jest.setTimeout(10 * 60_000);

const ROOT = resolve(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'pl-package-'));
const app = join(work, 'app');
const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function sh(command: string, args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}) {
  const r = await run(command, args, { cwd, env: { ...env, ...extra }, timeoutMs: 8 * 60_000 });
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r;
}

let tarball: string;

beforeAll(async () => {
  await sh('npm', ['pack', '--pack-destination', work], ROOT);
  tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz'))!,
  );
  cpSync(join(ROOT, 'examples', 'team-consumer'), app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'team-consumer',
        private: true,
        dependencies: { 'privatelink-blueprint': `file:${tarball}` },
      },
      null,
      2,
    ),
  );
  // The library's peers (cdktf, constructs, the AWS provider classes) are the app's to provide:
  // here the repository's own copies, linked after the install so npm neither fetches nor prunes them.
  await sh('npm', ['install', '--prefer-offline', '--no-package-lock', '--legacy-peer-deps'], app);
  for (const name of ['cdktf', 'constructs', '@cdktf/provider-aws', 'typescript', '@types/node']) {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
  await sh('node', [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], app);
});

test('the package holds the built library with declarations, and nothing of the app', () => {
  const installed = join(app, 'node_modules', 'privatelink-blueprint');
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(pkg.main).toBe('dist/index.js');
  expect(pkg.types).toBe('dist/index.d.ts');
  const dist = readdirSync(join(installed, 'dist'));
  expect(dist).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'lib', 'modules', 'stacks']));
  expect(dist).not.toContain('environments');
  expect(dist).not.toContain('scripts');
  expect(readdirSync(installed)).not.toContain('test');
});

test("the example synthesizes its own stack from the library's constructs, checked by the blueprint's rules and its own", async () => {
  const outdir = join(work, 'out');
  const r = await sh('node', [join(app, 'dist', 'main.js')], app, { OUTDIR: outdir, COST_CENTER: 'cc-42' });
  expect(r.stdout).toContain('synthesized team-consumer');
  const stack = JSON.parse(readFileSync(join(outdir, 'stacks', 'team-consumer', 'cdk.tf.json'), 'utf8'));
  expect(Object.values(stack.resource.aws_vpc)).toEqual([
    expect.objectContaining({ cidr_block: '10.90.0.0/22', tags: expect.objectContaining({ 'cost-center': 'cc-42' }) }),
  ]);
  expect(Object.values(stack.resource.aws_ec2_transit_gateway_vpc_attachment)).toEqual([
    expect.objectContaining({ transit_gateway_id: 'tgw-0123456789abcdef0' }),
  ]);
  expect(Object.values(stack.resource.aws_vpc_endpoint)).toEqual([
    expect.objectContaining({ service_name: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' }),
  ]);
});

test("the team's rule runs next to the blueprint's and stops the synth", async () => {
  const r = await run('node', [join(app, 'dist', 'main.js')], {
    cwd: app,
    env: { ...env, OUTDIR: join(work, 'out-untagged') },
    timeoutMs: 120_000,
  });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/TEAM1\s+error\s+.*VPC without a cost-center tag/);
});
