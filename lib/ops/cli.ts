/**
 * What the operator commands (drift, verify, orphans, deploy, destroy) share on the command line:
 * `--env <name>` (required, one environment), `--config <file>` (environments from another file
 * than environments/index.ts), `--outdir <dir>` and `--skip-synth`, parsed with the project's one
 * parser (lib/cli/args.ts).
 */
import { selectEnvironments } from '../cli/args';
import type { EnvironmentConfig } from '../config/types';
import { ConfigError, loadEnvironments, validated } from './config-file';
import { SelectionError } from './stacks';
import { prepareWorkspace, type Workspace } from './workspace';

export const COMMON_OPTIONS = {
  env: { kind: 'string' },
  config: { kind: 'string' },
  outdir: { kind: 'string' },
  'skip-synth': { kind: 'flag' },
} as const;

export const COMMON_USAGE = '--env <name> [--config <file>] [--outdir <dir>] [--skip-synth]';

/**
 * The commands that read the deployed accounts (drift, verify, orphans) also take `--json` (the report as JSON),
 * `--role-name <role>` (read through that role in each account) and `--parallel N`.
 */
export const LIVE_OPTIONS = {
  ...COMMON_OPTIONS,
  json: { kind: 'flag' },
  'role-name': { kind: 'string' },
  parallel: { kind: 'int' },
} as const;

export const LIVE_USAGE = `${COMMON_USAGE} [--json] [--role-name <role>] [--parallel N]`;

/** The one environment `--env` names (of `shipped`, or of `--config`), validated as synth validates (warnings to stderr). */
export function environmentOf(
  args: { env?: string; config?: string },
  usage: string,
  shipped: readonly EnvironmentConfig[],
): EnvironmentConfig {
  const envs = loadEnvironments(args.config, shipped);
  const [env] = selectEnvironments(args.env, envs, usage, { required: true, allowAll: false });
  const warnings = validated([env]);
  if (warnings) process.stderr.write(`${warnings}\n`);
  return env;
}

/** The environment's synthesized stacks: synthesized now into --outdir (default cdktf.out), or reused with --skip-synth. */
export function workspaceOf(env: EnvironmentConfig, args: { outdir?: string; 'skip-synth'?: boolean }): Workspace {
  return prepareWorkspace(env, { outdir: args.outdir, skipSynth: args['skip-synth'] });
}

/** Configuration and selection errors print as they are (exit 1 for configuration, 2 for selection). */
export function reportKnownError(error: unknown): number | undefined {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (error instanceof SelectionError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  return undefined;
}
