/**
 * Deploying or destroying some stacks of an environment, the way cdktf can do it per account:
 *
 * - deploy: every upstream stack (whose remote state a selected stack reads) is either selected
 *   too or already deployed (its state holds resources); otherwise nothing runs and the command
 *   says which to deploy first. Stacks whose upstream is all selected run in one `cdktf deploy`
 *   (cdktf orders them); a selection that leaves out deployed upstream stacks needs
 *   `--ignore-missing-stack-dependencies`, with which cdktf no longer orders anything, so the
 *   selection runs in waves (a stack after the selected stacks it reads).
 * - destroy: every downstream stack (reading a selected stack's state) is selected too or
 *   already destroyed; waves in reverse.
 * - a stack whose state is locked (an S3 lockfile) stops the command with the holder and the
 *   `terraform force-unlock` line to run when that holder is gone.
 */
import type { StackInfo } from './stacks';
import type { LockFile } from './state-store';

export type Action = 'deploy' | 'destroy';

export interface DeployRequest {
  readonly action: Action;
  readonly selected: readonly StackInfo[];
  /** Every stack of the environment. */
  readonly all: readonly StackInfo[];
  /** Upstream stacks by id (cdktf's manifest, else the config). */
  readonly upstreamOf: (id: string) => readonly string[];
  /** Stacks whose state holds resources. */
  readonly deployed: ReadonlySet<string>;
}

export interface Blocker {
  readonly stack: string;
  /** The stacks to deploy (or destroy) first. */
  readonly first: readonly string[];
}

export interface DeployPlan {
  /** Stacks in the order they run, in waves that each run as one cdktf command. */
  readonly waves: readonly (readonly string[])[];
  /** Whether cdktf must be told to ignore stacks outside the selection. */
  readonly ignoreMissing: boolean;
  readonly blockers: readonly Blocker[];
}

/** Which stacks run in which order, or what must happen first. */
export function planStacks(req: DeployRequest): DeployPlan {
  const ids = new Set(req.selected.map((s) => s.id));
  const downstreamOf = (id: string) => req.all.filter((s) => req.upstreamOf(s.id).includes(id)).map((s) => s.id);
  const blockers: Blocker[] = [];
  let ignoreMissing = false;
  for (const s of req.selected) {
    const related = req.action === 'deploy' ? req.upstreamOf(s.id) : downstreamOf(s.id);
    const outside = related.filter((r) => !ids.has(r));
    if (outside.length > 0) ignoreMissing = true;
    const first = outside.filter((r) => (req.action === 'deploy' ? !req.deployed.has(r) : req.deployed.has(r)));
    if (first.length > 0) blockers.push({ stack: s.id, first });
  }
  // Waves: a stack after every selected stack it depends on (deploy), or that depends on it (destroy).
  const before = (id: string) => (req.action === 'deploy' ? req.upstreamOf(id) : downstreamOf(id)).filter((r) => ids.has(r));
  const order = req.selected.map((s) => s.id);
  const waves: string[][] = [];
  const placed = new Set<string>();
  while (placed.size < order.length) {
    const wave = order.filter((id) => !placed.has(id) && before(id).every((b) => placed.has(b)));
    if (wave.length === 0) throw new Error(`dependency cycle among ${order.filter((id) => !placed.has(id)).join(', ')}`);
    wave.forEach((id) => placed.add(id));
    waves.push(wave);
  }
  // Without stacks outside the selection, cdktf orders one run itself.
  return { waves: ignoreMissing ? waves : [waves.flat()], ignoreMissing, blockers };
}

/** The roles' flags that select a stack, for "deploy this first" advice. */
export function commandFor(action: Action, envName: string, stack: StackInfo | undefined, id: string): string {
  const flag = !stack
    ? `--stack ${id}`
    : stack.role === 'consumer'
      ? `--consumer ${stack.name}`
      : stack.role === 'provider' || stack.role === 'resource'
        ? `--service ${stack.name}`
        : stack.role === 'network'
          ? `--hub ${stack.name}`
          : `--stack ${id}`;
  return `npm run ${action} -- --env ${envName} ${flag}`;
}

/** What to tell the operator when upstream (downstream) stacks are missing. */
export function formatBlockers(action: Action, envName: string, all: readonly StackInfo[], blockers: readonly Blocker[]): string {
  const lines: string[] = [];
  const verb = action === 'deploy' ? 'reads the remote state of' : 'is read by';
  const state = action === 'deploy' ? 'not deployed' : 'still deployed';
  for (const b of blockers) lines.push(`${action}: ${b.stack} ${verb} ${b.first.join(', ')}, ${state}`);
  const first = [...new Set(blockers.flatMap((b) => b.first))];
  lines.push(`${action} these first (nothing was ${action === 'deploy' ? 'deployed' : 'destroyed'}):`);
  for (const id of first)
    lines.push(
      `  ${commandFor(
        action,
        envName,
        all.find((s) => s.id === id),
        id,
      )}`,
    );
  return `${lines.join('\n')}\n`;
}

/** The `cdktf deploy|destroy` arguments of one wave. */
export function cdktfArgs(
  action: Action,
  wave: readonly string[],
  opts: {
    readonly outdir: string;
    readonly autoApprove: boolean;
    readonly ignoreMissing: boolean;
    readonly parallel: number;
    readonly skipProviderLock: boolean;
    /** Terraform's own `-parallelism` (operations at once within a stack). @default - Terraform's (10) */
    readonly terraformParallelism?: number;
  },
): string[] {
  return [
    action,
    ...wave,
    '--skip-synth',
    '--output',
    opts.outdir,
    '--parallelism',
    String(opts.parallel),
    ...(opts.ignoreMissing ? ['--ignore-missing-stack-dependencies'] : []),
    ...(opts.autoApprove ? ['--auto-approve'] : []),
    ...(opts.skipProviderLock && action === 'deploy' ? ['--skip-provider-lock'] : []),
    ...(opts.terraformParallelism !== undefined ? ['--terraform-parallelism', String(opts.terraformParallelism)] : []),
  ];
}

/** How to release a lock left by a run that is gone. */
export function formatLock(envName: string, stack: string, dir: string, lock: LockFile): string {
  const holder = [lock.who && `by ${lock.who}`, lock.operation && `for ${lock.operation}`, lock.created && `since ${lock.created}`]
    .filter(Boolean)
    .join(' ');
  return (
    `${stack}: the state is locked${holder ? ` ${holder}` : ''} (lock id ${lock.id ?? 'unknown'}, ${lock.key}).\n` +
    `  Another run holds it, or a run was killed and left it. When no run of ${stack} is active any more:\n` +
    `    terraform -chdir=${dir} force-unlock -force ${lock.id ?? '<lock id>'}\n` +
    `  then look for resources that run created without recording them: npm run orphans -- --env ${envName}`
  );
}
