/**
 * `npm run drift -- --env <name> [--stack <glob>[,<glob>...]] [--json] [--parallel N]`
 * `                 [--config <file>] [--outdir <dir>] [--skip-synth]`
 *
 * For every stack of the environment (or those the globs select): synthesizes (or reuses
 * --outdir with --skip-synth), runs `terraform init` where needed, then
 * `terraform plan -detailed-exitcode -lock=false -refresh=true`: read only, no state lock, safe
 * next to a running deploy and with credentials that can only read. Prints one progress line per
 * finished stack on stderr and a table (or --json) of each stack's status and the resource
 * addresses that drifted.
 *
 * --role-name <role>: plan through that role in each account (e.g. a read-only role) instead of
 * the deploy role the stacks assume, in a private copy of each stack directory.
 *
 * Exit codes: 0 every stack in sync, 2 drift (or a stack not deployed), 1 a stack could not be
 * checked (its error is in the table), 2 also for a bad command line.
 */
import { environments } from '../environments';
import { parseArgs, runMain } from '../lib/cli/args';
import { defaultParallelism } from '../lib/cli/run';
import { backendOf, stateObjectsOf } from '../lib/ops/backend';
import { COMMON_USAGE, environmentOf, LIVE_OPTIONS, reportKnownError, workspaceOf } from '../lib/ops/cli';
import { checkDrift, driftExitCode, driftJson, formatDrift, progressLine } from '../lib/ops/drift';
import { selectStacks } from '../lib/ops/stacks';
import { toolEnv } from '../lib/ops/workspace';

const USAGE = `usage: npm run drift -- ${COMMON_USAGE} [--stack <glob>[,<glob>...]] [--json] [--parallel N] [--role-name <role>]`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), { ...LIVE_OPTIONS, stack: { kind: 'string' } }, USAGE);
  try {
    const env = environmentOf(args, USAGE, environments);
    const ws = workspaceOf(env, args);
    const globs = args.stack
      ?.split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    const stacks = globs ? selectStacks(env, ws.stacks, { globs }) : ws.stacks;
    const parallel = args.parallel ?? defaultParallelism();
    process.stderr.write(`drift: ${env.name}: ${stacks.length} stack(s), ${parallel} at a time\n`);
    // One listing of the state bucket: stacks without a state object are not deployed (no plan needed).
    const backend = backendOf(ws);
    const deployed = backend
      ? await stateObjectsOf(backend).then(
          (s) => s.deployed,
          (e) => {
            process.stderr.write(`drift: cannot list the state bucket (${e instanceof Error ? e.message : e}); planning every stack\n`);
            return undefined;
          },
        )
      : undefined;
    backend?.destroy();
    const results = await checkDrift(
      stacks.map((s) => ({ id: s.id, dir: ws.dir(s.id) })),
      {
        parallel,
        deployed,
        roleName: args['role-name'],
        env: toolEnv(),
        onStack: (r, done, total) => process.stderr.write(`${progressLine(r, done, total)}\n`),
      },
    );
    process.stdout.write(args.json ? `${JSON.stringify(driftJson(env.name, results), null, 2)}\n` : formatDrift(env.name, results));
    return driftExitCode(results);
  } catch (error) {
    const code = reportKnownError(error);
    if (code !== undefined) return code;
    throw error;
  }
}

void runMain(main);
