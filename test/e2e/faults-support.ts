/**
 * What the fault tests share: each file starts its own emulator and works on a small environment
 * trimmed from dev (one hub with one centralized service, the published service, two consumers),
 * written to a JSON config file that the operator commands read with `--config`, exactly as an
 * operator runs them (`node scripts/run-ts.js scripts/<command>.ts ...`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { dev } from '../../environments/dev';
import { run, type RunResult } from '../../lib/cli/run';
import type { EnvironmentConfig, S3StateConfig } from '../../lib/config/types';
import { stackIds } from '../../lib/config/topology';
import { createStateBucket, emulatorToolEnv, startEmulator, type Emulator, type EmulatorOptions } from '../emulator/harness';
import { EmulatorAws } from './aws';

export const ROOT = resolve(__dirname, '..', '..');
const RUN_TS = join(ROOT, 'scripts', 'run-ts.js');

export type OpsCommand = 'drift' | 'verify' | 'orphans' | 'deploy' | 'destroy';

/** dev, trimmed: one centralized service per hub, the first two consumers, its own name and state bucket. */
export function trimmedEnvironment(name: string, consumers = 2): EnvironmentConfig {
  const hubs = Object.fromEntries(
    Object.entries(dev.network.hubs).map(([region, hub]) => [region, { ...hub, endpointSets: { core: { services: ['sts'] } } }]),
  );
  return {
    ...dev,
    name,
    state: { ...(dev.state as S3StateConfig), bucket: `pl-${name}-tfstate` },
    network: { ...dev.network, hubs },
    consumers: dev.consumers.slice(0, consumers),
  };
}

export class FaultEnvironment {
  readonly workdir = mkdtempSync(join(tmpdir(), 'pl-faults-'));
  readonly outdir = join(this.workdir, 'out');
  readonly configFile = join(this.workdir, 'environment.json');
  readonly env: NodeJS.ProcessEnv;
  readonly aws: EmulatorAws;
  /** Wall time per step, for the report at the end. */
  readonly timings: [string, number][] = [];

  private constructor(
    readonly config: EnvironmentConfig,
    readonly emulator: Emulator,
  ) {
    this.aws = new EmulatorAws(emulator.endpoint, config.deployRoleName);
    this.env = {
      ...emulatorToolEnv(emulator.endpoint, join(this.workdir, '.terraform-cli')),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true',
      CI: '1',
      FORCE_COLOR: '0',
    };
    this.writeConfig(config);
  }

  static async start(name: string, opts: { consumers?: number; emulator?: EmulatorOptions } = {}): Promise<FaultEnvironment> {
    const config = trimmedEnvironment(name, opts.consumers);
    const emulator = await startEmulator(opts.emulator);
    const state = config.state as S3StateConfig;
    await createStateBucket(emulator.endpoint, state.bucket, state.region);
    return new FaultEnvironment(config, emulator);
  }

  /** Writes the environment the commands read (a changed configuration, as an operator edits it). */
  writeConfig(config: EnvironmentConfig, file = this.configFile): string {
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    return file;
  }

  stackId(role: 'network' | 'provider' | 'consumer', name?: string): string {
    const c = this.config;
    if (role === 'network') return stackIds.network(c, Object.keys(c.network.hubs)[0]);
    if (role === 'provider') {
      const [svc, cfg] = Object.entries(c.services ?? {})[0];
      return stackIds.service(c, { name: svc, config: cfg as never });
    }
    return stackIds.consumer(
      c,
      c.consumers.find((x) => x.name === name)!,
    );
  }

  stackDir(id: string): string {
    return join(this.outdir, 'stacks', id);
  }

  /** An operator command, as `npm run <command> -- --env <name> --config <file> --outdir <dir> ...` runs it. */
  async ops(
    command: OpsCommand,
    args: readonly string[] = [],
    opts: { config?: string; timeoutMs?: number; onSpawn?: (pid: number) => void; onLine?: (line: string) => void } = {},
  ): Promise<RunResult> {
    const started = Date.now();
    const r = await run(
      process.execPath,
      [
        RUN_TS,
        join(ROOT, 'scripts', `${command}.ts`),
        '--env',
        this.config.name,
        '--config',
        opts.config ?? this.configFile,
        '--outdir',
        this.outdir,
        ...args,
      ],
      {
        cwd: ROOT,
        env: this.env,
        timeoutMs: opts.timeoutMs ?? 600_000,
        onSpawn: opts.onSpawn,
        onLine: opts.onLine && ((l) => opts.onLine!(l)),
      },
    );
    this.timings.push([`${command} ${args.join(' ')}`.trim(), Date.now() - started]);
    return r;
  }

  /** Like `ops`, failing with the command's output when it exits with another code. */
  async expectOps(
    command: OpsCommand,
    args: readonly string[],
    code: number,
    opts: { config?: string; timeoutMs?: number } = {},
  ): Promise<RunResult> {
    const r = await this.ops(command, args, opts);
    if (r.code !== code) {
      throw new Error(
        `npm run ${command} -- ${args.join(' ')}: exit ${r.code} (expected ${code})${r.timedOut ? ' (timed out)' : ''}\n--- stdout ---\n${r.stdout.slice(-6000)}\n--- stderr ---\n${r.stderr.slice(-6000)}`,
      );
    }
    return r;
  }

  /** `terraform <args>` in a stack's directory. */
  terraform(stack: string, args: readonly string[], timeoutMs = 300_000): Promise<RunResult> {
    return run('terraform', [...args], { cwd: this.stackDir(stack), env: this.env, timeoutMs });
  }

  /** The VPCs tagged with a stack (to count duplicates). */
  async vpcsOf(account: string, region: string, stack: string): Promise<string[]> {
    const { ec2 } = await this.aws.clients(account, region);
    const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:stack', Values: [stack] }] }));
    return Vpcs.map((v) => v.VpcId!);
  }

  /** One line per step with its wall time. */
  report(title: string): string {
    const total = this.timings.reduce((a, [, ms]) => a + ms, 0);
    return [
      `${title}: wall time per step (s)`,
      ...this.timings.map(([s, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)}  ${s}`),
      `  ${(total / 1000).toFixed(1).padStart(6)}  total`,
    ].join('\n');
  }

  async stop(): Promise<void> {
    await this.emulator.stop();
  }
}

/** Everything a command printed, for assertion messages. */
export const output = (r: RunResult): string => `${r.stdout}\n${r.stderr}`;
