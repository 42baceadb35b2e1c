import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Route53VpcAssociationAuthorization } from '@cdktf/provider-aws/lib/route53-vpc-association-authorization';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';

export interface HostedZoneSharingProps {
  /** Provider of the account that owns the zones (authorizes). */
  readonly zoneOwnerProvider: TerraformProvider;
  /** Provider of the account that owns the VPC (associates). */
  readonly vpcOwnerProvider: TerraformProvider;
  readonly vpcId: string;
  /** Region of the VPC. */
  readonly vpcRegion: string;
  /** Zone ids keyed by a stable name (for example `<set>/<service>`). */
  readonly zones: Readonly<Record<string, string>>;
}

/**
 * Associates private hosted zones of one account with a VPC of another: the zone owner
 * authorizes the association, then the VPC owner makes it.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
 */
export class HostedZoneSharing extends Construct {
  constructor(scope: Construct, id: string, props: HostedZoneSharingProps) {
    super(scope, id);
    for (const name of Object.keys(props.zones).sort()) {
      const key = name.replace(/[^A-Za-z0-9-]/g, '-');
      const authorization = new Route53VpcAssociationAuthorization(this, `${key}-authorization`, {
        provider: props.zoneOwnerProvider,
        zoneId: props.zones[name],
        vpcId: props.vpcId,
        vpcRegion: props.vpcRegion,
      });
      new Route53ZoneAssociation(this, `${key}-association`, {
        provider: props.vpcOwnerProvider,
        zoneId: authorization.zoneId,
        vpcId: authorization.vpcId,
        vpcRegion: props.vpcRegion,
      });
    }
  }
}
