/**
 * What one stack needs from another, as small interfaces: a consumer depends on these, not on
 * the blueprint's stack classes, so a team can plug in a hub or a service it already has (ids
 * given literally, or read from remote state) without building the blueprint's own stacks.
 */

/** A hub zone as a spoke sees it: which segments may associate it. */
export interface HubZone {
  readonly zoneId: string;
  /** Segments whose spokes get this zone. */
  readonly segments: readonly string[];
}

/** A segment's Route 53 Profile as a spoke sees it. */
export interface HubDnsProfile {
  readonly profileId: string;
  /** The RAM share of this profile, which a consumer joins with `shareWith: 'accounts'`. */
  readonly resourceShareArn: string;
}

/** An on-premises forwarding rule as a spoke sees it: which segments may associate it. */
export interface HubForwardingRuleRef {
  readonly ruleId: string;
  /** Segments whose spokes get this rule. */
  readonly segments: readonly string[];
}

/** What a spoke needs from a hub that has on-premises networks. */
export interface HubOnPremisesRef {
  /** The `onprem` TGW route table, into which the spokes of the reached segments propagate. */
  readonly routeTableId: string;
  /** Forwarding rules of on-premises domains by a stable key. */
  readonly forwardingRules: Readonly<Record<string, HubForwardingRuleRef>>;
  /** The RAM share of the forwarding rules, which a consumer joins with `shareWith: 'accounts'`, when there are rules. */
  readonly forwardingRuleShareArn?: string;
}

/** What a spoke needs from the network hub of its region. */
export interface HubRef {
  readonly transitGatewayId: string;
  /** The route table of the hub VPC attachment (and peerings). */
  readonly sharedRouteTableId: string;
  /** Route table id by segment name. */
  readonly segmentRouteTableIds: Readonly<Record<string, string>>;
  /** The RAM share of the TGW, which a consumer joins with `shareWith: 'accounts'`. */
  readonly resourceShareArn: string;
  /** The hub's private hosted zones by a stable key, with the segments that receive them. */
  readonly zones: Readonly<Record<string, HubZone>>;
  /** Each segment's Route 53 Profile, when the hub's DNS mode uses profiles. @default - none */
  readonly dnsProfiles?: Readonly<Record<string, HubDnsProfile>>;
  /** The hub's on-premises side, when it has on-premises networks. @default - none */
  readonly onPremises?: HubOnPremisesRef;
}

/** What a consumer needs from a published endpoint service. */
export interface PublishedServiceRef {
  readonly serviceId: string;
  readonly serviceName: string;
  /** The service id as read from its private DNS name's verification, when it has one. @default - no private DNS name */
  readonly verifiedServiceId?: string;
}

/** What a consumer needs from a shared VPC resource. */
export interface SharedResourceRef {
  readonly resourceConfigurationArn: string;
  readonly resourceShareArn: string;
}
