/** IAM policy documents: their shape, their size as IAM counts it, and splitting them under a size limit. */

export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: PolicyCondition;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): the
 * inline policies of one role may total 10,240 characters, and IAM does not count white space.
 */
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10_240;
/** The size one generated inline policy document aims to stay under, so each stays readable in the console. */
export const INLINE_POLICY_TARGET_CHARS = 6_144;

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** The size IAM counts for a policy: its JSON without white space. */
export function policySize(doc: PolicyDocument): number {
  return JSON.stringify(doc).length;
}

/** Every action of a document, sorted and unique. */
export function actionsOf(doc: PolicyDocument): string[] {
  const all = doc.Statement.flatMap((s) => (typeof s.Action === 'string' ? [s.Action] : s.Action));
  return [...new Set(all)].sort();
}

/**
 * Splits a document into documents of at most `maxChars` each, keeping statements whole where
 * they fit and splitting a statement's action list otherwise (same resources and condition, Sid
 * suffixed). Order is kept, so the split is deterministic.
 */
export function splitPolicy(doc: PolicyDocument, maxChars: number = INLINE_POLICY_TARGET_CHARS): PolicyDocument[] {
  const overhead = policySize(policyDocument([]));
  const pieces: PolicyStatement[] = [];
  for (const statement of doc.Statement) pieces.push(...splitStatement(statement, maxChars - overhead));
  const docs: PolicyStatement[][] = [];
  let current: PolicyStatement[] = [];
  for (const piece of pieces) {
    const candidate = [...current, piece];
    if (current.length > 0 && policySize(policyDocument(candidate)) > maxChars) {
      docs.push(current);
      current = [piece];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) docs.push(current);
  return docs.map(policyDocument);
}

function splitStatement(statement: PolicyStatement, maxChars: number): PolicyStatement[] {
  const size = (s: PolicyStatement) => JSON.stringify(s).length + 1;
  if (size(statement) <= maxChars || typeof statement.Action === 'string') return [statement];
  const out: PolicyStatement[] = [];
  let actions: string[] = [];
  const make = (list: string[], n: number): PolicyStatement => ({
    ...statement,
    Sid: statement.Sid && `${statement.Sid}${n}`,
    Action: list,
  });
  for (const action of statement.Action) {
    const next = [...actions, action];
    if (actions.length > 0 && size(make(next, out.length + 1)) > maxChars) {
      out.push(make(actions, out.length + 1));
      actions = [action];
    } else {
      actions = next;
    }
  }
  if (actions.length > 0) out.push(make(actions, out.length + 1));
  return out;
}
