/**
 * The shape of an environment file. Data only: every field a landing-zone team edits lives
 * here, with its default stated. Validation lives in `lib/config/validate/`.
 */

/**
 * An Availability Zone, by id (`use1-az1`) or by name (`us-east-1a`). Names map to physical zones
 * per account, ids do not: use ids wherever AZs of two accounts must meet (a consumer and the
 * service it reaches). One VPC uses one kind; subnets are carved by the id's number or the
 * name's letter, and placed by id or name.
 */
export type AvailabilityZone = string;

/** AWS account id: exactly 12 digits, as a string (leading zeros matter). */
export type AccountId = string;

/** An IPv4 CIDR block such as `10.20.0.0/16`. */
export type Cidr = string;

/** Remote state in S3, one key per stack, encrypted and locked with S3 native lockfiles. */
export interface S3StateConfig {
  readonly kind: 's3';
  /** Bucket that holds every stack's state. */
  readonly bucket: string;
  /** Region of the bucket. */
  readonly region: string;
  /** Key prefix; each stack's state key is `<keyPrefix>/<stack id>.tfstate`. @default - the environment name */
  readonly keyPrefix?: string;
  /** KMS key (ARN or alias) for server-side encryption. @default - S3-managed keys (SSE-S3) */
  readonly kmsKeyId?: string;
  /** Role that reaches the state bucket (it may live in another account than the stacks' resources). @default - the caller's own credentials */
  readonly roleArn?: string;
}

/** Remote state in Terraform Cloud / HCP Terraform, one workspace per stack. */
export interface CloudStateConfig {
  readonly kind: 'cloud';
  /** Terraform Cloud organization. */
  readonly organization: string;
  /** Project the workspaces belong to. @default - the organization's default project */
  readonly project?: string;
  /** Workspace name prefix; each stack's workspace is `<workspacePrefix><stack id>`. @default '' */
  readonly workspacePrefix?: string;
  /** Hostname of Terraform Enterprise. @default 'app.terraform.io' */
  readonly hostname?: string;
}

export type StateConfig = S3StateConfig | CloudStateConfig;

/** The deploy roles trust one IAM role: your CI system's, which assumes them with `sts:AssumeRole`. */
export interface PrincipalTrustConfig {
  readonly kind: 'principal';
  /** ARN of the IAM role that runs Terraform, e.g. `arn:aws:iam::123456789012:role/ci-deploy`. */
  readonly arn: string;
}

/**
 * The deploy roles trust HCP Terraform dynamic provider credentials: each account gets an IAM
 * OIDC provider for HCP Terraform, and its deploy role admits web-identity tokens with audience
 * `aws.workload.identity` whose subject is one of the environment's workspaces that has a
 * provider in that account (`organization:<org>:project:<project>:workspace:<workspacePrefix><stack id>:run_phase:*`).
 * Needs `state.kind: 'cloud'` (the runs happen in those workspaces).
 */
export interface HcpTerraformTrustConfig {
  readonly kind: 'hcp-terraform';
  /** HCP Terraform organization; the one of `state.organization`. */
  readonly organization: string;
  /** Project of the workspaces. @default - `state.project`, else HCP Terraform's `Default Project` */
  readonly project?: string;
  /** HCP Terraform / Terraform Enterprise host name. @default - `state.hostname`, else 'app.terraform.io' */
  readonly hostname?: string;
}

/** Who may assume the deploy roles. */
export type BootstrapTrustConfig = PrincipalTrustConfig | HcpTerraformTrustConfig;

/**
 * The one-time bootstrap of an environment (`npm run bootstrap -- --env <name>`, run with
 * administrator credentials, like `cdk bootstrap`): the deploy role of every account with a
 * least-privilege policy generated from the environment's stacks, the state bucket (S3 state),
 * RAM sharing with AWS Organizations, and the HCP Terraform workspaces (cloud state).
 * Without it, nothing is bootstrapped and the app stacks are synthesized as before.
 */
export interface BootstrapConfig {
  /** Who assumes the deploy roles. */
  readonly trust: BootstrapTrustConfig;
  /** Account of the state bucket and its KMS key (S3 state only). @default - the network account */
  readonly stateAccountId?: AccountId;
  /** Days after which a noncurrent version of a state object expires (S3 state only). @default 90 */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Role the bootstrap assumes in each member account with the administrator credentials of the
   * management account; the management account itself is reached with those credentials directly.
   * @default 'OrganizationAccountAccessRole' (the role AWS Organizations creates in accounts it creates)
   */
  readonly adminRoleName?: string;
}

/** Routing rules of one segment (one TGW route table per segment and hub region). */
export interface SegmentConfig {
  /**
   * The address ranges of this segment's spokes: every consumer CIDR of the segment lies inside
   * one of them, and segments do not overlap. The hub's endpoint sets and the services' load
   * balancers admit traffic by these ranges, so a segment reaches only what is meant for it,
   * by IP too, and adding a consumer changes no hub or service stack.
   */
  readonly cidrs: readonly Cidr[];
  /** Whether spokes of this segment may reach each other through the TGW. @default false */
  readonly spokeToSpoke?: boolean;
}

/** A set of centralized AWS service endpoints, optionally reserved for some segments. */
export interface EndpointSetConfig {
  /** AWS service short names as in `com.amazonaws.<region>.<name>`, e.g. `sts`, `ecr.api`, `s3`. */
  readonly services: readonly string[];
  /** Segments whose spokes get these endpoints' hosted zones; not empty. @default - every segment */
  readonly segments?: readonly string[];
  /**
   * Endpoint policy document (JSON) applied to every endpoint of this set, replacing the defaults.
   * @default - each service's data-perimeter default (`defaultEndpointPolicy`, lib/aws/endpoint-policies.ts):
   *   organization identities to organization resources, plus the AWS-owned resources and
   *   service principals the service needs
   */
  readonly policy?: string;
}

/**
 * How spokes resolve the hub's centralized endpoint names (the hub's private hosted zones):
 * - `zone-associations`: each consumer stack associates every hub zone its segment receives
 *   with its VPC (authorization in the network account, association in the consumer's); at most
 *   300 VPCs per zone, and adding a centralized service changes every consumer stack of the
 *   segments that receive it;
 * - `profiles`: the hub holds one Route 53 Profile per segment with that segment's zones, shared
 *   through AWS RAM; each consumer stack associates its VPC with its segment's profile only
 *   (1,000 VPCs per profile, adjustable); adding a centralized service changes the hub stack only;
 * - `zone-associations+profiles`: the transition between the two, in either direction: consumers
 *   hold both the profile association and the zone associations (AWS answers from the directly
 *   associated zone, the same zone), so no step of the switch leaves a spoke without an answer.
 */
export type DnsMode = 'zone-associations' | 'zone-associations+profiles' | 'profiles';

/** The network (shared-services) hub of one region. */
export interface HubConfig {
  /** Hub VPC CIDR; one private subnet per AZ is carved from it (the AZ id's az1..az8, or a name's letter a..h, gives the slot). */
  readonly cidr: Cidr;
  /** Availability zones of the hub subnets, at least 2. */
  readonly azs: readonly string[];
  /** Private ASN of the Transit Gateway. */
  readonly asn: number;
  /**
   * Centralized interface endpoints, by endpoint-set name (the name keys its resources).
   * A service may appear in one set per hub: a VPC holds one private zone per name.
   */
  readonly endpointSets: Readonly<Record<string, EndpointSetConfig>>;
  /** How this hub's spokes resolve its endpoint names; overrides `network.dns`. @default - `network.dns` */
  readonly dns?: DnsMode;
}

/**
 * A Site-to-Site VPN from an on-premises network to the hub's Transit Gateway, in the network
 * account (only the TGW owner can attach a VPN to it): a customer gateway and a VPN connection.
 */
export interface OnPremisesVpnConfig {
  /** Public, static IPv4 address of the customer gateway device (the NAT device's, behind NAT). */
  readonly customerGatewayIp: string;
  /** BGP ASN of the customer gateway: not a Transit Gateway's ASN of the environment, not one AWS reserves. */
  readonly bgpAsn: number;
  /**
   * Static routing for devices without BGP: the blueprint adds a TGW route for each of the
   * network's CIDRs to the VPN attachment in every table that reaches on-premises.
   * @default false (BGP)
   */
  readonly staticRoutesOnly?: boolean;
}

/**
 * A Direct Connect gateway of the network account associated with the hub's Transit Gateway.
 * Cross-account association proposals (a DX gateway of another account) are out of scope.
 */
export interface OnPremisesDirectConnectConfig {
  /** The Direct Connect gateway id (a UUID), in the network account. */
  readonly gatewayId: string;
  /**
   * The prefixes AWS advertises to on-premises over the transit virtual interface (exactly
   * these, not a filter): at most 200, each inside the hub CIDR or a range of a segment in
   * `reach.segments`, and the hub CIDR covered.
   */
  readonly allowedPrefixes: readonly Cidr[];
}

/** Which spokes an on-premises network reaches (and is reached from) through the hub's TGW. */
export interface OnPremisesReachConfig {
  /** Segments whose spokes in the network's region reach it, both ways. @default [] (the hub only) */
  readonly segments?: readonly string[];
}

/**
 * An on-premises network connected to the hub of its region over a VPN or Direct Connect
 * (exactly one): it always reaches the hub's centralized endpoints and its Route 53 Resolver
 * inbound endpoint, and the spokes of `reach.segments`.
 */
export interface OnPremisesConfig {
  /** Region of the hub it connects to. */
  readonly region: string;
  /** Its address ranges: outside every VPC and segment range of the environment. */
  readonly cidrs: readonly Cidr[];
  readonly vpn?: OnPremisesVpnConfig;
  readonly directConnect?: OnPremisesDirectConnectConfig;
  /** @default - the hub only */
  readonly reach?: OnPremisesReachConfig;
  /**
   * Domains the spokes of `reach.segments` resolve through on-premises DNS: the hub gets a
   * Route 53 Resolver outbound endpoint and one forwarding rule per domain, shared with those
   * spokes (through RAM, or through their profile in profiles mode). @default []
   */
  readonly forwardDomains?: readonly string[];
  /** The on-premises DNS servers the forwarding rules send to (inside `cidrs`); required with `forwardDomains`. @default [] */
  readonly dnsServers?: readonly string[];
}

/** The network (shared-services) account with one hub per region. */
export interface NetworkConfig {
  readonly accountId: AccountId;
  /** Hubs keyed by region name. Regional hubs are peered with each other. */
  readonly hubs: Readonly<Record<string, HubConfig>>;
  /**
   * Who the Transit Gateway is shared with through AWS RAM: the whole organization, or
   * only the consumer accounts (each consumer stack then adds its own account to the share).
   * @default 'organization'
   */
  readonly shareWith?: 'organization' | 'accounts';
  /** How spokes resolve the hubs' endpoint names (see {@link DnsMode}); a hub may override it. @default 'zone-associations' */
  readonly dns?: DnsMode;
  /** On-premises networks by DNS-safe name (the name keys their resources). @default {} */
  readonly onPremises?: Readonly<Record<string, OnPremisesConfig>>;
}

/** One listener of a published service. */
export interface ListenerConfig {
  /** Listener and target port, 1-65535. */
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'TLS';
  /** ACM certificate ARN, required for TLS. */
  readonly certificateArn?: string;
}

/**
 * A service of the organization published through PrivateLink: an internal NLB in its own
 * VPC of the owner account, and a VPC endpoint service on it. One stack per service.
 */
export interface PublishedServiceConfig {
  readonly kind: 'published';
  /** The owner (provider) account. Several services may share one account. */
  readonly accountId: AccountId;
  /** Region the service is published from. */
  readonly region: string;
  /** CIDR of the service's own VPC; one private subnet per AZ is carved from it. */
  readonly cidr: Cidr;
  /** AZs of the NLB (and of the VPC's subnets), at least 2. */
  readonly azs: readonly string[];
  readonly listeners: readonly ListenerConfig[];
  /** Target IP addresses inside the service VPC (target type `ip`). */
  readonly targets: readonly string[];
  /**
   * Private DNS name of the endpoint service (a domain the owner can verify). With it,
   * consumer endpoints turn private DNS on once the domain is verified; without it, each
   * consumer gets a private hosted zone named `consumerDnsName` aliasing its endpoint.
   * @default - none
   */
  readonly privateDnsName?: string;
  /** Public hosted zone (in the owner account) that receives the domain verification TXT record. @default - record not managed */
  readonly verificationZoneId?: string;
  /** Name consumers resolve when the service has no private DNS name. @default `<service>.<environment>.privatelink.internal` */
  readonly consumerDnsName?: string;
  /** Regions other than the service's from which consumers may connect (never the service's own). @default - every hub region other than the service's */
  readonly supportedRegions?: readonly string[];
}

/**
 * A service outside the organization (a SaaS vendor's endpoint service) that consumers reach
 * through interface endpoints. The vendor allows the consumer accounts and accepts their
 * connections on its side; nothing is deployed for it outside the consumer stacks.
 */
export interface ExternalServiceConfig {
  readonly kind: 'external';
  /** Who runs the service, for reports (e.g. 'Example Analytics Inc.'). @default - the service key */
  readonly vendor?: string;
  /**
   * The vendor's endpoint service name per region, as the vendor publishes it:
   * `{ 'us-east-1': 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' }`.
   * A consumer in one of these regions connects in-region.
   */
  readonly serviceNames: Readonly<Record<string, string>>;
  /** TCP ports the service listens on; the consumer endpoint's security group opens these. */
  readonly ports: readonly number[];
  /**
   * The private DNS name the vendor publishes (and has verified) on its endpoint service.
   * With it, consumer endpoints turn private DNS on once the vendor has accepted the
   * connection; without it, consumers get the private zone of `dns`.
   * @default - none: `dns` is required
   */
  readonly privateDnsName?: string;
  /** The names consumers resolve when the vendor publishes no private DNS name. @default - none */
  readonly dns?: ExternalServiceDns;
  /**
   * The region of the vendor's service that consumers in regions without a service name of
   * their own reach through cross-region PrivateLink; a key of `serviceNames`.
   * @default - no cross-region use
   */
  readonly serviceRegion?: string;
  /** Regions the vendor's service in `serviceRegion` accepts cross-region connections from. @default [] */
  readonly supportedRegions?: readonly string[];
}

/** A private hosted zone in each consumer VPC whose records alias the consumer's endpoint. */
export interface ExternalServiceDns {
  /** Zone name, e.g. `privatelink.vendor.example`. */
  readonly zoneName: string;
  /**
   * Record names relative to the zone: `''` is the zone apex, `'*'` a wildcard, `'api'` is
   * `api.<zoneName>`. Each becomes an alias A record to the endpoint.
   */
  readonly records: readonly string[];
}

/** The VPC resource behind a resource service: exactly one of the three. */
export type ResourceTarget =
  /** A DNS name resolvable from the owner VPC, such as a database endpoint. */
  | { readonly dnsName: string }
  /** An IPv4 address inside the owner VPC. */
  | { readonly ipAddress: string }
  /** The ARN of a supported AWS resource (for example an Amazon RDS database). */
  | { readonly arn: string };

/**
 * A VPC resource (a database, a host) shared with consumer accounts through PrivateLink
 * resource endpoints (VPC Lattice resource gateway and resource configuration).
 */
export interface ResourceServiceConfig {
  readonly kind: 'resource';
  /** The account that owns the resource. */
  readonly accountId: AccountId;
  /** Region of the resource; resource endpoints do not cross regions. */
  readonly region: string;
  /** CIDR of the owner VPC the blueprint builds; the resource gateway has an ENI in each AZ. */
  readonly cidr: Cidr;
  /** AZs of the resource gateway (and of the VPC's subnets), at least 2. */
  readonly azs: readonly string[];
  /** What is shared. */
  readonly resource: ResourceTarget;
  /** TCP ports or ranges consumers may use, e.g. `['5432']` or `['8000-8010']`. */
  readonly portRanges: readonly string[];
  /** The name consumers resolve: a private hosted zone in each consumer VPC answers with its endpoint's addresses. @default `<service>.<environment>.privatelink.internal` */
  readonly consumerDnsName?: string;
}

/** A service in the catalog, by kind. */
export type ServiceConfig = PublishedServiceConfig | ExternalServiceConfig | ResourceServiceConfig;

/** The kinds of catalog services. */
export type ServiceKind = ServiceConfig['kind'];

/**
 * One consumer account with one spoke VPC. AZ names map to physical zones per account: for
 * a same-region consumer of a published service, pick AZs whose AZ ids (`use1-az1`, ...) the
 * service's NLB also covers, or the endpoint cannot be placed there.
 */
export interface ConsumerConfig {
  /** DNS-safe, unique among consumers and services; keys the consumer's stack and every resource it owns. */
  readonly name: string;
  readonly accountId: AccountId;
  readonly region: string;
  readonly cidr: Cidr;
  readonly azs: readonly string[];
  /** Segment name, a key of `segments`. */
  readonly segment: string;
  /** Services of the catalog this consumer reaches, by key of `services`; each gets its own endpoint. @default [] */
  readonly consumes?: readonly string[];
  /** Expected data through PrivateLink per consumed service per month, for the cost estimate. @default 100 */
  readonly expectedGbPerMonth?: number;
}

/**
 * AWS quotas an account has raised (by request), for the quota checks at synth. Missing fields
 * take AWS's default. Only adjustable quotas can be raised.
 */
export interface QuotaOverrides {
  /** VPCs associated with a private hosted zone. @default 300 */
  readonly privateHostedZoneVpcAssociations?: number;
  /** Attachments per Transit Gateway (not adjustable). @default 5000 */
  readonly transitGatewayAttachments?: number;
  /** Route tables per Transit Gateway. @default 20 */
  readonly transitGatewayRouteTables?: number;
  /** Routes per Transit Gateway. @default 10000 */
  readonly transitGatewayRoutes?: number;
  /** Interface VPC endpoints per VPC. @default 50 */
  readonly interfaceEndpointsPerVpc?: number;
  /** Inbound rules per security group. @default 60 */
  readonly securityGroupInboundRules?: number;
  /** Principals per RAM resource share (not adjustable). @default 5000 */
  readonly ramPrincipalsPerShare?: number;
  /** Network Load Balancers per account and region. @default 50 */
  readonly networkLoadBalancersPerRegion?: number;
  /** VPC Lattice resource configurations per account and region. @default 2000 */
  readonly resourceConfigurationsPerRegion?: number;
  /** Route 53 Profiles per account and region (the network account holds one per segment and hub). @default 5 */
  readonly profilesPerRegion?: number;
  /** VPCs associated with one Route 53 Profile. @default 1000 */
  readonly profileVpcAssociations?: number;
  /** Route 53 Profiles per VPC (not adjustable). @default 1 */
  readonly profilesPerVpc?: number;
}

/**
 * Per-region price overrides for the cost estimate (USD). Missing fields take the dated default
 * table (`lib/reports/cost/prices.ts`), whose fields the compiler holds to exactly these.
 */
export interface PriceOverrides {
  /** Interface endpoint, per endpoint per AZ per hour. */
  readonly endpointAzHour?: number;
  /** Interface endpoint data processed, per GB. */
  readonly endpointGb?: number;
  /** Resource endpoint (VPC endpoint of type `Resource`), per endpoint per hour (not per AZ). */
  readonly resourceEndpointHour?: number;
  /** Resource endpoint data processed, per GB. */
  readonly resourceEndpointGb?: number;
  /** Resource gateway (VPC Lattice) data processed, per GB; a resource gateway has no hourly charge. */
  readonly resourceGatewayGb?: number;
  /** Network Load Balancer, per hour. */
  readonly nlbHour?: number;
  /** NLB capacity unit, per NLCU-hour. */
  readonly nlbLcuHour?: number;
  /** Transit Gateway attachment, per attachment per hour. */
  readonly tgwAttachmentHour?: number;
  /** Transit Gateway data processing, per GB. */
  readonly tgwGb?: number;
  /** Route 53 hosted zone, per zone per month. */
  readonly hostedZoneMonth?: number;
  /** CloudWatch Logs ingestion of flow logs, per GB. */
  readonly flowLogGb?: number;
  /** Inter-region data transfer, per GB. */
  readonly interRegionGb?: number;
  /** Route 53 Profiles, per profile-owner account per hour, covering its first 100 profile-VPC associations. */
  readonly profilesBaseHour?: number;
  /** Route 53 Profiles, per profile-VPC association per hour beyond the first 100. */
  readonly profileAssociationHour?: number;
  /** Route 53 Resolver endpoint, per IP address (ENI) per hour. */
  readonly resolverEndpointIpHour?: number;
  /** Site-to-Site VPN connection, per connection per hour. */
  readonly vpnConnectionHour?: number;
}

export interface EnvironmentConfig {
  /** Environment name, DNS-safe; the prefix of every stack id. */
  readonly name: string;
  readonly organization: {
    /** AWS Organizations id, `o-` followed by 10-32 lowercase letters or digits. */
    readonly id: string;
    /** Management account, which forms the organization ARN used for RAM sharing. */
    readonly managementAccountId: AccountId;
    /** Aggregate CIDR every VPC of the environment lives in. */
    readonly cidr: Cidr;
  };
  /** IAM role name assumed in every account: `arn:aws:iam::<account>:role/<deployRoleName>`. */
  readonly deployRoleName: string;
  /** Tags on every resource, besides `environment` and `stack`. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  readonly state: StateConfig;
  /** How the environment is bootstrapped (deploy roles, state bucket, HCP Terraform workspaces). @default - not bootstrapped by the blueprint */
  readonly bootstrap?: BootstrapConfig;
  /** Segments by name; each gets one TGW route table per hub. */
  readonly segments: Readonly<Record<string, SegmentConfig>>;
  readonly network: NetworkConfig;
  /** The service catalog: services by DNS-safe name (the name keys stacks and resources). @default {} */
  readonly services?: Readonly<Record<string, ServiceConfig>>;
  readonly consumers: readonly ConsumerConfig[];
  /** Flow-log retention in CloudWatch Logs, days. @default 90 */
  readonly flowLogRetentionDays?: number;
  /** Price overrides per region for `npm run cost`. @default {} */
  readonly prices?: Readonly<Record<string, PriceOverrides>>;
  /** AWS quotas your accounts have raised, for the quota checks. @default - AWS's defaults */
  readonly quotas?: QuotaOverrides;
}
