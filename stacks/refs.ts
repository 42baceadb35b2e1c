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
