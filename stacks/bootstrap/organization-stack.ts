/**
 * `<env>-bootstrap-organization`: RAM sharing with AWS Organizations, in the organization's
 * management account (only it can enable it). The hub shares its Transit Gateway with the
 * organization's ARN, and every share to an account of the organization is accepted without an
 * invitation only once this is on; the blueprint has no invitation accepters.
 *
 * The setting is one per organization: environments of one organization each have this stack
 * and all manage the same setting (enabling it again is harmless). It is protected from destroy,
 * since turning it off breaks the shares of every environment.
 */
import type { Construct } from 'constructs';
import { RamSharingWithOrganization } from '@cdktf/provider-aws/lib/ram-sharing-with-organization';
import type { BootstrapSettings } from '../../lib/iam';
import { BootstrapStack, type BootstrapStackProps } from './bootstrap-stack';

export interface OrganizationStackProps extends BootstrapStackProps {
  readonly settings: BootstrapSettings;
  /** Region of the RAM calls. */
  readonly region: string;
}

export class OrganizationStack extends BootstrapStack {
  readonly sharing: RamSharingWithOrganization;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    const provider = this.adminProvider(props.env.organization.managementAccountId, props.region, props.settings.adminRoleName);
    this.sharing = new RamSharingWithOrganization(this, 'ram-sharing', { provider, lifecycle: { preventDestroy: true } });
  }
}
