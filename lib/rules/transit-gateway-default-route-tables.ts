import type { IConstruct } from 'constructs';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule, type RuleResult } from './rule';

/**
 * PL8: a Transit Gateway has default route-table association and propagation off, so no
 * attachment lands in a shared table by accident and segments stay apart. Both default
 * to `enable` when unset.
 */
export const transitGatewayDefaultRouteTables: Rule = {
  id: 'PL8',
  name: 'transit-gateway-default-route-tables',
  severity: 'error',
  message:
    "Transit Gateway associates or propagates into its default route table: set defaultRouteTableAssociation and defaultRouteTablePropagation to 'disable'",
  check(node: IConstruct): RuleResult {
    if (!(node instanceof Ec2TransitGateway)) return NOT_APPLICABLE;
    const problems: string[] = [];
    if (node.defaultRouteTableAssociationInput !== 'disable')
      problems.push(`defaultRouteTableAssociation is ${node.defaultRouteTableAssociationInput ?? 'unset (enable)'}`);
    if (node.defaultRouteTablePropagationInput !== 'disable')
      problems.push(`defaultRouteTablePropagation is ${node.defaultRouteTablePropagationInput ?? 'unset (enable)'}`);
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : COMPLIANT;
  },
};
