import type { Construct } from 'constructs';
import type { ConsumerConfig, EnvironmentConfig } from '../lib/config/types';
import { SHARED_SERVICES_ROUTE_TABLE, consumerDnsName } from '../lib/config/topology';
import { HostedZoneSharing, PrivateLinkConsumer, PrivateVpc, SpokeAttachment } from '../modules';
import { BlueprintStack } from './blueprint-stack';
import type { NetworkHubStack } from './network-hub-stack';
import type { ServiceProviderStack } from './service-provider-stack';

export interface ConsumerStackProps {
  readonly env: EnvironmentConfig;
  readonly consumer: ConsumerConfig;
  /** The hub of the consumer's region. */
  readonly hub: NetworkHubStack;
  readonly provider: ServiceProviderStack;
}

/**
 * One consumer account: its spoke VPC, attached to the hub TGW in its segment, the hub's
 * service zones associated with it, and its interface endpoint to the provider's service.
 * Everything specific to this consumer lives here, including the network-account side
 * (TGW association and propagation, zone authorizations) and the provider-account side
 * (allowed principal, connection acceptance), so adding a consumer adds a stack and
 * changes none.
 */
export class ConsumerStack extends BlueprintStack {
  readonly consumer: ConsumerConfig;
  readonly vpc: PrivateVpc;
  readonly attachment: SpokeAttachment;
  readonly service: PrivateLinkConsumer;

  constructor(scope: Construct, id: string, props: ConsumerStackProps) {
    super(scope, id, { env: props.env, role: 'consumer' });
    const { env, consumer, hub } = props;
    this.consumer = consumer;
    const spokeProvider = this.awsProvider('consumer', consumer.accountId, consumer.region);
    const networkProvider = this.awsProvider('network', env.network.accountId, consumer.region);
    const serviceProvider = this.awsProvider('provider', env.provider.accountId, env.provider.region);
    const name = `${env.name}-${consumer.name}`;

    this.vpc = new PrivateVpc(this, 'vpc', {
      provider: spokeProvider,
      accountId: consumer.accountId,
      name,
      cidr: consumer.cidr,
      azs: consumer.azs,
      flowLogRetentionDays: env.flowLogRetentionDays,
    });

    const segmentTables = hub.tgw.segmentRouteTableIds;
    const propagateTo: Record<string, string> = { [SHARED_SERVICES_ROUTE_TABLE]: hub.tgw.sharedRouteTableId };
    if (env.segments[consumer.segment].spokeToSpoke) propagateTo[consumer.segment] = segmentTables[consumer.segment];
    this.attachment = new SpokeAttachment(this, 'tgw', {
      spokeProvider,
      networkProvider,
      name,
      transitGatewayId: hub.tgw.transitGatewayId,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetIds,
      vpcRouteTableId: this.vpc.routeTableId,
      destinationCidr: env.organization.cidr,
      associateWith: segmentTables[consumer.segment],
      propagateTo,
      ramShare: env.network.shareWith === 'accounts'
        ? { arn: hub.tgw.resourceShareArn, accountId: consumer.accountId }
        : undefined,
    });

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

    const svc = env.provider.service;
    this.service = new PrivateLinkConsumer(this, 'service', {
      consumerProvider: spokeProvider,
      serviceProvider,
      name,
      consumerAccountId: consumer.accountId,
      serviceId: props.provider.service.serviceId,
      serviceName: props.provider.service.serviceName,
      serviceRegion: consumer.region === env.provider.region ? undefined : env.provider.region,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetIds,
      clientCidr: consumer.cidr,
      ports: svc.listeners.map((l) => l.port),
      servicePrivateDns: svc.privateDnsName !== undefined,
      dnsName: svc.privateDnsName === undefined ? consumerDnsName(env) : undefined,
    });
  }
}
