/**
 * The shape of a best-practice rule (in the spirit of cdk-nag) and the few helpers rules
 * share to read cdktf resources: every configured value may be an unresolved token, so a
 * rule resolves it in the node's stack and compares Terraform expressions, never token strings.
 */
import { DefaultTokenResolver, StringConcat, TerraformDataSource, type TerraformElement, TerraformStack, Token, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';

export type Severity = 'error' | 'warning';
export type Compliance = 'compliant' | 'non-compliant' | 'not-applicable';

/** A check's verdict, with an optional detail that says what exactly is wrong. */
export interface RuleResult {
  readonly status: Compliance;
  readonly detail?: string;
}

export interface Rule {
  /** Stable id used in reports and suppressions, e.g. `PL1`. */
  readonly id: string;
  /** Kebab-case name of what the rule checks (the name of its file). */
  readonly name: string;
  /** Errors fail synth; warnings are printed. */
  readonly severity: Severity;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** Evaluates one construct of the tree; most constructs are not applicable. */
  check(node: IConstruct): Compliance | RuleResult;
}

export const COMPLIANT: RuleResult = { status: 'compliant' };
export const NOT_APPLICABLE: RuleResult = { status: 'not-applicable' };
export const nonCompliant = (detail?: string): RuleResult => ({ status: 'non-compliant', detail });

const resolver = new DefaultTokenResolver(new StringConcat());

/**
 * Resolves a configured value in the node's stack, without preparing cross-stack
 * references: a value from another stack resolves to its origin address (for example
 * `${aws_vpc_endpoint_service.service_E7C408F2.service_name}`), so nothing is created.
 */
export function resolveIn(node: IConstruct, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  return Tokenization.resolve(value, { scope: TerraformStack.of(node), resolver, preparing: false });
}

/** The Terraform address of an element, `aws_vpc.vpc_6776A399` or `data.aws_x.name`. */
export function addressOf(element: TerraformElement & { terraformResourceType?: string }): string {
  const prefix = element instanceof TerraformDataSource ? 'data.' : '';
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

const REF_RE = /\$\{((?:data\.)?[a-zA-Z0-9_]+\.[a-zA-Z0-9_-]+)[.[]/g;

/** Every resource address a resolved value refers to (`${type.name.attr}` expressions). */
export function referencedAddresses(resolved: unknown): string[] {
  const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved ?? null);
  return [...text.matchAll(REF_RE)].map((m) => m[1]);
}

/** Whether a value is (or contains) a token that cannot be known at synth. */
export const isUnresolved = (value: unknown): boolean => Token.isUnresolved(value);

/** All constructs of the node's stack that are instances of `type` (cached per call site is not needed: trees are small). */
export function findInStack<T>(node: IConstruct, type: abstract new (...args: never[]) => T): T[] {
  return TerraformStack.of(node)
    .node.findAll()
    .filter((c): c is IConstruct & T => c instanceof type) as T[];
}
