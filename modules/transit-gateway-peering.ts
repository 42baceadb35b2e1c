import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Ec2TransitGatewayPeeringAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment';
import { Ec2TransitGatewayPeeringAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';

/** One side of a Transit Gateway peering. */
export interface PeeringSide {
  /** Provider of the TGW owner in this side's region. */
  readonly provider: TerraformProvider;
  readonly region: string;
  readonly accountId: string;
  readonly transitGatewayId: string;
  /** Route table the peering attachment is associated with on this side. */
  readonly routeTableId: string;
  /** CIDRs of this side that the other side routes through the peering. */
  readonly cidrs: readonly string[];
  /** Route tables of this side that get routes to the other side's CIDRs, keyed by a stable name. */
  readonly routeTableIds: Readonly<Record<string, string>>;
}

export interface TransitGatewayPeeringProps {
  /** Name stem for tags. */
  readonly name: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
}

/**
 * Peers two regional Transit Gateways: request, accept, associate the peering on both sides
 * and add static routes (peering attachments do not propagate routes).
 */
export class TransitGatewayPeering extends Construct {
  readonly attachmentId: string;

  constructor(scope: Construct, id: string, props: TransitGatewayPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    const request = new Ec2TransitGatewayPeeringAttachment(this, 'request', {
      provider: requester.provider,
      transitGatewayId: requester.transitGatewayId,
      peerTransitGatewayId: accepter.transitGatewayId,
      peerRegion: accepter.region,
      peerAccountId: accepter.accountId,
      tags: { Name: props.name, side: 'requester' },
    });
    this.attachmentId = request.id;
    const accept = new Ec2TransitGatewayPeeringAttachmentAccepter(this, 'accept', {
      provider: accepter.provider,
      transitGatewayAttachmentId: request.id,
      tags: { Name: props.name, side: 'accepter' },
    });

    const sides = [
      { key: requester.region, side: requester, other: accepter },
      { key: accepter.region, side: accepter, other: requester },
    ];
    for (const { key, side, other } of sides) {
      const association = new Ec2TransitGatewayRouteTableAssociation(this, `association-${key}`, {
        provider: side.provider,
        transitGatewayAttachmentId: accept.transitGatewayAttachmentId,
        transitGatewayRouteTableId: side.routeTableId,
      });
      for (const table of Object.keys(side.routeTableIds).sort()) {
        for (const cidr of [...other.cidrs].sort()) {
          new Ec2TransitGatewayRoute(this, `route-${key}-${table}-${cidr.replace(/[./]/g, '-')}`, {
            provider: side.provider,
            transitGatewayRouteTableId: side.routeTableIds[table],
            destinationCidrBlock: cidr,
            transitGatewayAttachmentId: accept.transitGatewayAttachmentId,
            dependsOn: [association],
          });
        }
      }
    }
  }
}
