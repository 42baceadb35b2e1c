import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { environments } from '../../../environments';
import {
  MAX_ENDPOINT_POLICY_CHARS,
  SERVICES_WITH_ADDITIONS,
  defaultEndpointPolicy,
  endpointPolicyDocument,
  endpointPolicyStatements,
  type EndpointPolicyContext,
  type PolicyStatement,
} from '../../../lib/aws/endpoint-policies';
import { interfaceEndpointPolicy } from '../../../lib/rules/interface-endpoint-policy';

const ORG = 'o-a1b2c3d4e5';
const REGION = 'us-east-1';
const ctx = (region = REGION, extra: Partial<EndpointPolicyContext> = {}): EndpointPolicyContext => ({
  organizationId: ORG,
  region,
  ...extra,
});
const statementsOf = (service: string, context: EndpointPolicyContext = ctx()): PolicyStatement[] =>
  JSON.parse(defaultEndpointPolicy(service, context)).Statement;

// ----- The published statements, written out here independently of the implementation. -----

/** default_endpoint_policy.json, first two statements. */
const head = (org = ORG): PolicyStatement[] => [
  {
    Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': org, 'aws:ResourceOrgID': org } },
  },
  {
    Sid: 'AllowRequestsByAWSServicePrincipals',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
  },
];
/** default_endpoint_policy.json, last statement. */
const tail = (org = ORG): PolicyStatement[] => [
  {
    Sid: 'AllowRequestsByOrgsIdentitiesToAnyResources',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': org, 'aws:PrincipalTag/dp:exclude:resource': 'true' } },
  },
];

/** The `Resource` list of `AllowRequestsToAWSOwnedResources` in s3_endpoint_policy.json at 8e0d3c5, verbatim. */
const PUBLISHED_S3_AWS_OWNED = [
  'arn:aws:s3:::packages.<region>.amazonaws.com/*',
  'arn:aws:s3:::repo.<region>.amazonaws.com/*',
  'arn:aws:s3:::amazonlinux.<region>.amazonaws.com/*',
  'arn:aws:s3:::amazonlinux-2-repos-<region>/*',
  'arn:aws:s3:::al2023-repos-<region>-de612dc2/*',
  'arn:aws:s3:::al2023-<region>/*',
  'arn:aws:s3:::repo.<region>.emr.amazonaws.com/*',
  'arn:aws:s3:::prod.<region>.appinfo.src/*',
  'arn:aws:s3:::aws-ssm-<region>/*',
  'arn:aws:s3:::aws-windows-downloads-<region>/*',
  'arn:aws:s3:::amazon-ssm-<region>/*',
  'arn:aws:s3:::amazon-ssm-packages-<region>/*',
  'arn:aws:s3:::<region>-birdwatcher-prod/*',
  'arn:aws:s3:::aws-ssm-distributor-file-<region>/*',
  'arn:aws:s3:::aws-ssm-document-attachments-<region>/*',
  'arn:aws:s3:::patch-baseline-snapshot-<region>/*',
  'arn:aws:s3:::aws-patchmanager-macos-<region>/*',
  'arn:aws:s3:::amazoncloudwatch-agent-<region>/*',
  'arn:aws:s3:::amazoncloudwatch-agent/*',
  'arn:aws:s3:::aws-codedeploy-<region>/*',
  'arn:aws:s3:::ec2imagebuilder-toe-<region>-prod/*',
  'arn:aws:s3:::ec2imagebuilder-managed-resources-<region>-prod/components/*',
  'arn:aws:s3:::prod-<region>-starport-layer-bucket/*',
  'arn:aws:s3:::aws-mgn-clients-<region>/*',
  'arn:aws:s3:::aws-mgn-clients-hashes-<region>/*',
  'arn:aws:s3:::aws-mgn-internal-<region>/*',
  'arn:aws:s3:::aws-mgn-internal-hashes-<region>/*',
  'arn:aws:s3:::aws-application-migration-service-<region>/*',
  'arn:aws:s3:::aws-application-migration-service-hashes-<region>/*',
  'arn:aws:s3:::aws-drs-clients-<region>/*',
  'arn:aws:s3:::aws-drs-clients-hashes-<region>/*',
  'arn:aws:s3:::aws-drs-internal-<region>/*',
  'arn:aws:s3:::aws-drs-internal-hashes-<region>/*',
  'arn:aws:s3:::aws-elastic-disaster-recovery-<region>/*',
  'arn:aws:s3:::aws-elastic-disaster-recovery-hashes-<region>/*',
  'arn:aws:s3:::cloudformation-waitcondition-<region>/*',
  'arn:aws:s3:::cloudformation-custom-resource-response-<RegionWithoutDashes>/*',
  'arn:aws:s3:::aws-ec2-enclave-certificate-<region>-prod/*',
  'arn:aws:s3:::assets-<CodeArtifact-Region-Account>-<region>/*',
  'arn:aws:s3:::elasticbeanstalk-samples-<region>/*',
  'arn:aws:s3:::elasticbeanstalk-platform-assets-<region>/*',
  'arn:aws:s3:::elasticbeanstalk-env-resources-<region>/*',
  'arn:aws:s3:::elasticbeanstalk-<region>/*',
  'arn:aws:s3:::jumpstart-cache-prod-<region>/*',
  'arn:aws:s3:::jumpstart-cache-prod-<region>',
  'arn:aws:s3:::static-<region>-prod-static-<string>/content/dependencies/*',
  'arn:aws:s3:::aws-neptune-notebook',
  'arn:aws:s3:::aws-neptune-notebook/*',
  'arn:aws:s3:::aws-neptune-notebook-<region>',
  'arn:aws:s3:::aws-neptune-notebook-<region>/*',
  'arn:aws:s3:::athena-examples-<region>/*',
  'arn:aws:s3:::athena-examples-<region>',
  'arn:aws:s3:::cloudformation-examples/*',
  'arn:aws:s3:::awssupportdatasvcs.com/*',
  'arn:aws:s3:::redshift-downloads/*',
  'arn:aws:s3:::session-manager-downloads/*',
  'arn:aws:s3:::ssm-document-categories/*',
  'arn:aws:s3:::aws-sap-data-provider/*',
  'arn:aws:s3:::aws-sap-dataprovider-<region>/*',
  'arn:aws:s3:::awssap-backint-agent/*',
  'arn:aws:s3:::aws-cli/*',
];

/** The published list with the region filled in; the CodeArtifact entry per given account; Cloud9's `<string>` entry dropped. */
function s3AwsOwned(region: string, codeArtifactAccounts: readonly string[] = []): string[] {
  return PUBLISHED_S3_AWS_OWNED.flatMap((arn) => {
    if (arn.includes('<string>')) return [];
    const filled = arn.split('<region>').join(region).split('<RegionWithoutDashes>').join(region.replace(/-/g, ''));
    if (filled.includes('<CodeArtifact-Region-Account>'))
      return codeArtifactAccounts.map((a) => filled.replace('<CodeArtifact-Region-Account>', a));
    return [filled];
  });
}

/** The statements each service adds to the default (no service accounts given). */
const EXPECTED_ADDITIONS: Readonly<Record<string, (region: string) => PolicyStatement[]>> = {
  s3: (region) => [
    {
      Sid: 'AllowRequestsToAWSOwnedResources',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: s3AwsOwned(region),
    },
  ],
  sts: () => [
    {
      Sid: 'AllowFederatedAssumeRole',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceOrgID': ORG } },
    },
  ],
  // ecr.api_endpoint_policy.json adds only the statement naming <ecr-account-id>: without one, the default.
  'ecr.api': () => [],
  'ecr.dkr': () => [],
  // No published example: the default. (Add a shipped service here after checking the examples.)
  dynamodb: () => [],
  'kinesis-streams': () => [],
  sqs: () => [],
  ssm: (region) => [
    {
      Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
      Effect: 'Allow',
      Principal: '*',
      Action: [
        'ssm:Describe*',
        'ssm:List*',
        'ssm:Get*',
        'ssm:SendCommand',
        'ssm:CreateAssociation',
        'ssm:StartSession',
        'ssm:StartChangeRequestExecution',
        'ssm:StartAutomationExecution',
      ],
      Resource: [`arn:aws:ssm:${region}::parameter/aws/*`, `arn:aws:ssm:${region}::document/*`, 'arn:aws:ssm:*::automation-definition/*'],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    },
  ],
  ec2: () => [
    {
      Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
      Effect: 'Allow',
      Principal: '*',
      Action: [
        'ec2:RunInstances',
        'ec2:CreateReplaceRootVolumeTask',
        'ec2:CreateTags',
        'ec2:DeleteTags',
        'ec2:GetManagedPrefixListEntries',
      ],
      Resource: ['arn:aws:ec2:*::image/*', 'arn:aws:ec2:*:aws:prefix-list/*'],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    },
  ],
  cloudformation: (region) => [
    {
      Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
      Effect: 'Allow',
      Principal: '*',
      Action: ['cloudformation:CreateChangeSet'],
      Resource: [`arn:aws:cloudformation:${region}:aws:transform/*`],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    },
  ],
  imagebuilder: (region) => [
    {
      Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
      Effect: 'Allow',
      Principal: '*',
      Action: ['imagebuilder:GetComponent', 'imagebuilder:GetImage'],
      Resource: [`arn:aws:imagebuilder:${region}:aws:component/*`, `arn:aws:imagebuilder:${region}:aws:image/*`],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    },
  ],
  // lambda_endpoint_policy.json adds only the statement naming the layer account: without one, the default.
  lambda: () => [],
};
const expectedPolicy = (service: string, region: string): PolicyStatement[] => [
  ...head(),
  ...EXPECTED_ADDITIONS[service](region),
  ...tail(),
];

/** Every (service, region) of the shipped environments' endpoint sets, with the environment's organization. */
const SHIPPED = environments.flatMap((env) =>
  Object.entries(env.network.hubs).flatMap(([region, hub]) =>
    Object.values(hub.endpointSets).flatMap((set) =>
      set.services.map((service) => ({ env: env.name, org: env.organization.id, region, service })),
    ),
  ),
);

/** Runs the project's PL2 rule on an interface endpoint to `service` carrying `policy`. */
function pl2(service: string, region: string, policy: string): string {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region });
  const endpoint = new VpcEndpoint(stack, 'endpoint', {
    vpcId: 'vpc-1',
    serviceName: `com.amazonaws.${region}.${service}`,
    vpcEndpointType: 'Interface',
    policy,
  });
  const result = interfaceEndpointPolicy.check(endpoint);
  return typeof result === 'string' ? result : result.status;
}

const ALL_ACCOUNTS: EndpointPolicyContext['serviceAccounts'] = {
  ecr: ['602401143452', '123456789012'],
  glue: ['210987654321'],
  codeArtifact: ['111122223333'],
  lambdaLayers: ['580247275435'],
};
const COVERED = Object.keys(EXPECTED_ADDITIONS);

describe('shipped endpoint sets', () => {
  test('the shipped environments have endpoint sets and every shipped service has an expectation here', () => {
    expect(SHIPPED.length).toBeGreaterThan(0);
    const missing = [...new Set(SHIPPED.map((s) => s.service))].filter((s) => !COVERED.includes(s));
    expect(missing).toEqual([]);
  });

  test.each(SHIPPED.map((s) => [s.env, s.region, s.service, s.org] as const))(
    '%s %s %s: exact statements',
    (_env, region, service, org) => {
      if (!COVERED.includes(service)) throw new Error(`no expectation for shipped service '${service}': add it to EXPECTED_ADDITIONS`);
      expect(statementsOf(service, { organizationId: org, region })).toEqual([
        ...head(org),
        ...EXPECTED_ADDITIONS[service](region).map((s) => withOrg(s, org)),
        ...tail(org),
      ]);
    },
  );
});

/** An expected statement with the test organization replaced by `org`. */
function withOrg(s: PolicyStatement, org: string): PolicyStatement {
  return JSON.parse(JSON.stringify(s).split(ORG).join(org));
}

describe('per-service defaults (us-east-1)', () => {
  test.each(COVERED)('%s: exact statements', (service) => {
    expect(statementsOf(service)).toEqual(expectedPolicy(service, REGION));
  });

  test('every service with additions is covered here', () => {
    expect(SERVICES_WITH_ADDITIONS.filter((s) => !COVERED.includes(s))).toEqual([]);
  });

  test('a service without a published example gets the published default', () => {
    expect(statementsOf('kms')).toEqual([...head(), ...tail()]);
    expect(statementsOf('logs')).toEqual([...head(), ...tail()]);
    // Not a prototype key either.
    expect(statementsOf('constructor')).toEqual([...head(), ...tail()]);
  });
});

describe('S3', () => {
  test('ECR layers, SSM/patch/agent buckets and Amazon Linux repositories of the region, readable by anyone through the endpoint', () => {
    const owned = statementsOf('s3', ctx('eu-west-1')).find((s) => s.Sid === 'AllowRequestsToAWSOwnedResources')!;
    expect(owned.Condition).toBeUndefined();
    expect(owned.Action).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(owned.Resource).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
        'arn:aws:s3:::aws-ssm-eu-west-1/*',
        'arn:aws:s3:::amazon-ssm-eu-west-1/*',
        'arn:aws:s3:::patch-baseline-snapshot-eu-west-1/*',
        'arn:aws:s3:::amazonlinux-2-repos-eu-west-1/*',
        'arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*',
        'arn:aws:s3:::cloudformation-custom-resource-response-euwest1/*',
      ]),
    );
    expect(owned.Resource).toEqual(s3AwsOwned('eu-west-1'));
  });

  test('the Glue and CodeArtifact statements appear only with their accounts', () => {
    const statements = statementsOf('s3', ctx(REGION, { serviceAccounts: { glue: ['210987654321'], codeArtifact: ['111122223333'] } }));
    expect(statements).toEqual([
      ...head(),
      {
        Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceAccount': '210987654321', 'aws:PrincipalOrgID': ORG } },
      },
      {
        Sid: 'AllowRequestsToAWSOwnedResources',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: s3AwsOwned(REGION, ['111122223333']),
      },
      ...tail(),
    ]);
    expect(s3AwsOwned(REGION, ['111122223333'])).toContain('arn:aws:s3:::assets-111122223333-us-east-1/*');
  });
});

describe('STS', () => {
  test('federated AssumeRoleWith* is allowed whatever the caller, only for roles of the organization', () => {
    const federated = statementsOf('sts').filter((s) => ([] as string[]).concat(s.Action).some((a) => a.startsWith('sts:AssumeRoleWith')));
    expect(federated).toEqual([
      {
        Sid: 'AllowFederatedAssumeRole',
        Effect: 'Allow',
        Principal: '*',
        Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceOrgID': ORG } },
      },
    ]);
    // No principal key in that statement: federated callers carry none.
    expect(Object.keys(federated[0].Condition!.StringEquals)).toEqual(['aws:ResourceOrgID']);
  });
});

describe('ECR', () => {
  test.each(['ecr.api', 'ecr.dkr'])('%s: service-owned repositories by account, for organization identities', (service) => {
    const one = statementsOf(service, ctx(REGION, { serviceAccounts: { ecr: ['602401143452'] } }));
    expect(one).toEqual([
      ...head(),
      {
        Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceAccount': '602401143452', 'aws:PrincipalOrgID': ORG } },
      },
      ...tail(),
    ]);
    const two = statementsOf(service, ctx(REGION, { serviceAccounts: { ecr: ['602401143452', '123456789012'] } }));
    expect(two[2].Condition).toEqual({
      StringEquals: { 'aws:ResourceAccount': ['602401143452', '123456789012'], 'aws:PrincipalOrgID': ORG },
    });
    expect(statementsOf(service, ctx(REGION, { serviceAccounts: { ecr: [] } }))).toEqual([...head(), ...tail()]);
  });
});

describe('SSM', () => {
  test('AWS-owned parameters, documents and runbooks of the region for organization identities', () => {
    expect(statementsOf('ssm', ctx('eu-west-1'))).toEqual(expectedPolicy('ssm', 'eu-west-1'));
    expect(statementsOf('ssm', ctx('eu-west-1'))[2].Resource).toEqual([
      'arn:aws:ssm:eu-west-1::parameter/aws/*',
      'arn:aws:ssm:eu-west-1::document/*',
      'arn:aws:ssm:*::automation-definition/*',
    ]);
  });
});

describe('Lambda', () => {
  test('layers of the given accounts', () => {
    expect(statementsOf('lambda', ctx(REGION, { serviceAccounts: { lambdaLayers: ['580247275435'] } }))[2]).toEqual({
      Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: ['arn:aws:lambda:*:580247275435:layer:*'],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    });
  });
});

/** Every policy the function can produce for the services here, in us-east-1 and eu-west-1, with and without service accounts. */
const VARIANTS = COVERED.flatMap((service) =>
  ['us-east-1', 'eu-west-1', 'ap-southeast-2'].flatMap((region) => [
    { service, region, accounts: false },
    { service, region, accounts: true },
  ]),
);
const policyOf = (v: (typeof VARIANTS)[number]): string =>
  defaultEndpointPolicy(v.service, ctx(v.region, v.accounts ? { serviceAccounts: ALL_ACCOUNTS } : {}));
const label = (v: (typeof VARIANTS)[number]): string => `${v.service} ${v.region}${v.accounts ? ' +accounts' : ''}`;

describe('every policy', () => {
  test.each(VARIANTS.map((v) => [label(v), v] as const))('%s: passes PL2, no full-access statement, under the size limit', (_l, v) => {
    const policy = policyOf(v);
    expect(pl2(v.service, v.region, policy)).toBe('compliant');
    const doc = JSON.parse(policy);
    expect(doc.Version).toBe('2012-10-17');
    for (const s of doc.Statement as PolicyStatement[]) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(s.Effect).toBe('Allow');
      expect(s.Principal).toBe('*');
      // "Allow * to *" without a condition would be a full-access statement (PL2).
      const everything = s.Action === '*' && s.Resource === '*';
      if (everything) expect(s.Condition).toBeDefined();
    }
    expect(new Set(doc.Statement.map((s: PolicyStatement) => s.Sid)).size).toBe(doc.Statement.length);
    expect(policy).not.toMatch(/[<>]/); // no placeholder left
    expect(policy.length).toBeLessThanOrEqual(MAX_ENDPOINT_POLICY_CHARS);
  });

  test('the largest (S3 with every account) keeps a wide margin to 20,480 characters', () => {
    const s3 = defaultEndpointPolicy('s3', ctx('ap-southeast-2', { serviceAccounts: ALL_ACCOUNTS }));
    expect(s3.length).toBeLessThan(MAX_ENDPOINT_POLICY_CHARS / 2);
  });

  test('PL2 would catch a full-access statement (the check above is live)', () => {
    const full = endpointPolicyDocument([
      ...endpointPolicyStatements('s3', ctx()),
      { Sid: 'Everything', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
    ]);
    expect(pl2('s3', REGION, full)).toBe('non-compliant');
  });
});

describe('inputs and limits', () => {
  test('rejects an oversized document', () => {
    const huge = {
      Sid: 'Huge',
      Effect: 'Allow' as const,
      Principal: '*' as const,
      Action: 's3:GetObject',
      Resource: Array.from({ length: 1000 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
    };
    expect(() => endpointPolicyDocument([huge])).toThrow(/20480/);
  });

  test('rejects a token or malformed organization id, region or account', () => {
    expect(() => defaultEndpointPolicy('s3', { organizationId: '${TfToken[TOKEN.1]}', region: REGION })).toThrow(/organization id/);
    expect(() => defaultEndpointPolicy('s3', { organizationId: ORG, region: '${TfToken[TOKEN.2]}' })).toThrow(/region/);
    expect(() => defaultEndpointPolicy('ecr.api', ctx(REGION, { serviceAccounts: { ecr: ['60240114345'] } }))).toThrow(/12-digit/);
  });

  test('the same input gives the same document (stable plans)', () => {
    expect(defaultEndpointPolicy('s3', ctx())).toBe(defaultEndpointPolicy('s3', ctx()));
  });
});
