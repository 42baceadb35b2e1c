import type { IConstruct } from 'constructs';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
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

/**
 * PL3: interface endpoints, load balancers and TGW VPC attachments span at least 2 AZs.
 * Counts distinct AZs when the subnets are Subnet resources of the same stack with a
 * literal AZ, else distinct subnets; not applicable when the list itself is a token.
 */
export const multiAzPlacement: Rule = {
  id: 'PL3',
  name: 'multi-az-placement',
  severity: 'warning',
  message: 'Placed in fewer than 2 availability zones: give it one subnet in each of at least 2 AZs',
  check(node: IConstruct): RuleResult {
    let subnets: unknown;
    if (node instanceof VpcEndpoint) {
      const type = node.vpcEndpointTypeInput;
      if (type !== 'Interface' && type !== 'GatewayLoadBalancer') return NOT_APPLICABLE;
      subnets = node.subnetIdsInput;
    } else if (node instanceof Ec2TransitGatewayVpcAttachment) {
      subnets = node.subnetIdsInput;
    } else if (node instanceof Lb) {
      const mapping = node.subnetMappingInput;
      if (mapping !== undefined) {
        if (isUnresolved(mapping) || !Array.isArray(mapping)) return NOT_APPLICABLE;
        subnets = mapping.map((m) => m.subnetId);
      } else {
        subnets = node.subnetsInput;
      }
    } else {
      return NOT_APPLICABLE;
    }
    if (subnets === undefined) return nonCompliant('no subnets');
    if (!Array.isArray(subnets)) return NOT_APPLICABLE;
    // A list token (e.g. `Fn.tolist(...)`) is one encoded element: its size is unknown at synth.
    if (subnets.length === 1 && String(subnets[0]).startsWith('#{')) return NOT_APPLICABLE;

    const azBySubnet = new Map<string, string | undefined>();
    for (const subnet of findInStack(node, Subnet)) {
      const az = subnet.availabilityZoneInput;
      azBySubnet.set(addressOf(subnet), az !== undefined && !isUnresolved(az) ? az : undefined);
    }
    const keys = subnets.map((s) => {
      const resolved = resolveIn(node, s);
      const [address] = referencedAddresses(resolved);
      const az = address ? azBySubnet.get(address) : undefined;
      return az ?? `subnet:${String(resolved)}`;
    });
    const distinct = new Set(keys).size;
    return distinct >= 2 ? COMPLIANT : nonCompliant(`${distinct} distinct AZ/subnet`);
  },
};
