import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Route53ProfilesAssociation } from '@cdktf/provider-aws/lib/route53profiles-association';
import { Route53ProfilesProfile } from '@cdktf/provider-aws/lib/route53profiles-profile';
import { Route53ProfilesResourceAssociation } from '@cdktf/provider-aws/lib/route53profiles-resource-association';
import { addSpokeToShare, resourceShare, type SpokeRamShare } from './ram-share';

/** What one segment's profile holds. */
export interface SegmentProfileContent {
  /** ARNs of the hub's private hosted zones the segment receives, keyed by a stable name (`<set>/<service>`). */
  readonly zones: Readonly<Record<string, string>>;
  /** ARNs of the Resolver forwarding rules the segment receives, keyed by a stable name. @default {} */
  readonly resolverRules?: Readonly<Record<string, string>>;
}

export interface HubDnsProfilesProps {
  /** Provider of the network account in the hub's region. */
  readonly provider: TerraformProvider;
  /** Name stem of the profiles and their RAM shares. */
  readonly name: string;
  /** Each segment's profile content, by segment name. */
  readonly segments: Readonly<Record<string, SegmentProfileContent>>;
  /**
   * Organization ARN each profile is shared with. When undefined the shares have no principal
   * here and each consumer stack adds its own account (`shareWith: 'accounts'`).
   * @default - no organization principal
   */
  readonly organizationArn?: string;
}

/** A segment's profile as a spoke needs it. */
export interface SegmentProfile {
  readonly profileId: string;
  readonly profileArn: string;
  /** The RAM share of this profile alone (a consumer joins it with `shareWith: 'accounts'`). */
  readonly resourceShareArn: string;
}

/** A Route 53 Profile resource-association name: the API's pattern (letters, digits, `-`, `_`, space), at most 64 characters. */
export function profileResourceName(...parts: readonly string[]): string {
  const name = parts
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (name.length <= 64) return name;
  let hash = 0;
  for (const ch of name) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 55)}-${hash.toString(16).padStart(8, '0')}`;
}

/**
 * One Route 53 Profile per segment in the hub's account and region, holding the hub's private
 * hosted zones that segment receives (and its on-premises forwarding rules), each shared through
 * AWS RAM on its own, so a spoke associates one profile and reaches exactly its segment's names.
 * A VPC takes one profile (AssociateProfile: "A VPC can have only one Profile associated with
 * it"), hence one per segment rather than one per endpoint set. Adding a centralized service
 * adds a resource association here and changes no spoke.
 *
 * The profiles hold the blueprint's own zones (alias records to the centralized endpoints), never
 * the interface endpoints themselves: with provider 5.x an endpoint resource association fails
 * with "Provider produced inconsistent result after apply" and is tainted on every later plan,
 * because `resource_properties` is optional but not computed and AWS fills it in for endpoints
 * (hashicorp/terraform-provider-aws #42489, #42558, #43494; fixed in 6.3.0). Zones get no
 * resource properties, so `resource_properties` is left unset.
 */
export class HubDnsProfiles extends Construct {
  /** The profile of each segment. */
  readonly profiles: Readonly<Record<string, SegmentProfile>>;

  constructor(scope: Construct, id: string, props: HubDnsProfilesProps) {
    super(scope, id);
    const { provider } = props;
    const profiles: Record<string, SegmentProfile> = {};
    for (const segment of Object.keys(props.segments).sort()) {
      const content = props.segments[segment];
      const profile = new Route53ProfilesProfile(this, `profile-${segment}`, {
        provider,
        name: `${props.name}-${segment}`,
        tags: { Name: `${props.name}-${segment}`, segment },
      });
      for (const key of Object.keys(content.zones).sort()) {
        new Route53ProfilesResourceAssociation(this, `${segment}-zone-${key.replace(/[^A-Za-z0-9-]/g, '-')}`, {
          provider,
          name: profileResourceName(segment, key),
          profileId: profile.id,
          resourceArn: content.zones[key],
        });
      }
      const rules = content.resolverRules ?? {};
      for (const key of Object.keys(rules).sort()) {
        new Route53ProfilesResourceAssociation(this, `${segment}-rule-${key.replace(/[^A-Za-z0-9-]/g, '-')}`, {
          provider,
          name: profileResourceName(segment, 'rule', key),
          profileId: profile.id,
          resourceArn: rules[key],
        });
      }
      const share = resourceShare(this, `share-${segment}`, {
        provider,
        name: `${props.name}-dns-${segment}`,
        resources: { profile: profile.arn },
        organizationArn: props.organizationArn,
      });
      profiles[segment] = { profileId: profile.id, profileArn: profile.arn, resourceShareArn: share.arn };
    }
    this.profiles = profiles;
  }
}

export interface SpokeDnsProfileProps {
  /** Provider of the spoke's account and region (associates). */
  readonly spokeProvider: TerraformProvider;
  /** Provider of the network account in the same region (adds the account to the share). */
  readonly networkProvider: TerraformProvider;
  /** Association name (the spoke's name). */
  readonly name: string;
  readonly vpcId: string;
  readonly profileId: string;
  /**
   * The profile's RAM share and the spoke's account, when profiles are shared with listed
   * accounts instead of the whole organization. @default - shared with the organization
   */
  readonly ramShare?: SpokeRamShare;
}

/** Associates a spoke VPC with its segment's Route 53 Profile (the profile's owner shared it with the spoke's account). */
export class SpokeDnsProfile extends Construct {
  readonly associationId: string;

  constructor(scope: Construct, id: string, props: SpokeDnsProfileProps) {
    super(scope, id);
    const shared = addSpokeToShare(this, props.networkProvider, props.ramShare);
    const association = new Route53ProfilesAssociation(this, 'association', {
      provider: props.spokeProvider,
      name: profileResourceName(props.name),
      profileId: props.profileId,
      resourceId: props.vpcId,
      dependsOn: shared,
    });
    this.associationId = association.id;
  }
}
