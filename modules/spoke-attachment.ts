import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';
import { addSpokeToShare, type SpokeRamShare } from './ram-share';

export interface SpokeAttachmentProps {
  /** Provider of the spoke's account and region (creates the attachment and VPC route). */
  readonly spokeProvider: TerraformProvider;
  /** Provider of the network account in the same region (owns the TGW route tables). */
  readonly networkProvider: TerraformProvider;
  /** Name stem for tags. */
  readonly name: string;
  readonly transitGatewayId: string;
  readonly vpcId: string;
  /** One subnet per spoke AZ. */
  readonly subnetIds: readonly string[];
  /** The spoke's VPC route table that gets the route to `destinationCidr`. */
  readonly vpcRouteTableId: string;
  /** Traffic for this CIDR (the organization's aggregate) goes to the TGW. */
  readonly destinationCidr: string;
  /** More ranges routed to the TGW (on-premises networks outside the aggregate), keyed by a stable name. @default {} */
  readonly additionalDestinations?: Readonly<Record<string, string>>;
  /** The segment route table the attachment is associated with (exactly one). */
  readonly associateWith: string;
  /** Route tables the attachment propagates its CIDR into, keyed by a stable name. */
  readonly propagateTo: Readonly<Record<string, string>>;
  /**
   * RAM share of the TGW to add the spoke's account to, when the TGW is shared with listed
   * accounts instead of the whole organization. @default - shared with the organization
   */
  readonly ramShare?: SpokeRamShare;
}

/**
 * Attaches a spoke VPC to a shared Transit Gateway: the attachment in the spoke account,
 * its single association and its propagations in the network account, and the spoke's
 * route to the organization CIDR through the TGW.
 */
export class SpokeAttachment extends Construct {
  readonly attachmentId: string;

  constructor(scope: Construct, id: string, props: SpokeAttachmentProps) {
    super(scope, id);
    const shared = addSpokeToShare(this, props.networkProvider, props.ramShare);

    // Default-route-table flags stay unset: they cannot be managed from the spoke account
    // of a RAM-shared TGW, and the TGW has default association and propagation off.
    const attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      provider: props.spokeProvider,
      transitGatewayId: props.transitGatewayId,
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      dnsSupport: 'enable',
      tags: { Name: props.name },
      dependsOn: shared,
    });
    this.attachmentId = attachment.id;

    new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      provider: props.networkProvider,
      transitGatewayAttachmentId: attachment.id,
      transitGatewayRouteTableId: props.associateWith,
    });
    for (const name of Object.keys(props.propagateTo).sort()) {
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${name}`, {
        provider: props.networkProvider,
        transitGatewayAttachmentId: attachment.id,
        transitGatewayRouteTableId: props.propagateTo[name],
      });
    }

    new Route(this, 'to-tgw', {
      provider: props.spokeProvider,
      routeTableId: props.vpcRouteTableId,
      destinationCidrBlock: props.destinationCidr,
      transitGatewayId: props.transitGatewayId,
      dependsOn: [attachment],
    });
    for (const name of Object.keys(props.additionalDestinations ?? {}).sort()) {
      new Route(this, `to-tgw-${name}`, {
        provider: props.spokeProvider,
        routeTableId: props.vpcRouteTableId,
        destinationCidrBlock: props.additionalDestinations![name],
        transitGatewayId: props.transitGatewayId,
        dependsOn: [attachment],
      });
    }
  }
}
