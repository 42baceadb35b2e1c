import type { IConstruct } from 'constructs';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointConnectionAccepter } from '@cdktf/provider-aws/lib/vpc-endpoint-connection-accepter';
import { VpcEndpointPrivateDns } from '@cdktf/provider-aws/lib/vpc-endpoint-private-dns';
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

/**
 * PL1: an interface endpoint resolves privately. Either private DNS is on (on the endpoint, or
 * by an `aws_vpc_endpoint_private_dns` of the same stack that refers to it and is not a literal
 * false: the step that turns it on once the connection is accepted), or a private hosted zone
 * of the same stack aliases the endpoint: some Route53Record whose alias (or records) refers to
 * the endpoint's `dns_entry`, in a Route53Zone with a `vpc` block.
 * Detected structurally, so it holds for `CentralizedEndpoints` (a zone per service) and
 * `PrivateLinkConsumer` (a zone when the service has no private DNS name) alike, and
 * for any endpoint a team adds by hand, without markers in the constructs.
 */
export const interfaceEndpointPrivateDns: Rule = {
  id: 'PL1',
  name: 'interface-endpoint-private-dns',
  severity: 'error',
  message:
    'Interface endpoint is not resolvable privately: set privateDnsEnabled, or alias it from a private Route 53 hosted zone (vpc block) in the same stack',
  check(node: IConstruct): RuleResult {
    if (!(node instanceof VpcEndpoint)) return NOT_APPLICABLE;
    if (node.vpcEndpointTypeInput !== 'Interface') return NOT_APPLICABLE; // unset means Gateway
    const privateDns = node.privateDnsEnabledInput;
    if (privateDns === true) return COMPLIANT;
    if (privateDns !== undefined && privateDns !== false && isUnresolved(privateDns)) return NOT_APPLICABLE;

    const endpoint = addressOf(node);
    // The step may read the endpoint id from the connection's accepter (to run after acceptance).
    const accepted = new Map(
      findInStack(node, VpcEndpointConnectionAccepter).map((a) => [addressOf(a), referencedAddresses(resolveIn(a, a.vpcEndpointIdInput))]),
    );
    const turnedOn = findInStack(node, VpcEndpointPrivateDns).some(
      (step) =>
        step.privateDnsEnabledInput !== false &&
        referencedAddresses(resolveIn(step, step.vpcEndpointIdInput))
          .flatMap((ref) => [ref, ...(accepted.get(ref) ?? [])])
          .includes(endpoint),
    );
    if (turnedOn) return COMPLIANT;
    const privateZones = new Set(
      findInStack(node, Route53Zone)
        .filter((z) => {
          const vpc = resolveIn(z, z.vpcInput);
          return Array.isArray(vpc) ? vpc.length > 0 : vpc !== undefined;
        })
        .map(addressOf),
    );
    const covered = findInStack(node, Route53Record).some((record) => {
      const target = resolveIn(record, { alias: record.aliasInput, records: record.recordsInput });
      if (!referencedAddresses(target).includes(endpoint)) return false;
      return referencedAddresses(resolveIn(record, record.zoneIdInput)).some((z) => privateZones.has(z));
    });
    return covered
      ? COMPLIANT
      : nonCompliant(`privateDnsEnabled is ${privateDns ?? 'unset'} and no private zone record aliases ${endpoint}`);
  },
};
