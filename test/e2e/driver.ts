/**
 * Drives one environment through the emulator the way a user deploys it: synth, init,
 * `cdktf deploy '<env>-*'`, a second plan per stack, `cdktf destroy '<env>-*'`. Every
 * command has a bounded time; a failure names the stack, the command and Terraform's error.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mapLimit, run, type RunResult } from '../../lib/cli/run';
import { EMULATOR_ENV_VAR } from '../../lib/cdktf/emulator';

const ROOT = resolve(__dirname, '..', '..');
const CDKTF = join(ROOT, 'node_modules', '.bin', 'cdktf');

export type Phase = 'bootstrap' | 'synth' | 'init' | 'apply' | 'plan' | 'destroy';

/** AWS credentials a command runs with. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export class StepError extends Error {}

export interface DriverOptions {
  readonly envName: string;
  readonly emulatorEndpoint: string;
  /** Environment with TF_CLI_CONFIG_FILE pointing at the provider mirror. */
  readonly baseEnv: NodeJS.ProcessEnv;
  /** Where the synthesized stacks go. */
  readonly outdir: string;
}

export class EnvironmentDriver {
  readonly timings: Partial<Record<Phase, number>> = {};
  readonly env: NodeJS.ProcessEnv;
  deployed = false;

  constructor(private readonly opts: DriverOptions) {
    this.env = {
      ...opts.baseEnv,
      [EMULATOR_ENV_VAR]: opts.emulatorEndpoint,
      // Nothing may reach a real account: the emulator's test credentials until `runAs` gives others.
      ...credentialsEnv({ accessKeyId: 'test', secretAccessKey: 'test' }),
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      CHECKPOINT_DISABLE: '1',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true',
      CI: '1',
      FORCE_COLOR: '0',
    };
  }

  /** The credentials every later command runs with (with IAM enforced: the CI role's). */
  runAs(credentials: Credentials): void {
    Object.assign(this.env, credentialsEnv(credentials));
  }

  /**
   * `npm run bootstrap -- --env <env> --auto-approve` with an administrator's credentials, into
   * its own output and state directories: the deploy roles, the state bucket, RAM sharing with
   * the organization.
   */
  async bootstrap(administrator: Credentials): Promise<void> {
    await this.timed('bootstrap', async () => {
      const out = join(this.opts.outdir, 'bootstrap');
      const r = await run(
        process.execPath,
        [
          join(ROOT, 'scripts', 'run-ts.js'),
          join(ROOT, 'scripts', 'bootstrap.ts'),
          '--env',
          this.opts.envName,
          '--auto-approve',
          '--out',
          out,
          '--state-dir',
          join(out, 'state'),
        ],
        { cwd: ROOT, env: { ...this.env, ...credentialsEnv(administrator) }, timeoutMs: 900_000 },
      );
      this.check(`${this.opts.envName}-bootstrap-*`, `npm run bootstrap -- --env ${this.opts.envName}`, r);
    });
  }

  get stacksDir(): string {
    return join(this.opts.outdir, 'stacks');
  }

  /** Ids of the synthesized stacks of this environment. */
  stacks(): string[] {
    return readdirSync(this.stacksDir)
      .filter((id) => id.startsWith(`${this.opts.envName}-`))
      .sort();
  }

  async synth(): Promise<void> {
    await this.timed('synth', async () => {
      this.check('synth', 'cdktf synth', await this.cdktf(['synth', '--output', this.opts.outdir], 120_000));
    });
  }

  /** `terraform init` of every stack against the emulator's S3 backend. */
  async init(): Promise<void> {
    await this.timed('init', async () => {
      await mapLimit(this.stacks(), 2, async (id) => {
        const r = await run('terraform', ['init', '-input=false', '-no-color'], {
          cwd: join(this.stacksDir, id),
          env: this.env,
          timeoutMs: 120_000,
        });
        this.check(id, 'terraform init', r);
      });
    });
  }

  async apply(pattern = `${this.opts.envName}-*`): Promise<void> {
    this.deployed = true;
    await this.timed('apply', async () => {
      const r = await this.cdktf(
        ['deploy', pattern, '--auto-approve', '--skip-provider-lock', '--skip-synth', '--output', this.opts.outdir, '--no-color'],
        900_000,
      );
      this.check(pattern, `cdktf deploy '${pattern}'`, r);
    });
  }

  /** `terraform apply` of some stacks, one after another (a re-deploy that must not touch the others). */
  async applyStacks(ids: readonly string[]): Promise<void> {
    await this.timed('apply', async () => {
      for (const id of ids) {
        const r = await run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=30s'], {
          cwd: join(this.stacksDir, id),
          env: this.env,
          timeoutMs: 300_000,
        });
        this.check(id, 'terraform apply', r);
      }
    });
  }

  /** `terraform plan -detailed-exitcode` of every stack: exit code per stack (0 = no changes). */
  async plan(ids: readonly string[] = this.stacks()): Promise<Record<string, { code: number | null; output: string }>> {
    const out: Record<string, { code: number | null; output: string }> = {};
    await this.timed('plan', async () => {
      await mapLimit(ids, 2, async (id) => {
        const r = await run('terraform', ['plan', '-detailed-exitcode', '-input=false', '-no-color', '-lock-timeout=30s'], {
          cwd: join(this.stacksDir, id),
          env: this.env,
          timeoutMs: 180_000,
        });
        out[id] = { code: r.timedOut ? null : r.code, output: `${r.stdout}${r.stderr}` };
      });
    });
    return out;
  }

  async destroy(): Promise<void> {
    await this.timed('destroy', async () => {
      const r = await this.cdktf(
        ['destroy', `${this.opts.envName}-*`, '--auto-approve', '--skip-synth', '--output', this.opts.outdir, '--no-color'],
        900_000,
      );
      this.check(`${this.opts.envName}-*`, `cdktf destroy '${this.opts.envName}-*'`, r);
    });
    this.deployed = false;
  }

  /** `terraform apply` of one stack that is expected to fail: its output. */
  async failingApply(id: string): Promise<string> {
    const r = await run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color', '-lock-timeout=30s'], {
      cwd: join(this.stacksDir, id),
      env: this.env,
      timeoutMs: 300_000,
    });
    if (r.code === 0) throw new StepError(`${id}: 'terraform apply' succeeded, but it was expected to fail`);
    return `${r.stdout}\n${r.stderr}`;
  }

  private cdktf(args: string[], timeoutMs: number): Promise<RunResult> {
    return run(CDKTF, args, { cwd: ROOT, env: this.env, timeoutMs });
  }

  private check(stack: string, command: string, r: RunResult): void {
    if (r.code === 0 && !r.timedOut) return;
    const why = r.timedOut ? `timed out after ${Math.round(r.ms / 1000)} s` : `exit code ${r.code}`;
    const output = `${r.stdout}\n${r.stderr}`;
    const errors = output
      .split('\n')
      .filter((l) => /Error|error:/.test(l))
      .slice(0, 30)
      .join('\n');
    throw new StepError(
      `${stack}: '${command}' failed (${why}).\nTerraform errors:\n${errors}\n--- last output ---\n${output.slice(-4000)}`,
    );
  }

  private async timed(phase: Phase, fn: () => Promise<void>): Promise<void> {
    const started = Date.now();
    try {
      await fn();
    } finally {
      this.timings[phase] = (this.timings[phase] ?? 0) + (Date.now() - started);
    }
  }
}

function credentialsEnv(c: Credentials): NodeJS.ProcessEnv {
  return { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, AWS_SESSION_TOKEN: c.sessionToken ?? '' };
}
