/**
 * Terraform commands on one synthesized stack directory, and reading what they say: the changes
 * of a saved plan (`terraform show -json`), the errors of a run, the lock of a locked state.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type RunResult } from '../cli/run';

export interface TerraformOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Per command. @default 10 minutes */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT = 10 * 60_000;

export function terraform(dir: string, args: readonly string[], opts: TerraformOptions): Promise<RunResult> {
  return run('terraform', [...args], { cwd: dir, env: opts.env, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT });
}

/**
 * Whether `terraform init` has run for the stack's current backend: `.terraform/terraform.tfstate`
 * records the backend it was initialized with, and the provider lock file exists.
 */
export function isInitialized(dir: string): boolean {
  const recorded = join(dir, '.terraform', 'terraform.tfstate');
  if (!existsSync(recorded) || !existsSync(join(dir, '.terraform.lock.hcl'))) return false;
  try {
    const backend = JSON.parse(readFileSync(recorded, 'utf8')).backend as { type?: string; config?: Record<string, unknown> } | undefined;
    const wanted = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')).terraform?.backend as
      Record<string, Record<string, unknown>> | undefined;
    if (!backend || !wanted) return false;
    const [type, config] = Object.entries(wanted)[0] ?? [];
    if (backend.type !== type || !config) return false;
    return ['bucket', 'key', 'region', 'organization'].every((k) => config[k] === undefined || backend.config?.[k] === config[k]);
  } catch {
    return false;
  }
}

/** `terraform init` unless the stack is initialized for its backend already. */
export async function ensureInit(dir: string, opts: TerraformOptions): Promise<RunResult | undefined> {
  if (isInitialized(dir)) return undefined;
  return terraform(dir, ['init', '-input=false', '-no-color'], opts);
}

/** The `Error: ...` blocks of Terraform's output, trimmed, without the lock boilerplate. */
export function terraformErrors(output: string): string[] {
  const lines = output
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.replace(/^[│╷╵]\s?/, ''));
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^Error: (.*)$/.exec(lines[i].trim());
    if (!m) continue;
    const detail: string[] = [];
    for (let j = i + 1; j < lines.length && j < i + 12; j++) {
      const l = lines[j].trim();
      if (/^Error: /.test(l) || /^Terraform acquires a state lock/.test(l)) break;
      // Skip the source excerpt Terraform quotes (`37:   "workspace": ...`) and its location lines.
      if (l !== '' && !/^with |^on .* line \d+|^\d+:/.test(l)) detail.push(l);
    }
    errors.push([m[1], ...detail.slice(0, 4)].join(' '));
  }
  return errors;
}

export interface LockInfo {
  readonly id: string;
  readonly path?: string;
  readonly operation?: string;
  readonly who?: string;
  readonly created?: string;
}

/** The lock named in a "Error acquiring the state lock" message, if any. */
export function lockInfoFromOutput(output: string): LockInfo | undefined {
  const text = output
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.replace(/^[│╷╵]\s?/, ''))
    .join('\n');
  if (!/Error acquiring the state lock/.test(text)) return undefined;
  const field = (name: string) =>
    new RegExp(`^\\s*${name}:\\s*(.*?)\\s*$`, 'm').exec(text.slice(text.indexOf('Lock Info:')))?.[1] || undefined;
  const id = field('ID');
  if (!id) return undefined;
  return { id, path: field('Path'), operation: field('Operation'), who: field('Who'), created: field('Created') };
}

/** One resource of a plan that would change, or that changed outside Terraform. */
export interface PlannedChange {
  readonly address: string;
  /** `create`, `update`, `delete`, `replace`, `read`. */
  readonly action: string;
  /** Changed outside Terraform (found by the refresh), rather than only differing from the configuration. */
  readonly outside: boolean;
  /** What the refresh found outside Terraform: `deleted` or `changed` (only for resources the plan acts on). */
  readonly drift?: 'deleted' | 'changed';
}

interface PlanJson {
  readonly resource_changes?: readonly { address: string; mode?: string; change?: { actions?: readonly string[] } }[];
  readonly resource_drift?: readonly { address: string; change?: { actions?: readonly string[] } }[];
  readonly prior_state?: { values?: { root_module?: { resources?: readonly { mode?: string }[]; child_modules?: readonly unknown[] } } };
}

const actionOf = (actions: readonly string[] = []): string => {
  if (actions.includes('create') && actions.includes('delete')) return 'replace';
  return actions.find((a) => a !== 'no-op') ?? 'no-op';
};

/** The changes of a plan (`terraform show -json <plan>`), by address: what the apply would do and what drifted. */
export function planChanges(plan: PlanJson): PlannedChange[] {
  const drift = new Map<string, 'deleted' | 'changed'>();
  for (const d of plan.resource_drift ?? []) drift.set(d.address, actionOf(d.change?.actions) === 'delete' ? 'deleted' : 'changed');
  const out: PlannedChange[] = [];
  for (const c of plan.resource_changes ?? []) {
    if (c.mode === 'data') continue;
    const action = actionOf(c.change?.actions);
    if (action === 'no-op' || action === 'read') continue;
    const outside = drift.get(c.address);
    out.push({ address: c.address, action, outside: outside !== undefined, ...(outside && { drift: outside }) });
  }
  // Objects the refresh saw change without the plan acting on them (computed attributes, changes
  // the configuration ignores) are not drift an operator acts on: left out.
  return out.sort((a, b) => a.address.localeCompare(b.address));
}

/** Whether the plan's prior state held no resource (the stack was never deployed, or was destroyed). */
export function priorStateEmpty(plan: PlanJson): boolean {
  const root = plan.prior_state?.values?.root_module;
  return (root?.resources ?? []).every((r) => r.mode === 'data') && (root?.child_modules?.length ?? 0) === 0;
}
