/**
 * Endpoint policies of the centralized interface endpoints, modelled on AWS's published
 * data-perimeter examples (aws-samples/data-perimeter-policy-examples, folder
 * `vpc_endpoint_policies/`, read at commit 8e0d3c5179a45dca414d4ea1f3a7b544aba02009) and, for
 * STS, on the IAM User Guide page "Control access to AWS STS with VPC endpoint policies".
 *
 * Model: every policy is the published default (organization identities to organization
 * resources, AWS service principals, tagged organization identities to any resource) plus the
 * statements the published example of that service adds, looked up in `SERVICE_ADDITIONS` by
 * the endpoint's short service name (`com.amazonaws.<region>.<name>`). A service without an
 * entry gets the default only, as the examples' README says:
 * "When crafting a VPC endpoint policy for a service that is not covered in this repository,
 * you can start with the default_endpoint_policy.json".
 *
 * Left out on purpose:
 * - Statements whose published form names an account only AWS or you can fill in
 *   (`<ecr-account-id>`, `<glue-account-id>`, `<CodeArtifact-Region-Account>`, the Lambda
 *   layer `<service-account-id>`) are added only when that account is given in
 *   `EndpointPolicyContext.serviceAccounts`; resources with an unknowable part
 *   (`static-<region>-prod-static-<string>`, AWS Cloud9) are not listed at all: a wildcard in
 *   its place would admit buckets anybody can create under that name.
 * - The third-party statements of the S3 example (`AllowRequestsBy…ToThirdPartyResources`)
 *   are templates for your own partners: compose them into a set's `policy` (see
 *   `endpointPolicyStatements`).
 */

const SAMPLES =
  'https://github.com/aws-samples/data-perimeter-policy-examples/blob/8e0d3c5179a45dca414d4ea1f3a7b544aba02009/vpc_endpoint_policies';
/** Where each statement comes from; `Sid`s are the published ones. */
export const POLICY_SOURCES = {
  default: `${SAMPLES}/default_endpoint_policy.json`,
  s3: `${SAMPLES}/s3_endpoint_policy.json`,
  ecr: `${SAMPLES}/ecr.api_endpoint_policy.json`,
  ssm: `${SAMPLES}/ssm_endpoint_policy.json`,
  ec2: `${SAMPLES}/ec2_endpoint_policy.json`,
  cloudformation: `${SAMPLES}/cloudformation_endpoint_policy.json`,
  imagebuilder: `${SAMPLES}/imagebuilder_endpoint_policy.json`,
  lambda: `${SAMPLES}/lambda_endpoint_policy.json`,
  sts: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html',
} as const;

/** "Characters per VPC endpoint policy: 20,480 … including white space" (PrivateLink quotas; not adjustable). */
export const MAX_ENDPOINT_POLICY_CHARS = 20_480;

/** One statement of an endpoint policy; every statement here carries a `Sid`. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: '*';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** What the policies are filled in with. */
export interface EndpointPolicyContext {
  /** The organization (`o-…`): `aws:PrincipalOrgID` and `aws:ResourceOrgID`. */
  readonly organizationId: string;
  /** Region of the endpoint (`us-east-1`): AWS-owned resources are named per region. */
  readonly region: string;
  /**
   * AWS-owned accounts for the published statements that name one. A statement whose account
   * is not given is left out. @default - none
   */
  readonly serviceAccounts?: {
    /**
     * ECR registries owned by AWS services that your identities pull from, e.g. the EKS add-on
     * registry of the region (ecr.api / ecr.dkr, `<ecr-account-id>`).
     */
    readonly ecr?: readonly string[];
    /** AWS Glue Studio's service account of the region (s3, `<glue-account-id>`). */
    readonly glue?: readonly string[];
    /** CodeArtifact's asset-bucket account of the region (s3, `assets-<account>-<region>`). */
    readonly codeArtifact?: readonly string[];
    /** Accounts publishing Lambda layers/extensions you use, e.g. Lambda Insights (lambda). */
    readonly lambdaLayers?: readonly string[];
  };
}

interface Filled {
  readonly org: string;
  readonly region: string;
  readonly accounts: NonNullable<EndpointPolicyContext['serviceAccounts']>;
}

// ---------------------------------------------------------------------------------------------
// The published default, split where the service-specific statements go (the examples put
// them between the service-principal statement and the tag-based exception).
// ---------------------------------------------------------------------------------------------

const baseHead = ({ org }: Filled): PolicyStatement[] => [
  // default_endpoint_policy.json: identities of the organization, to resources of the
  // organization. Neither outside credentials nor outside resources pass this statement.
  {
    Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': org, 'aws:ResourceOrgID': org } },
  },
  // default_endpoint_policy.json: AWS service principals acting on your behalf from your
  // network ("some services that operate within your network might need this statement").
  {
    Sid: 'AllowRequestsByAWSServicePrincipals',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
  },
];

const baseTail = ({ org }: Filled): PolicyStatement[] => [
  // default_endpoint_policy.json: the published escape hatch from the resource perimeter —
  // organization identities tagged `dp:exclude:resource=true` may reach any resource. Never
  // broader than organization identities; needs governance over who may set that tag.
  {
    Sid: 'AllowRequestsByOrgsIdentitiesToAnyResources',
    Effect: 'Allow',
    Principal: '*',
    Action: '*',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalOrgID': org, 'aws:PrincipalTag/dp:exclude:resource': 'true' } },
  },
];

// ---------------------------------------------------------------------------------------------
// Per-service additions, each exactly as published, placeholders filled in.
// ---------------------------------------------------------------------------------------------

/**
 * AWS-owned buckets of s3_endpoint_policy.json (`AllowRequestsToAWSOwnedResources`), in the
 * published order. Callers are unauthenticated or hold a URL presigned by an AWS account
 * (service_owned_resources.md), so no principal condition can apply: e.g. ECR layers
 * ("signed using a presigned URL, which is created by an Amazon ECR account"), the
 * Amazon Linux repositories and the SSM Agent's buckets (unauthenticated calls from your VPC).
 */
function awsOwnedBuckets({ region, accounts }: Filled): string[] {
  const r = region;
  const regionWithoutDashes = region.replace(/-/g, '');
  const codeArtifact = (accounts.codeArtifact ?? []).map((a) => `arn:aws:s3:::assets-${a}-${r}/*`);
  return [
    `arn:aws:s3:::packages.${r}.amazonaws.com/*`,
    `arn:aws:s3:::repo.${r}.amazonaws.com/*`,
    `arn:aws:s3:::amazonlinux.${r}.amazonaws.com/*`,
    `arn:aws:s3:::amazonlinux-2-repos-${r}/*`,
    `arn:aws:s3:::al2023-repos-${r}-de612dc2/*`,
    `arn:aws:s3:::al2023-${r}/*`,
    `arn:aws:s3:::repo.${r}.emr.amazonaws.com/*`,
    `arn:aws:s3:::prod.${r}.appinfo.src/*`,
    `arn:aws:s3:::aws-ssm-${r}/*`,
    `arn:aws:s3:::aws-windows-downloads-${r}/*`,
    `arn:aws:s3:::amazon-ssm-${r}/*`,
    `arn:aws:s3:::amazon-ssm-packages-${r}/*`,
    `arn:aws:s3:::${r}-birdwatcher-prod/*`,
    `arn:aws:s3:::aws-ssm-distributor-file-${r}/*`,
    `arn:aws:s3:::aws-ssm-document-attachments-${r}/*`,
    `arn:aws:s3:::patch-baseline-snapshot-${r}/*`,
    `arn:aws:s3:::aws-patchmanager-macos-${r}/*`,
    `arn:aws:s3:::amazoncloudwatch-agent-${r}/*`,
    'arn:aws:s3:::amazoncloudwatch-agent/*',
    `arn:aws:s3:::aws-codedeploy-${r}/*`,
    `arn:aws:s3:::ec2imagebuilder-toe-${r}-prod/*`,
    `arn:aws:s3:::ec2imagebuilder-managed-resources-${r}-prod/components/*`,
    `arn:aws:s3:::prod-${r}-starport-layer-bucket/*`,
    `arn:aws:s3:::aws-mgn-clients-${r}/*`,
    `arn:aws:s3:::aws-mgn-clients-hashes-${r}/*`,
    `arn:aws:s3:::aws-mgn-internal-${r}/*`,
    `arn:aws:s3:::aws-mgn-internal-hashes-${r}/*`,
    `arn:aws:s3:::aws-application-migration-service-${r}/*`,
    `arn:aws:s3:::aws-application-migration-service-hashes-${r}/*`,
    `arn:aws:s3:::aws-drs-clients-${r}/*`,
    `arn:aws:s3:::aws-drs-clients-hashes-${r}/*`,
    `arn:aws:s3:::aws-drs-internal-${r}/*`,
    `arn:aws:s3:::aws-drs-internal-hashes-${r}/*`,
    `arn:aws:s3:::aws-elastic-disaster-recovery-${r}/*`,
    `arn:aws:s3:::aws-elastic-disaster-recovery-hashes-${r}/*`,
    `arn:aws:s3:::cloudformation-waitcondition-${r}/*`,
    `arn:aws:s3:::cloudformation-custom-resource-response-${regionWithoutDashes}/*`,
    `arn:aws:s3:::aws-ec2-enclave-certificate-${r}-prod/*`,
    ...codeArtifact,
    `arn:aws:s3:::elasticbeanstalk-samples-${r}/*`,
    `arn:aws:s3:::elasticbeanstalk-platform-assets-${r}/*`,
    `arn:aws:s3:::elasticbeanstalk-env-resources-${r}/*`,
    `arn:aws:s3:::elasticbeanstalk-${r}/*`,
    `arn:aws:s3:::jumpstart-cache-prod-${r}/*`,
    `arn:aws:s3:::jumpstart-cache-prod-${r}`,
    // (static-<region>-prod-static-<string>/content/dependencies/* — AWS Cloud9 — left out: the
    // <string> part is not published.)
    'arn:aws:s3:::aws-neptune-notebook',
    'arn:aws:s3:::aws-neptune-notebook/*',
    `arn:aws:s3:::aws-neptune-notebook-${r}`,
    `arn:aws:s3:::aws-neptune-notebook-${r}/*`,
    `arn:aws:s3:::athena-examples-${r}/*`,
    `arn:aws:s3:::athena-examples-${r}`,
    'arn:aws:s3:::cloudformation-examples/*',
    'arn:aws:s3:::awssupportdatasvcs.com/*',
    'arn:aws:s3:::redshift-downloads/*',
    'arn:aws:s3:::session-manager-downloads/*',
    'arn:aws:s3:::ssm-document-categories/*',
    'arn:aws:s3:::aws-sap-data-provider/*',
    `arn:aws:s3:::aws-sap-dataprovider-${r}/*`,
    'arn:aws:s3:::awssap-backint-agent/*',
    'arn:aws:s3:::aws-cli/*',
  ];
}

/** `AllowRequestsByOrgsIdentitiesToAWSResources` with resources fixed by ARN (ssm, ec2, cloudformation, imagebuilder). */
const orgIdentitiesToAwsResources = (org: string, action: string | readonly string[], resource: readonly string[]): PolicyStatement => ({
  Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
  Effect: 'Allow',
  Principal: '*',
  Action: action,
  Resource: resource,
  Condition: { StringEquals: { 'aws:PrincipalOrgID': org } },
});

/** `AllowRequestsByOrgsIdentitiesToAWSResources` with resources given by their owner account (ecr.api, s3/Glue). */
const orgIdentitiesToAwsAccounts = (org: string, action: string, accounts: readonly string[] | undefined): PolicyStatement[] =>
  accounts && accounts.length > 0
    ? [
        {
          Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
          Effect: 'Allow',
          Principal: '*',
          Action: action,
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:ResourceAccount': accounts.length === 1 ? accounts[0] : [...accounts], 'aws:PrincipalOrgID': org },
          },
        },
      ]
    : [];

/** ecr.api_endpoint_policy.json; also used for ecr.dkr (no published file; image pulls go through it). */
const ecrAdditions = ({ org, accounts }: Filled): PolicyStatement[] =>
  // Organization identities (e.g. EKS node roles) to repositories AWS services own
  // (`arn:aws:ecr:*:<service-account-id>:repository/*`: EKS add-ons, GuardDuty, SageMaker images).
  orgIdentitiesToAwsAccounts(org, '*', accounts.ecr);

/** Statements each service's published example adds to the default, by short service name. */
const SERVICE_ADDITIONS: Readonly<Record<string, (f: Filled) => PolicyStatement[]>> = {
  // s3_endpoint_policy.json
  s3: (f) => [
    // Glue Studio reads transforms from a Glue-owned bucket with your service role.
    ...orgIdentitiesToAwsAccounts(f.org, 's3:GetObject', f.accounts.glue),
    // AWS-owned buckets reached without organization credentials: ECR layers, Amazon Linux
    // repositories, SSM Agent / Patch Manager / CloudWatch agent / CodeDeploy agent, ….
    {
      Sid: 'AllowRequestsToAWSOwnedResources',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: awsOwnedBuckets(f),
    },
  ],
  // IAM User Guide, reference_sts_vpc_endpoint_policies: AssumeRoleWithSAML and
  // AssumeRoleWithWebIdentity callers (EKS service-account roles, OIDC CI, SAML) carry no
  // aws:PrincipalOrgID ("federated … calls are implicitly denied" otherwise); they may assume
  // roles of the organization only.
  sts: ({ org }) => [
    {
      Sid: 'AllowFederatedAssumeRole',
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceOrgID': org } },
    },
  ],
  'ecr.api': ecrAdditions,
  'ecr.dkr': ecrAdditions,
  // ssm_endpoint_policy.json: AWS-owned public parameters (/aws/service/…), documents
  // (AWS-RunPatchBaseline, AWS-StartSSHSession, …) and automation runbooks.
  ssm: ({ org, region }) => [
    orgIdentitiesToAwsResources(
      org,
      [
        'ssm:Describe*',
        'ssm:List*',
        'ssm:Get*',
        'ssm:SendCommand',
        'ssm:CreateAssociation',
        'ssm:StartSession',
        'ssm:StartChangeRequestExecution',
        'ssm:StartAutomationExecution',
      ],
      [`arn:aws:ssm:${region}::parameter/aws/*`, `arn:aws:ssm:${region}::document/*`, 'arn:aws:ssm:*::automation-definition/*'],
    ),
  ],
  // ec2_endpoint_policy.json: Amazon-owned AMIs and AWS-managed prefix lists.
  ec2: ({ org }) => [
    orgIdentitiesToAwsResources(
      org,
      ['ec2:RunInstances', 'ec2:CreateReplaceRootVolumeTask', 'ec2:CreateTags', 'ec2:DeleteTags', 'ec2:GetManagedPrefixListEntries'],
      ['arn:aws:ec2:*::image/*', 'arn:aws:ec2:*:aws:prefix-list/*'],
    ),
  ],
  // cloudformation_endpoint_policy.json: AWS-owned transforms (AWS::Serverless, AWS::Include, …).
  cloudformation: ({ org, region }) => [
    orgIdentitiesToAwsResources(org, ['cloudformation:CreateChangeSet'], [`arn:aws:cloudformation:${region}:aws:transform/*`]),
  ],
  // imagebuilder_endpoint_policy.json: AWS-managed components and images.
  imagebuilder: ({ org, region }) => [
    orgIdentitiesToAwsResources(
      org,
      ['imagebuilder:GetComponent', 'imagebuilder:GetImage'],
      [`arn:aws:imagebuilder:${region}:aws:component/*`, `arn:aws:imagebuilder:${region}:aws:image/*`],
    ),
  ],
  // lambda_endpoint_policy.json: layers/extensions published by AWS accounts (only if given).
  lambda: ({ org, accounts }) =>
    accounts.lambdaLayers && accounts.lambdaLayers.length > 0
      ? [
          orgIdentitiesToAwsResources(
            org,
            '*',
            accounts.lambdaLayers.map((a) => `arn:aws:lambda:*:${a}:layer:*`),
          ),
        ]
      : [],
};

/** Services whose default adds statements to the published default (the others get the default only). */
export const SERVICES_WITH_ADDITIONS: readonly string[] = Object.keys(SERVICE_ADDITIONS);

const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT_ID = /^\d{12}$/;

function fill(context: EndpointPolicyContext): Filled {
  const { organizationId, region } = context;
  if (!ORG_ID.test(organizationId))
    throw new Error(`endpoint policy: organization id '${organizationId}' is not an o-… id (a literal is needed, not a token)`);
  if (!REGION.test(region)) throw new Error(`endpoint policy: region '${region}' is not a region name (a literal is needed, not a token)`);
  const accounts = context.serviceAccounts ?? {};
  for (const [kind, ids] of Object.entries(accounts)) {
    for (const id of ids ?? []) {
      if (!ACCOUNT_ID.test(id)) throw new Error(`endpoint policy: serviceAccounts.${kind} '${id}' is not a 12-digit account id`);
    }
  }
  return { org: organizationId, region, accounts };
}

/**
 * The statements of the default policy of one service: the published default with the
 * service's published additions. Use it to compose a set's own `policy` (e.g. add the
 * third-party statements of the S3 example) without losing the defaults.
 */
export function endpointPolicyStatements(service: string, context: EndpointPolicyContext): PolicyStatement[] {
  const f = fill(context);
  const additions = Object.prototype.hasOwnProperty.call(SERVICE_ADDITIONS, service) ? SERVICE_ADDITIONS[service](f) : [];
  return [...baseHead(f), ...additions, ...baseTail(f)];
}

/**
 * The endpoint policy (JSON) for an interface endpoint of `service` (short name, as in
 * `com.amazonaws.<region>.<service>`) when its endpoint set gives no `policy`.
 * Throws if the document exceeds the 20,480-character endpoint-policy limit.
 */
export function defaultEndpointPolicy(service: string, context: EndpointPolicyContext): string {
  return endpointPolicyDocument(endpointPolicyStatements(service, context));
}

/** A policy document from statements, checked against the endpoint-policy size limit. */
export function endpointPolicyDocument(statements: readonly PolicyStatement[]): string {
  const json = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  if (json.length > MAX_ENDPOINT_POLICY_CHARS) {
    throw new Error(`endpoint policy is ${json.length} characters; VPC endpoint policies are limited to ${MAX_ENDPOINT_POLICY_CHARS}`);
  }
  return json;
}
