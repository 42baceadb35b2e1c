/**
 * Runs the rules as a cdktf Aspect on each stack (Aspects added to the App are never
 * invoked in cdktf 0.21). Findings are kept per stack, keyed by construct and rule, so
 * visiting a tree twice (`runRules` before `app.synth()`) neither duplicates findings nor
 * annotations. Unsuppressed errors become error annotations, which make `app.synth()`
 * throw; the cdktf CLI sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS and only prints
 * them, which is why `main.ts` should also check `runRules(app)` itself.
 */
import { Annotations, Aspects, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { Rule, RuleResult, Severity } from './rule';
import { suppressionOf } from './suppressions';

export interface Finding {
  readonly stack: string;
  /** Construct path of the offending construct. */
  readonly path: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: Severity;
  readonly message: string;
  readonly detail?: string;
  /** Set when a suppression covers the finding: it is reported, but does not fail. */
  readonly suppressed?: { readonly reason: string; readonly by: string };
}

const findingsByStack = new WeakMap<TerraformStack, Map<string, Finding>>();
const aspectByStack = new WeakMap<TerraformStack, RulesAspect>();

/** The Aspect that evaluates every rule on every construct of a stack. */
export class RulesAspect implements IAspect {
  /**
   * Constructs already evaluated against every rule, compliant or not: a second pass (`runRules`
   * before `app.synth()`) is free. Held weakly, by object: at a thousand stacks a key string per
   * construct and rule cost about 90 MB of heap.
   */
  private readonly visited = new WeakSet<IConstruct>();

  constructor(readonly rules: readonly Rule[]) {}

  visit(node: IConstruct): void {
    if (this.visited.has(node)) return;
    this.visited.add(node);
    const stack = TerraformStack.of(node);
    let findings = findingsByStack.get(stack);
    if (!findings) findingsByStack.set(stack, (findings = new Map()));
    for (const rule of this.rules) {
      const result = evaluate(rule, node);
      if (result.status !== 'non-compliant') continue;
      const key = `${node.node.path}\u0000${rule.id}`;
      const suppression = suppressionOf(node, rule.id);
      const finding: Finding = {
        stack: stack.node.id,
        path: node.node.path,
        ruleId: rule.id,
        ruleName: rule.name,
        severity: rule.severity,
        message: rule.message,
        detail: result.detail,
        suppressed: suppression && { reason: suppression.reason, by: suppression.path },
      };
      findings.set(key, finding);
      if (suppression) continue;
      const text = `[${rule.id}] ${rule.message}${result.detail ? ` (${result.detail})` : ''}`;
      if (rule.severity === 'error') Annotations.of(node).addError(text);
      else Annotations.of(node).addWarning(text);
    }
  }
}

function evaluate(rule: Rule, node: IConstruct): RuleResult {
  try {
    const result = rule.check(node);
    return typeof result === 'string' ? { status: result } : result;
  } catch (error) {
    // A rule that cannot read a value must not break synth; it says so instead.
    return { status: 'non-compliant', detail: `rule failed to evaluate: ${(error as Error).message}` };
  }
}

/** Registers the rules on one stack (once; later calls return the same aspect). */
export function applyRules(stack: TerraformStack, rules: readonly Rule[]): RulesAspect {
  const existing = aspectByStack.get(stack);
  if (existing) return existing;
  const aspect = new RulesAspect(rules);
  Aspects.of(stack).add(aspect);
  aspectByStack.set(stack, aspect);
  return aspect;
}

/** Every stack at or under `scope` (an App, a stack, or any construct). */
export function stacksOf(scope: IConstruct): TerraformStack[] {
  return scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/**
 * Evaluates the rules now, without synthesizing: registers them on each stack under
 * `scope` that has none yet, walks each stack as cdktf's aspect invocation would, and
 * returns every finding (suppressed ones included).
 */
export function runRules(scope: IConstruct, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  for (const stack of stacksOf(scope)) {
    const aspect = applyRules(stack, rules);
    for (const node of stack.node.findAll()) aspect.visit(node);
    out.push(...(findingsByStack.get(stack)?.values() ?? []));
  }
  return out;
}

/** Findings recorded so far (by `runRules` or by a synth) for the stacks under `scope`. */
export function collectFindings(scope: IConstruct): Finding[] {
  return stacksOf(scope).flatMap((stack) => [...(findingsByStack.get(stack)?.values() ?? [])]);
}

/** Findings that fail synth: unsuppressed errors. */
export const isBlocking = (f: Finding): boolean => f.severity === 'error' && !f.suppressed;

/** A plain-text table of findings, one line each, for the terminal. */
export function formatFindings(findings: readonly Finding[], extraColumns: Record<string, (f: Finding) => string> = {}): string {
  if (findings.length === 0) return 'No findings.\n';
  const columns: Record<string, (f: Finding) => string> = {
    ...extraColumns,
    stack: (f) => f.stack,
    construct: (f) => f.path.split('/').slice(1).join('/') || f.path,
    rule: (f) => f.ruleId,
    severity: (f) => f.severity,
    suppressed: (f) => (f.suppressed ? `yes: ${f.suppressed.reason}` : ''),
    message: (f) => `${f.message}${f.detail ? ` (${f.detail})` : ''}`,
  };
  const names = Object.keys(columns);
  const rows = [names, ...findings.map((f) => names.map((n) => columns[n](f)))];
  const widths = names.map((_, i) => Math.max(...rows.map((r) => (i === names.length - 1 ? 0 : r[i].length))));
  return rows.map((r) => r.map((cell, i) => (i === names.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}
