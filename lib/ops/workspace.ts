/**
 * Where an operator command finds an environment's Terraform: it synthesizes the environment
 * (validated, rules checked, exactly as `cdktf synth` through main.ts does, emulator mode from
 * `PRIVATELINK_EMULATOR_ENDPOINT` included) into an output directory, or reuses one that holds it
 * (`--skip-synth`); and the environment Terraform runs with (the offline provider mirror of
 * `npm run tf-config`, unless TF_CLI_CONFIG_FILE is already set).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emulatorFromEnvironment } from '../cdktf/emulator';
import { terraformEnv } from '../cli/terraform-cli';
import type { EnvironmentConfig } from '../config/types';
import type { StackJson } from '../reports/connectivity/json';
import type { synthesizeEnvironments as Synthesize } from '../../stacks/synthesize';
import { environmentStacks, type StackInfo } from './stacks';

export const ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_OUTDIR = join(ROOT, 'cdktf.out');

export interface Workspace {
  readonly env: EnvironmentConfig;
  readonly outdir: string;
  /** Every stack the configuration yields, in deploy order. */
  readonly stacks: readonly StackInfo[];
  /** The synthesized directory of a stack. */
  dir(id: string): string;
  /** The synthesized JSON of a stack. */
  json(id: string): StackJson;
  /** The stack's dependencies as cdktf recorded them (manifest.json), else from the config. */
  dependencies(id: string): readonly string[];
}

export interface WorkspaceOptions {
  readonly outdir?: string;
  /** Reuse what the outdir holds instead of synthesizing. */
  readonly skipSynth?: boolean;
  /** Where synth problems and findings are reported. @default process.stderr */
  readonly report?: (text: string) => void;
  readonly processEnv?: NodeJS.ProcessEnv;
}

interface Manifest {
  readonly stacks?: Record<string, { readonly dependencies?: readonly string[]; readonly workingDirectory?: string }>;
}

/** Synthesizes (or reuses) one environment's stacks. */
export function prepareWorkspace(env: EnvironmentConfig, opts: WorkspaceOptions = {}): Workspace {
  const outdir = resolve(opts.outdir ?? DEFAULT_OUTDIR);
  const stacks = environmentStacks(env);
  if (!opts.skipSynth) {
    // Loaded here, not at the top: cdktf and the providers are only needed when synthesizing.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
    const { synthesizeEnvironments } = require('../../stacks/synthesize') as { synthesizeEnvironments: typeof Synthesize };
    const ok = synthesizeEnvironments([env], {
      outdir,
      report: opts.report,
      emulator: emulatorFromEnvironment(opts.processEnv ?? process.env),
    });
    if (!ok) throw new Error(`${env.name}: synth failed (see above); nothing was run`);
  }
  const manifestFile = join(outdir, 'manifest.json');
  const manifest: Manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  const missing = stacks.filter((s) => !existsSync(join(outdir, 'stacks', s.id, 'cdk.tf.json'))).map((s) => s.id);
  if (missing.length > 0) {
    throw new Error(
      `${outdir} does not hold ${missing.length === stacks.length ? `the stacks of ${env.name}` : missing.join(', ')}: synthesize first (drop --skip-synth)`,
    );
  }
  const cache = new Map<string, StackJson>();
  return {
    env,
    outdir,
    stacks,
    dir: (id) => join(outdir, 'stacks', id),
    json: (id) => {
      let json = cache.get(id);
      if (!json) {
        json = JSON.parse(readFileSync(join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')) as StackJson;
        cache.set(id, json);
      }
      return json;
    },
    dependencies: (id) => manifest.stacks?.[id]?.dependencies ?? stacks.find((s) => s.id === id)?.upstream ?? [],
  };
}

/** The environment Terraform and cdktf run with: the user's CLI config (when the file exists), or the project's mirror config. */
export function toolEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env =
    base.TF_CLI_CONFIG_FILE && existsSync(base.TF_CLI_CONFIG_FILE)
      ? { ...base, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' }
      : terraformEnv(join(ROOT, '.terraform-cli'), base);
  return { ...env, CDKTF_DISABLE_PLUGIN_CACHE_ENV: env.CDKTF_DISABLE_PLUGIN_CACHE_ENV ?? 'true', FORCE_COLOR: '0' };
}
