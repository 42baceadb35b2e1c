/**
 * Drift: for each stack, `terraform plan -detailed-exitcode -lock=false -refresh=true` (read
 * only: no lock is taken, nothing is written to the state or to AWS), the saved plan read back
 * with `terraform show -json`: which resources changed outside Terraform, and what an apply would
 * do. Stacks run in parallel with a bound.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapLimit } from '../cli/run';
import { formatTable } from '../cli/table';
import { ensureInit, lockInfoFromOutput, planChanges, priorStateEmpty, terraform, terraformErrors, type PlannedChange } from './terraform';

export type DriftStatus = 'in sync' | 'drifted' | 'not deployed' | 'error';

export interface StackDrift {
  readonly stack: string;
  readonly status: DriftStatus;
  /** Resources that changed outside Terraform or that the plan would change. */
  readonly changes: readonly PlannedChange[];
  readonly error?: string;
  readonly ms: number;
}

export interface DriftOptions {
  /** Stacks checked at once. */
  readonly parallel: number;
  /** The environment Terraform runs with. */
  readonly env: NodeJS.ProcessEnv;
  /** Per Terraform command. @default 10 minutes */
  readonly timeoutMs?: number;
  /** Called as each stack finishes (progress). */
  readonly onStack?: (result: StackDrift, done: number, total: number) => void;
  /**
   * Stacks that have a state object in the backend, when known: the others are reported as not
   * deployed without running Terraform (a consumer whose hub is not deployed cannot even plan).
   */
  readonly deployed?: ReadonlySet<string>;
  /**
   * Plan through this role in each account instead of the stacks' deploy role (a read-only role,
   * such as one with ReadOnlyAccess): the stack is planned in a private copy of its directory with
   * an override file that replaces each provider's `assume_role`. @default - the stacks' own
   */
  readonly roleName?: string;
}

/** The override file that makes every AWS provider of a stack assume `roleName` in its account. */
export function roleOverride(json: unknown, roleName: string): { provider: { aws: Record<string, unknown>[] } } {
  const providers = (json as { provider?: { aws?: Record<string, unknown>[] } }).provider?.aws ?? [];
  return {
    provider: {
      aws: providers.map((p) => {
        const account = String((p.allowed_account_ids as unknown[] | undefined)?.[0] ?? '');
        return {
          ...(p.alias !== undefined && { alias: p.alias }),
          assume_role: [{ role_arn: `arn:aws:iam::${account}:role/${roleName}`, session_name: 'privatelink-drift' }],
        };
      }),
    },
  };
}

export const ROLE_OVERRIDE_FILE = 'zz_drift_role_override.tf.json';

/** A private copy of a stack directory planning through another role (shares its .terraform). */
function shadowDir(dir: string, roleName: string): string {
  const shadow = mkdtempSync(join(tmpdir(), 'pl-drift-role-'));
  copyFileSync(join(dir, 'cdk.tf.json'), join(shadow, 'cdk.tf.json'));
  if (existsSync(join(dir, '.terraform.lock.hcl'))) copyFileSync(join(dir, '.terraform.lock.hcl'), join(shadow, '.terraform.lock.hcl'));
  symlinkSync(join(dir, '.terraform'), join(shadow, '.terraform'));
  const json: unknown = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
  writeFileSync(join(shadow, ROLE_OVERRIDE_FILE), `${JSON.stringify(roleOverride(json, roleName), null, 2)}\n`);
  return shadow;
}

/** One stack: init if needed, plan read-only, read the plan back. */
export async function checkStack(stack: string, dir: string, opts: Omit<DriftOptions, 'parallel' | 'onStack'>): Promise<StackDrift> {
  const started = Date.now();
  const tf = { env: opts.env, timeoutMs: opts.timeoutMs };
  const fail = (what: string, output: string, timedOut: boolean): StackDrift => {
    const lock = lockInfoFromOutput(output);
    const errors = terraformErrors(output);
    const error = timedOut ? `${what} timed out` : `${what} failed: ${errors.join('; ') || output.trim().split('\n').slice(-3).join(' ')}`;
    return {
      stack,
      status: 'error',
      changes: [],
      error: lock ? `${error} (state locked by ${lock.who ?? '?'}, lock id ${lock.id})` : error,
      ms: Date.now() - started,
    };
  };
  const init = await ensureInit(dir, tf);
  if (init && (init.code !== 0 || init.timedOut)) return fail('terraform init', init.stdout + init.stderr, init.timedOut);
  const tmp = mkdtempSync(join(tmpdir(), 'pl-drift-'));
  const workdir = opts.roleName ? shadowDir(dir, opts.roleName) : dir;
  try {
    const planFile = join(tmp, 'plan');
    const plan = await terraform(
      workdir,
      ['plan', '-detailed-exitcode', '-lock=false', '-refresh=true', '-input=false', '-no-color', `-out=${planFile}`],
      tf,
    );
    if (plan.timedOut || (plan.code !== 0 && plan.code !== 2)) return fail('terraform plan', plan.stdout + plan.stderr, plan.timedOut);
    if (plan.code === 0) return { stack, status: 'in sync', changes: [], ms: Date.now() - started };
    const show = await terraform(workdir, ['show', '-json', '-no-color', planFile], tf);
    if (show.code !== 0 || show.timedOut) return fail('terraform show', show.stdout + show.stderr, show.timedOut);
    const json = JSON.parse(show.stdout);
    const changes = planChanges(json);
    return { stack, status: priorStateEmpty(json) ? 'not deployed' : 'drifted', changes, ms: Date.now() - started };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (workdir !== dir) rmSync(workdir, { recursive: true, force: true });
  }
}

/** Every stack, at most `parallel` at once, results in the order given. */
export async function checkDrift(stacks: readonly { id: string; dir: string }[], opts: DriftOptions): Promise<StackDrift[]> {
  let done = 0;
  return mapLimit(stacks, opts.parallel, async (s) => {
    let result: StackDrift;
    try {
      result =
        opts.deployed && !opts.deployed.has(s.id)
          ? { stack: s.id, status: 'not deployed', changes: [], ms: 0 }
          : await checkStack(s.id, s.dir, opts);
    } catch (e) {
      result = { stack: s.id, status: 'error', changes: [], error: e instanceof Error ? e.message : String(e), ms: 0 };
    }
    opts.onStack?.(result, ++done, stacks.length);
    return result;
  });
}

/** 0: every stack in sync; 2: some drifted or not deployed; 1: some could not be checked. */
export function driftExitCode(results: readonly StackDrift[]): number {
  if (results.some((r) => r.status === 'error')) return 1;
  return results.some((r) => r.status !== 'in sync') ? 2 : 0;
}

/** How one change reads in the table. */
export function describeChange(c: PlannedChange): string {
  const what =
    c.drift === 'deleted'
      ? 'deleted outside Terraform'
      : c.drift === 'changed'
        ? 'changed outside Terraform'
        : 'differs from the configuration';
  return `${c.address} (${what}; plan: ${c.action})`;
}

/** One progress line (stderr). */
export function progressLine(r: StackDrift, done: number, total: number): string {
  const n = r.changes.length;
  const detail = r.status === 'error' ? `: ${r.error}` : n > 0 ? ` (${n} resource${n === 1 ? '' : 's'})` : '';
  return `drift: [${done}/${total}] ${r.stack}: ${r.status}${detail} in ${(r.ms / 1000).toFixed(1)} s`;
}

/** The table: one row per stack, then one per further changed resource. */
export function formatDrift(env: string, results: readonly StackDrift[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    const details =
      r.status === 'error'
        ? [r.error ?? 'error']
        : r.status === 'not deployed'
          ? [r.changes.length > 0 ? `no resources in state; an apply would create ${r.changes.length}` : 'no state object in the backend']
          : r.changes.map(describeChange);
    details.forEach((d, i) => rows.push(i === 0 ? [r.stack, r.status, d] : ['', '', d]));
    if (details.length === 0) rows.push([r.stack, r.status, '']);
  }
  const count = (s: DriftStatus) => results.filter((r) => r.status === s).length;
  const summary = (['in sync', 'drifted', 'not deployed', 'error'] as const).map((s) => `${count(s)} ${s}`).join(', ');
  return `Drift of ${env} (${results.length} stack${results.length === 1 ? '' : 's'}):\n${formatTable(['stack', 'status', 'resources'], rows, { unpadded: [2] })}\n${summary}\n`;
}

/** The JSON report. */
export function driftJson(env: string, results: readonly StackDrift[]): unknown {
  return { env, exitCode: driftExitCode(results), stacks: results };
}
