import { Construct } from 'constructs';
import { Op, Token, type TerraformProvider } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointConnectionAccepter } from '@cdktf/provider-aws/lib/vpc-endpoint-connection-accepter';
import { VpcEndpointPrivateDns } from '@cdktf/provider-aws/lib/vpc-endpoint-private-dns';
import { VpcEndpointServiceAllowedPrincipal } from '@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal';
import { EndpointSecurityGroup, type PortRange } from './endpoint-security-group';

/** The owner side of an endpoint service the blueprint publishes itself. */
export interface EndpointServiceOwner {
  /** Provider of the service's owner account in the service's region. */
  readonly provider: TerraformProvider;
  /**
   * Endpoint service id (`vpce-svc-...`). For a service with a private DNS name, pass the id as
   * read from its domain verification, so nothing here starts before the domain is verified.
   */
  readonly serviceId: string;
}

/**
 * How consumers resolve the service:
 * - `privateDns`: the service's own (verified) private DNS name, turned on on the endpoint once
 *   the connection is accepted;
 * - `zone`: a private hosted zone in the consumer VPC whose records alias the endpoint.
 */
export type ConsumerDns = { readonly privateDns: true } | { readonly zoneName: string; readonly records: readonly string[] };

export interface PrivateLinkConsumerProps {
  /** Provider of the consumer account in the consumer's region. */
  readonly consumerProvider: TerraformProvider;
  /** Name stem for tags and the security group. */
  readonly name: string;
  /** The consumer account, allowed as `arn:aws:iam::<id>:root` on the endpoint service when `owner` is set. */
  readonly consumerAccountId: string;
  /** Endpoint service name (`com.amazonaws.vpce.<region>.vpce-svc-...`). */
  readonly serviceName: string;
  /** The service's region when it differs from the consumer's (cross-region PrivateLink). @default - same region */
  readonly serviceRegion?: string;
  /**
   * The service's owner side, when the blueprint manages it: the owner allows this account and
   * accepts this one connection. @default - a service outside the organization, whose owner allows and accepts on its side
   */
  readonly owner?: EndpointServiceOwner;
  readonly vpcId: string;
  /** One subnet per consumer AZ; the endpoint gets an ENI in each. */
  readonly subnetIds: readonly string[];
  /** Who may connect to the endpoint: the consumer VPC's CIDR. */
  readonly clientCidr: string;
  /** Service ports opened on the endpoint's security group. */
  readonly ports: readonly PortRange[];
  readonly dns: ConsumerDns;
}

/**
 * A consumer's private path to an endpoint service: an interface endpoint (cross-region when
 * `serviceRegion` is set) behind a security group open only to its own VPC, and private name
 * resolution. For a service the blueprint publishes, the owner allows the consumer's account
 * and accepts this one connection, all in this construct.
 *
 * Private DNS can only be turned on once the connection is accepted, so the endpoint is created
 * with it off and `aws_vpc_endpoint_private_dns` turns it on as a separate step
 * (hashicorp/terraform-provider-aws #22288, PR #37628): right after the acceptance for an owned
 * service; for a vendor's service, when the endpoint reads back `available`, so a deploy never
 * waits on the vendor and the next deploy after the vendor accepts turns private DNS on.
 */
export class PrivateLinkConsumer extends Construct {
  readonly endpointId: string;
  readonly securityGroupId: string;
  /** The name consumers resolve, when the construct manages a zone for it. */
  readonly dnsName?: string;

  constructor(scope: Construct, id: string, props: PrivateLinkConsumerProps) {
    super(scope, id);
    const provider = props.consumerProvider;
    if ('zoneName' in props.dns && props.dns.records.length === 0) {
      throw new Error(`${this.node.path}: a zone for the service needs at least one record ('' for the apex)`);
    }

    const principal =
      props.owner &&
      new VpcEndpointServiceAllowedPrincipal(this, 'allowed-principal', {
        provider: props.owner.provider,
        vpcEndpointServiceId: props.owner.serviceId,
        principalArn: `arn:aws:iam::${props.consumerAccountId}:root`,
      });

    const sg = new EndpointSecurityGroup(this, 'sg', {
      provider,
      vpcId: props.vpcId,
      name: `${props.name}-endpoint`,
      description: `${props.name}: service ports from this VPC only`,
      ports: props.ports,
      sources: { vpc: props.clientCidr },
    });
    this.securityGroupId = sg.securityGroupId;

    const privateDns = 'privateDns' in props.dns;
    const endpoint = new VpcEndpoint(this, 'endpoint', {
      provider,
      vpcId: props.vpcId,
      serviceName: props.serviceName,
      serviceRegion: props.serviceRegion,
      vpcEndpointType: 'Interface',
      subnetIds: [...props.subnetIds],
      securityGroupIds: [sg.securityGroupId],
      // On later, by the private DNS step; AWS rejects it before the connection is accepted.
      privateDnsEnabled: false,
      lifecycle: privateDns ? { ignoreChanges: ['private_dns_enabled'] } : undefined,
      tags: { Name: props.name },
      // The owner must allow this account before the endpoint can be requested.
      dependsOn: principal ? [principal] : undefined,
    });
    this.endpointId = endpoint.id;

    const accept =
      props.owner &&
      new VpcEndpointConnectionAccepter(this, 'accept', {
        provider: props.owner.provider,
        vpcEndpointServiceId: props.owner.serviceId,
        vpcEndpointId: endpoint.id,
      });

    if (privateDns) {
      new VpcEndpointPrivateDns(this, 'private-dns', {
        provider,
        // Owned service: read from the accepter, so the step runs once the connection is accepted.
        // Vendor's service: on once the endpoint reads back `available` (accepted by the vendor).
        vpcEndpointId: accept ? accept.vpcEndpointId : endpoint.id,
        privateDnsEnabled: accept ? true : Token.asAny(Op.eq(endpoint.state, 'available')),
      });
      return;
    }

    const { zoneName, records } = props.dns as Extract<ConsumerDns, { zoneName: string }>;
    this.dnsName = zoneName;
    const zone = new Route53Zone(this, 'zone', {
      provider,
      name: zoneName,
      comment: `${props.name}: private names of the PrivateLink service`,
      vpc: [{ vpcId: props.vpcId }],
    });
    const alias = {
      name: endpoint.dnsEntry.get(0).dnsName,
      zoneId: endpoint.dnsEntry.get(0).hostedZoneId,
      evaluateTargetHealth: false,
    };
    for (const record of [...new Set(records)].sort()) {
      new Route53Record(this, record === '' ? 'alias' : `alias-${record.replace(/\*/g, 'wildcard').replace(/\./g, '-')}`, {
        provider,
        zoneId: zone.zoneId,
        name: record === '' ? zoneName : `${record}.${zoneName}`,
        type: 'A',
        alias,
      });
    }
  }
}
