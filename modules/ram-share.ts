/**
 * RAM sharing of what the network account or a resource owner shares: the share with its resources and,
 * when given, the organization as principal; and a spoke's account added to a share that lists accounts.
 */
import type { Construct } from 'constructs';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';

export interface ResourceShareProps {
  /** Provider of the owner's account and region. */
  readonly provider: TerraformProvider;
  readonly name: string;
  /** ARNs of the shared resources, keyed by a stable name. @default {} */
  readonly resources?: Readonly<Record<string, string>>;
  /** Share with the whole organization (its ARN); otherwise principals are added one by one. */
  readonly organizationArn?: string;
}

/**
 * A RAM share without external principals (construct `id` of `scope`), holding `resources` (constructs
 * `<id>-<key>`, in the order given) and shared with the organization (`<id>-organization`) when given one.
 */
export function resourceShare(scope: Construct, id: string, props: ResourceShareProps): RamResourceShare {
  const { provider } = props;
  const share = new RamResourceShare(scope, id, { provider, name: props.name, allowExternalPrincipals: false });
  for (const [key, resourceArn] of Object.entries(props.resources ?? {})) {
    new RamResourceAssociation(scope, `${id}-${key}`, { provider, resourceShareArn: share.arn, resourceArn });
  }
  if (props.organizationArn) {
    new RamPrincipalAssociation(scope, `${id}-organization`, { provider, resourceShareArn: share.arn, principal: props.organizationArn });
  }
  return share;
}

/**
 * A hub resource's RAM share and a spoke's account, when the network account shares with listed
 * accounts instead of the whole organization.
 */
export interface SpokeRamShare {
  readonly arn: string;
  readonly accountId: string;
}

/**
 * Adds the spoke's account to the hub's RAM share (construct `share` of `scope`, in the network
 * account), when the share lists accounts.
 * @returns what the spoke's use of the shared resource depends on; undefined when shared with the organization
 */
export function addSpokeToShare(
  scope: Construct,
  networkProvider: TerraformProvider,
  ramShare: SpokeRamShare | undefined,
): ITerraformDependable[] | undefined {
  if (!ramShare) return undefined;
  return [
    new RamPrincipalAssociation(scope, 'share', {
      provider: networkProvider,
      resourceShareArn: ramShare.arn,
      principal: ramShare.accountId,
    }),
  ];
}
