/**
 * Static AWS facts the configuration validator checks against. Data only, no logic.
 *
 * Scope: the commercial partition (`aws`). GovCloud (`aws-us-gov`), China (`aws-cn`) and the
 * isolated partitions are deliberately absent; add them here if the blueprint ever targets them.
 * Last reviewed: 2025. When AWS launches a region or AZ, add it here (validation rejects
 * unknown names on purpose, so typos such as 'us-east1' are caught before any deploy).
 */

/**
 * Commercial regions and the letters of their availability-zone names (`<region><letter>`).
 *
 * AZ *names* are mapped to physical zones per account, and a few regions offer some letters
 * only to older accounts. Where that is the case the list is permissive (it holds every letter
 * that any account may see), so a valid name is never rejected; AWS itself rejects the rest:
 * - us-west-1: accounts see two of a, b, c (new accounts usually b and c); all three are listed.
 * - ap-northeast-1: 'b' exists only for accounts created before ~2012; a, b, c, d are listed.
 * - ca-central-1: the zones are a, b and d (there is no ca-central-1c).
 * Opt-in regions (af-south-1, ap-east-1, ap-south-2, ap-southeast-3..7, ca-west-1, eu-central-2,
 * eu-south-1/2, il-central-1, me-central-1, me-south-1, mx-central-1, ap-east-2) must be enabled
 * in every account that uses them; that is not checked here.
 */
export const REGION_AZ_LETTERS: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['a', 'b', 'c', 'd', 'e', 'f'],
  'us-east-2': ['a', 'b', 'c'],
  'us-west-1': ['a', 'b', 'c'],
  'us-west-2': ['a', 'b', 'c', 'd'],
  'ca-central-1': ['a', 'b', 'd'],
  'ca-west-1': ['a', 'b', 'c'],
  'mx-central-1': ['a', 'b', 'c'],
  'sa-east-1': ['a', 'b', 'c'],
  'eu-west-1': ['a', 'b', 'c'],
  'eu-west-2': ['a', 'b', 'c'],
  'eu-west-3': ['a', 'b', 'c'],
  'eu-central-1': ['a', 'b', 'c'],
  'eu-central-2': ['a', 'b', 'c'],
  'eu-north-1': ['a', 'b', 'c'],
  'eu-south-1': ['a', 'b', 'c'],
  'eu-south-2': ['a', 'b', 'c'],
  'af-south-1': ['a', 'b', 'c'],
  'me-south-1': ['a', 'b', 'c'],
  'me-central-1': ['a', 'b', 'c'],
  'il-central-1': ['a', 'b', 'c'],
  'ap-south-1': ['a', 'b', 'c'],
  'ap-south-2': ['a', 'b', 'c'],
  'ap-east-1': ['a', 'b', 'c'],
  'ap-east-2': ['a', 'b', 'c'],
  'ap-southeast-1': ['a', 'b', 'c'],
  'ap-southeast-2': ['a', 'b', 'c'],
  'ap-southeast-3': ['a', 'b', 'c'],
  'ap-southeast-4': ['a', 'b', 'c'],
  'ap-southeast-5': ['a', 'b', 'c'],
  'ap-southeast-6': ['a', 'b', 'c'],
  'ap-southeast-7': ['a', 'b', 'c'],
  'ap-northeast-1': ['a', 'b', 'c', 'd'],
  'ap-northeast-2': ['a', 'b', 'c', 'd'],
  'ap-northeast-3': ['a', 'b', 'c'],
};

/** Every catalogued region name. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(REGION_AZ_LETTERS);

/**
 * AWS services that offer interface VPC endpoints, by the short name used in
 * `com.amazonaws.<region>.<name>` (what `EndpointSetConfig.services` holds).
 *
 * Availability differs per region and AWS adds services continually; this catalog does NOT
 * model per-region availability: every name is treated as available in every catalogued
 * region. Its purpose is to catch typos ('ecr-api' instead of 'ecr.api') before deploy;
 * a service missing from a region still fails at apply time. Add names here as needed.
 * `s3` and `dynamodb` are listed for their *interface* endpoints (not the gateway endpoints).
 */
export const INTERFACE_ENDPOINT_SERVICES: readonly string[] = [
  'access-analyzer',
  'account',
  'acm-pca',
  'airflow.api',
  'airflow.env',
  'airflow.ops',
  'app-integrations',
  'appconfig',
  'appconfigdata',
  'application-autoscaling',
  'applicationinsights',
  'appmesh',
  'appmesh-envoy-management',
  'apprunner',
  'apprunner.requests',
  'appstream.api',
  'appstream.streaming',
  'appsync-api',
  'aps',
  'aps-workspaces',
  'athena',
  'auditmanager',
  'autoscaling',
  'autoscaling-plans',
  'backup',
  'backup-gateway',
  'batch',
  'bedrock',
  'bedrock-agent',
  'bedrock-agent-runtime',
  'bedrock-runtime',
  'billingconductor',
  'braket',
  'cassandra',
  'cleanrooms',
  'cloudcontrolapi',
  'cloudformation',
  'cloudhsmv2',
  'cloudtrail',
  'codeartifact.api',
  'codeartifact.repositories',
  'codebuild',
  'codecommit',
  'codedeploy',
  'codedeploy-commands-secure',
  'codeguru-profiler',
  'codeguru-reviewer',
  'codepipeline',
  'codestar-connections.api',
  'comprehend',
  'comprehendmedical',
  'config',
  'console',
  'databrew',
  'dataexchange',
  'datasync',
  'datazone',
  'dms',
  'ds',
  'dynamodb',
  'ebs',
  'ec2',
  'ec2messages',
  'ecr.api',
  'ecr.dkr',
  'ecs',
  'ecs-agent',
  'ecs-telemetry',
  'eks',
  'eks-auth',
  'elastic-inference.runtime',
  'elasticache',
  'elasticbeanstalk',
  'elasticbeanstalk-health',
  'elasticfilesystem',
  'elasticloadbalancing',
  'elasticmapreduce',
  'email-smtp',
  'emr-containers',
  'emr-serverless',
  'entityresolution',
  'events',
  'execute-api',
  'finspace',
  'finspace-api',
  'fis',
  'forecast',
  'forecastquery',
  'frauddetector',
  'fsx',
  'git-codecommit',
  'glue',
  'grafana',
  'grafana-workspace',
  'greengrass',
  'groundstation',
  'guardduty-data',
  'healthlake',
  'identitystore',
  'imagebuilder',
  'inspector2',
  'iot.credentials',
  'iot.data',
  'iot.fleethub.api',
  'iotsitewise.api',
  'iotsitewise.data',
  'iottwinmaker.api',
  'iottwinmaker.data',
  'kendra',
  'kinesis-firehose',
  'kinesis-streams',
  'kms',
  'lakeformation',
  'lambda',
  'license-manager',
  'logs',
  'lookoutequipment',
  'lookoutmetrics',
  'lookoutvision',
  'm2',
  'macie2',
  'memory-db',
  'mgn',
  'migrationhub-orchestrator',
  'migrationhub-strategy',
  'monitoring',
  'mq',
  'network-firewall',
  'notebook',
  'omics.analytics',
  'omics.control-storage',
  'omics.storage',
  'omics.tags',
  'omics.workflows',
  'panorama',
  'pipes',
  'pipes-data',
  'polly',
  'private-networks',
  'profile',
  'proton',
  'qldb.session',
  'quicksight-website',
  'rbin',
  'rds',
  'rds-data',
  'redshift',
  'redshift-data',
  'redshift-serverless',
  'rekognition',
  'resource-groups',
  'robomaker',
  'rum',
  'rum-dataplane',
  's3',
  'sagemaker.api',
  'sagemaker.featurestore-runtime',
  'sagemaker.metrics',
  'sagemaker.runtime',
  'scheduler',
  'schemas',
  'sdb',
  'secretsmanager',
  'securityhub',
  'securitylake',
  'servicecatalog',
  'servicecatalog-appregistry',
  'servicediscovery',
  'sms',
  'sns',
  'sqs',
  'ssm',
  'ssm-contacts',
  'ssm-incidents',
  'ssmmessages',
  'states',
  'storagegateway',
  'sts',
  'swf',
  'synthetics',
  'textract',
  'transcribe',
  'transcribestreaming',
  'transfer',
  'transfer.server',
  'translate',
  'verifiedpermissions',
  'vpc-lattice',
  'wisdom',
  'workspaces',
  'xray',
];

/** Retention periods (days) CloudWatch Logs accepts for a log group. */
export const CLOUDWATCH_LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * Private ASN ranges a Transit Gateway accepts (`amazon_side_asn`), inclusive.
 * 16-bit: 64512-65534; 32-bit: 4200000000-4294967294.
 */
export const TGW_PRIVATE_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

/**
 * The private DNS names AWS publishes for an interface endpoint service (`PrivateDnsNames` of
 * DescribeVpcEndpointServices), as templates with `{region}`, where they differ from the usual
 * `<service>.<region>.amazonaws.com`; `'none'` for services that publish none. A centralized
 * endpoint gets one private hosted zone per name (a `*.` name gets a zone for the rest and a
 * wildcard record). The hub checks at plan time that AWS still publishes every name listed here
 * (a precondition on each zone), so a change on AWS's side stops the plan with a clear message
 * instead of leaving a name unresolved.
 * Sources: the PrivateLink guide ("AWS services that integrate with AWS PrivateLink", the
 * monitoring example), the S3, ECR and DynamoDB guides, landing-zone-accelerator-on-aws #1014
 * (kinesis-streams resolves as kinesis, kinesis-firehose as firehose).
 */
export const INTERFACE_ENDPOINT_DNS_NAMES: Readonly<Record<string, readonly string[] | 'none'>> = {
  'ecr.api': ['api.ecr.{region}.amazonaws.com'],
  'ecr.dkr': ['*.dkr.ecr.{region}.amazonaws.com'],
  s3: ['*.s3.{region}.amazonaws.com'],
  'kinesis-streams': ['kinesis.{region}.amazonaws.com'],
  'kinesis-firehose': ['firehose.{region}.amazonaws.com'],
  monitoring: [
    'monitoring.{region}.amazonaws.com',
    'monitoring.{region}.api.aws',
    'monitoring-fips.{region}.amazonaws.com',
    'monitoring-fips.{region}.api.aws',
  ],
  'execute-api': ['*.execute-api.{region}.amazonaws.com'],
  // "Do not create private hosted zones to override DynamoDB endpoint DNS names" (DynamoDB guide):
  // its interface endpoints have no private DNS; use a gateway endpoint or the vpce-… URL.
  dynamodb: 'none',
};

/** The private DNS names of an interface endpoint service in a region; [] when it publishes none. */
export function interfaceEndpointDnsNames(service: string, region: string): readonly string[] {
  const names = INTERFACE_ENDPOINT_DNS_NAMES[service] ?? [`${service}.{region}.amazonaws.com`];
  return names === 'none' ? [] : names.map((n) => n.replace('{region}', region));
}

/**
 * TCP ports an interface endpoint service listens on, where it is not only 443. SES SMTP: 465,
 * 587, 2465, 2587 (never 25 through a VPC endpoint, SES guide); Amazon Keyspaces: 9142.
 */
export const INTERFACE_ENDPOINT_PORTS: Readonly<Record<string, readonly number[]>> = {
  'email-smtp': [465, 587, 2465, 2587],
  cassandra: [9142],
};

/** The ports of an interface endpoint service. */
export function interfaceEndpointPorts(service: string): readonly number[] {
  return INTERFACE_ENDPOINT_PORTS[service] ?? [443];
}

/**
 * Availability Zone ids AWS does not support for cross-region PrivateLink endpoints ("Cross-Region
 * access is not supported for the following Availability Zones", PrivateLink guide).
 */
export const CROSS_REGION_UNSUPPORTED_AZ_IDS: readonly string[] = ['use1-az3', 'usw1-az2', 'apne1-az3', 'apne2-az2', 'apne2-az4'];

/** The prefix of a region's AZ ids (`use1` in `use1-az1`). */
export function azIdPrefix(region: string): string {
  const m = /^([a-z]{2})-([a-z]+)-(\d+)$/.exec(region);
  if (!m) return region;
  const words = m[2].match(/north|south|east|west|central/g) ?? [m[2]];
  return `${m[1]}${words.map((w) => w[0]).join('')}${m[3]}`;
}
