/**
 * `npm run deploy` and `npm run destroy`: the stacks of one consumer, service, hub (or globs, or
 * all), checked against the remote state of the stacks they depend on, then `cdktf deploy` /
 * `cdktf destroy` of exactly those stacks, in waves when needed (lib/ops/deploy.ts).
 *
 * Approval stays interactive (cdktf asks per stack) unless --auto-approve; then the output is
 * also read, so a lock held by another run is reported with its id.
 */
import { join } from 'node:path';
import { parseArgs, UsageError } from '../cli/args';
import type { EnvironmentConfig } from '../config/types';
import { run, defaultParallelism } from '../cli/run';
import { findProviderMirror } from '../cli/terraform-cli';
import { backendOf, stateObjectsOf, stacksWithResources } from './backend';
import { COMMON_OPTIONS, COMMON_USAGE, environmentOf, reportKnownError, workspaceOf } from './cli';
import { cdktfArgs, formatBlockers, formatLock, planStacks, type Action } from './deploy';
import { selectStacks } from './stacks';
import { stackOfKey as stackOfLock } from './state-store';
import { lockInfoFromOutput } from './terraform';
import { ROOT, toolEnv } from './workspace';

const CDKTF = join(ROOT, 'node_modules', '.bin', 'cdktf');

export function usageOf(action: Action): string {
  return (
    `usage: npm run ${action} -- ${COMMON_USAGE} (--consumer <name> | --service <name> | --hub <region> | --stack <glob> | --all)... ` +
    `[--auto-approve] [--parallel N] [--terraform-parallelism N]\n` +
    `  names and globs may be comma-separated; --parallel bounds the stacks cdktf runs at once (default: cores);\n` +
    `  --terraform-parallelism bounds each Terraform run's concurrent operations (Terraform's default: 10)`
  );
}

const SPEC = {
  ...COMMON_OPTIONS,
  consumer: { kind: 'string' },
  service: { kind: 'string' },
  hub: { kind: 'string' },
  stack: { kind: 'string' },
  all: { kind: 'flag' },
  'auto-approve': { kind: 'flag' },
  parallel: { kind: 'int' },
  'terraform-parallelism': { kind: 'int' },
} as const;

const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export async function deployMain(action: Action, argv: readonly string[], shipped: readonly EnvironmentConfig[]): Promise<number> {
  const usage = usageOf(action);
  const args = parseArgs(argv, SPEC, usage);
  const selection = {
    consumers: list(args.consumer),
    services: list(args.service),
    hubs: list(args.hub),
    globs: list(args.stack),
    all: args.all,
  };
  if (!selection.all && ![selection.consumers, selection.services, selection.hubs, selection.globs].some((l) => l && l.length > 0)) {
    throw new UsageError(`say which stacks to ${action}: --consumer, --service, --hub, --stack or --all`, usage);
  }
  const autoApprove = args['auto-approve'];
  if (!autoApprove && !process.stdin.isTTY) {
    throw new UsageError(`no terminal to approve each stack in: run it in a terminal, or pass --auto-approve`, usage);
  }
  try {
    const env = environmentOf(args, usage, shipped);
    const ws = workspaceOf(env, args);
    const selected = selectStacks(env, ws.stacks, selection);
    const say = (text: string) => process.stderr.write(`${action}: ${text}\n`);

    const backend = backendOf(ws);
    let deployed = new Set<string>();
    if (backend) {
      const ids = new Set(selected.map((s) => s.id));
      const related = ws.stacks.filter(
        (s) =>
          !ids.has(s.id) &&
          (action === 'deploy'
            ? selected.some((x) => ws.dependencies(x.id).includes(s.id))
            : selected.some((x) => ws.dependencies(s.id).includes(x.id))),
      );
      const { locks } = await stateObjectsOf(backend);
      deployed = await stacksWithResources(
        backend,
        related.map((s) => s.id),
      );
      const held = locks.filter((l) => ids.has(stackOfLock(l.key)));
      backend.destroy();
      if (held.length > 0) {
        for (const lock of held) {
          const stack = stackOfLock(lock.key);
          process.stderr.write(`${action}: ${formatLock(env.name, stack, ws.dir(stack), lock)}\n`);
        }
        say('nothing was run');
        return 1;
      }
    } else {
      say('the state is not in S3: upstream stacks are not checked (Terraform Cloud orders them with run triggers)');
      ws.stacks.forEach((s) => deployed.add(s.id));
    }

    const plan = planStacks({ action, selected, all: ws.stacks, upstreamOf: (id) => ws.dependencies(id), deployed });
    if (plan.blockers.length > 0) {
      process.stderr.write(formatBlockers(action, env.name, ws.stacks, plan.blockers));
      return 1;
    }
    const parallel = args.parallel ?? defaultParallelism();
    const toolenv = toolEnv();
    const skipProviderLock = findProviderMirror(toolenv) !== undefined;
    for (const [i, wave] of plan.waves.entries()) {
      const cmd = cdktfArgs(action, wave, {
        outdir: ws.outdir,
        autoApprove,
        ignoreMissing: plan.ignoreMissing,
        parallel,
        skipProviderLock,
        terraformParallelism: args['terraform-parallelism'],
      });
      say(`${plan.waves.length > 1 ? `wave ${i + 1}/${plan.waves.length}: ` : ''}cdktf ${cmd.join(' ')}`);
      const r = await run(CDKTF, cmd, {
        cwd: ROOT,
        env: toolenv,
        timeoutMs: 6 * 3600_000,
        stdio: autoApprove ? 'pipe' : 'inherit',
        onLine: autoApprove ? (line, stream) => (stream === 'stdout' ? process.stdout : process.stderr).write(`${line}\n`) : undefined,
      });
      if (r.code !== 0 || r.timedOut) {
        const lock = lockInfoFromOutput(r.stdout + r.stderr);
        if (lock) {
          const stack = wave.find((id) => lock.path?.includes(id)) ?? wave[0];
          process.stderr.write(
            `${action}: ${formatLock(env.name, stack, ws.dir(stack), { key: lock.path ?? '', id: lock.id, operation: lock.operation, who: lock.who, created: lock.created })}\n`,
          );
        }
        say(
          `cdktf ${action} failed (${r.timedOut ? 'timed out' : `exit code ${r.code ?? r.signal}`})${i + 1 < plan.waves.length ? '; later waves were not run' : ''}`,
        );
        return 1;
      }
      // cdktf reports success when Terraform is killed (its pty sees exit code 0 with a signal):
      // a lock left on a stack of the wave means its run did not finish.
      const after = backendOf(ws);
      if (after) {
        const waveIds = new Set(wave);
        const left = (await stateObjectsOf(after)).locks.filter((l) => waveIds.has(stackOfLock(l.key)));
        after.destroy();
        if (left.length > 0) {
          for (const lock of left)
            process.stderr.write(`${action}: ${formatLock(env.name, stackOfLock(lock.key), ws.dir(stackOfLock(lock.key)), lock)}\n`);
          say(`the ${action} of ${left.map((l) => stackOfLock(l.key)).join(', ')} did not finish (its state is still locked)`);
          return 1;
        }
      }
    }
    say(`done: ${selected.map((s) => s.id).join(', ')}`);
    return 0;
  } catch (error) {
    const code = reportKnownError(error);
    if (code !== undefined) return code;
    throw error;
  }
}
