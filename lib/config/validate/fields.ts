/**
 * The fields each config object may hold, for the unknown-field check (typos in plain-JS
 * configs). Each list is checked against its type by the compiler: a field added to a type in
 * `types.ts` and not here, or listed here and not in the type, fails `tsc`.
 */
import type {
  BootstrapConfig,
  CloudStateConfig,
  HcpTerraformTrustConfig,
  PrincipalTrustConfig,
  ConsumerConfig,
  EndpointSetConfig,
  EnvironmentConfig,
  ExternalServiceConfig,
  ExternalServiceDns,
  HubConfig,
  ListenerConfig,
  NetworkConfig,
  OnPremisesConfig,
  OnPremisesDirectConnectConfig,
  OnPremisesReachConfig,
  OnPremisesVpnConfig,
  PriceOverrides,
  PublishedServiceConfig,
  ResourceServiceConfig,
  S3StateConfig,
  SegmentConfig,
} from '../types';

/** Every key of `T`, each once: `K` must list exactly the keys of `T`. */
type AllKeys<T, K extends readonly PropertyKey[]> = [Exclude<keyof T, K[number]>] extends [never]
  ? [Exclude<K[number], keyof T>] extends [never]
    ? K
    : { notInType: Exclude<K[number], keyof T> }
  : { missing: Exclude<keyof T, K[number]> };

/** The field names of `T`, checked by the compiler to be exactly its keys. */
function fieldsOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(...keys: K & AllKeys<T, K>): readonly string[] => keys;
}

/** Keys of the anonymous `organization` object of an environment. */
type OrganizationConfig = EnvironmentConfig['organization'];

export const FIELDS = {
  environment: fieldsOf<EnvironmentConfig>()(
    'name',
    'organization',
    'deployRoleName',
    'tags',
    'state',
    'bootstrap',
    'segments',
    'network',
    'services',
    'consumers',
    'flowLogRetentionDays',
    'prices',
    'quotas',
  ),
  organization: fieldsOf<OrganizationConfig>()('id', 'managementAccountId', 'cidr'),
  s3: fieldsOf<S3StateConfig>()('kind', 'bucket', 'region', 'keyPrefix', 'kmsKeyId', 'roleArn'),
  cloud: fieldsOf<CloudStateConfig>()('kind', 'organization', 'project', 'workspacePrefix', 'hostname'),
  bootstrap: fieldsOf<BootstrapConfig>()('trust', 'stateAccountId', 'noncurrentVersionExpirationDays', 'adminRoleName'),
  principalTrust: fieldsOf<PrincipalTrustConfig>()('kind', 'arn'),
  hcpTerraformTrust: fieldsOf<HcpTerraformTrustConfig>()('kind', 'organization', 'project', 'hostname'),
  segment: fieldsOf<SegmentConfig>()('cidrs', 'spokeToSpoke'),
  network: fieldsOf<NetworkConfig>()('accountId', 'hubs', 'shareWith', 'dns', 'onPremises'),
  hub: fieldsOf<HubConfig>()('cidr', 'azs', 'asn', 'endpointSets', 'dns'),
  onPremises: fieldsOf<OnPremisesConfig>()('region', 'cidrs', 'vpn', 'directConnect', 'reach', 'forwardDomains', 'dnsServers'),
  vpn: fieldsOf<OnPremisesVpnConfig>()('customerGatewayIp', 'bgpAsn', 'staticRoutesOnly'),
  directConnect: fieldsOf<OnPremisesDirectConnectConfig>()('gatewayId', 'allowedPrefixes'),
  reach: fieldsOf<OnPremisesReachConfig>()('segments'),
  endpointSet: fieldsOf<EndpointSetConfig>()('services', 'segments', 'policy'),
  published: fieldsOf<PublishedServiceConfig>()(
    'kind',
    'accountId',
    'region',
    'cidr',
    'azs',
    'listeners',
    'targets',
    'privateDnsName',
    'verificationZoneId',
    'consumerDnsName',
    'supportedRegions',
  ),
  external: fieldsOf<ExternalServiceConfig>()(
    'kind',
    'vendor',
    'serviceNames',
    'ports',
    'privateDnsName',
    'dns',
    'serviceRegion',
    'supportedRegions',
  ),
  externalDns: fieldsOf<ExternalServiceDns>()('zoneName', 'records'),
  resource: fieldsOf<ResourceServiceConfig>()('kind', 'accountId', 'region', 'cidr', 'azs', 'resource', 'portRanges', 'consumerDnsName'),
  listener: fieldsOf<ListenerConfig>()('port', 'protocol', 'certificateArn'),
  consumer: fieldsOf<ConsumerConfig>()('name', 'accountId', 'region', 'cidr', 'azs', 'segment', 'consumes', 'expectedGbPerMonth'),
  prices: fieldsOf<PriceOverrides>()(
    'endpointAzHour',
    'endpointGb',
    'resourceEndpointHour',
    'resourceEndpointGb',
    'resourceGatewayGb',
    'nlbHour',
    'nlbLcuHour',
    'tgwAttachmentHour',
    'tgwGb',
    'hostedZoneMonth',
    'flowLogGb',
    'interRegionGb',
    'profilesBaseHour',
    'profileAssociationHour',
    'resolverEndpointIpHour',
    'vpnConnectionHour',
  ),
} as const;

/** The three keys a resource target may have; exactly one is given. */
export const RESOURCE_TARGET_FIELDS = ['dnsName', 'ipAddress', 'arn'] as const;
