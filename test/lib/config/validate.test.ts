import { environments } from '../../../environments';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import {
  ConfigError,
  assertValid,
  formatProblems,
  isError,
  validateEnvironment,
  validateEnvironments,
  type ConfigProblem,
} from '../../../lib/config/validate';

/** A deep-cloned environment the mutation may freely change (wrong types included, as from plain JS). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wrong types on purpose, see above
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
      e.services.payments.privateDnsName = 'payments.example.com';
      e.services.payments.verificationZoneId = 'Z0123456789ABCDEFGHIJ';
      e.services.payments.listeners.push({ port: 8443 });
      e.network.hubs['us-east-1'].endpointSets.core.policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' }],
      });
      e.state = {
        kind: 's3',
        bucket: 'acme.tfstate-1',
        region: 'eu-west-1',
        keyPrefix: 'envs/prod',
        kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        roleArn: 'arn:aws:iam::111111111111:role/tfstate/reader',
      };
    });
    expect(validateEnvironment(env)).toEqual([]);
    const cloud = variant(
      dev,
      (e) =>
        (e.state = {
          kind: 'cloud',
          organization: 'acme',
          project: 'network',
          workspacePrefix: 'privatelink-',
          hostname: 'tfe.example.com',
        }),
    );
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
    [
      "organization.id: 'o-ABC' is not an AWS Organizations id; use 'o-' followed by 10-32 lowercase letters or digits, e.g. 'o-a1b2c3d4e5'",
    ],
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
    [
      "deployRoleName: 'deploy/privatelink' is not a valid IAM role name; use 1-64 letters, digits and + = , . @ _ - (no slashes or spaces)",
    ],
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
    'service region unknown',
    prod,
    (e) => (e.services.payments.region = 'us-east-3'),
    [`services["payments"].region: 'us-east-3' is not a known AWS region; did you mean 'us-east-1' or 'us-east-2'?`],
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
    [
      `network.hubs["eu-west-1"].azs[1]: 'eu-west-1d' is not an availability zone of eu-west-1; use one of eu-west-1a, eu-west-1b, eu-west-1c`,
    ],
  ],
  [
    'AZ id of another region, and a region name instead of a zone',
    prod,
    (e) => (e.consumers[2].azs = ['euw1-az1', 'us-east-1']),
    [
      `consumers["staging"].azs[0]: 'euw1-az1' is an AZ id of another region; AZ ids of us-east-1 start with 'use1-', e.g. 'use1-az1'`,
      `consumers["staging"].azs[1]: 'us-east-1' is a region, not an availability zone; use an AZ id such as 'use1-az1'`,
    ],
  ],
  [
    'AZ ids and names mixed in one VPC, and zones a consumer endpoint cannot use',
    prod,
    (e) => {
      e.network.hubs['eu-west-1'].azs = ['euw1-az1', 'eu-west-1b'];
      e.consumers[0].azs = ['use1-az1', 'use1-az3'];
      e.services['ledger-db'].azs = ['use1-az5', 'use1-az6'];
      e.services['ledger-db'].resource.ipAddress = '10.3.2.20';
    },
    [
      `network.hubs["eu-west-1"].azs: mixes AZ ids and AZ names; one VPC lists its zones one way (ids such as ['euw1-az1', 'euw1-az2'] name the same zone in every account)`,
      `consumers["checkout"].azs[1]: 'use1-az3' is not a zone of 'payments' (its NLB is in 'use1-az1', 'use1-az2', 'use1-az4'); an interface endpoint to it can only be placed there: pick zones among those, or add 'use1-az3' to services["payments"].azs`,
      `consumers["checkout"].azs: shares no zone with services["ledger-db"].azs ('use1-az5', 'use1-az6'); a resource endpoint needs at least one zone in common with the resource gateway of 'ledger-db'`,
    ],
  ],
  [
    'AZ names where two accounts meet, and a cross-region endpoint in a zone AWS excludes',
    prod,
    (e) => {
      e.consumers[2].azs = ['us-east-1a', 'us-east-1b'];
      e.services['fx-rates'].supportedRegions = ['us-east-1'];
      e.consumers[0].consumes.push('fx-rates');
      e.consumers[0].azs = ['use1-az3', 'use1-az1'];
      e.services.payments.azs = ['use1-az1', 'use1-az2', 'use1-az3'];
      e.services.payments.targets = ['10.1.0.10', '10.1.1.10', '10.1.2.10'];
    },
    [
      `consumers["checkout"].azs[0]: 'use1-az3' is not supported for cross-region PrivateLink (AWS excludes 'use1-az3', 'usw1-az2', 'apne1-az3', 'apne2-az2', 'apne2-az4'), and 'fx-rates' is reached from us-east-1 across regions; pick another zone`,
      `consumers["staging"].azs: lists AZ names, but its endpoint to 'payments' must be placed in zones of the service's NLB; a name is another physical zone in another account, so use AZ ids such as 'use1-az1'`,
    ],
  ],
  [
    'duplicate AZ leaves a single zone',
    prod,
    (e) => (e.consumers[0].azs = ['use1-az1', 'use1-az1']),
    [
      `consumers["checkout"].azs[1]: 'use1-az1' is listed twice (also consumers["checkout"].azs[0]); list each zone once`,
      `consumers["checkout"].azs: lists 1 availability zone; the subnets need at least 2, e.g. ['use1-az1', 'use1-az2']`,
    ],
  ],
  [
    'service with one AZ: too few zones, and targets outside its only subnet',
    prod,
    (e) => (e.services.payments.azs = ['us-east-1a']),
    [
      `services["payments"].azs: lists 1 availability zone; the subnets need at least 2, e.g. ['use1-az1', 'use1-az2']`,
      `services["payments"].targets[1]: '10.1.1.10' is in no subnet of the service's zones (us-east-1a 10.1.0.0/24); use an address inside one of them`,
      `services["payments"].targets[2]: '10.1.3.10' is in no subnet of the service's zones (us-east-1a 10.1.0.0/24); use an address inside one of them`,
      `services["payments"].azs: lists AZ names, but consumers in us-east-1 reach 'payments' from other accounts and a name is another physical zone there: use AZ ids such as 'use1-az1'`,
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
    [
      `consumers["staging"].cidr: '192.168.0.0/21' is outside organization.cidr '10.0.0.0/8'; pick a block inside it`,
      `consumers["staging"].cidr: '192.168.0.0/21' is outside the ranges of segment 'nonprod' ('10.18.0.0/15'); pick a block inside them or add a range to segments["nonprod"].cidrs`,
    ],
  ],
  [
    'hub CIDR larger than /16 overlaps the other VPCs it swallows',
    prod,
    (e) => (e.network.hubs['us-east-1'].cidr = '10.0.0.0/12'),
    [
      `network.hubs["us-east-1"].cidr: '10.0.0.0/12' is larger than AWS allows for a VPC (/16 to /28); use a /16 or smaller block`,
      `network.hubs["eu-west-1"].cidr: '10.0.8.0/21' overlaps network.hubs["us-east-1"].cidr '10.0.0.0/12'; give every VPC of the environment its own address range`,
      `services["payments"].cidr: '10.1.0.0/21' overlaps network.hubs["us-east-1"].cidr '10.0.0.0/12'; give every VPC of the environment its own address range`,
      `services["fx-rates"].cidr: '10.2.0.0/22' overlaps network.hubs["us-east-1"].cidr '10.0.0.0/12'; give every VPC of the environment its own address range`,
      `services["ledger-db"].cidr: '10.3.0.0/22' overlaps network.hubs["us-east-1"].cidr '10.0.0.0/12'; give every VPC of the environment its own address range`,
    ],
  ],
  [
    'consumer CIDR too small for the AZ subnets',
    prod,
    (e) => (e.consumers[2].cidr = '10.18.0.0/26'),
    [
      `consumers["staging"].cidr: '10.18.0.0/26' is too small for the per-AZ subnets: each AZ letter takes a /29 slot and AWS's smallest subnet is /28; use a /25 or larger block`,
    ],
  ],
  [
    'two consumers overlap',
    prod,
    (e) => {
      e.consumers[2].cidr = '10.16.4.0/22';
      e.consumers[2].segment = 'prod';
      e.consumers[2].consumes = [];
    },
    [
      `consumers["staging"].consumes: lists no service: the consumer reaches no catalog service (it still gets its hub's centralized endpoints)`,
      `consumers["staging"].cidr: '10.16.4.0/22' overlaps consumers["checkout"].cidr '10.16.0.0/21'; give every VPC of the environment its own address range`,
    ],
  ],
  // --- published service targets ---------------------------------------------------------------------
  [
    'target not an IP address',
    prod,
    (e) => (e.services.payments.targets[0] = '10.1.0.256'),
    [`services["payments"].targets[0]: '10.1.0.256' is not a valid IPv4 address; use an address inside the service VPC ('10.1.0.0/21')`],
  ],
  [
    'target outside the service VPC, duplicate target, AWS-reserved target',
    prod,
    (e) => e.services.payments.targets.push('10.2.0.10', '10.1.0.10', '10.1.1.255'),
    [
      `services["payments"].targets[3]: '10.2.0.10' is outside services["payments"].cidr '10.1.0.0/21'; targets must be addresses in the service VPC`,
      `services["payments"].targets[4]: '10.1.0.10' is listed twice (also targets[0]); list each target once`,
      `services["payments"].targets[5]: '10.1.1.255' is reserved by AWS in subnet 10.1.1.0/24 (use1-az2: the first four addresses and the last); use another address`,
    ],
  ],
  [
    'no targets',
    prod,
    (e) => (e.services.payments.targets = []),
    [`services["payments"].targets: lists no target; add at least one IP address inside the service VPC`],
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
    'service name not DNS-safe (its consumers then name an unknown service)',
    dev,
    (e) => {
      e.services['Orders'] = e.services.orders;
      delete e.services.orders;
    },
    [
      `services["Orders"]: 'Orders' is not a DNS-safe service name; ${DNS_SAFE_FIX} (it names the service's stack and resources)`,
      `consumers["web"].consumes[0]: 'orders' is not a service; define it in services first`,
      `consumers["batch"].consumes[0]: 'orders' is not a service; define it in services first`,
    ],
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
      e.segments['shared-services'] = { cidrs: ['10.40.0.0/16'] };
      e.segments.Dev = { cidrs: ['10.16.0.0/16', '10.41.0.0/33'], spokeToSpoke: 'yes' };
    },
    [
      `segments["shared-services"]: 'shared-services' is reserved for a route table of the hub ('shared-services', 'onprem'); choose another segment name`,
      `segments["Dev"]: 'Dev' is not a DNS-safe segment name; ${DNS_SAFE_FIX}`,
      `segments["Dev"].cidrs[0]: '10.16.0.0/16' overlaps segments["prod"].cidrs[0] '10.16.0.0/15'; segments need ranges of their own, or the endpoints of one would admit the other`,
      `segments["Dev"].cidrs[1]: '10.41.0.0/33' is not a valid IPv4 CIDR; use the form a.b.c.d/n, e.g. '10.20.0.0/22'`,
      `segments["Dev"].spokeToSpoke: must be true or false, not the string 'yes'`,
    ],
  ],
  [
    'no segment at all',
    dev,
    (e) => (e.segments = {}),
    [
      "segments: has no segment; add at least one, e.g. { prod: { cidrs: ['10.16.0.0/12'], spokeToSpoke: false } }",
      `consumers["web"].segment: 'nonprod' is not a segment; define it in segments first`,
      `consumers["batch"].segment: 'nonprod' is not a segment; define it in segments first`,
    ],
  ],
  // --- hubs and endpoint sets ---------------------------------------------------------------
  [
    'endpoint set reserved for an unknown segment',
    prod,
    (e) => (e.network.hubs['us-east-1'].endpointSets.data.segments = ['prd']),
    [
      `network.hubs["us-east-1"].endpointSets["data"].segments[0]: 'prd' is not a segment; use one of 'prod', 'nonprod' (the keys of segments)`,
    ],
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
    'a service without a private DNS name in an endpoint set (DynamoDB)',
    prod,
    (e) => e.network.hubs['us-east-1'].endpointSets.data.services.push('dynamodb'),
    [
      `network.hubs["us-east-1"].endpointSets["data"].services[2]: 'dynamodb' publishes no private DNS name, so a centralized endpoint could only be reached by its own vpce-… name, and AWS advises against private zones that override DynamoDB's names; give each VPC a DynamoDB gateway endpoint instead; remove it from the endpoint set`,
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
    (e) => e.services.orders.listeners.push({ port: 0 }, { port: 443, protocol: 'TCP' }),
    [
      `services["orders"].listeners[1].port: 0 is not a valid port; use an integer from 1 to 65535`,
      `services["orders"].listeners[2].port: 443 is also the port of services["orders"].listeners[0]; each listener needs its own port`,
    ],
  ],
  [
    'unsupported protocol',
    dev,
    (e) => (e.services.orders.listeners[0].protocol = 'UDP'),
    [`services["orders"].listeners[0].protocol: 'UDP' is not supported; use 'TCP' or 'TLS'`],
  ],
  [
    'TLS listener without a certificate',
    dev,
    (e) => (e.services.orders.listeners[0].protocol = 'TLS'),
    [
      `services["orders"].listeners[0].certificateArn: is required; protocol 'TLS' needs the ARN of an ACM certificate in us-east-1 of account 333333333333`,
    ],
  ],
  [
    'TCP listener with a certificate',
    dev,
    (e) => (e.services.orders.listeners[0].certificateArn = CERT),
    [`services["orders"].listeners[0].certificateArn: is only used with protocol 'TLS'; remove it or set protocol: 'TLS'`],
  ],
  [
    'certificate of another region and account',
    prod,
    (e) => (e.services.payments.listeners[0].certificateArn = 'arn:aws:acm:eu-west-1:444444444444:certificate/abc'),
    [
      `services["payments"].listeners[0].certificateArn: 'arn:aws:acm:eu-west-1:444444444444:certificate/abc' is in eu-west-1; the load balancer needs a certificate in the service's region us-east-1`,
      `services["payments"].listeners[0].certificateArn: 'arn:aws:acm:eu-west-1:444444444444:certificate/abc' belongs to account 444444444444; the load balancer can only use certificates of the owner account 333333333333`,
    ],
  ],
  [
    'certificate that is not an ACM ARN',
    prod,
    (e) => (e.services.payments.listeners[0].certificateArn = 'my-cert'),
    [
      `services["payments"].listeners[0].certificateArn: 'my-cert' is not an ACM certificate ARN; use 'arn:aws:acm:<region>:<account>:certificate/<id>' of a certificate in us-east-1 of account 333333333333`,
    ],
  ],
  // --- supported regions and DNS ------------------------------------------------------------
  [
    'supported regions miss a consumer region',
    prod,
    (e) => (e.services.payments.supportedRegions = []),
    [
      `consumers["ledger-eu"].consumes[0]: 'payments' is published in us-east-1 and does not support eu-west-1; add 'eu-west-1' to services["payments"].supportedRegions for cross-region PrivateLink`,
    ],
  ],
  [
    "supported regions list the service's region and an unknown one",
    prod,
    (e) => (e.services.payments.supportedRegions = ['us-east-1', 'eu-west-1', 'mars-1']),
    [
      `services["payments"].supportedRegions[0]: 'us-east-1' is the service's own region, which is always supported; remove it`,
      `services["payments"].supportedRegions[2]: 'mars-1' is not a known AWS region; use a commercial region name such as 'us-east-1' or 'eu-west-1' (see lib/aws/catalog.ts)`,
    ],
  ],
  [
    'private DNS settings that do not fit together',
    prod,
    (e) => {
      e.services.payments.privateDnsName = 'Payments..example.com';
      e.services.payments.consumerDnsName = 'payments.internal';
    },
    [
      `services["payments"].privateDnsName: 'Payments..example.com' is not a valid DNS name; use a lowercase name such as 'orders.example.com' (labels of letters, digits and hyphens, no trailing dot)`,
      `services["payments"].consumerDnsName: is only used when the service has no privateDnsName; remove one of them`,
    ],
  ],
  [
    'verification zone without a private DNS name, malformed',
    prod,
    (e) => (e.services.payments.verificationZoneId = '/hostedzone/Z123'),
    [
      `services["payments"].verificationZoneId: is only used with privateDnsName; remove it or set services["payments"].privateDnsName`,
      `services["payments"].verificationZoneId: '/hostedzone/Z123' is not a Route 53 hosted zone id; use the id of the public zone, e.g. 'Z0123456789ABCDEFGHIJ' (without '/hostedzone/')`,
    ],
  ],
  [
    'consumer DNS name invalid',
    dev,
    (e) => (e.services.orders.consumerDnsName = 'orders.internal.'),
    [
      `services["orders"].consumerDnsName: 'orders.internal.' is not a valid DNS name; use a lowercase name such as 'orders.internal' (labels of letters, digits and hyphens, no trailing dot)`,
    ],
  ],
  // --- the service catalog ------------------------------------------------------------------
  [
    'unknown consumed services suggest the nearest, a repeat is reported',
    prod,
    (e) => (e.consumers[2].consumes = ['payment', 'payments', 'payments', 'warehouse']),
    [
      `consumers["staging"].consumes[0]: 'payment' is not a service of the catalog; did you mean 'payments'?`,
      `consumers["staging"].consumes[2]: 'payments' is listed twice (also consumes[1]); list each service once`,
      `consumers["staging"].consumes[3]: 'warehouse' is not a service of the catalog; use one of 'payments', 'fx-rates', 'market-data', 'ledger-db' (the keys of services)`,
    ],
  ],
  [
    'a resource service consumed from another region',
    prod,
    (e) => e.consumers[1].consumes.push('ledger-db'),
    [
      `consumers["ledger-eu"].consumes[3]: 'ledger-db' is a resource service in us-east-1; resource endpoints reach resources of their own region only, so consume it from us-east-1 or share the resource from eu-west-1`,
    ],
  ],
  [
    'an external service without a service name for the consumer region',
    prod,
    (e) => {
      delete e.services['market-data'].serviceRegion;
      delete e.services['market-data'].supportedRegions;
    },
    [
      `consumers["ledger-eu"].consumes[2]: 'market-data' has no service name for eu-west-1; add services["market-data"].serviceNames['eu-west-1'] (the vendor's endpoint service in eu-west-1), or set serviceRegion and supportedRegions for cross-region use`,
    ],
  ],
  [
    'an external service whose service region does not accept the consumer region',
    prod,
    (e) => (e.services['market-data'].supportedRegions = ['us-west-2']),
    [
      `consumers["ledger-eu"].consumes[2]: 'market-data' has no service name for eu-west-1, and its service in us-east-1 does not list eu-west-1 in supportedRegions; add services["market-data"].serviceNames['eu-west-1'] or, if the vendor accepts cross-region connections from eu-west-1, add it to services["market-data"].supportedRegions`,
    ],
  ],
  [
    'a published service whose owner account also consumes it, and a consumer in the network account',
    prod,
    (e) => {
      e.consumers[0].accountId = '333333333333';
      e.consumers[2].accountId = '222222222222';
    },
    [
      `consumers["checkout"].consumes[0]: 'payments' is owned by this consumer's own account 333333333333; a service is consumed from other accounts (inside its own account, reach it directly)`,
      `consumers["checkout"].consumes[2]: 'ledger-db' is owned by this consumer's own account 333333333333; a service is consumed from other accounts (inside its own account, reach it directly)`,
      `consumers["staging"].accountId: '222222222222' is the network account; a spoke must live in an account of its own (the hub's zones and TGW would otherwise authorize and share with themselves)`,
    ],
  ],
  [
    'two consumers of one account consume the same service',
    prod,
    (e) => (e.consumers[2].accountId = '444444444444'),
    [
      `consumers["staging"].consumes: 'payments' is also consumed by consumers["checkout"], in the same account 444444444444; the service grants accounts, not VPCs, so one consumer stack would revoke the other's allowed principal when destroyed: consume it from one consumer of the account, or give this VPC its own account`,
    ],
  ],
  [
    'with the TGW shared to accounts, one consumer per account and region',
    prod,
    (e) => {
      e.network.shareWith = 'accounts';
      e.consumers[2].accountId = '444444444444';
      e.consumers[2].consumes = ['market-data'];
    },
    [
      `consumers["staging"].accountId: '444444444444' is also the account of consumers["checkout"] in us-east-1; with network.shareWith 'accounts' each consumer stack adds its account to the hub's TGW share, and destroying one would unshare the other: use network.shareWith 'organization', or one consumer per account and region`,
    ],
  ],
  [
    'a consumer named like a service, a service in the network account',
    prod,
    (e) => {
      e.consumers[2].name = 'payments';
      e.services['fx-rates'].accountId = '222222222222';
    },
    [
      `services["fx-rates"].accountId: '222222222222' is the network account; run each service in an account of its own, outside the network (shared-services) account`,
      `consumers["payments"].name: 'payments' is also the name of services["payments"]; give the consumer another name (names key VPCs and IAM roles, which may share an account)`,
    ],
  ],
  [
    'service kind missing or unknown',
    prod,
    (e) => {
      delete e.services.payments.kind;
      e.services['fx-rates'].kind = 'internal';
    },
    [
      `services["payments"].kind: is required; use 'published', 'external' or 'resource'`,
      `services["fx-rates"].kind: 'internal' is not a service kind; use 'published', 'external' or 'resource'`,
      `consumers["checkout"].consumes[0]: 'payments' is not a service of the catalog; use one of 'market-data', 'ledger-db' (the keys of services)`,
      `consumers["ledger-eu"].consumes[0]: 'payments' is not a service of the catalog; use one of 'market-data', 'ledger-db' (the keys of services)`,
      `consumers["ledger-eu"].consumes[1]: 'fx-rates' is not a service of the catalog; use one of 'market-data', 'ledger-db' (the keys of services)`,
      `consumers["staging"].consumes[0]: 'payments' is not a service of the catalog; use one of 'market-data', 'ledger-db' (the keys of services)`,
    ],
  ],
  [
    'external service names malformed or filed under the wrong region, ports and DNS wrong',
    prod,
    (e) => {
      const md = e.services['market-data'];
      md.serviceNames = {
        'us-east-1': 'vpce-svc-0a1b2c3d4e5f60718',
        'eu-west-1': 'com.amazonaws.vpce.eu-west-2.vpce-svc-0a1b2c3d4e5f60718',
      };
      md.ports = [443, 443, 70000];
      md.dns = { zoneName: 'market-data.example', records: ['*.api', 'feed.market-data.example'] };
    },
    [
      `services["market-data"].serviceNames["us-east-1"]: 'vpce-svc-0a1b2c3d4e5f60718' is not an endpoint service name; use the name the vendor gives you, 'com.amazonaws.vpce.us-east-1.vpce-svc-' followed by 17 hex digits`,
      `services["market-data"].serviceNames["eu-west-1"]: 'com.amazonaws.vpce.eu-west-2.vpce-svc-0a1b2c3d4e5f60718' is a service of eu-west-2, not eu-west-1; list it under 'eu-west-2'`,
      'services["market-data"].ports[1]: 443 is listed twice (also ports[0]); list each port once',
      'services["market-data"].ports[2]: 70000 is not a valid port; use an integer from 1 to 65535',
      'services["market-data"].dns: is only used when the vendor publishes no private DNS name; remove dns or privateDnsName',
      `services["market-data"].dns.records[1]: 'feed.market-data.example' repeats the zone name; give it relative to the zone, e.g. 'feed'`,
    ],
  ],
  [
    'external service with no way to resolve it, a service region without a name, cross-region regions without one',
    dev,
    (e) => {
      e.services.vendor = {
        kind: 'external',
        serviceNames: { 'us-east-1': 'com.amazonaws.vpce.us-east-1.vpce-svc-00000000000000001' },
        ports: [443],
        serviceRegion: 'us-west-2',
      };
      e.services.other = {
        kind: 'external',
        serviceNames: { 'us-east-1': 'com.amazonaws.vpce.us-east-1.vpce-svc-00000000000000002' },
        ports: [443],
        dns: { zoneName: 'other.example', records: [] },
        supportedRegions: ['eu-west-1'],
      };
    },
    [
      `services["vendor"]: needs a way for consumers to resolve the service: privateDnsName (the vendor's verified private DNS name) or dns: { zoneName, records }`,
      `services["vendor"].serviceRegion: 'us-west-2' has no service name; add serviceNames['us-west-2'] or use one of 'us-east-1'`,
      `services["other"].dns.records: lists no record; add at least one, e.g. '' (the zone apex) or '*'`,
      'services["other"].supportedRegions: is only used with serviceRegion (the vendor region consumers elsewhere reach cross-region); set serviceRegion or remove supportedRegions',
    ],
  ],
  [
    'resource service: two targets, an IP outside its VPC, bad and overlapping port ranges',
    prod,
    (e) => {
      e.services['ledger-db'].resource = { ipAddress: '10.9.0.20', dnsName: 'db.example.com' };
      e.services['ledger-db'].portRanges = ['5432', '5000-6000', '80-70', 'http'];
    },
    [
      'services["ledger-db"].resource: gives dnsName and ipAddress; give exactly one of dnsName, ipAddress or arn',
      `services["ledger-db"].portRanges[1]: '5000-6000' overlaps portRanges[0]; list each port once`,
      `services["ledger-db"].portRanges[2]: '80-70' is not a port or port range; use 'port' or 'from-to' with 1 <= from <= to <= 65535, e.g. '5432' or '8000-8010'`,
      `services["ledger-db"].portRanges[3]: 'http' is not a port or port range; use 'port' or 'from-to' with 1 <= from <= to <= 65535, e.g. '5432' or '8000-8010'`,
    ],
  ],
  [
    'resource service: an IP outside the VPC, an RDS ARN of another account, no resource',
    prod,
    (e) => {
      e.services['ledger-db'].resource = { ipAddress: '10.9.0.20' };
      e.services.archive = {
        ...e.services['ledger-db'],
        cidr: '10.4.0.0/22',
        resource: { arn: 'arn:aws:rds:us-east-1:999999999999:db:archive' },
      };
      e.services.empty = { ...e.services['ledger-db'], cidr: '10.5.0.0/22', resource: {} };
    },
    [
      `services["ledger-db"].resource.ipAddress: '10.9.0.20' is outside services["ledger-db"].cidr '10.3.0.0/22'; the resource gateway reaches addresses of its own VPC`,
      `services["archive"].resource.arn: 'arn:aws:rds:us-east-1:999999999999:db:archive' is in us-east-1 of account 999999999999; a resource configuration shares resources of its own account and region (333333333333, us-east-1)`,
      'services["empty"].resource: names no resource; give exactly one of dnsName (e.g. a database endpoint), ipAddress or arn',
    ],
  ],
  [
    'endpoint sets whose resource keys collide',
    dev,
    (e) => {
      e.network.hubs['us-east-1'].endpointSets = {
        core: { services: ['application-autoscaling'] },
        'core-application': { services: ['autoscaling'] },
      };
    },
    [
      `network.hubs["us-east-1"].endpointSets["core-application"].services[0]: 'core-application' + 'autoscaling' and 'core' + 'application-autoscaling' both key their resources as 'core-application-autoscaling'; rename endpoint set 'core-application' (for example without hyphens at its end)`,
    ],
  ],
  // --- state --------------------------------------------------------------------------------
  [
    'S3 state settings all wrong',
    prod,
    (e) =>
      (e.state = {
        kind: 's3',
        bucket: 'Acme_State',
        region: 'us-east',
        keyPrefix: '/envs/prod/',
        kmsKeyId: 'my key',
        roleArn: 'arn:aws:iam::123:role/x',
      }),
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
    [
      'flowLogRetentionDays: 45 is not a retention period CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
    ],
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
      delete e.services.orders.listeners;
      e.consumers[0].azs = undefined;
      e.network.hubs['us-east-1'].endpointSets = null;
    },
    [
      'network.hubs["us-east-1"].endpointSets: must be an object, not null',
      `services["orders"].listeners: is required; give at least one listener, e.g. [{ port: 443, protocol: 'TCP' }]`,
      "consumers[\"web\"].azs: is required; list at least 2 availability zones, e.g. ['use1-az1', 'use1-az2']",
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
      e.services.payments.supportedRegions = ['ap-southeast-2'];
    },
    [
      "organization.id: 'org-1' is not an AWS Organizations id; use 'o-' followed by 10-32 lowercase letters or digits, e.g. 'o-a1b2c3d4e5'",
      'network.hubs["eu-west-1"].asn: 1 is not a private ASN a Transit Gateway accepts; use 64512-65534 or 4200000000-4294967294',
      `consumers["checkout"].accountId: '4444' is not a 12-digit AWS account id; ${ACCOUNT_FIX}`,
      `consumers["ledger-eu"].cidr: '10.0.8.0/22' is outside the ranges of segment 'prod' ('10.16.0.0/15'); pick a block inside them or add a range to segments["prod"].cidrs`,
      `consumers["ledger-eu"].consumes[0]: 'payments' is published in us-east-1 and does not support eu-west-1; add 'eu-west-1' to services["payments"].supportedRegions for cross-region PrivateLink`,
      'flowLogRetentionDays: 10 is not a retention period CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
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
      "segments: is required; give at least one segment, e.g. { prod: { cidrs: ['10.16.0.0/12'], spokeToSpoke: false } }",
      'network: is required; give { accountId, hubs }',
      'consumers: is required; list the consumer accounts, or [] for none',
    ]);
  });

  test('wrong types everywhere', () => {
    const env = variant(dev, (e) => {
      e.organization = 'acme';
      e.segments = [];
      e.network.hubs['us-east-1'].azs = 'us-east-1a';
      e.network.hubs['us-east-1'].asn = '64612';
      e.services.orders.targets = [10];
      e.consumers = [42, { ...e.consumers[1] }];
    });
    expect(lines(validateEnvironment(env))).toEqual([
      "organization: must be an object, not the string 'acme'",
      'segments: must be an object, not an array',
      'network.hubs["us-east-1"].azs: must be an array, not the string \'us-east-1a\'',
      'network.hubs["us-east-1"].asn: must be a number, not the string \'64612\'',
      `services["orders"].targets[0]: must be a string, not the number 10`,
      'consumers[0]: must be an object, not the number 42',
      'consumers["batch"].segment: \'nonprod\' is not a segment; define it in segments first',
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
  const targets = [dev, prod].flatMap((base) =>
    pathsOf(base)
      .filter((p) => p.length > 0)
      .map((p) => [base, p] as const),
  );

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
    const copy = variant(dev, (e) => (e.services.orders.region = 'us-east-1'));
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
    expect(validateEnvironments([badDev, badProd]).map((p) => `${p.environment}: ${p.path}`)).toEqual([
      'dev: deployRoleName',
      'prod: network.shareWith',
    ]);
  });
});

describe('formatProblems and ConfigError', () => {
  const problems: ConfigProblem[] = [
    { environment: 'dev', path: 'consumers["web"].cidr', message: "'10.0.0.0/33' is not a valid IPv4 CIDR" },
    { environment: 'prod', path: 'flowLogRetentionDays', message: '45 is not a retention period' },
  ];

  test('a header with the count, then one line per problem', () => {
    expect(formatProblems(problems)).toBe(
      [
        '2 configuration problems:',
        `dev: consumers["web"].cidr: '10.0.0.0/33' is not a valid IPv4 CIDR`,
        'prod: flowLogRetentionDays: 45 is not a retention period',
      ].join('\n'),
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

describe('warnings', () => {
  test('a consumer that consumes nothing is allowed and reported as a warning', () => {
    const env = variant(dev, (e) => {
      delete e.consumers[0].consumes;
      e.consumers[1].consumes = [];
    });
    const problems = validateEnvironment(env);
    expect(problems.map((p) => [p.severity, `${p.path}: ${p.message}`])).toEqual([
      [
        'warning',
        `consumers["web"].consumes: is not set: the consumer reaches no catalog service (it still gets its hub's centralized endpoints); list service names to consume, or consumes: [] to say so`,
      ],
      [
        'warning',
        `consumers["batch"].consumes: lists no service: the consumer reaches no catalog service (it still gets its hub's centralized endpoints)`,
      ],
    ]);
    expect(problems.some(isError)).toBe(false);
    expect(assertValid([env])).toEqual(problems);
    expect(formatProblems(problems)).toBe(problems.map((p) => `warning: dev: ${p.path}: ${p.message}`).join('\n'));
  });

  test('warnings do not count as configuration problems next to errors', () => {
    const env = variant(dev, (e) => {
      e.consumers[1].consumes = [];
      e.flowLogRetentionDays = 2;
    });
    const text = formatProblems(validateEnvironment(env));
    expect(text.split('\n')[0]).toBe('1 configuration problem:');
    expect(text.split('\n')[2]).toMatch(/^warning: dev: consumers\["batch"\]\.consumes: lists no service/);
    expect(() => assertValid([env])).toThrow(ConfigError);
  });
});

describe('overlap check', () => {
  test('reports every VPC nested in another, against its innermost container, in config order', () => {
    const env = variant(prod, (e) => {
      e.consumers[0].cidr = '10.1.0.0/22'; // inside payments 10.1.0.0/21
      e.consumers[2].cidr = '10.1.0.0/23'; // inside checkout's new block, and payments
    });
    expect(lines(validateEnvironment(env)).filter((l) => !/outside the ranges of segment/.test(l))).toEqual([
      `consumers["checkout"].cidr: '10.1.0.0/22' overlaps services["payments"].cidr '10.1.0.0/21'; give every VPC of the environment its own address range`,
      `consumers["staging"].cidr: '10.1.0.0/23' overlaps consumers["checkout"].cidr '10.1.0.0/22'; give every VPC of the environment its own address range`,
    ]);
  });
});
