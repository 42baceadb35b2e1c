/**
 * The shape of an environment file. Data only: every field a landing-zone team
 * edits lives here, with its default stated. Validation lives in `lib/config/validate.ts`.
 */

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

/** Routing rules of one segment (one TGW route table per segment and hub region). */
export interface SegmentConfig {
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
   * Endpoint policy document (JSON) applied to every endpoint of this set.
   * @default - allow any action only to principals of the organization (aws:PrincipalOrgID)
   */
  readonly policy?: string;
}

/** The network (shared-services) hub of one region. */
export interface HubConfig {
  /** Hub VPC CIDR; one private subnet per AZ is carved from it (AZ letter a..h gives the slot). */
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
}

/** One listener of the published service. */
export interface ListenerConfig {
  /** Listener and target port, 1-65535. */
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'TLS';
  /** ACM certificate ARN, required for TLS. */
  readonly certificateArn?: string;
}

/** The service published through PrivateLink. */
export interface ServiceConfig {
  /** DNS-safe service name; keys the provider stack and its resources. */
  readonly name: string;
  readonly listeners: readonly ListenerConfig[];
  /** Target IP addresses inside the provider VPC (target type `ip`). */
  readonly targets: readonly string[];
  /**
   * Private DNS name of the endpoint service (needs a domain the provider can verify).
   * With it, consumer endpoints turn private DNS on; without it, each consumer gets a
   * private hosted zone named `consumerDnsName` aliasing its endpoint.
   * @default - none
   */
  readonly privateDnsName?: string;
  /** Public hosted zone (in the provider account) that receives the domain verification TXT record. @default - record not managed */
  readonly verificationZoneId?: string;
  /** Name consumers resolve when the service has no private DNS name. @default `<name>.<environment>.privatelink.internal` */
  readonly consumerDnsName?: string;
  /** Regions other than the provider's from which consumers may connect (never the provider's own, which is implied). @default - every hub region other than the provider's */
  readonly supportedRegions?: readonly string[];
}

/** The service provider account. */
export interface ProviderConfig {
  readonly accountId: AccountId;
  readonly region: string;
  readonly cidr: Cidr;
  readonly azs: readonly string[];
  readonly service: ServiceConfig;
}

/**
 * One consumer account with one spoke VPC. AZ names map to physical zones per account: for
 * a same-region consumer, pick AZs whose AZ ids (`use1-az1`, ...) the provider's NLB also
 * covers, or the endpoint cannot be placed there.
 */
export interface ConsumerConfig {
  /** DNS-safe, unique; keys the consumer's stack and every resource it owns. */
  readonly name: string;
  readonly accountId: AccountId;
  readonly region: string;
  readonly cidr: Cidr;
  readonly azs: readonly string[];
  /** Segment name, a key of `segments`. */
  readonly segment: string;
  /** Expected data through PrivateLink per month, for the cost estimate. @default 100 */
  readonly expectedGbPerMonth?: number;
}

/** Per-region price overrides for the cost estimate (USD). Missing fields take the dated default table. */
export interface PriceOverrides {
  readonly endpointAzHour?: number;
  readonly endpointGb?: number;
  readonly nlbHour?: number;
  readonly nlbLcuHour?: number;
  readonly tgwAttachmentHour?: number;
  readonly tgwGb?: number;
  readonly hostedZoneMonth?: number;
  readonly flowLogGb?: number;
  readonly interRegionGb?: number;
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
  /** Segments by name; each gets one TGW route table per hub. */
  readonly segments: Readonly<Record<string, SegmentConfig>>;
  readonly network: NetworkConfig;
  readonly provider: ProviderConfig;
  readonly consumers: readonly ConsumerConfig[];
  /** Flow-log retention in CloudWatch Logs, days. @default 90 */
  readonly flowLogRetentionDays?: number;
  /** Price overrides per region for `npm run cost`. @default {} */
  readonly prices?: Readonly<Record<string, PriceOverrides>>;
}
