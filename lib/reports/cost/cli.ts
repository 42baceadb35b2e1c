/**
 * `npm run cost` as a pure function: takes argv and the environments, returns what to print and
 * the exit code (scripts/cost.ts connects it to the process).
 */
import { UsageError, parseArgs, selectEnvironments } from '../../cli/args';
import type { EnvironmentConfig } from '../../config/types';
import { ConfigError, assertValid, formatProblems } from '../../config/validate';
import { estimateCost } from './estimate';
import type { CostReport } from './model';
import { renderCostMarkdown, renderCostTable } from './render';

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const COST_USAGE = 'usage: npm run cost -- --env <name>|all [--json | --markdown]';

const SPEC = { env: { kind: 'string' }, json: { kind: 'flag' }, markdown: { kind: 'flag' } } as const;

/**
 * `--env <name>|all` (required), `--json` or `--markdown` (default: a terminal table).
 * JSON: the CostReport object for one environment, an array of them for `all`.
 *
 * Exit codes: 2 for usage errors (with the usage and the known environments), 1 when a selected
 * environment fails validation (the problems printed exactly as synth prints them) or cannot be
 * estimated, 0 otherwise. Validation warnings and estimate warnings go to stderr.
 */
export function runCostCli(argv: readonly string[], environments: readonly EnvironmentConfig[]): CliResult {
  const known = `known environments: ${environments.map((e) => e.name).join(', ')}`;
  let selected: readonly EnvironmentConfig[];
  let format: 'table' | 'json' | 'markdown';
  let all: boolean;
  try {
    const args = parseArgs(argv, SPEC, COST_USAGE, [['json', 'markdown']]);
    selected = selectEnvironments(args.env, environments, COST_USAGE, { required: true });
    format = args.json ? 'json' : args.markdown ? 'markdown' : 'table';
    all = args.env === 'all';
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message === '') return { exitCode: 0, stdout: `${COST_USAGE}\n${known}\n`, stderr: '' };
    const message = error.message.includes(known) ? error.message : `${error.message}\n${known}`;
    return { exitCode: 2, stdout: '', stderr: `${message}\n${COST_USAGE}\n` };
  }

  let stderr = '';
  try {
    const warnings = assertValid(selected);
    if (warnings.length > 0) stderr += `${formatProblems(warnings)}\n`;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
  }

  let reports: CostReport[];
  try {
    reports = selected.map(estimateCost);
  } catch (error) {
    return { exitCode: 1, stdout: '', stderr: `${stderr}${(error as Error).message}\n` };
  }
  stderr += reports.flatMap((r) => r.warnings.map((w) => `warning: ${r.environment}: ${w}\n`)).join('');
  if (format === 'json') {
    return { exitCode: 0, stdout: `${JSON.stringify(all ? reports : reports[0], null, 2)}\n`, stderr };
  }
  const render = format === 'markdown' ? renderCostMarkdown : renderCostTable;
  return { exitCode: 0, stdout: reports.map(render).join('\n'), stderr };
}
