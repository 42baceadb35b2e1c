import { App } from 'cdktf';
import type { EnvironmentConfig } from '../lib/config/types';
import { formatFindings, isBlocking, runRules } from '../lib/rules';
import { ConfigError, assertValid, formatProblems } from '../lib/config/validate';
import type { EmulatorSettings } from '../lib/cdktf/emulator';
import { buildEnvironment } from './environment';

/** The steps of a synthesis, in order. */
export type SynthPhase = 'validate' | 'build' | 'rules' | 'synth';

export interface SynthesizeOptions {
  /** Where the stacks go. @default - cdktf's default, or the CLI's `--output` */
  readonly outdir?: string;
  /** Where problems and findings are reported. @default process.stderr */
  readonly report?: (text: string) => void;
  /** Called as each phase ends (the benchmark times them). @default - nothing */
  readonly onPhase?: (phase: SynthPhase) => void;
  /** Point every provider and the S3 backend at a local AWS emulator. @default - real AWS */
  readonly emulator?: EmulatorSettings;
}

/**
 * Validates every environment, builds its stacks, runs the best-practice rules, and only
 * then synthesizes. Returns false, having written nothing, when an environment is invalid
 * or a rule reports an unsuppressed error.
 */
export function synthesizeEnvironments(envs: readonly EnvironmentConfig[], opts: SynthesizeOptions = {}): boolean {
  const report = opts.report ?? ((text: string) => process.stderr.write(text));
  const phase = opts.onPhase ?? (() => undefined);
  try {
    const warnings = assertValid(envs);
    if (warnings.length > 0) report(`${formatProblems(warnings)}\n`);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    report(`${error.message}\n`);
    return false;
  }
  phase('validate');

  const app = new App(opts.outdir ? { outdir: opts.outdir } : undefined);
  for (const env of envs) buildEnvironment(app, env, { emulator: opts.emulator });
  phase('build');

  // The cdktf CLI sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, so error annotations alone
  // would not stop synth: decide on the findings here.
  const findings = runRules(app);
  if (findings.length > 0) report(formatFindings(findings));
  phase('rules');
  if (findings.some(isBlocking)) return false;
  app.synth();
  phase('synth');
  return true;
}
