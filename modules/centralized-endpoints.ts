import { Construct } from 'constructs';
import { Fn, Token, type TerraformProvider } from 'cdktf';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { organizationEndpointPolicy } from '../lib/aws/endpoint-policies';

/** One set of centralized services. */
export interface CentralizedEndpointSet {
  /** AWS service short names, e.g. `sts`, `ecr.api`, `s3`. */
  readonly services: readonly string[];
  /** Endpoint policy document (JSON) for every endpoint of the set. @default - organization principals only */
  readonly policy?: string;
}

export interface CentralizedEndpointsProps {
  /** Provider of the network account in the hub's region. */
  readonly provider: TerraformProvider;
  /** Name stem for tags and the security group. */
  readonly name: string;
  /** Hub VPC that holds the endpoints. */
  readonly vpcId: string;
  /** One subnet per hub AZ; every endpoint gets an ENI in each. */
  readonly subnetIds: readonly string[];
  /** Only this CIDR may reach the endpoints on 443 (the organization's aggregate). */
  readonly allowedCidr: string;
  /** Organization id for the default endpoint policy (aws:PrincipalOrgID). */
  readonly organizationId: string;
  /** Endpoint sets keyed by name; the set and service names key every resource. */
  readonly endpointSets: Readonly<Record<string, CentralizedEndpointSet>>;
}

/** What a spoke needs to resolve one centralized service: its hosted zone. */
export interface CentralizedServiceZone {
  readonly set: string;
  readonly service: string;
  readonly zoneId: string;
  readonly zoneName: string;
  readonly endpointId: string;
}

/**
 * Interface endpoints for AWS services, once per hub instead of once per spoke. Private DNS
 * is off on the endpoints; instead each service gets a Route 53 private hosted zone named
 * after the service's own published private DNS name (read from AWS, since names such as
 * `api.ecr.<region>.amazonaws.com` or `*.s3.<region>.amazonaws.com` break string patterns),
 * with alias records to the endpoint. Spokes resolve the service through these zones once
 * associated with their VPC.
 */
export class CentralizedEndpoints extends Construct {
  readonly securityGroupId: string;
  /** Zones keyed by `<set>/<service>`. */
  readonly zones: Readonly<Record<string, CentralizedServiceZone>>;

  constructor(scope: Construct, id: string, props: CentralizedEndpointsProps) {
    super(scope, id);
    const { provider } = props;

    const sg = new SecurityGroup(this, 'sg', {
      provider,
      vpcId: props.vpcId,
      name: `${props.name}-endpoints`,
      description: 'Centralized interface endpoints: HTTPS from the organization only',
      // No egress block: Terraform removes AWS's default allow-all egress rule.
      tags: { Name: `${props.name}-endpoints` },
    });
    this.securityGroupId = sg.id;
    new VpcSecurityGroupIngressRule(this, 'sg-https', {
      provider,
      securityGroupId: sg.id,
      description: 'HTTPS from the organization CIDR',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.allowedCidr,
    });

    const zones: Record<string, CentralizedServiceZone> = {};
    for (const setName of Object.keys(props.endpointSets).sort()) {
      const set = props.endpointSets[setName];
      const policy = set.policy ?? organizationEndpointPolicy(props.organizationId);
      for (const service of [...set.services].sort()) {
        const key = `${setName}-${service.replace(/\./g, '-')}`;
        const published = new DataAwsVpcEndpointService(this, `${key}-service`, {
          provider,
          service,
          serviceType: 'Interface',
        });
        const endpoint = new VpcEndpoint(this, `${key}-endpoint`, {
          provider,
          vpcId: props.vpcId,
          serviceName: published.serviceName,
          vpcEndpointType: 'Interface',
          subnetIds: [...props.subnetIds],
          securityGroupIds: [sg.id],
          // Resolution comes from the hub's private hosted zone, shared with every spoke.
          privateDnsEnabled: false,
          policy,
          tags: { Name: `${props.name}-${setName}-${service}`, 'endpoint-set': setName },
        });
        const zone = new Route53Zone(this, `${key}-zone`, {
          provider,
          name: Fn.trimprefix(published.privateDnsName, '*.'),
          comment: `Centralized ${service} endpoint (${setName})`,
          vpc: [{ vpcId: props.vpcId }],
          // Spoke associations are managed by each consumer's stack, not here.
          lifecycle: { ignoreChanges: ['vpc'] },
          tags: { 'endpoint-set': setName, service },
        });
        const alias = {
          name: endpoint.dnsEntry.get(0).dnsName,
          zoneId: endpoint.dnsEntry.get(0).hostedZoneId,
          evaluateTargetHealth: false,
        };
        new Route53Record(this, `${key}-apex`, { provider, zoneId: zone.zoneId, name: zone.name, type: 'A', alias });
        // Services published as `*.name` (s3, ecr.dkr) need the wildcard too.
        const wildcard = new Route53Record(this, `${key}-wildcard`, {
          provider,
          zoneId: zone.zoneId,
          name: `*.${zone.name}`,
          type: 'A',
          alias,
        });
        wildcard.count = Token.asNumber(Fn.conditional(Fn.startswith(published.privateDnsName, '*.'), 1, 0));
        zones[`${setName}/${service}`] = {
          set: setName,
          service,
          zoneId: zone.zoneId,
          zoneName: zone.name,
          endpointId: endpoint.id,
        };
      }
    }
    this.zones = zones;
  }
}
