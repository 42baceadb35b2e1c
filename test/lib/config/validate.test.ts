import { environments } from '../../../environments';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { ConfigError, assertValid, formatProblems, validateEnvironment, validateEnvironments, type ConfigProblem } from '../../../lib/config/validate';

/** A deep-cloned environment the mutation may freely change (wrong types included, as from plain JS). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Draft = any;

function variant(base: EnvironmentConfig, mutate: (env: Draft) => void): EnvironmentConfig {
  const env = structuredClone(base) as Draft;
  mutate(env);
  return env as EnvironmentConfig;
}

/** `<path>: <message>` of every problem, in reported order. */
function lines(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${p.path}: ${p.message}`);
}

const ACCOUNT_FIX = "use the account's 12-digit id as a string, e.g. '123456789012'";
const DNS_SAFE_FIX = 'use 2-32 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit';
const US_EAST_1_AZS = 'us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f';
const CERT = 'arn:aws:acm:us-east-1:333333333333:certificate/5e4b3c2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f';

describe('shipped environments', () => {
  test('produce no problems', () => {
    expect(validateEnvironments(environments)).toEqual([]);
  });

  test.each(environments.map((e) => [e.name, e] as const))('%s is valid on its own', (_name, env) => {
    expect(validateEnvironment(env)).toEqual([]);
  });

  test('a hub without endpoint sets is valid', () => {
    expect(validateEnvironment(variant(prod, (e) => (e.network.hubs['eu-west-1'].endpointSets = {})))).toEqual([]);
  });

  test('optional settings with valid values are accepted', () => {
    const env = variant(prod, (e) => {
      e.network.shareWith = 'accounts';
      e.flowLogRetentionDays = 365;
      e.prices = { 'us-east-1': { nlbHour: 0.0225, endpointGb: 0 } };
      e.provider.service.privateDnsName = 'payments.example.com';
      e.provider.service.verificationZoneId = 'Z0123456789ABCDEFGHIJ';
      e.provider.service.listeners.push({ port: 8443 });
      e.network.hubs['us-east-1'].endpointSets.core.policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' }] });
      e.state = { kind: 's3', bucket: 'acme.tfstate-1', region: 'eu-west-1', keyPrefix: 'envs/prod', kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab', roleArn: 'arn:aws:iam::111111111111:role/tfstate/reader' };
    });
    expect(validateEnvironment(env)).toEqual([]);
    const cloud = variant(dev, (e) => (e.state = { kind: 'cloud', organization: 'acme', project: 'network', workspacePrefix: 'privatelink-', hostname: 'tfe.example.com' }));
    expect(validateEnvironment(cloud)).toEqual([]);
  });
});

type Case = readonly [title: string, base: EnvironmentConfig, mutate: (env: Draft) => void, expected: readonly string[]];

const cases: readonly Case[] = [
  // --- identity and accounts ---------------------------------------------------------------
  [
    'consumer account id too short',
    prod,
    (e) => (e.consumers[0].accountId = '12345'),
    [`consumers["checkout"].accountId: '12345' is not a 12-digit AWS account id; ${ACCOUNT_FIX}`],
  ],
  [
    'account id given as a number',
    prod,
    (e) => (e.network.accountId = 22222222222),
    ["network.accountId: must be a string, not the number 22222222222; quote it, e.g. '022222222222' (numbers lose leading zeros)"],
  ],
  [
    'management account missing',
    prod,
    (e) => delete e.organization.managementAccountId,
    [`organization.managementAccountId: is required; ${ACCOUNT_FIX}`],
  ],
  [
    'organization id malformed',
    prod,
    (e) => (e.organization.id = 'o-ABC'),
    ["organization.id: 'o-ABC' is not an AWS Organizations id; use 'o-' followed by 10-32 lowercase letters or digits, e.g. 'o-a1b2c3d4e5'"],
  ],
  [
    'environment name not DNS-safe',
    dev,
    (e) => (e.name = 'Dev_1'),
    [`name: 'Dev_1' is not DNS-safe; ${DNS_SAFE_FIX} (it becomes part of stack ids and resource names)`],
  ],
  [
    'deploy role name with a slash',
    prod,
    (e) => (e.deployRoleName = 'deploy/privatelink'),
    ["deployRoleName: 'deploy/privatelink' is not a valid IAM role name; use 1-64 letters, digits and + = , . @ _ - (no slashes or spaces)"],
  ],
  // --- regions and availability zones ------------------------------------------------------
  [
    'hub keyed by a misspelt region (its consumers lose their hub)',
    prod,
    (e) => {
      e.network.hubs['eu-wset-1'] = e.network.hubs['eu-west-1'];
      delete e.network.hubs['eu-west-1'];
    },
    [
      `network.hubs["eu-wset-1"]: 'eu-wset-1' is not a known AWS region; did you mean 'eu-west-1'?`,
      `consumers["ledger-eu"].region: 'eu-west-1' has no hub; add network.hubs["eu-west-1"] or move the consumer to a hub region ('us-east-1')`,
    ],
  ],
  [
    'provider region unknown',
    prod,
    (e) => (e.provider.region = 'us-east-3'),
    ["provider.region: 'us-east-3' is not a known AWS region; did you mean 'us-east-1' or 'us-east-2'?"],
  ],
  [
    'consumer region without a hub',
    dev,
    (e) => {
      e.consumers[1].region = 'us-west-2';
      e.consumers[1].azs = ['us-west-2a', 'us-west-2b'];
    },
    [`consumers["batch"].region: 'us-west-2' has no hub; add network.hubs["us-west-2"] or move the consumer to a hub region ('us-east-1')`],
  ],
  [
    'AZ of another region in a hub',
    prod,
    (e) => (e.network.hubs['us-east-1'].azs[2] = 'eu-west-1c'),
    [`network.hubs["us-east-1"].azs[2]: 'eu-west-1c' belongs to eu-west-1, not us-east-1; use a zone of us-east-1 (${US_EAST_1_AZS})`],
  ],
  [
    'AZ letter the region does not have',
    prod,
    (e) => (e.network.hubs['eu-west-1'].azs[1] = 'eu-west-1d'),
    [`network.hubs["eu-west-1"].azs[1]: 'eu-west-1d' is not an availability zone of eu-west-1; use one of eu-west-1a, eu-west-1b, eu-west-1c`],
  ],
  [
    'AZ id and region name instead of AZ names',
    prod,
    (e) => (e.consumers[2].azs = ['use1-az1', 'us-east-1']),
    [
      `consumers["staging"].azs[0]: 'use1-az1' is an AZ id; use the AZ name (${US_EAST_1_AZS}), by whose letter subnets are carved`,
      `consumers["staging"].azs[1]: 'us-east-1' is a region, not an availability zone; use a zone such as 'us-east-1a'`,
    ],
  ],
  [
    'duplicate AZ leaves a single zone',
    prod,
    (e) => (e.consumers[0].azs = ['us-east-1a', 'us-east-1a']),
    [
      `consumers["checkout"].azs[1]: 'us-east-1a' is listed twice (also consumers["checkout"].azs[0]); list each zone once`,
      `consumers["checkout"].azs: lists 1 availability zone; the subnets need at least 2, e.g. ['us-east-1a', 'us-east-1b']`,
    ],
  ],
  [
    'provider with one AZ: too few zones, and targets outside its only subnet',
    prod,
    (e) => (e.provider.azs = ['us-east-1a']),
    [
      `provider.azs: lists 1 availability zone; the subnets need at least 2, e.g. ['us-east-1a', 'us-east-1b']`,
      `provider.service.targets[1]: '10.1.1.10' is in no subnet of the provider's zones (us-east-1a 10.1.0.0/24); use an address inside one of them`,
      `provider.service.targets[2]: '10.1.2.10' is in no subnet of the provider's zones (us-east-1a 10.1.0.0/24); use an address inside one of them`,
    ],
  ],
  // --- CIDRs --------------------------------------------------------------------------------
  [
    'CIDR with host bits set',
    prod,
    (e) => (e.consumers[2].cidr = '10.18.0.1/21'),
    [`consumers["staging"].cidr: '10.18.0.1/21' has host bits set; did you mean '10.18.0.0/21'?`],
  ],
  [
    'CIDR that does not parse',
    prod,
    (e) => (e.organization.cidr = '10.0.0.0/33'),
    [`organization.cidr: '10.0.0.0/33' is not a valid IPv4 CIDR; use the form a.b.c.d/n, e.g. '10.20.0.0/22'`],
  ],
  [
    'CIDR outside organization.cidr',
    prod,
    (e) => (e.consumers[2].cidr = '192.168.0.0/21'),
    [`consumers["staging"].cidr: '192.168.0.0/21' is outside organization.cidr '10.0.0.0/8'; pick a block inside it`],
  ],
  [
    'hub CIDR larger than /16 overlaps the other VPCs it swallows',
    prod,
    (e) => (e.network.hubs['us-east-1'].cidr = '10.0.0.0/12'),
    [
      `network.hubs["us-east-1"].cidr: '10.0.0.0/12' is larger than AWS allows for a VPC (/16 to /28); use a /16 or smaller block`,
      `network.hubs["eu-west-1"].cidr: '10.0.8.0/21' overlaps network.hubs["us-east-1"].cidr '10.0.0.0/12'; give every VPC of the environment its own address range`,
      `provider.cidr: '10.1.0.0/21' overlaps network.hubs["us-east-1"].cidr '10.0.0.0/12'; give every VPC of the environment its own address range`,
    ],
  ],
  [
    'consumer CIDR too small for the AZ subnets',
    prod,
    (e) => (e.consumers[2].cidr = '10.18.0.0/26'),
    [`consumers["staging"].cidr: '10.18.0.0/26' is too small for the per-AZ subnets: each AZ letter takes a /29 slot and AWS's smallest subnet is /28; use a /25 or larger block`],
  ],
  [
    'two consumers overlap',
    prod,
    (e) => (e.consumers[2].cidr = '10.16.4.0/22'),
    [`consumers["staging"].cidr: '10.16.4.0/22' overlaps consumers["checkout"].cidr '10.16.0.0/21'; give every VPC of the environment its own address range`],
  ],
  // --- provider targets ---------------------------------------------------------------------
  [
    'target not an IP address',
    prod,
    (e) => (e.provider.service.targets[0] = '10.1.0.256'),
    [`provider.service.targets[0]: '10.1.0.256' is not a valid IPv4 address; use an address inside the provider VPC ('10.1.0.0/21')`],
  ],
  [
    'target outside the provider VPC, duplicate target, AWS-reserved target',
    prod,
    (e) => e.provider.service.targets.push('10.2.0.10', '10.1.0.10', '10.1.1.255'),
    [
      `provider.service.targets[3]: '10.2.0.10' is outside provider.cidr '10.1.0.0/21'; targets must be addresses in the provider VPC`,
      `provider.service.targets[4]: '10.1.0.10' is listed twice (also targets[0]); list each target once`,
      `provider.service.targets[5]: '10.1.1.255' is reserved by AWS in subnet 10.1.1.0/24 (us-east-1b: the first four addresses and the last); use another address`,
    ],
  ],
  [
    'no targets',
    prod,
    (e) => (e.provider.service.targets = []),
    ['provider.service.targets: lists no target; add at least one IP address inside the provider VPC'],
  ],
  // --- names and segments -------------------------------------------------------------------
  [
    'consumer name not DNS-safe is addressed by index',
    prod,
    (e) => (e.consumers[1].name = 'Ledger_EU'),
    [`consumers[1].name: 'Ledger_EU' is not DNS-safe; ${DNS_SAFE_FIX} (it becomes part of stack ids and resource names)`],
  ],
  [
    'duplicate consumer names',
    dev,
    (e) => (e.consumers[1].name = 'web'),
    [`consumers[1].name: 'web' is also the name of consumers[0]; consumer names must be unique (they key stacks and resources)`],
  ],
  [
    'service name not DNS-safe',
    prod,
    (e) => (e.provider.service.name = 'payments-'),
    [`provider.service.name: 'payments-' is not DNS-safe; ${DNS_SAFE_FIX} (it becomes part of stack ids and resource names)`],
  ],
  [
    'consumer in an unknown segment',
    prod,
    (e) => (e.consumers[2].segment = 'staging'),
    [`consumers["staging"].segment: 'staging' is not a segment; use one of 'prod', 'nonprod' (the keys of segments)`],
  ],
  [
    'reserved and non-DNS-safe segment names',
    prod,
    (e) => {
      e.segments['shared-services'] = {};
      e.segments.Dev = { spokeToSpoke: 'yes' };
    },
    [
      `segments["shared-services"]: 'shared-services' is reserved for the hub route table; choose another segment name`,
      `segments["Dev"]: 'Dev' is not a DNS-safe segment name; ${DNS_SAFE_FIX}`,
      `segments["Dev"].spokeToSpoke: must be true or false, not the string 'yes'`,
    ],
  ],
  [
    'no segment at all',
    dev,
    (e) => (e.segments = {}),
    [
      'segments: has no segment; add at least one, e.g. { prod: { spokeToSpoke: false } }',
      `consumers["web"].segment: 'nonprod' is not a segment; define it in segments first`,
      `consumers["batch"].segment: 'nonprod' is not a segment; define it in segments first`,
    ],
  ],
  // --- hubs and endpoint sets ---------------------------------------------------------------
  [
    'endpoint set reserved for an unknown segment',
    prod,
    (e) => (e.network.hubs['us-east-1'].endpointSets.data.segments = ['prd']),
    [`network.hubs["us-east-1"].endpointSets["data"].segments[0]: 'prd' is not a segment; use one of 'prod', 'nonprod' (the keys of segments)`],
  ],
  [
    'unknown service names suggest the nearest known ones',
    prod,
    (e) => e.network.hubs['eu-west-1'].endpointSets.core.services.push('ecr-api', 'com.amazonaws.eu-west-1.ssm', 'no-such-service'),
    [
      `network.hubs["eu-west-1"].endpointSets["core"].services[4]: 'ecr-api' is not a known interface endpoint service; did you mean 'ecr.api'?`,
      `network.hubs["eu-west-1"].endpointSets["core"].services[5]: 'com.amazonaws.eu-west-1.ssm' is a full service name; use the short name 'ssm'`,
      `network.hubs["eu-west-1"].endpointSets["core"].services[6]: 'no-such-service' is not a known interface endpoint service; use a short name as in com.amazonaws.<region>.<name>, e.g. 'sts' or 'ecr.api' (see lib/aws/catalog.ts)`,
    ],
  ],
  [
    'service twice in a set and in two sets of one hub',
    prod,
    (e) => {
      e.network.hubs['us-east-1'].endpointSets.core.services.push('sts');
      e.network.hubs['us-east-1'].endpointSets.data.services.push('s3');
    },
    [
      `network.hubs["us-east-1"].endpointSets["core"].services[4]: 'sts' is listed twice (also services[0]); list each service once`,
      `network.hubs["us-east-1"].endpointSets["data"].services[2]: 's3' is also in endpoint set 'core'; a hub has one endpoint (and one private hosted zone) per service, so keep it in one set`,
    ],
  ],
  [
    'endpoint set name not DNS-safe and empty',
    dev,
    (e) => (e.network.hubs['us-east-1'].endpointSets.Core = { services: [] }),
    [
      `network.hubs["us-east-1"].endpointSets["Core"]: 'Core' is not a DNS-safe endpoint set name; ${DNS_SAFE_FIX} (it names resources)`,
      `network.hubs["us-east-1"].endpointSets["Core"].services: lists no service; add at least one, e.g. 'sts', or remove the endpoint set`,
    ],
  ],
  [
    'endpoint policies that are not JSON or have no Statement',
    prod,
    (e) => {
      e.network.hubs['us-east-1'].endpointSets.core.policy = '{ Statement: [] ';
      e.network.hubs['eu-west-1'].endpointSets.core.policy = JSON.stringify({ Version: '2012-10-17' });
    },
    [
      `network.hubs["us-east-1"].endpointSets["core"].policy: is not valid JSON; give a policy document as a JSON string, e.g. JSON.stringify({ Version: '2012-10-17', Statement: [...] })`,
      `network.hubs["eu-west-1"].endpointSets["core"].policy: has no Statement; an endpoint policy document needs a non-empty "Statement"`,
    ],
  ],
  [
    'hub ASN outside the private range',
    prod,
    (e) => (e.network.hubs['us-east-1'].asn = 65535),
    ['network.hubs["us-east-1"].asn: 65535 is not a private ASN a Transit Gateway accepts; use 64512-65534 or 4200000000-4294967294'],
  ],
  [
    'two hubs share an ASN',
    prod,
    (e) => (e.network.hubs['eu-west-1'].asn = 64512),
    ['network.hubs["eu-west-1"].asn: 64512 is also the ASN of network.hubs["us-east-1"]; peered Transit Gateways need distinct ASNs'],
  ],
  [
    'RAM sharing mode unknown',
    prod,
    (e) => (e.network.shareWith = 'org'),
    ["network.shareWith: 'org' is not a sharing mode; use 'organization' or 'accounts'"],
  ],
  // --- listeners ----------------------------------------------------------------------------
  [
    'port out of range and duplicate port',
    dev,
    (e) => e.provider.service.listeners.push({ port: 0 }, { port: 443, protocol: 'TCP' }),
    [
      'provider.service.listeners[1].port: 0 is not a valid port; use an integer from 1 to 65535',
      'provider.service.listeners[2].port: 443 is also the port of provider.service.listeners[0]; each listener needs its own port',
    ],
  ],
  [
    'unsupported protocol',
    dev,
    (e) => (e.provider.service.listeners[0].protocol = 'UDP'),
    ["provider.service.listeners[0].protocol: 'UDP' is not supported; use 'TCP' or 'TLS'"],
  ],
  [
    'TLS listener without a certificate',
    dev,
    (e) => (e.provider.service.listeners[0].protocol = 'TLS'),
    ["provider.service.listeners[0].certificateArn: is required; protocol 'TLS' needs the ARN of an ACM certificate in us-east-1 of account 333333333333"],
  ],
  [
    'TCP listener with a certificate',
    dev,
    (e) => (e.provider.service.listeners[0].certificateArn = CERT),
    ["provider.service.listeners[0].certificateArn: is only used with protocol 'TLS'; remove it or set protocol: 'TLS'"],
  ],
  [
    'certificate of another region and account',
    prod,
    (e) => (e.provider.service.listeners[0].certificateArn = 'arn:aws:acm:eu-west-1:444444444444:certificate/abc'),
    [
      "provider.service.listeners[0].certificateArn: 'arn:aws:acm:eu-west-1:444444444444:certificate/abc' is in eu-west-1; the load balancer needs a certificate in the provider's region us-east-1",
      "provider.service.listeners[0].certificateArn: 'arn:aws:acm:eu-west-1:444444444444:certificate/abc' belongs to account 444444444444; the load balancer can only use certificates of the provider account 333333333333",
    ],
  ],
  [
    'certificate that is not an ACM ARN',
    prod,
    (e) => (e.provider.service.listeners[0].certificateArn = 'my-cert'),
    ["provider.service.listeners[0].certificateArn: 'my-cert' is not an ACM certificate ARN; use 'arn:aws:acm:<region>:<account>:certificate/<id>' of a certificate in us-east-1 of account 333333333333"],
  ],
  // --- supported regions and DNS ------------------------------------------------------------
  [
    'supported regions miss a consumer region',
    prod,
    (e) => (e.provider.service.supportedRegions = []),
    [`provider.service.supportedRegions: does not include 'eu-west-1', the region of consumer 'ledger-eu'; add 'eu-west-1' so it can connect through cross-region PrivateLink`],
  ],
  [
    "supported regions list the provider's region and an unknown one",
    prod,
    (e) => (e.provider.service.supportedRegions = ['us-east-1', 'eu-west-1', 'mars-1']),
    [
      "provider.service.supportedRegions[0]: 'us-east-1' is the provider's own region, which is always supported; remove it",
      "provider.service.supportedRegions[2]: 'mars-1' is not a known AWS region; use a commercial region name such as 'us-east-1' or 'eu-west-1' (see lib/aws/catalog.ts)",
    ],
  ],
  [
    'private DNS settings that do not fit together',
    prod,
    (e) => {
      e.provider.service.privateDnsName = 'Payments..example.com';
      e.provider.service.consumerDnsName = 'payments.internal';
    },
    [
      "provider.service.privateDnsName: 'Payments..example.com' is not a valid DNS name; use a lowercase name such as 'orders.example.com' (labels of letters, digits and hyphens, no trailing dot)",
      'provider.service.consumerDnsName: is only used when the service has no privateDnsName; remove one of them',
    ],
  ],
  [
    'verification zone without a private DNS name, malformed',
    prod,
    (e) => (e.provider.service.verificationZoneId = '/hostedzone/Z123'),
    [
      'provider.service.verificationZoneId: is only used with privateDnsName; remove it or set provider.service.privateDnsName',
      "provider.service.verificationZoneId: '/hostedzone/Z123' is not a Route 53 hosted zone id; use the id of the public zone, e.g. 'Z0123456789ABCDEFGHIJ' (without '/hostedzone/')",
    ],
  ],
  [
    'consumer DNS name invalid',
    dev,
    (e) => (e.provider.service.consumerDnsName = 'orders.internal.'),
    ["provider.service.consumerDnsName: 'orders.internal.' is not a valid DNS name; use a lowercase name such as 'orders.internal' (labels of letters, digits and hyphens, no trailing dot)"],
  ],
  // --- state --------------------------------------------------------------------------------
  [
    'S3 state settings all wrong',
    prod,
    (e) =>
      (e.state = { kind: 's3', bucket: 'Acme_State', region: 'us-east', keyPrefix: '/envs/prod/', kmsKeyId: 'my key', roleArn: 'arn:aws:iam::123:role/x' }),
    [
      "state.bucket: 'Acme_State' is not a valid S3 bucket name; use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, without '..' and not shaped like an IP address",
      "state.region: 'us-east' is not a known AWS region; did you mean 'us-east-1' or 'us-east-2'?",
      "state.keyPrefix: '/envs/prod/' must not start or end with '/'; use 'envs/prod'",
      "state.kmsKeyId: 'my key' is not a KMS key ARN, alias or key id; use e.g. 'alias/tfstate' or 'arn:aws:kms:us-east-1:123456789012:key/<key id>'",
      "state.roleArn: 'arn:aws:iam::123:role/x' is not an IAM role ARN; use 'arn:aws:iam::<12-digit account>:role/<role name>'",
    ],
  ],
  [
    'S3 state bucket missing',
    dev,
    (e) => {
      delete e.state.bucket;
      e.state.region = 'eu-west-1';
    },
    ["state.bucket: is required; give the name of the state bucket, e.g. 'acme-privatelink-tfstate'"],
  ],
  [
    'S3 state bucket shaped like an IP address',
    dev,
    (e) => (e.state.bucket = '192.168.1.1'),
    [
      "state.bucket: '192.168.1.1' is not a valid S3 bucket name; use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, without '..' and not shaped like an IP address",
    ],
  ],
  [
    'Terraform Cloud state settings wrong',
    dev,
    (e) => (e.state = { kind: 'cloud', organization: 'acme corp', project: ' ', workspacePrefix: 'pl.' }),
    [
      "state.organization: 'acme corp' is not a valid Terraform Cloud organization name; use letters, digits, '_' and '-'",
      "state.project: is empty; give the project name or omit project to use the organization's default project",
      "state.workspacePrefix: 'pl.' has characters workspace names cannot hold; use letters, digits, '_' and '-'",
    ],
  ],
  [
    'unknown state backend',
    dev,
    (e) => (e.state = { kind: 'gcs', bucket: 'x' }),
    ["state.kind: 'gcs' is not a supported state backend; use 's3' or 'cloud'"],
  ],
  // --- tags, retention, cost ----------------------------------------------------------------
  [
    'reserved, aws: and over-long tags',
    prod,
    (e) => (e.tags = { environment: 'prod', 'aws:owner': 'me', note: 'x'.repeat(257), count: 3 }),
    [
      `tags["environment"]: 'environment' is set by the blueprint on every resource; remove it from tags`,
      `tags["aws:owner"]: 'aws:owner' starts with 'aws:', which AWS reserves; rename the tag`,
      'tags["note"]: the value is 257 characters long; tag values may have at most 256',
      'tags["count"]: must be a string, not the number 3',
    ],
  ],
  [
    'flow-log retention CloudWatch does not accept',
    dev,
    (e) => (e.flowLogRetentionDays = 45),
    ['flowLogRetentionDays: 45 is not a retention period CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653'],
  ],
  [
    'negative and non-finite expected traffic',
    prod,
    (e) => {
      e.consumers[0].expectedGbPerMonth = -1;
      e.consumers[1].expectedGbPerMonth = Infinity;
    },
    [
      'consumers["checkout"].expectedGbPerMonth: -1 is not a valid amount; use a finite number of GB >= 0',
      'consumers["ledger-eu"].expectedGbPerMonth: Infinity is not a valid amount; use a finite number of GB >= 0',
    ],
  ],
  [
    'price overrides for an unknown region, with a typo and a negative price',
    prod,
    (e) => (e.prices = { 'us-east-1': { nlbHours: 0.02, tgwGb: -0.02 }, 'eu-west-9': {} }),
    [
      `prices["us-east-1"].nlbHours: is not a known field; did you mean 'nlbHour'?`,
      'prices["us-east-1"].tgwGb: -0.02 is not a valid price; use a finite number of USD >= 0',
      `prices["eu-west-9"]: 'eu-west-9' is not a known AWS region; did you mean 'eu-west-1', 'eu-west-2' or 'eu-west-3'?`,
    ],
  ],
  // --- plain-JS configs: missing fields, wrong types, typos ---------------------------------
  [
    'missing arrays and objects are reported, not thrown',
    dev,
    (e) => {
      delete e.provider.service.listeners;
      e.consumers[0].azs = undefined;
      e.network.hubs['us-east-1'].endpointSets = null;
    },
    [
      'network.hubs["us-east-1"].endpointSets: must be an object, not null',
      "provider.service.listeners: is required; give at least one listener, e.g. [{ port: 443, protocol: 'TCP' }]",
      "consumers[\"web\"].azs: is required; list at least 2 availability zones, e.g. ['us-east-1a', 'us-east-1b']",
    ],
  ],
  [
    'misspelt optional field',
    dev,
    (e) => (e.consumers[0].expectedGBPerMonth = 10),
    [`consumers["web"].expectedGBPerMonth: is not a known field; did you mean 'expectedGbPerMonth'?`],
  ],
  [
    'several problems across the environment, all reported in field order',
    prod,
    (e) => {
      e.consumers[1].cidr = '10.0.8.0/22'; // overlaps the eu-west-1 hub (reported last, with the other cross-field checks)
      e.flowLogRetentionDays = 10;
      e.consumers[0].accountId = '4444';
      e.network.hubs['eu-west-1'].asn = 1;
      e.organization.id = 'org-1';
      e.provider.service.supportedRegions = ['ap-southeast-2'];
    },
    [
      "organization.id: 'org-1' is not an AWS Organizations id; use 'o-' followed by 10-32 lowercase letters or digits, e.g. 'o-a1b2c3d4e5'",
      'network.hubs["eu-west-1"].asn: 1 is not a private ASN a Transit Gateway accepts; use 64512-65534 or 4200000000-4294967294',
      `consumers["checkout"].accountId: '4444' is not a 12-digit AWS account id; ${ACCOUNT_FIX}`,
      'flowLogRetentionDays: 10 is not a retention period CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      `provider.service.supportedRegions: does not include 'eu-west-1', the region of consumer 'ledger-eu'; add 'eu-west-1' so it can connect through cross-region PrivateLink`,
      `consumers["ledger-eu"].cidr: '10.0.8.0/22' overlaps network.hubs["eu-west-1"].cidr '10.0.8.0/21'; give every VPC of the environment its own address range`,
    ],
  ],
];

describe('invalid environments', () => {
  test('the table has at least 35 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
  });

  test.each(cases)('%s', (_title, base, mutate, expected) => {
    const env = variant(base, mutate);
    const problems = validateEnvironment(env);
    expect(lines(problems)).toEqual(expected);
    const name = (env as Draft).name as string;
    expect(problems.every((p) => p.environment === name)).toBe(true);
  });
});

describe('malformed input never throws', () => {
  test.each([
    ['null', null, ['environment: must be an object, not null']],
    ['an array', [], ['environment: must be an object, not an array']],
  ] as const)('%s', (_title, input, expected) => {
    expect(lines(validateEnvironment(input as unknown as EnvironmentConfig))).toEqual(expected);
  });

  test('an empty object reports every required section', () => {
    const problems = validateEnvironments([{} as EnvironmentConfig]);
    expect(problems.every((p) => p.environment === 'environments[0]')).toBe(true);
    expect(lines(problems)).toEqual([
      `name: is required; give a DNS-safe environment name (${DNS_SAFE_FIX})`,
      'organization: is required; give { id, managementAccountId, cidr }',
      "deployRoleName: is required; give the IAM role name assumed in every account, e.g. 'privatelink-deploy'",
      "state: is required; give { kind: 's3', bucket, region } or { kind: 'cloud', organization }",
      'segments: is required; give at least one segment, e.g. { prod: { spokeToSpoke: false } }',
      'network: is required; give { accountId, hubs }',
      'provider: is required; give { accountId, region, cidr, azs, service }',
      'consumers: is required; list the consumer accounts, or [] for none',
    ]);
  });

  test('wrong types everywhere', () => {
    const env = variant(dev, (e) => {
      e.organization = 'acme';
      e.segments = [];
      e.network.hubs['us-east-1'].azs = 'us-east-1a';
      e.network.hubs['us-east-1'].asn = '64612';
      e.provider.service.targets = [10];
      e.consumers = [42, { ...e.consumers[1] }];
    });
    expect(lines(validateEnvironment(env))).toEqual([
      'organization: must be an object, not the string \'acme\'',
      'segments: must be an object, not an array',
      'network.hubs["us-east-1"].azs: must be an array, not the string \'us-east-1a\'',
      'network.hubs["us-east-1"].asn: must be a number, not the string \'64612\'',
      'provider.service.targets[0]: must be a string, not the number 10',
      'consumers[0]: must be an object, not the number 42',
      "consumers[\"batch\"].segment: 'nonprod' is not a segment; define it in segments first",
    ]);
  });
});

describe('robustness', () => {
  /** Every path to a value inside a config: ['network', 'hubs', 'us-east-1', 'azs', 0], ... */
  function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== 'object' || value === null) return [prefix];
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  }

  const replacements: readonly unknown[] = [undefined, null, 0, -1, 'x', '', [], {}, [null], true, NaN];
  const targets = [dev, prod].flatMap((base) => pathsOf(base).filter((p) => p.length > 0).map((p) => [base, p] as const));

  test('replacing any field with any wrong value never throws, and every problem names the field path', () => {
    let checked = 0;
    for (const [base, path] of targets) {
      for (const replacement of replacements) {
        const env = variant(base, (e) => {
          let parent = e;
          for (const k of path.slice(0, -1)) parent = parent[k];
          parent[path[path.length - 1]] = replacement;
        });
        const problems = validateEnvironments([env]);
        for (const p of problems) {
          expect(p.message).not.toMatch(/validation failed unexpectedly/);
          expect(typeof p.path).toBe('string');
          expect(p.message.length).toBeGreaterThan(0);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('validateEnvironments', () => {
  test('environment names must be unique', () => {
    const copy = variant(dev, (e) => (e.provider.service.name = 'orders-2'));
    expect(validateEnvironments([dev, prod, copy])).toEqual([
      {
        environment: 'dev',
        path: 'name',
        message: "'dev' is also the name of environments[0]; environment names must be unique (they prefix every stack id and state key)",
      },
    ]);
  });

  test('problems of every environment are reported, in environment order', () => {
    const badDev = variant(dev, (e) => (e.deployRoleName = ''));
    const badProd = variant(prod, (e) => (e.network.shareWith = 'everyone'));
    expect(validateEnvironments([badDev, badProd]).map((p) => `${p.environment}: ${p.path}`)).toEqual(['dev: deployRoleName', 'prod: network.shareWith']);
  });
});

describe('formatProblems and ConfigError', () => {
  const problems: ConfigProblem[] = [
    { environment: 'dev', path: 'consumers["web"].cidr', message: "'10.0.0.0/33' is not a valid IPv4 CIDR" },
    { environment: 'prod', path: 'flowLogRetentionDays', message: '45 is not a retention period' },
  ];

  test('a header with the count, then one line per problem', () => {
    expect(formatProblems(problems)).toBe(
      ['2 configuration problems:', `dev: consumers["web"].cidr: '10.0.0.0/33' is not a valid IPv4 CIDR`, 'prod: flowLogRetentionDays: 45 is not a retention period'].join('\n'),
    );
    expect(formatProblems(problems.slice(0, 1)).split('\n')[0]).toBe('1 configuration problem:');
    expect(formatProblems([])).toBe('No configuration problems.');
  });

  test('ConfigError carries the problems and their formatted text', () => {
    const error = new ConfigError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual(problems);
    expect(error.message).toBe(formatProblems(problems));
  });

  test('assertValid passes the shipped environments and throws ConfigError otherwise', () => {
    expect(() => assertValid(environments)).not.toThrow();
    const bad = variant(dev, (e) => (e.flowLogRetentionDays = 2));
    let thrown: unknown;
    try {
      assertValid([bad]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual(validateEnvironments([bad]));
    expect((thrown as ConfigError).message).toMatch(/^1 configuration problem:\ndev: flowLogRetentionDays: 2 is not a retention period/);
  });
});
