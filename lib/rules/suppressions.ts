/**
 * Suppressing a rule on one construct (and everything under it), with a written reason,
 * the way cdk-nag does: the reason is kept in the construct's metadata and shown in every
 * report next to the finding it silences.
 */
import type { IConstruct } from 'constructs';

export const SUPPRESSION_METADATA = 'privatelink:rule-suppression';
const MIN_REASON_LENGTH = 10;

export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Path of the construct the suppression was added to. */
  readonly path: string;
}

/**
 * Suppresses `ruleId` on `construct` and its children. The reason must say why the rule
 * does not apply here (at least 10 characters); it is printed with the finding.
 */
export function suppress(construct: IConstruct, ruleId: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `${construct.node.path}: suppressing ${ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters, got '${reason}'`,
    );
  }
  construct.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: reason.trim() });
}

/** The suppression of `ruleId` that applies to `node`: its own or the nearest ancestor's. */
export function suppressionOf(node: IConstruct, ruleId: string): Suppression | undefined {
  for (const scope of [...node.node.scopes].reverse()) {
    for (const entry of scope.node.metadata) {
      if (entry.type !== SUPPRESSION_METADATA) continue;
      const data = entry.data as { ruleId: string; reason: string };
      if (data.ruleId === ruleId) return { ruleId, reason: data.reason, path: scope.node.path };
    }
  }
  return undefined;
}
