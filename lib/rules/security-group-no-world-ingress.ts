import type { IConstruct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  COMPLIANT,
  NOT_APPLICABLE,
  addressOf,
  findInStack,
  nonCompliant,
  referencedAddresses,
  resolveIn,
  type Rule,
  type RuleResult,
} from './rule';

const WORLD = new Set(['0.0.0.0/0', '::/0']);

/**
 * PL5: no security group of an endpoint or a load balancer admits the whole internet.
 * Scope: security groups (aws_security_group of the same stack) listed in a VpcEndpoint's
 * `securityGroupIds` or an Lb's `securityGroups`; their ingress from 0.0.0.0/0 or ::/0 is
 * flagged wherever it is declared: a VpcSecurityGroupIngressRule, an ingress
 * SecurityGroupRule, or an inline `ingress` block. Other security groups (workloads a
 * team adds) are not this rule's business. A group from another stack cannot be seen here.
 */
export const securityGroupNoWorldIngress: Rule = {
  id: 'PL5',
  name: 'security-group-no-world-ingress',
  severity: 'error',
  message:
    'Security group of an endpoint or load balancer admits 0.0.0.0/0 or ::/0: allow only the CIDRs that need the service (the organization or the VPC CIDR)',
  check(node: IConstruct): RuleResult {
    let group: string | undefined;
    let sources: unknown[];
    if (node instanceof VpcSecurityGroupIngressRule) {
      group = referencedAddresses(resolveIn(node, node.securityGroupIdInput))[0];
      sources = [node.cidrIpv4Input, node.cidrIpv6Input];
    } else if (node instanceof SecurityGroupRule) {
      if (node.typeInput !== 'ingress') return NOT_APPLICABLE;
      group = referencedAddresses(resolveIn(node, node.securityGroupIdInput))[0];
      sources = [...(node.cidrBlocksInput ?? []), ...(node.ipv6CidrBlocksInput ?? [])];
    } else if (node instanceof SecurityGroup) {
      group = addressOf(node);
      const ingress = resolveIn(node, node.ingressInput);
      sources = Array.isArray(ingress)
        ? ingress.flatMap((i: Record<string, unknown>) => [
            ...asArray(i.cidrBlocks ?? i.cidr_blocks),
            ...asArray(i.ipv6CidrBlocks ?? i.ipv6_cidr_blocks),
          ])
        : [];
    } else {
      return NOT_APPLICABLE;
    }
    if (!group || !protectedGroups(node).has(group)) return NOT_APPLICABLE;
    const open = sources.map((s) => resolveIn(node, s)).filter((s): s is string => typeof s === 'string' && WORLD.has(s));
    return open.length > 0 ? nonCompliant(`ingress from ${open.join(', ')} on ${group}`) : COMPLIANT;
  },
};

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Addresses of the security groups attached to an endpoint or a load balancer of the node's stack. */
function protectedGroups(node: IConstruct): Set<string> {
  const lists: unknown[] = [
    ...findInStack(node, VpcEndpoint).map((e) => e.securityGroupIdsInput),
    ...findInStack(node, Lb).map((lb) => lb.securityGroupsInput),
  ];
  return new Set(lists.flatMap((l) => referencedAddresses(resolveIn(node, l))));
}
