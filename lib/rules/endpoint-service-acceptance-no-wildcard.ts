import type { IConstruct } from 'constructs';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { VpcEndpointServiceAllowedPrincipal } from '@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal';
import { COMPLIANT, NOT_APPLICABLE, isUnresolved, nonCompliant, type Rule, type RuleResult } from './rule';

/**
 * PL4: an endpoint service requires acceptance of each connection and never allows the
 * `*` principal (on the service's `allowedPrincipals` or through an allowed-principal
 * resource): any AWS account could otherwise connect, and without acceptance, at once.
 */
export const endpointServiceAcceptance: Rule = {
  id: 'PL4',
  name: 'endpoint-service-acceptance-no-wildcard',
  severity: 'error',
  message:
    'Endpoint service accepts connections too broadly: set acceptanceRequired: true and allow consumer accounts one by one (arn:aws:iam::<account>:root), never *',
  check(node: IConstruct): RuleResult {
    if (node instanceof VpcEndpointServiceAllowedPrincipal) {
      return node.principalArnInput === '*' ? nonCompliant('principalArn is *') : COMPLIANT;
    }
    if (!(node instanceof VpcEndpointService)) return NOT_APPLICABLE;
    const problems: string[] = [];
    const acceptance = node.acceptanceRequiredInput;
    if (acceptance !== true && !(acceptance !== false && isUnresolved(acceptance)))
      problems.push(`acceptanceRequired is ${String(acceptance)}`);
    if ((node.allowedPrincipalsInput ?? []).includes('*')) problems.push('allowedPrincipals contains *');
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : COMPLIANT;
  },
};
