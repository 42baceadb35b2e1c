import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointConnectionAccepter } from '@cdktf/provider-aws/lib/vpc-endpoint-connection-accepter';
import { VpcEndpointServiceAllowedPrincipal } from '@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

export interface PrivateLinkConsumerProps {
  /** Provider of the consumer account in the consumer's region. */
  readonly consumerProvider: TerraformProvider;
  /** Provider of the service provider account in the service's region. */
  readonly serviceProvider: TerraformProvider;
  /** Name stem for tags. */
  readonly name: string;
  /** The consumer account, allowed as `arn:aws:iam::<id>:root` on the endpoint service. */
  readonly consumerAccountId: string;
  /** Endpoint service id (`vpce-svc-...`). */
  readonly serviceId: string;
  /** Endpoint service name (`com.amazonaws.vpce.<region>.vpce-svc-...`). */
  readonly serviceName: string;
  /** The service's region when it differs from the consumer's (cross-region PrivateLink). @default - same region */
  readonly serviceRegion?: string;
  readonly vpcId: string;
  /** One subnet per consumer AZ; the endpoint gets an ENI in each. */
  readonly subnetIds: readonly string[];
  /** Who may connect to the endpoint: the consumer VPC's CIDR. */
  readonly clientCidr: string;
  /** Service ports opened on the endpoint's security group. */
  readonly ports: readonly number[];
  /** Whether the service has a verified private DNS name; if so the endpoint turns private DNS on. */
  readonly servicePrivateDns: boolean;
  /** Name for a private hosted zone aliasing the endpoint, used when the service has no private DNS name. */
  readonly dnsName?: string;
}

/**
 * A consumer's private path to a published service: the provider allows the consumer's
 * account, the consumer creates an interface endpoint (cross-region when `serviceRegion`
 * is set) behind a security group open only to its own VPC, and the provider accepts that
 * one connection. Name resolution stays private: the service's private DNS name, or a
 * private hosted zone in the consumer VPC.
 */
export class PrivateLinkConsumer extends Construct {
  readonly endpointId: string;
  readonly securityGroupId: string;
  readonly dnsName?: string;

  constructor(scope: Construct, id: string, props: PrivateLinkConsumerProps) {
    super(scope, id);
    if (!props.servicePrivateDns && !props.dnsName) {
      throw new Error(`${this.node.path}: the service has no private DNS name, so a dnsName for a private hosted zone is required`);
    }

    const principal = new VpcEndpointServiceAllowedPrincipal(this, 'allowed-principal', {
      provider: props.serviceProvider,
      vpcEndpointServiceId: props.serviceId,
      principalArn: `arn:aws:iam::${props.consumerAccountId}:root`,
    });

    const sg = new SecurityGroup(this, 'sg', {
      provider: props.consumerProvider,
      vpcId: props.vpcId,
      name: `${props.name}-service-endpoint`,
      description: `${props.name}: service ports from this VPC only`,
      tags: { Name: `${props.name}-service-endpoint` },
    });
    this.securityGroupId = sg.id;
    for (const port of [...props.ports].sort((a, b) => a - b)) {
      new VpcSecurityGroupIngressRule(this, `sg-in-${port}`, {
        provider: props.consumerProvider,
        securityGroupId: sg.id,
        description: `Service port ${port} from this VPC`,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: props.clientCidr,
      });
    }

    const endpoint = new VpcEndpoint(this, 'endpoint', {
      provider: props.consumerProvider,
      vpcId: props.vpcId,
      serviceName: props.serviceName,
      serviceRegion: props.serviceRegion,
      vpcEndpointType: 'Interface',
      subnetIds: [...props.subnetIds],
      securityGroupIds: [sg.id],
      privateDnsEnabled: props.servicePrivateDns,
      tags: { Name: `${props.name}-service` },
      // The provider must allow this account before the endpoint can be requested.
      dependsOn: [principal],
    });
    this.endpointId = endpoint.id;

    new VpcEndpointConnectionAccepter(this, 'accept', {
      provider: props.serviceProvider,
      vpcEndpointServiceId: props.serviceId,
      vpcEndpointId: endpoint.id,
    });

    if (!props.servicePrivateDns && props.dnsName) {
      this.dnsName = props.dnsName;
      const zone = new Route53Zone(this, 'zone', {
        provider: props.consumerProvider,
        name: props.dnsName,
        comment: `${props.name}: private name of the PrivateLink service`,
        vpc: [{ vpcId: props.vpcId }],
      });
      new Route53Record(this, 'alias', {
        provider: props.consumerProvider,
        zoneId: zone.zoneId,
        name: props.dnsName,
        type: 'A',
        alias: {
          name: endpoint.dnsEntry.get(0).dnsName,
          zoneId: endpoint.dnsEntry.get(0).hostedZoneId,
          evaluateTargetHealth: false,
        },
      });
    }
  }
}
