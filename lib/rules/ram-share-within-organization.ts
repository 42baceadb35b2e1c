import type { IConstruct } from 'constructs';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
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

/** A 12-digit account id, or the account of an IAM role or user ARN (principals of some resource types). */
const ACCOUNT_PRINCIPAL = /^(?:(\d{12})|arn:aws[a-z-]*:iam::(\d{12}):(?:role|user)\/.+)$/;

/**
 * PL10: RAM shares stay inside the organization. A `RamResourceShare` must not set
 * `allowExternalPrincipals: true` (unset is false in the Terraform provider): a Transit Gateway
 * or a VPC Lattice resource configuration could otherwise be shared with any AWS account.
 * A `RamPrincipalAssociation` that adds a 12-digit account id (or an IAM role or user ARN, which
 * names its account) to such a share of the same stack is flagged too, naming the account, since that is where the share actually leaves the
 * organization (an organization or OU ARN cannot). A share from another stack cannot be seen
 * here: not applicable. A deliberate partner share is suppressed with a reason, on a construct
 * that holds both the share and its associations (or on each).
 */
export const ramShareWithinOrganization: Rule = {
  id: 'PL10',
  name: 'ram-share-within-organization',
  severity: 'error',
  message:
    'RAM resource share allows principals outside the organization: set allowExternalPrincipals: false and share with the organization or OU ARN (or member accounts); suppress with a reason for a deliberate partner share',
  check(node: IConstruct): RuleResult {
    if (node instanceof RamResourceShare) {
      const external = node.allowExternalPrincipalsInput;
      if (external !== true) return isUnresolved(external) ? NOT_APPLICABLE : COMPLIANT;
      const share = addressOf(node);
      const shared = findInStack(node, RamResourceAssociation)
        .filter((a) => referencedAddresses(resolveIn(a, a.resourceShareArnInput)).includes(share))
        .map((a) => {
          const resource = resolveIn(a, a.resourceArnInput);
          return referencedAddresses(resource)[0] ?? String(resource);
        });
      return nonCompliant(`allowExternalPrincipals is true${shared.length > 0 ? ` on the share of ${shared.join(', ')}` : ''}`);
    }
    if (node instanceof RamPrincipalAssociation) {
      const refs = referencedAddresses(resolveIn(node, node.resourceShareArnInput));
      const share = findInStack(node, RamResourceShare).find((s) => refs.includes(addressOf(s)));
      if (!share) return NOT_APPLICABLE;
      const principal = node.principalInput;
      const account = principal === undefined || isUnresolved(principal) ? undefined : ACCOUNT_PRINCIPAL.exec(principal);
      if (!account) return COMPLIANT; // the organization, an OU, or a token
      const what = account[1] ? `account ${principal}` : `${principal} (account ${account[2]})`;
      return share.allowExternalPrincipalsInput === true
        ? nonCompliant(`${what} is added to ${addressOf(share)}, which allows external principals`)
        : COMPLIANT;
    }
    return NOT_APPLICABLE;
  },
};
