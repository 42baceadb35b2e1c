/**
 * The blueprint's best-practice rules, applied at synth as a cdktf Aspect per stack.
 *
 *   applyRules(stack)              register on one stack (BlueprintStack does it for its own)
 *   runRules(app)                  evaluate now, without synthesizing; returns every finding
 *   suppress(construct, id, why)   silence one rule on a construct and its children
 */
import type { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import * as engine from './engine';
import { encryptedTopicCustomerKey } from './encrypted-topic-customer-key';
import { endpointServiceAcceptance } from './endpoint-service-acceptance-no-wildcard';
import { interfaceEndpointPolicy } from './interface-endpoint-policy';
import { interfaceEndpointPrivateDns } from './interface-endpoint-private-dns';
import { multiAzPlacement } from './multi-az-placement';
import { nlbAdmitsPrivatelinkClients } from './nlb-admits-privatelink-clients';
import { ramShareWithinOrganization } from './ram-share-within-organization';
import { remoteStateEncryptedLocked } from './remote-state-encrypted-locked';
import type { Rule } from './rule';
import { securityGroupNoWorldIngress } from './security-group-no-world-ingress';
import { transitGatewayDefaultRouteTables } from './transit-gateway-default-route-tables';
import { vpcFlowLogs } from './vpc-flow-logs';

export type { Compliance, Rule, RuleResult, Severity } from './rule';
export type { Finding } from './engine';
export { RulesAspect, collectFindings, formatFindings, isBlocking } from './engine';
export { suppress, suppressionOf, SUPPRESSION_METADATA } from './suppressions';
export {
  encryptedTopicCustomerKey,
  endpointServiceAcceptance,
  interfaceEndpointPolicy,
  interfaceEndpointPrivateDns,
  multiAzPlacement,
  nlbAdmitsPrivatelinkClients,
  ramShareWithinOrganization,
  remoteStateEncryptedLocked,
  securityGroupNoWorldIngress,
  transitGatewayDefaultRouteTables,
  vpcFlowLogs,
};

/** Every rule of the blueprint, by id. */
export const blueprintRules: readonly Rule[] = [
  interfaceEndpointPrivateDns, // PL1
  interfaceEndpointPolicy, // PL2
  multiAzPlacement, // PL3
  endpointServiceAcceptance, // PL4
  securityGroupNoWorldIngress, // PL5
  vpcFlowLogs, // PL6
  remoteStateEncryptedLocked, // PL7
  transitGatewayDefaultRouteTables, // PL8
  nlbAdmitsPrivatelinkClients, // PL9
  ramShareWithinOrganization, // PL10
  encryptedTopicCustomerKey, // PL11
];

/** Registers the blueprint rules on a stack as an Aspect (idempotent). */
export function applyRules(stack: TerraformStack, rules: readonly Rule[] = blueprintRules): engine.RulesAspect {
  return engine.applyRules(stack, rules);
}

/** Evaluates the rules on every stack under `scope` now and returns all findings. */
export function runRules(scope: IConstruct, rules: readonly Rule[] = blueprintRules): engine.Finding[] {
  return engine.runRules(scope, rules);
}
