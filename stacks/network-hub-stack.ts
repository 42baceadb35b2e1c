import type { Construct } from 'constructs';
import type { DnsMode, HubConfig } from '../lib/config/types';
import {
  SHARED_SERVICES_ROUTE_TABLE,
  cidrKey,
  dnsModeOf,
  forwardingRulesOf,
  onPremisesOf,
  onPremisesSources,
  organizationArn,
  reachSegments,
  resolverInboundIps,
  segmentSources,
  setReachesSegment,
  usesProfiles,
} from '../lib/config/topology';
import { cidrContains } from '../lib/net/cidr';
import {
  CentralizedEndpoints,
  HubDnsProfiles,
  HubResolver,
  OnPremisesAttachment,
  PrivateVpc,
  TransitGatewayHub,
  type CentralizedEndpointSet,
} from '../modules';
import { BlueprintStack, type EnvironmentStackProps } from './blueprint-stack';
import type { HubDnsProfile, HubOnPremisesRef, HubRef, HubZone } from './refs';

export interface NetworkHubStackProps extends EnvironmentStackProps {
  readonly region: string;
}

/**
 * The network (shared-services) hub of one region, in the network account: hub VPC,
 * Transit Gateway with a route table per segment shared through RAM, and the centralized
 * AWS service endpoints with their private hosted zones. In a DNS mode with profiles, one
 * Route 53 Profile per segment holding the zones it receives, shared through RAM. With
 * on-premises networks: an `onprem` route table, their VPN or Direct Connect attachments, and a
 * Route 53 Resolver (inbound endpoint at fixed addresses, outbound endpoint and forwarding rules
 * for on-premises domains).
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
  readonly dnsMode: DnsMode;
  readonly dnsProfiles?: Readonly<Record<string, HubDnsProfile>>;
  readonly onPremises?: HubOnPremisesRef;
  /** The Resolver of the hub, when it has on-premises networks. */
  readonly resolver?: HubResolver;

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
      ...this.vpcSettings(accountId),
    });

    const onPrem = onPremisesOf(env, region);
    const onPremSources = onPremisesSources(env, region);
    const orgArn = (env.network.shareWith ?? 'organization') === 'organization' ? organizationArn(env) : undefined;
    // On-premises ranges outside the organization's aggregate need routes of their own.
    const extraRoutes: Record<string, string> = {};
    for (const [key, cidr] of Object.entries(onPremSources)) if (!cidrContains(env.organization.cidr, cidr)) extraRoutes[key] = cidr;

    this.tgw = new TransitGatewayHub(this, 'tgw', {
      provider,
      name,
      asn: hub.asn,
      segments,
      hubVpcId: this.vpc.vpcId,
      hubSubnetIds: this.vpc.subnetIds,
      hubRouteTableId: this.vpc.routeTableId,
      spokeCidr: env.organization.cidr,
      organizationArn: orgArn,
      onPremises: onPrem.length > 0,
      extraRoutes,
    });

    this.transitGatewayId = this.tgw.transitGatewayId;
    this.sharedRouteTableId = this.tgw.sharedRouteTableId;
    this.segmentRouteTableIds = this.tgw.segmentRouteTableIds;
    this.resourceShareArn = this.tgw.resourceShareArn;

    const endpointSets: Record<string, CentralizedEndpointSet> = {};
    for (const [setName, set] of Object.entries(hub.endpointSets)) {
      // On-premises networks reach every endpoint set of their hub.
      endpointSets[setName] = {
        services: set.services,
        policy: set.policy,
        sources: { ...segmentSources(env, set.segments), ...onPremSources },
      };
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

    // On-premises networks: their attachments, and the Resolver that answers and asks them.
    if (onPrem.length > 0) {
      const reach = reachSegments(onPrem[0].config); // the same for every network of a hub (validation)
      const propagateTo: Record<string, string> = { [SHARED_SERVICES_ROUTE_TABLE]: this.tgw.sharedRouteTableId };
      for (const sg of reach) propagateTo[sg] = this.tgw.segmentRouteTableIds[sg];
      for (const n of onPrem) {
        new OnPremisesAttachment(this, `onprem-${n.name}`, {
          provider,
          name: `${env.name}-onprem-${n.name}`,
          network: n.name,
          transitGatewayId: this.tgw.transitGatewayId,
          associateWith: this.tgw.onPremRouteTableId!,
          propagateTo,
          cidrs: Object.fromEntries(n.config.cidrs.map((c) => [cidrKey(c), c])),
          vpn: n.config.vpn,
          directConnect: n.config.directConnect,
        });
      }
      const subnetOf = Object.fromEntries(this.vpc.azs.map((az, i) => [az, this.vpc.subnetIds[i]]));
      const rules = forwardingRulesOf(env, region);
      this.resolver = new HubResolver(this, 'resolver', {
        provider,
        name,
        vpcId: this.vpc.vpcId,
        inbound: resolverInboundIps(hub).map(({ az, ip }) => ({ az, ip, subnetId: subnetOf[az] })),
        clients: onPremSources,
        rules: Object.fromEntries(rules.map((r) => [r.key, { domain: r.domain, dnsServers: r.dnsServers }])),
        organizationArn: orgArn,
      });
      const resolver = this.resolver;
      this.onPremises = {
        routeTableId: this.tgw.onPremRouteTableId!,
        forwardingRules: Object.fromEntries(rules.map((r) => [r.key, { ruleId: resolver.ruleIds[r.key], segments: r.segments }])),
        forwardingRuleShareArn: resolver.ruleShareArn,
      };
    }

    // Route 53 Profiles: one per segment with the zones (and forwarding rules) it receives.
    this.dnsMode = dnsModeOf(env, region);
    if (usesProfiles(this.dnsMode)) {
      const rules = forwardingRulesOf(env, region);
      const contents: Record<string, { zones: Record<string, string>; resolverRules: Record<string, string> }> = {};
      for (const sg of segments) {
        const zoneArns: Record<string, string> = {};
        for (const [key, zone] of Object.entries(this.endpoints.zones)) {
          if (zones[key].segments.includes(sg)) zoneArns[key] = zone.zoneArn;
        }
        const ruleArns: Record<string, string> = {};
        for (const r of rules) if (r.segments.includes(sg)) ruleArns[r.key] = this.resolver!.ruleArns[r.key];
        contents[sg] = { zones: zoneArns, resolverRules: ruleArns };
      }
      const profiles = new HubDnsProfiles(this, 'dns-profiles', { provider, name, segments: contents, organizationArn: orgArn });
      this.dnsProfiles = Object.fromEntries(
        Object.entries(profiles.profiles).map(([sg, p]) => [sg, { profileId: p.profileId, resourceShareArn: p.resourceShareArn }]),
      );
    }

    // Everything a consumer or peering stack may read, exported up front (see exportForCrossStack).
    this.exportForCrossStack(
      this.tgw.transitGatewayId,
      this.tgw.sharedRouteTableId,
      this.tgw.resourceShareArn,
      ...Object.values(this.tgw.segmentRouteTableIds),
      ...Object.values(zones).map((z) => z.zoneId),
      ...Object.values(this.dnsProfiles ?? {}).flatMap((p) => [p.profileId, p.resourceShareArn]),
      ...(this.onPremises
        ? [
            this.onPremises.routeTableId,
            ...Object.values(this.onPremises.forwardingRules).map((r) => r.ruleId),
            ...(this.onPremises.forwardingRuleShareArn ? [this.onPremises.forwardingRuleShareArn] : []),
          ]
        : []),
    );
  }
}
