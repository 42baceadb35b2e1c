import type { Construct } from 'constructs';
import type {
  ConsumerConfig,
  EnvironmentConfig,
  ExternalServiceConfig,
  PublishedServiceConfig,
  ResourceServiceConfig,
} from '../lib/config/types';
import {
  ONPREM_ROUTE_TABLE,
  SHARED_SERVICES_ROUTE_TABLE,
  cidrKey,
  consumedServices,
  consumerDnsName,
  dnsModeOf,
  externalServiceFor,
  onPremisesReaching,
  servicePorts,
  usesProfiles,
  usesZoneAssociations,
  type NamedService,
} from '../lib/config/topology';
import { cidrContains } from '../lib/net/cidr';
import {
  HostedZoneSharing,
  PrivateLinkConsumer,
  PrivateVpc,
  ResourceEndpointConsumer,
  SpokeAttachment,
  SpokeDnsProfile,
  SpokeForwardingRules,
} from '../modules';
import { BlueprintStack, type EnvironmentStackProps } from './blueprint-stack';
import type { HubRef, PublishedServiceRef, SharedResourceRef } from './refs';

export interface ConsumerStackProps extends EnvironmentStackProps {
  readonly consumer: ConsumerConfig;
  /** The hub of the consumer's region. */
  readonly hub: HubRef;
  /** Published services by name; each one the consumer consumes must be here. */
  readonly published: Readonly<Record<string, PublishedServiceRef>>;
  /** Shared VPC resources by name; each one the consumer consumes must be here. */
  readonly resources: Readonly<Record<string, SharedResourceRef>>;
}

/**
 * One consumer account: its spoke VPC, attached to the hub TGW in its segment, the hub's
 * service zones associated with it (directly, or through its segment's Route 53 Profile, or both
 * while switching), and one endpoint per service it consumes. Everything specific to this
 * consumer lives here, including the network-account side (TGW association and propagations,
 * zone authorizations, its account on RAM shares) and the owners' sides (allowed principal and
 * connection acceptance of a published service, RAM principal of a shared resource), so adding
 * a consumer or a subscription changes this stack and no other. A spoke of a segment that
 * reaches an on-premises network also propagates into the hub's `onprem` table, routes the
 * network's ranges to the TGW, and gets its forwarding rules (through the profile, or associated).
 */
export class ConsumerStack extends BlueprintStack {
  readonly consumer: ConsumerConfig;
  readonly vpc: PrivateVpc;
  readonly attachment: SpokeAttachment;
  /** The endpoint to each consumed service, by service name. */
  readonly endpoints: Readonly<Record<string, PrivateLinkConsumer | ResourceEndpointConsumer>>;

  constructor(scope: Construct, id: string, props: ConsumerStackProps) {
    super(scope, id, { env: props.env, role: 'consumer', emulator: props.emulator });
    const { env, consumer, hub } = props;
    this.consumer = consumer;
    const spokeProvider = this.awsProvider('consumer', consumer.accountId, consumer.region);
    const networkProvider = this.awsProvider('network', env.network.accountId, consumer.region);
    const name = `${env.name}-${consumer.name}`;

    this.vpc = new PrivateVpc(this, 'vpc', {
      provider: spokeProvider,
      accountId: consumer.accountId,
      name,
      cidr: consumer.cidr,
      azs: consumer.azs,
      ...this.vpcSettings(consumer.accountId),
    });

    const segmentTables = hub.segmentRouteTableIds;
    const propagateTo: Record<string, string> = { [SHARED_SERVICES_ROUTE_TABLE]: hub.sharedRouteTableId };
    if (env.segments[consumer.segment].spokeToSpoke) propagateTo[consumer.segment] = segmentTables[consumer.segment];
    // On-premises networks this spoke reaches: its routes into the hub's onprem table (here, so
    // adding a consumer changes no other stack), and a route to ranges outside the aggregate.
    const onPrem = onPremisesReaching(env, consumer);
    const onPremRoutes: Record<string, string> = {};
    if (onPrem.length > 0) {
      if (!hub.onPremises) throw new Error(`${id}: the consumer reaches on-premises networks, but its hub has no on-premises side`);
      propagateTo[ONPREM_ROUTE_TABLE] = hub.onPremises.routeTableId;
      for (const n of onPrem) {
        for (const cidr of n.config.cidrs)
          if (!cidrContains(env.organization.cidr, cidr)) onPremRoutes[`onprem-${n.name}-${cidrKey(cidr)}`] = cidr;
      }
    }
    this.attachment = new SpokeAttachment(this, 'tgw', {
      spokeProvider,
      networkProvider,
      name,
      transitGatewayId: hub.transitGatewayId,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetIds,
      vpcRouteTableId: this.vpc.routeTableId,
      destinationCidr: env.organization.cidr,
      additionalDestinations: onPremRoutes,
      associateWith: segmentTables[consumer.segment],
      propagateTo,
      ramShare: env.network.shareWith === 'accounts' ? { arn: hub.resourceShareArn, accountId: consumer.accountId } : undefined,
    });

    // The hub's names: zone associations and/or the segment's profile, by the hub's DNS mode. The
    // construct ids do not depend on the mode, so a switch adds or removes resources and never
    // moves one: zone-associations → zone-associations+profiles adds the profile association
    // (the zones stay associated: no gap, as AWS answers from the direct one, the same zone);
    // → profiles then removes only the zone associations.
    const mode = dnsModeOf(env, consumer.region);
    const accountsShare = env.network.shareWith === 'accounts';
    if (usesZoneAssociations(mode)) {
      const zones: Record<string, string> = {};
      for (const [key, zone] of Object.entries(hub.zones)) {
        if (zone.segments.includes(consumer.segment)) zones[key] = zone.zoneId;
      }
      new HostedZoneSharing(this, 'hub-zones', {
        zoneOwnerProvider: networkProvider,
        vpcOwnerProvider: spokeProvider,
        vpcId: this.vpc.vpcId,
        vpcRegion: consumer.region,
        zones,
      });
    }
    if (usesProfiles(mode)) {
      const profile = hub.dnsProfiles?.[consumer.segment];
      if (!profile)
        throw new Error(`${id}: the hub of ${consumer.region} uses Route 53 Profiles, but has none for segment '${consumer.segment}'`);
      new SpokeDnsProfile(this, 'hub-dns-profile', {
        spokeProvider,
        networkProvider,
        name,
        vpcId: this.vpc.vpcId,
        profileId: profile.profileId,
        ramShare: accountsShare ? { arn: profile.resourceShareArn, accountId: consumer.accountId } : undefined,
      });
    }
    // Forwarding rules of on-premises domains: associated directly with zone associations (the
    // profile carries them otherwise).
    const rules: Record<string, string> = {};
    for (const [key, rule] of Object.entries(hub.onPremises?.forwardingRules ?? {})) {
      if (rule.segments.includes(consumer.segment)) rules[key] = rule.ruleId;
    }
    if (usesZoneAssociations(mode) && Object.keys(rules).length > 0) {
      new SpokeForwardingRules(this, 'onprem-dns-rules', {
        spokeProvider,
        networkProvider,
        vpcId: this.vpc.vpcId,
        name,
        rules,
        ramShare:
          accountsShare && hub.onPremises?.forwardingRuleShareArn
            ? { arn: hub.onPremises.forwardingRuleShareArn, accountId: consumer.accountId }
            : undefined,
      });
    }

    const endpoints: Record<string, PrivateLinkConsumer | ResourceEndpointConsumer> = {};
    for (const svc of consumedServices(env, consumer)) {
      const common = {
        name: `${name}-${svc.name}`,
        consumerAccountId: consumer.accountId,
        vpcId: this.vpc.vpcId,
        subnetIds: this.vpc.subnetIds,
        clientCidr: consumer.cidr,
        ports: servicePorts(svc.config),
      };
      const cfg = svc.config;
      if (cfg.kind === 'resource') {
        const ref = required(props.resources, svc.name, id);
        endpoints[svc.name] = new ResourceEndpointConsumer(this, `resource-${svc.name}`, {
          ...common,
          consumerProvider: spokeProvider,
          ownerProvider: this.awsProvider(`owner-${cfg.accountId}`, cfg.accountId, cfg.region),
          resourceShareArn: ref.resourceShareArn,
          resourceConfigurationArn: ref.resourceConfigurationArn,
          // AWS resolves the resource's own name only for ARN (Amazon RDS) configurations.
          privateDns: 'arn' in cfg.resource,
          dnsName: consumerDnsName(env, svc as NamedService<ResourceServiceConfig>),
        });
      } else if (cfg.kind === 'published') {
        const ref = required(props.published, svc.name, id);
        endpoints[svc.name] = new PrivateLinkConsumer(this, `service-${svc.name}`, {
          ...common,
          consumerProvider: spokeProvider,
          serviceName: ref.serviceName,
          serviceRegion: consumer.region === cfg.region ? undefined : cfg.region,
          owner: {
            provider: this.awsProvider(`owner-${cfg.accountId}`, cfg.accountId, cfg.region),
            serviceId: ref.verifiedServiceId ?? ref.serviceId,
          },
          dns: publishedDns(env, svc as NamedService<PublishedServiceConfig>),
        });
      } else {
        const { serviceName, serviceRegion } = externalServiceFor(cfg, consumer.region);
        endpoints[svc.name] = new PrivateLinkConsumer(this, `external-${svc.name}`, {
          ...common,
          consumerProvider: spokeProvider,
          serviceName,
          serviceRegion,
          dns: externalDns(cfg),
        });
      }
    }
    this.endpoints = endpoints;
  }
}

function publishedDns(env: EnvironmentConfig, svc: NamedService<PublishedServiceConfig>) {
  return svc.config.privateDnsName !== undefined ? { privateDns: true as const } : { zoneName: consumerDnsName(env, svc), records: [''] };
}

function externalDns(cfg: ExternalServiceConfig) {
  return cfg.privateDnsName !== undefined ? { privateDns: true as const } : { zoneName: cfg.dns!.zoneName, records: cfg.dns!.records };
}

function required<T>(refs: Readonly<Record<string, T>>, name: string, stack: string): T {
  const ref = refs[name];
  if (!ref) throw new Error(`${stack}: the consumer consumes '${name}', but no stack or reference for that service was given`);
  return ref;
}
