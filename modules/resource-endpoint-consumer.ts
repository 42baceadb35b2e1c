import { Construct } from 'constructs';
import { Token, type TerraformProvider } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { EndpointSecurityGroup, type PortRange } from './endpoint-security-group';

export interface ResourceEndpointConsumerProps {
  /** Provider of the consumer account in the consumer's region (the resource's region). */
  readonly consumerProvider: TerraformProvider;
  /** Provider of the resource owner's account, which adds this account to the RAM share. */
  readonly ownerProvider: TerraformProvider;
  /** Name stem for tags and the security group. */
  readonly name: string;
  readonly consumerAccountId: string;
  /** The owner's RAM share of the resource configuration. */
  readonly resourceShareArn: string;
  readonly resourceConfigurationArn: string;
  readonly vpcId: string;
  /** One subnet per consumer AZ; the endpoint gets an ENI in each. */
  readonly subnetIds: readonly string[];
  /** Who may connect: the consumer VPC's CIDR. */
  readonly clientCidr: string;
  /** The resource's ports, opened on the endpoint's security group (and nothing else). */
  readonly ports: readonly PortRange[];
  /**
   * Whether AWS resolves the resource's own name to the endpoint inside the consumer VPC. AWS does
   * that only for resource configurations with a custom domain name, which includes ARN (Amazon
   * RDS) configurations; the setting cannot be changed later (the endpoint is replaced).
   * @default false
   */
  readonly privateDns?: boolean;
  /** A name in a private hosted zone of the consumer VPC that answers with the endpoint's addresses. */
  readonly dnsName: string;
}

/**
 * A consumer's private path to a shared VPC resource: the owner adds this account to the RAM
 * share of the resource configuration, and the consumer creates a VPC endpoint of type
 * `Resource` behind a security group that admits only the resource's ports from its own VPC, and
 * a private name for it.
 */
export class ResourceEndpointConsumer extends Construct {
  readonly endpointId: string;
  readonly securityGroupId: string;
  readonly privateDns: boolean;
  readonly dnsName: string;

  constructor(scope: Construct, id: string, props: ResourceEndpointConsumerProps) {
    super(scope, id);
    this.privateDns = props.privateDns ?? false;
    this.dnsName = props.dnsName;
    const share = new RamPrincipalAssociation(this, 'share', {
      provider: props.ownerProvider,
      resourceShareArn: props.resourceShareArn,
      principal: props.consumerAccountId,
    });
    const sg = new EndpointSecurityGroup(this, 'sg', {
      provider: props.consumerProvider,
      vpcId: props.vpcId,
      name: `${props.name}-endpoint`,
      description: `${props.name}: the resource's ports from this VPC only`,
      ports: props.ports,
      sources: { vpc: props.clientCidr },
    });
    this.securityGroupId = sg.securityGroupId;
    const endpoint = new VpcEndpoint(this, 'endpoint', {
      provider: props.consumerProvider,
      vpcId: props.vpcId,
      vpcEndpointType: 'Resource',
      resourceConfigurationArn: props.resourceConfigurationArn,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [sg.securityGroupId],
      privateDnsEnabled: this.privateDns,
      tags: { Name: props.name },
      // The configuration must be shared with this account before the endpoint can use it.
      dependsOn: [share],
    });
    this.endpointId = endpoint.id;

    // A Resource endpoint has no alias target: its `dns_entry` is empty (hashicorp/terraform-provider-aws
    // #41765; the `...vpc-lattice-rsc.<region>.on.aws` name is on the endpoint association) and Route 53
    // aliases do not point at VPC Lattice names. The zone answers with the endpoint's own addresses,
    // one per subnet, which stay as long as the endpoint does.
    const zone = new Route53Zone(this, 'zone', {
      provider: props.consumerProvider,
      name: props.dnsName,
      comment: `${props.name}: private name of the shared resource`,
      vpc: [{ vpcId: props.vpcId }],
    });
    new Route53Record(this, 'addresses', {
      provider: props.consumerProvider,
      zoneId: zone.zoneId,
      name: props.dnsName,
      type: 'A',
      ttl: 60,
      records: Token.asList(`\${[for s in ${endpoint.fqn}.subnet_configuration : s.ipv4]}`),
    });
  }
}
