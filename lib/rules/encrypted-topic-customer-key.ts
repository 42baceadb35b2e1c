import type { IConstruct } from 'constructs';
import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { DataAwsKmsKey } from '@cdktf/provider-aws/lib/data-aws-kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { VpcEndpointConnectionNotification } from '@cdktf/provider-aws/lib/vpc-endpoint-connection-notification';
import {
  COMPLIANT,
  NOT_APPLICABLE,
  addressOf,
  findInStack,
  isUnresolved,
  nonCompliant,
  referencedAddresses,
  resolveIn,
  type Rule,
  type RuleResult,
} from './rule';

/** `alias/aws/sns`, any other `alias/aws/...`, bare or as an alias ARN: AWS managed keys. */
const AWS_MANAGED = /(^|:)alias\/aws\//;
const PRINCIPAL = 'vpce.amazonaws.com';
const NEEDED = ['kms:GenerateDataKey', 'kms:Decrypt'];

/**
 * PL11: an SNS topic that receives endpoint connection notifications (the target of a
 * `VpcEndpointConnectionNotification` of the same stack) is not encrypted with an AWS managed key
 * (`alias/aws/sns` or any `alias/aws/...`, literal, as an alias ARN, or through an
 * `aws_kms_alias`/`aws_kms_key` data source of that name): AWS PrivateLink cannot publish to it,
 * because an AWS managed key's policy cannot be edited to grant `vpce.amazonaws.com`, and the
 * notifications are lost without an error. When the key is a `KmsKey` of the same stack (directly
 * or through a `KmsAlias`), its policy (an `aws_kms_key_policy` of the stack, else the key's own)
 * must allow `vpce.amazonaws.com` `kms:GenerateDataKey*` and `kms:Decrypt`; no policy is the
 * default key policy, which only trusts the account. A policy that is not JSON at synth (a data
 * source's document) and a key id or ARN from elsewhere cannot be judged: compliant.
 *
 * A notification topic with no encryption at all is not flagged, not even as a warning: AWS
 * PrivateLink publishes to it, so nothing is lost (this rule's concern is notifications that
 * silently never arrive); connection events carry endpoint ids, account ids and states, no
 * payload data; and a rule has one severity, so an unencrypted topic would be an error, stricter
 * than the blueprint's other rules ask of any data at rest. The blueprint's own topics are
 * encrypted with a customer-managed key anyway (`EndpointService`).
 */
export const encryptedTopicCustomerKey: Rule = {
  id: 'PL11',
  name: 'encrypted-topic-customer-key',
  severity: 'error',
  message:
    'Endpoint connection notification topic is encrypted with a key AWS PrivateLink cannot use (AWS managed, e.g. alias/aws/sns): use a customer-managed key whose policy allows vpce.amazonaws.com kms:GenerateDataKey* and kms:Decrypt',
  check(node: IConstruct): RuleResult {
    if (!(node instanceof SnsTopic)) return NOT_APPLICABLE;
    const topic = addressOf(node);
    const notified = findInStack(node, VpcEndpointConnectionNotification).some((n) =>
      referencedAddresses(resolveIn(n, n.connectionNotificationArnInput)).includes(topic),
    );
    if (!notified) return NOT_APPLICABLE;
    const key = node.kmsMasterKeyIdInput;
    if (key === undefined) return COMPLIANT; // unencrypted: see above
    if (!isUnresolved(key)) return AWS_MANAGED.test(key) ? nonCompliant(`kmsMasterKeyId is ${key}, an AWS managed key`) : COMPLIANT;
    const problem = keyProblem(node, referencedAddresses(resolveIn(node, key)));
    return problem ? nonCompliant(problem) : COMPLIANT;
  },
};

/** What is wrong with the key the references lead to, if it can be seen in the stack. */
function keyProblem(node: IConstruct, refs: readonly string[]): string | undefined {
  for (const alias of findInStack(node, DataAwsKmsAlias)) {
    const name = alias.nameInput;
    if (refs.includes(addressOf(alias)) && name !== undefined && !isUnresolved(name) && AWS_MANAGED.test(name)) {
      return `kmsMasterKeyId reads ${addressOf(alias)}, the AWS managed key ${name}`;
    }
  }
  for (const data of findInStack(node, DataAwsKmsKey)) {
    const id = data.keyIdInput;
    if (refs.includes(addressOf(data)) && id !== undefined && !isUnresolved(id) && AWS_MANAGED.test(id)) {
      return `kmsMasterKeyId reads ${addressOf(data)}, the AWS managed key ${id}`;
    }
  }
  // A customer alias of the stack leads to its key.
  const keyRefs = new Set(refs);
  for (const alias of findInStack(node, KmsAlias)) {
    if (keyRefs.has(addressOf(alias))) referencedAddresses(resolveIn(alias, alias.targetKeyIdInput)).forEach((r) => keyRefs.add(r));
  }
  const key = findInStack(node, KmsKey).find((k) => keyRefs.has(addressOf(k)));
  if (!key) return undefined;
  const address = addressOf(key);
  const attached = findInStack(node, KmsKeyPolicy).find((p) => referencedAddresses(resolveIn(p, p.keyIdInput)).includes(address));
  const policy = attached ? attached.policyInput : key.policyInput;
  if (policy === undefined) return `${address} has the default key policy, which does not allow ${PRINCIPAL}`;
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(policy);
  } catch {
    return undefined; // not JSON at synth: cannot judge
  }
  const missing = NEEDED.filter((action) => !allows(doc, action));
  return missing.length > 0 ? `the policy of ${address} does not allow ${PRINCIPAL} ${missing.join(', ')}` : undefined;
}

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Whether some Allow statement lets the PrivateLink service principal (or anyone) call `action`. */
function allows(doc: { Statement?: unknown }, action: string): boolean {
  return asArray(doc.Statement).some((raw) => {
    const s = raw as Record<string, unknown> | null;
    if (!s || s.Effect !== 'Allow') return false;
    const p = s.Principal as Record<string, unknown> | string | undefined;
    const forService =
      p === '*' || (typeof p === 'object' && p !== null && (asArray(p.Service).includes(PRINCIPAL) || asArray(p.AWS).includes('*')));
    if (!forService) return false;
    if (s.NotAction !== undefined) return !asArray(s.NotAction).some((a) => matches(a, action));
    return asArray(s.Action).some((a) => matches(a, action));
  });
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
function matches(pattern: unknown, action: string): boolean {
  if (typeof pattern !== 'string') return false;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}
