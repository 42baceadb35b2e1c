import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';

import { ONPREM_ROUTE_TABLE, SHARED_SERVICES_ROUTE_TABLE } from '../lib/config/topology';
import { resourceShare } from './ram-share';

export { ONPREM_ROUTE_TABLE, SHARED_SERVICES_ROUTE_TABLE };

export interface TransitGatewayHubProps {
  /** Provider of the network account in the hub's region. */
  readonly provider: TerraformProvider;
  /** Name stem for tags and the RAM share. */
  readonly name: string;
  /** Private ASN of the Transit Gateway's Amazon side. */
  readonly asn: number;
  /** Segment names; each gets its own route table, so segments stay apart. */
  readonly segments: readonly string[];
  /** The hub VPC to attach. */
  readonly hubVpcId: string;
  /** Hub subnets for the attachment, one per AZ. */
  readonly hubSubnetIds: readonly string[];
  /** The hub VPC's route table, which routes replies to the spokes through the TGW. */
  readonly hubRouteTableId: string;
  /** CIDR of everything behind the TGW (the organization's aggregate). */
  readonly spokeCidr: string;
  /**
   * Organization ARN to share the TGW with through RAM. When undefined the share has no
   * principal here and each consumer stack adds its own account (`shareWith: 'accounts'`).
   * @default - no organization principal
   */
  readonly organizationArn?: string;
  /**
   * Whether on-premises networks attach to this TGW: an `onprem` route table for their
   * attachments, into which the hub VPC propagates (on-premises always reaches the hub).
   * @default false
   */
  readonly onPremises?: boolean;
  /**
   * More ranges the hub VPC routes through the TGW (on-premises ranges outside `spokeCidr`:
   * replies of the endpoints and the resolver), keyed by a stable name. @default {}
   */
  readonly extraRoutes?: Readonly<Record<string, string>>;
}

/**
 * A Transit Gateway with default route-table association and propagation off, one route
 * table per segment plus a shared-services table for the hub VPC (and, with on-premises
 * networks, an `onprem` table for their attachments), shared through AWS RAM.
 * The hub attachment propagates into every table, so every spoke, every peered hub and every
 * on-premises network reaches it; which spokes reach each other and on-premises is decided per
 * spoke (see `SpokeAttachment`), and what on-premises reaches per network (`OnPremisesAttachment`).
 */
export class TransitGatewayHub extends Construct {
  readonly transitGatewayId: string;
  readonly transitGatewayArn: string;
  /** Route table id by segment name. */
  readonly segmentRouteTableIds: Readonly<Record<string, string>>;
  readonly sharedRouteTableId: string;
  /** The route table of the on-premises attachments, when `onPremises`. */
  readonly onPremRouteTableId?: string;
  readonly hubAttachmentId: string;
  readonly resourceShareArn: string;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    const { provider } = props;
    for (const reserved of [SHARED_SERVICES_ROUTE_TABLE, ONPREM_ROUTE_TABLE]) {
      if (props.segments.includes(reserved))
        throw new Error(`${this.node.path}: segment name '${reserved}' is reserved for a route table of the hub`);
    }

    const tgw = new Ec2TransitGateway(this, 'tgw', {
      provider,
      description: `${props.name} PrivateLink hub`,
      amazonSideAsn: props.asn,
      // Off, so that no attachment lands in a shared table by accident: segments stay apart.
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      // Only organization accounts can see the share; routing is still explicit per attachment.
      autoAcceptSharedAttachments: 'enable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      tags: { Name: props.name },
    });
    this.transitGatewayId = tgw.id;
    this.transitGatewayArn = tgw.arn;

    const table = (name: string) =>
      new Ec2TransitGatewayRouteTable(this, `rt-${name}`, {
        provider,
        transitGatewayId: tgw.id,
        tags: { Name: `${props.name}-${name}`, segment: name },
      });
    const shared = table(SHARED_SERVICES_ROUTE_TABLE);
    this.sharedRouteTableId = shared.id;
    const segmentIds: Record<string, string> = {};
    for (const segment of [...props.segments].sort()) segmentIds[segment] = table(segment).id;
    this.segmentRouteTableIds = segmentIds;
    const onPrem = props.onPremises ? table(ONPREM_ROUTE_TABLE) : undefined;
    this.onPremRouteTableId = onPrem?.id;

    // Default-route-table flags stay unset: the TGW has no default table to act on.
    const hub = new Ec2TransitGatewayVpcAttachment(this, 'hub-attachment', {
      provider,
      transitGatewayId: tgw.id,
      vpcId: props.hubVpcId,
      subnetIds: [...props.hubSubnetIds],
      dnsSupport: 'enable',
      tags: { Name: `${props.name}-hub` },
    });
    this.hubAttachmentId = hub.id;
    new Ec2TransitGatewayRouteTableAssociation(this, 'hub-association', {
      provider,
      transitGatewayAttachmentId: hub.id,
      transitGatewayRouteTableId: shared.id,
    });
    // Into every segment table (spokes reach the hub) and into shared-services itself, which
    // routes what arrives over inter-region peering to this hub.
    // And into onprem: on-premises networks always reach the hub's endpoints and resolver.
    const propagateInto: Record<string, string> = {
      ...segmentIds,
      [SHARED_SERVICES_ROUTE_TABLE]: shared.id,
      ...(onPrem ? { [ONPREM_ROUTE_TABLE]: onPrem.id } : {}),
    };
    for (const [segment, routeTableId] of Object.entries(propagateInto)) {
      new Ec2TransitGatewayRouteTablePropagation(this, `hub-propagation-${segment}`, {
        provider,
        transitGatewayAttachmentId: hub.id,
        transitGatewayRouteTableId: routeTableId,
      });
    }
    // Without it the endpoints receive spoke traffic but their replies have no way back.
    new Route(this, 'hub-to-spokes', {
      provider,
      routeTableId: props.hubRouteTableId,
      destinationCidrBlock: props.spokeCidr,
      transitGatewayId: tgw.id,
      dependsOn: [hub],
    });
    for (const name of Object.keys(props.extraRoutes ?? {}).sort()) {
      new Route(this, `hub-to-${name}`, {
        provider,
        routeTableId: props.hubRouteTableId,
        destinationCidrBlock: props.extraRoutes![name],
        transitGatewayId: tgw.id,
        dependsOn: [hub],
      });
    }

    this.resourceShareArn = resourceShare(this, 'share', {
      provider,
      name: `${props.name}-tgw`,
      resources: { tgw: tgw.arn },
      organizationArn: props.organizationArn,
    }).arn;
  }
}
