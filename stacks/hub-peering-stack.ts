import type { Construct } from 'constructs';
import { SHARED_SERVICES_ROUTE_TABLE } from '../lib/config/topology';
import { TransitGatewayPeering, type PeeringSide } from '../modules';
import { BlueprintStack, type EnvironmentStackProps } from './blueprint-stack';
import type { NetworkHubStack } from './network-hub-stack';

export interface HubPeeringStackProps extends EnvironmentStackProps {
  /** Hub that requests the peering (the first region in sorted order). */
  readonly requester: NetworkHubStack;
  /** Hub that accepts it. */
  readonly accepter: NetworkHubStack;
}

/**
 * Peers two regional hubs: TGW peering request and acceptance, and static routes between
 * the hubs' shared-services route tables for the hub VPC CIDRs. Spoke CIDRs are never
 * listed here, so adding a consumer does not touch this stack.
 */
export class HubPeeringStack extends BlueprintStack {
  readonly peering: TransitGatewayPeering;

  constructor(scope: Construct, id: string, props: HubPeeringStackProps) {
    super(scope, id, { env: props.env, role: 'peering', emulator: props.emulator });
    const accountId = props.env.network.accountId;
    const side = (hub: NetworkHubStack): PeeringSide => ({
      provider: this.awsProvider('network', accountId, hub.region),
      region: hub.region,
      accountId,
      transitGatewayId: hub.tgw.transitGatewayId,
      routeTableId: hub.tgw.sharedRouteTableId,
      cidrs: [hub.hubConfig.cidr],
      routeTableIds: { [SHARED_SERVICES_ROUTE_TABLE]: hub.tgw.sharedRouteTableId },
    });
    this.peering = new TransitGatewayPeering(this, 'peering', {
      name: id,
      requester: side(props.requester),
      accepter: side(props.accepter),
    });
  }
}
