import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

/** A port or a range of ports, inclusive. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
}

export interface EndpointSecurityGroupProps {
  /** Provider of the VPC's account and region. */
  readonly provider: TerraformProvider;
  readonly vpcId: string;
  /** Group name, unique in the VPC. */
  readonly name: string;
  readonly description: string;
  /** Ports admitted from every source. */
  readonly ports: readonly PortRange[];
  /** Source CIDRs keyed by a stable name (a segment, `vpc`, an on-premises network). */
  readonly sources: Readonly<Record<string, string>>;
}

/**
 * The security group of something that only answers (an interface or resource endpoint, a
 * resolver endpoint): ingress on the given ports from the given CIDRs, one rule per source and
 * port keyed by their names, and no egress rule at all (Terraform removes AWS's default
 * allow-all egress when the group declares none).
 */
export class EndpointSecurityGroup extends Construct {
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: EndpointSecurityGroupProps) {
    super(scope, id);
    if (props.ports.length === 0) throw new Error(`${this.node.path}: at least one port is required`);
    for (const p of props.ports) {
      if (!(Number.isInteger(p.from) && Number.isInteger(p.to) && p.from >= 1 && p.from <= p.to && p.to <= 65535)) {
        throw new Error(`${this.node.path}: ${p.from}-${p.to} is not a port range (1 <= from <= to <= 65535)`);
      }
    }
    const { provider } = props;
    const sg = new SecurityGroup(this, 'sg', {
      provider,
      vpcId: props.vpcId,
      name: props.name,
      description: props.description,
      tags: { Name: props.name },
    });
    this.securityGroupId = sg.id;
    for (const source of Object.keys(props.sources).sort()) {
      for (const port of props.ports) {
        const protocol = port.protocol ?? 'tcp';
        const span = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
        new VpcSecurityGroupIngressRule(this, `in-${source}-${protocol}-${span}`, {
          provider,
          securityGroupId: sg.id,
          description: `${protocol.toUpperCase()} ${span} from ${source}`,
          ipProtocol: protocol,
          fromPort: port.from,
          toPort: port.to,
          cidrIpv4: props.sources[source],
        });
      }
    }
  }
}
