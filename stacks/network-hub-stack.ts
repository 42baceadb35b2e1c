import type { Construct } from 'constructs';
import type { HubConfig } from '../lib/config/types';
import { organizationArn, segmentSources, setReachesSegment } from '../lib/config/topology';
import { CentralizedEndpoints, PrivateVpc, TransitGatewayHub, type CentralizedEndpointSet } from '../modules';
import { BlueprintStack, type EnvironmentStackProps } from './blueprint-stack';
import type { HubRef, HubZone } from './refs';

export interface NetworkHubStackProps extends EnvironmentStackProps {
  readonly region: string;
}

/**
 * The network (shared-services) hub of one region, in the network account: hub VPC,
 * Transit Gateway with a route table per segment shared through RAM, and the centralized
 * AWS service endpoints with their private hosted zones.
 */
export class NetworkHubStack extends BlueprintStack implements HubRef {
  readonly region: string;
  readonly hubConfig: HubConfig;
  readonly vpc: PrivateVpc;
  readonly tgw: TransitGatewayHub;
  readonly endpoints: CentralizedEndpoints;
  /** Hosted zones keyed by `<set>/<service>`, with the segments that receive them. */
  readonly zones: Readonly<Record<string, HubZone>>;
  readonly transitGatewayId: string;
  readonly sharedRouteTableId: string;
  readonly segmentRouteTableIds: Readonly<Record<string, string>>;
  readonly resourceShareArn: string;

  constructor(scope: Construct, id: string, props: NetworkHubStackProps) {
    super(scope, id, { env: props.env, role: 'network', emulator: props.emulator });
    const { env, region } = props;
    this.region = region;
    this.hubConfig = env.network.hubs[region];
    const hub = this.hubConfig;
    const accountId = env.network.accountId;
    const provider = this.awsProvider('network', accountId, region);
    const name = `${env.name}-hub-${region}`;
    const segments = Object.keys(env.segments).sort();

    this.vpc = new PrivateVpc(this, 'vpc', {
      provider,
      accountId,
      name,
      cidr: hub.cidr,
      azs: hub.azs,
      flowLogRetentionDays: env.flowLogRetentionDays,
    });

    this.tgw = new TransitGatewayHub(this, 'tgw', {
      provider,
      name,
      asn: hub.asn,
      segments,
      hubVpcId: this.vpc.vpcId,
      hubSubnetIds: this.vpc.subnetIds,
      hubRouteTableId: this.vpc.routeTableId,
      spokeCidr: env.organization.cidr,
      organizationArn: (env.network.shareWith ?? 'organization') === 'organization'
        ? organizationArn(env)
        : undefined,
    });

    this.transitGatewayId = this.tgw.transitGatewayId;
    this.sharedRouteTableId = this.tgw.sharedRouteTableId;
    this.segmentRouteTableIds = this.tgw.segmentRouteTableIds;
    this.resourceShareArn = this.tgw.resourceShareArn;

    const endpointSets: Record<string, CentralizedEndpointSet> = {};
    for (const [setName, set] of Object.entries(hub.endpointSets)) {
      endpointSets[setName] = { services: set.services, policy: set.policy, sources: segmentSources(env, set.segments) };
    }
    this.endpoints = new CentralizedEndpoints(this, 'endpoints', {
      provider,
      region,
      name,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetIds,
      organizationId: env.organization.id,
      endpointSets,
    });

    const zones: Record<string, HubZone> = {};
    for (const [key, zone] of Object.entries(this.endpoints.zones)) {
      zones[key] = { zoneId: zone.zoneId, segments: segments.filter((sg) => setReachesSegment(hub.endpointSets[zone.set], sg)) };
    }
    this.zones = zones;

    // Everything a consumer or peering stack may read, exported up front (see exportForCrossStack).
    this.exportForCrossStack(
      this.tgw.transitGatewayId,
      this.tgw.sharedRouteTableId,
      this.tgw.resourceShareArn,
      ...Object.values(this.tgw.segmentRouteTableIds),
      ...Object.values(zones).map((z) => z.zoneId),
    );
  }
}
