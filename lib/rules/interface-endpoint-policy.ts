import type { IConstruct } from 'constructs';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
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

/** `com.amazonaws.<region>.<service>`; `com.amazonaws.vpce.<region>.vpce-svc-…` is a partner/customer service. */
const AWS_SERVICE_NAME = /^com\.amazonaws\.(?!vpce\.)[a-z0-9-]+\.[a-z0-9.-]+$/;

/**
 * PL2: an interface endpoint to an AWS service carries a policy, and not a full-access one
 * (Allow, Action `*`, Resource `*`, Principal `*`, no Condition: the same as no policy).
 * Endpoint services published by customers (`com.amazonaws.vpce.…`, or a name read from
 * another stack) do not support endpoint policies: not applicable. A name read from a
 * `aws_vpc_endpoint_service` data source in the same stack counts as an AWS service when
 * the data source looks the service up by its short name (`service`).
 */
export const interfaceEndpointPolicy: Rule = {
  id: 'PL2',
  name: 'interface-endpoint-policy',
  severity: 'error',
  message:
    'Interface endpoint to an AWS service has no policy or a full-access one: attach a policy that limits principals (e.g. aws:PrincipalOrgID) or actions',
  check(node: IConstruct): RuleResult {
    if (!(node instanceof VpcEndpoint)) return NOT_APPLICABLE;
    if (node.vpcEndpointTypeInput !== 'Interface') return NOT_APPLICABLE;
    if (!isAwsService(node)) return NOT_APPLICABLE;
    const policy = node.policyInput;
    if (policy === undefined) return nonCompliant('no policy: the default endpoint policy allows full access');
    if (isUnresolved(policy) && !policy.trim().startsWith('{')) return NOT_APPLICABLE;
    let doc: { Statement?: unknown };
    try {
      doc = JSON.parse(policy);
    } catch {
      return NOT_APPLICABLE; // not JSON at synth (e.g. a data source's json): cannot judge
    }
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const full = statements.find((s) => isFullAccess(s as Record<string, unknown>));
    return full
      ? nonCompliant(`statement ${(full as { Sid?: string }).Sid ?? '(no Sid)'} allows * to * on * without a condition`)
      : COMPLIANT;
  },
};

function isAwsService(node: VpcEndpoint): boolean {
  const name = node.serviceNameInput;
  if (name === undefined) return false;
  if (!isUnresolved(name)) return AWS_SERVICE_NAME.test(name);
  const refs = referencedAddresses(resolveIn(node, name));
  return findInStack(node, DataAwsVpcEndpointService).some((ds) => {
    if (!refs.includes(addressOf(ds))) return false;
    if (ds.serviceInput !== undefined) return true;
    const dsName = ds.serviceNameInput;
    return dsName !== undefined && !isUnresolved(dsName) && AWS_SERVICE_NAME.test(dsName);
  });
}

const isStar = (v: unknown): boolean => v === '*' || (Array.isArray(v) && v.includes('*'));

function isFullAccess(s: Record<string, unknown> | undefined): boolean {
  if (!s || s.Effect !== 'Allow' || s.Condition !== undefined) return false;
  const principal = s.Principal;
  const anyPrincipal =
    principal === undefined ||
    isStar(principal) ||
    (typeof principal === 'object' && principal !== null && isStar((principal as Record<string, unknown>).AWS));
  const anyResource = s.Resource === undefined || isStar(s.Resource);
  return anyPrincipal && anyResource && isStar(s.Action);
}
