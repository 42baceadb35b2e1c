import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpclatticeResourceConfiguration } from '@cdktf/provider-aws/lib/vpclattice-resource-configuration';
import { VpclatticeResourceGateway } from '@cdktf/provider-aws/lib/vpclattice-resource-gateway';
import type { PortRange } from './endpoint-security-group';
import { resourceShare } from './ram-share';

/** What is shared: a DNS name, an IPv4 address, or the ARN of a supported resource (Amazon RDS). */
export type SharedResource = { readonly dnsName: string } | { readonly ipAddress: string } | { readonly arn: string };

export interface VpcResourceShareProps {
  /** Provider of the resource owner's account and region. */
  readonly provider: TerraformProvider;
  /** Name stem of the gateway, configuration and share. */
  readonly name: string;
  readonly vpcId: string;
  /** The VPC CIDR: the gateway reaches the resource only inside it. */
  readonly vpcCidr: string;
  /** One subnet per AZ of the resource gateway, at least 2. */
  readonly subnetIds: readonly string[];
  readonly resource: SharedResource;
  /** TCP ports consumers may use. */
  readonly ports: readonly PortRange[];
}

/**
 * A VPC resource shared through PrivateLink resource endpoints (VPC Lattice under the hood): a
 * resource gateway with an ENI in each AZ of the owner VPC, a single resource configuration for
 * the resource and its ports, and an AWS RAM share of that configuration that admits no
 * principal outside the organization. Consumer accounts are added to the share one by one, by
 * their own stacks (`ResourceEndpointConsumer`), so adding a consumer changes nothing here.
 */
export class VpcResourceShare extends Construct {
  readonly resourceGatewayId: string;
  readonly resourceConfigurationArn: string;
  readonly resourceShareArn: string;
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: VpcResourceShareProps) {
    super(scope, id);
    const { provider } = props;
    if (props.subnetIds.length < 2)
      throw new Error(`${this.node.path}: a resource gateway needs subnets in at least 2 AZs for high availability`);
    if (props.ports.length === 0) throw new Error(`${this.node.path}: at least one port is required`);

    // The gateway only sends: from its ENIs to the resource, on the shared ports, inside the VPC.
    const sg = new SecurityGroup(this, 'gateway-sg', {
      provider,
      vpcId: props.vpcId,
      name: `${props.name}-resource-gateway`,
      description: `${props.name} resource gateway: to the resource's ports inside the VPC`,
      tags: { Name: `${props.name}-resource-gateway` },
    });
    this.securityGroupId = sg.id;
    for (const port of props.ports) {
      const span = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
      new VpcSecurityGroupEgressRule(this, `gateway-out-${span}`, {
        provider,
        securityGroupId: sg.id,
        description: `To the resource on ${span}`,
        ipProtocol: 'tcp',
        fromPort: port.from,
        toPort: port.to,
        cidrIpv4: props.vpcCidr,
      });
    }

    const gateway = new VpclatticeResourceGateway(this, 'gateway', {
      provider,
      name: props.name,
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [sg.id],
      ipAddressType: 'IPV4',
      tags: { Name: props.name },
    });
    this.resourceGatewayId = gateway.id;

    const definition =
      'dnsName' in props.resource
        ? { dnsResource: [{ domainName: props.resource.dnsName, ipAddressType: 'IPV4' }] }
        : 'ipAddress' in props.resource
          ? { ipResource: [{ ipAddress: props.resource.ipAddress }] }
          : { arnResource: [{ arn: props.resource.arn }] };
    const configuration = new VpclatticeResourceConfiguration(this, 'configuration', {
      provider,
      name: props.name,
      // An ARN resource (RDS) has its ports from the resource itself. Never GROUP: custom domain
      // names on GROUP configurations misbehave in the provider
      // (hashicorp/terraform-provider-aws #46023); a group would need that handled first.
      type: 'arn' in props.resource ? 'ARN' : 'SINGLE',
      protocol: 'TCP',
      portRanges: 'arn' in props.resource ? undefined : props.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)),
      resourceGatewayIdentifier: gateway.id,
      resourceConfigurationDefinition: [definition],
      // Only to the accounts it is shared with, never into a service network others can share.
      allowAssociationToShareableServiceNetwork: false,
      tags: { Name: props.name },
    });
    this.resourceConfigurationArn = configuration.arn;

    this.resourceShareArn = resourceShare(this, 'share', {
      provider,
      name: `${props.name}-resource`,
      resources: { configuration: configuration.arn },
    }).arn;
  }
}
