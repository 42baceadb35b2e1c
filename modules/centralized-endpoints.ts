import { Construct } from 'constructs';
import { Fn, type TerraformProvider } from 'cdktf';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { interfaceEndpointDnsNames, interfaceEndpointPorts } from '../lib/aws/catalog';
import { defaultEndpointPolicy } from '../lib/aws/endpoint-policies';
import { endpointKey } from '../lib/config/topology';
import { EndpointSecurityGroup } from './endpoint-security-group';

/** One set of centralized services. */
export interface CentralizedEndpointSet {
  /** AWS service short names, e.g. `sts`, `ecr.api`, `s3`. */
  readonly services: readonly string[];
  /** Endpoint policy document (JSON) for every endpoint of the set. @default - the service's data-perimeter default (`defaultEndpointPolicy`) */
  readonly policy?: string;
  /**
   * Who may reach the set's endpoints: CIDRs keyed by a stable name (segment ranges, on-premises
   * networks). Only these are admitted, on the services' own ports.
   */
  readonly sources: Readonly<Record<string, string>>;
}

export interface CentralizedEndpointsProps {
  /** Provider of the network account in the hub's region. */
  readonly provider: TerraformProvider;
  /** The hub's region: it names the services' private DNS names and fills the default policies. */
  readonly region: string;
  /** Name stem for tags and the security groups. */
  readonly name: string;
  /** Hub VPC that holds the endpoints. */
  readonly vpcId: string;
  /** One subnet per hub AZ; every endpoint gets an ENI in each. */
  readonly subnetIds: readonly string[];
  /** Organization id for the default endpoint policies (aws:PrincipalOrgID, aws:ResourceOrgID). */
  readonly organizationId: string;
  /** Endpoint sets keyed by name; the set and service names key every resource. */
  readonly endpointSets: Readonly<Record<string, CentralizedEndpointSet>>;
}

/** What a spoke needs to resolve one centralized service name: its hosted zone. */
export interface CentralizedServiceZone {
  readonly set: string;
  readonly service: string;
  /** The private DNS name the zone serves (`*.s3.us-east-1.amazonaws.com`). */
  readonly dnsName: string;
  readonly zoneId: string;
  /** The zone's ARN (what a Route 53 Profile holds). */
  readonly zoneArn: string;
  readonly zoneName: string;
  readonly endpointId: string;
}

/**
 * Interface endpoints for AWS services, once per hub instead of once per spoke. Private DNS is
 * off on the endpoints; instead each private DNS name the service publishes gets a Route 53
 * private hosted zone with alias records to the endpoint (the AWS whitepaper's centralized
 * pattern), which spokes associate. The names come from `lib/aws/catalog.ts`, so zones are known
 * at synth (a service that publishes none fails validation); a precondition checks at plan time
 * that AWS still publishes each of them. Each endpoint set has its own security group, admitting
 * only its sources on its services' ports, so a segment reaches only the sets meant for it.
 */
export class CentralizedEndpoints extends Construct {
  /** Security group id by endpoint set. */
  readonly securityGroupIds: Readonly<Record<string, string>>;
  /** Zones keyed by `<set>/<service>` for a service's first name, `<set>/<service>/<name>` for more. */
  readonly zones: Readonly<Record<string, CentralizedServiceZone>>;

  constructor(scope: Construct, id: string, props: CentralizedEndpointsProps) {
    super(scope, id);
    const { provider } = props;

    const groups: Record<string, string> = {};
    const zones: Record<string, CentralizedServiceZone> = {};
    for (const setName of Object.keys(props.endpointSets).sort()) {
      const set = props.endpointSets[setName];
      const services = [...set.services].sort();
      const ports = [...new Set(services.flatMap((s) => interfaceEndpointPorts(s)))].sort((a, b) => a - b);
      const sg = new EndpointSecurityGroup(this, `sg-${setName}`, {
        provider,
        vpcId: props.vpcId,
        name: `${props.name}-endpoints-${setName}`,
        description: `Centralized endpoints '${setName}': their ports from the segments they serve only`,
        ports: ports.map((p) => ({ from: p, to: p })),
        sources: set.sources,
      });
      groups[setName] = sg.securityGroupId;

      for (const service of services) {
        const names = interfaceEndpointDnsNames(service, props.region);
        if (names.length === 0)
          throw new Error(
            `${this.node.path}: '${service}' publishes no private DNS name; a centralized endpoint needs one to be resolvable`,
          );
        const key = endpointKey(setName, service);
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
          securityGroupIds: [sg.securityGroupId],
          // Resolution comes from the hub's private hosted zones, shared with the spokes (associated,
          // or through Route 53 Profiles) and answering on-premises through the hub's Resolver
          // inbound endpoint. S3 included: the hub's own `s3.<region>.amazonaws.com` zone (apex and
          // wildcard) already serves on-premises clients, and turning the endpoint's private DNS on,
          // also with `private_dns_only_for_inbound_resolver_endpoint` (which AWS accepts only with
          // an S3 gateway endpoint in the VPC, terraform-aws-modules/terraform-aws-vpc #982), would
          // collide with that zone ("conflicting DNS domain"): so it stays off, for every service.
          privateDnsEnabled: false,
          policy: set.policy ?? defaultEndpointPolicy(service, { organizationId: props.organizationId, region: props.region }),
          tags: { Name: `${props.name}-${setName}-${service}`, 'endpoint-set': setName },
        });
        const alias = {
          name: endpoint.dnsEntry.get(0).dnsName,
          zoneId: endpoint.dnsEntry.get(0).hostedZoneId,
          evaluateTargetHealth: false,
        };
        names.forEach((dnsName, i) => {
          const zoneName = dnsName.replace(/^\*\./, '');
          // The first name keeps the construct ids of a one-name service; more names get their own.
          const suffix = i === 0 ? '' : `-${zoneName.replace(/[^a-z0-9-]/g, '-')}`;
          const zone = new Route53Zone(this, `${key}-zone${suffix}`, {
            provider,
            name: zoneName,
            comment: `Centralized ${service} endpoint (${setName})`,
            vpc: [{ vpcId: props.vpcId }],
            lifecycle: {
              // Spoke associations are managed by each consumer's stack, not here.
              ignoreChanges: ['vpc'],
              precondition: [
                {
                  condition: Fn.contains(published.privateDnsNames, dnsName),
                  errorMessage: `AWS no longer publishes the private DNS name ${dnsName} for ${service} in ${props.region}; update INTERFACE_ENDPOINT_DNS_NAMES in lib/aws/catalog.ts to the service's private_dns_names.`,
                },
              ],
            },
            tags: { 'endpoint-set': setName, service },
          });
          new Route53Record(this, `${key}-apex${suffix}`, { provider, zoneId: zone.zoneId, name: zone.name, type: 'A', alias });
          // Names published as `*.name` (s3, ecr.dkr) answer for every label under the zone too.
          if (dnsName.startsWith('*.')) {
            new Route53Record(this, `${key}-wildcard${suffix}`, { provider, zoneId: zone.zoneId, name: `*.${zoneName}`, type: 'A', alias });
          }
          zones[i === 0 ? `${setName}/${service}` : `${setName}/${service}/${zoneName}`] = {
            set: setName,
            service,
            dnsName,
            zoneId: zone.zoneId,
            zoneArn: zone.arn,
            zoneName,
            endpointId: endpoint.id,
          };
        });
      }
    }
    this.securityGroupIds = groups;
    this.zones = zones;
  }
}
