import { Construct } from 'constructs';
import { Fn, Op, type TerraformProvider } from 'cdktf';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { DataAwsEc2TransitGatewayDxGatewayAttachment } from '@cdktf/provider-aws/lib/data-aws-ec2-transit-gateway-dx-gateway-attachment';
import { DxGatewayAssociation } from '@cdktf/provider-aws/lib/dx-gateway-association';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';

/** ASNs above this go into `bgp_asn_extended` (CreateCustomerGateway). */
const MAX_BGP_ASN = 2_147_483_647;

export interface OnPremisesAttachmentProps {
  /** Provider of the network account in the hub's region: only the TGW owner attaches a VPN or a Direct Connect gateway to it. */
  readonly provider: TerraformProvider;
  /** Name tag of the customer gateway and the VPN connection. */
  readonly name: string;
  /** The on-premises network's key in the configuration, tagged as `onprem-network` (reports find the attachment by it). */
  readonly network: string;
  readonly transitGatewayId: string;
  /** The hub's `onprem` route table: the attachment's association (what BGP advertises to on-premises). */
  readonly associateWith: string;
  /** Route tables the attachment propagates into (shared-services and the reached segments'), keyed by a stable name. */
  readonly propagateTo: Readonly<Record<string, string>>;
  /** The network's ranges, keyed by a stable name: static routes to them with `vpn.staticRoutesOnly`. */
  readonly cidrs: Readonly<Record<string, string>>;
  /** Exactly one of `vpn` and `directConnect`. */
  readonly vpn?: { readonly customerGatewayIp: string; readonly bgpAsn: number; readonly staticRoutesOnly?: boolean };
  readonly directConnect?: { readonly gatewayId: string; readonly allowedPrefixes: readonly string[] };
}

/**
 * One on-premises network attached to the hub's Transit Gateway, in the network account:
 * - VPN: a customer gateway and a Site-to-Site VPN connection on the TGW (its attachment is
 *   created by AWS with the connection);
 * - Direct Connect: the association of an existing Direct Connect gateway of the network account
 *   with the TGW, advertising exactly `allowedPrefixes` (cross-account association proposals are
 *   out of scope).
 * The attachment is associated with the hub's `onprem` table (the TGW has default association and
 * propagation off, so nothing else is associated) and propagates into the given tables; with
 * static routing, each of the network's ranges also gets a static route to it in those tables
 * (TGW static routes: "For static VPNs, you'll also need to first add the static routes to the
 * transit gateway route table").
 */
export class OnPremisesAttachment extends Construct {
  /** The TGW attachment of the VPN connection or the Direct Connect gateway. */
  readonly attachmentId: string;

  constructor(scope: Construct, id: string, props: OnPremisesAttachmentProps) {
    super(scope, id);
    const { provider } = props;
    if ((props.vpn === undefined) === (props.directConnect === undefined)) {
      throw new Error(`${this.node.path}: give exactly one of vpn and directConnect`);
    }

    if (props.vpn) {
      const asn = props.vpn.bgpAsn;
      const cgw = new CustomerGateway(this, 'customer-gateway', {
        provider,
        type: 'ipsec.1',
        ipAddress: props.vpn.customerGatewayIp,
        ...(asn > MAX_BGP_ASN ? { bgpAsnExtended: String(asn) } : { bgpAsn: String(asn) }),
        tags: { Name: props.name, 'onprem-network': props.network },
      });
      const vpn = new VpnConnection(this, 'vpn', {
        provider,
        type: 'ipsec.1',
        customerGatewayId: cgw.id,
        transitGatewayId: props.transitGatewayId,
        staticRoutesOnly: props.vpn.staticRoutesOnly ?? false,
        tags: { Name: props.name, 'onprem-network': props.network },
      });
      this.attachmentId = vpn.transitGatewayAttachmentId;
    } else {
      const dx = props.directConnect!;
      const association = new DxGatewayAssociation(this, 'dx-association', {
        provider,
        dxGatewayId: dx.gatewayId,
        associatedGatewayId: props.transitGatewayId,
        allowedPrefixes: [...dx.allowedPrefixes].sort(),
      });
      // The association creates a TGW attachment with no resource of its own: read its id. The
      // TGW id goes through an expression on the association's own id, unknown only until the
      // association exists: the read waits for it on the first apply, and later plans read it at
      // once, so changing allowed_prefixes does not make the attachment id unknown and replace the
      // association and propagations below (hashicorp/terraform-provider-aws #36889, #32195).
      const attachment = new DataAwsEc2TransitGatewayDxGatewayAttachment(this, 'dx-attachment', {
        provider,
        dxGatewayId: dx.gatewayId,
        transitGatewayId: Fn.conditional(
          Op.gte(Fn.lengthOf(association.dxGatewayAssociationId), 1),
          association.associatedGatewayId,
          props.transitGatewayId,
        ),
      });
      this.attachmentId = attachment.id;
    }

    new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      provider,
      transitGatewayAttachmentId: this.attachmentId,
      transitGatewayRouteTableId: props.associateWith,
    });
    for (const table of Object.keys(props.propagateTo).sort()) {
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${table}`, {
        provider,
        transitGatewayAttachmentId: this.attachmentId,
        transitGatewayRouteTableId: props.propagateTo[table],
      });
      if (!props.vpn?.staticRoutesOnly) continue;
      for (const cidr of Object.keys(props.cidrs).sort()) {
        new Ec2TransitGatewayRoute(this, `route-${table}-${cidr}`, {
          provider,
          destinationCidrBlock: props.cidrs[cidr],
          transitGatewayAttachmentId: this.attachmentId,
          transitGatewayRouteTableId: props.propagateTo[table],
        });
      }
    }
  }
}
