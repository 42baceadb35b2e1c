import { App } from 'cdktf';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import { synthesizeStacks } from '../../../lib/cdktf/internals';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { splitPolicy, type StackJson } from '../../../lib/iam';
import { isBlocking, runRules } from '../../../lib/rules';
import { BOOTSTRAP_LOCAL_STATE_REASON, buildBootstrap, stackDependencies, synthesizeAppStacks } from '../../../stacks/bootstrap';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep clone the mutation may change freely, wrong types included
type Draft = any;

function variant(base: EnvironmentConfig, mutate: (env: Draft) => void): EnvironmentConfig {
  const env = structuredClone(base) as Draft;
  mutate(env);
  return env as EnvironmentConfig;
}

function synthBootstrap(env: EnvironmentConfig): { app: App; stacks: Record<string, StackJson>; boot: ReturnType<typeof buildBootstrap> } {
  const app = new App();
  const boot = buildBootstrap(app, env);
  return { app, stacks: synthesizeStacks(app), boot };
}

const one = (stack: StackJson, type: string): StackJson => {
  const all = Object.values(stack.resource?.[type] ?? {}) as StackJson[];
  if (all.length !== 1) throw new Error(`${all.length} ${type}`);
  return all[0];
};
const all = (stack: StackJson, type: string): StackJson[] => Object.values(stack.resource?.[type] ?? {}) as StackJson[];

const prodBoot = synthBootstrap(prod);
const devBoot = synthBootstrap(dev);

describe('bootstrap stacks', () => {
  test('ids and apply order: organization, state, one per account, nothing else with S3 state', () => {
    expect(prodBoot.boot.order).toEqual([
      'prod-bootstrap-organization',
      'prod-bootstrap-state',
      ...['222222222222', '333333333333', '444444444444', '555555555555', '666666666666', '777777777777'].map((a) => `prod-bootstrap-${a}`),
    ]);
    expect(Object.keys(prodBoot.stacks).sort()).toEqual([...prodBoot.boot.order].sort());
    expect(devBoot.boot.order).toEqual([
      'dev-bootstrap-organization',
      'dev-bootstrap-state',
      'dev-bootstrap-222222222222',
      'dev-bootstrap-333333333333',
      'dev-bootstrap-444444444444',
      'dev-bootstrap-555555555555',
    ]);
  });

  test('local state by design, outside the synthesized output, and rule PL7 suppressed with its reason', () => {
    for (const [id, stack] of Object.entries(prodBoot.stacks)) {
      expect(stack.terraform.backend).toEqual({ local: { path: `../../../bootstrap-state/prod/${id}.tfstate` } });
    }
    const findings = runRules(prodBoot.app);
    expect(findings.map((f) => f.ruleId)).toEqual(prodBoot.boot.order.map(() => 'PL7'));
    expect(findings.every((f) => f.suppressed?.reason === BOOTSTRAP_LOCAL_STATE_REASON)).toBe(true);
    expect(findings.some(isBlocking)).toBe(false);
  });

  test('an environment without a bootstrap section cannot be bootstrapped, and says how', () => {
    expect(() =>
      buildBootstrap(
        new App(),
        variant(dev, (e) => delete e.bootstrap),
      ),
    ).toThrow("dev: the environment has no bootstrap section; add bootstrap: { trust: { kind: 'principal', arn: '<CI role ARN>' } } to it");
  });
});

describe('deploy-role stacks', () => {
  test('the deploy role with the CI role trusted and the generated policy as inline policies', () => {
    const stack = prodBoot.stacks['prod-bootstrap-555555555555'];
    const role = one(stack, 'aws_iam_role');
    expect(role.name).toBe('privatelink-deploy');
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TerraformRunner',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:role/privatelink-ci' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    const policy = prodBoot.boot.policies.find((p) => p.accountId === '555555555555')!;
    const inline = all(stack, 'aws_iam_role_policy');
    expect(inline.map((p) => JSON.parse(p.policy))).toEqual(splitPolicy(policy.document));
    expect(inline.map((p) => p.name)).toEqual(['prod-deploy-1']);
    expect(inline.every((p) => p.role === '${aws_iam_role.deploy-role.name}')).toBe(true);
    expect(stack.resource.aws_iam_openid_connect_provider).toBeUndefined();
  });

  test('the permissions boundary of the roles the app stacks create: a flow-log delivery role at most', () => {
    const stack = prodBoot.stacks['prod-bootstrap-555555555555'];
    const boundary = one(stack, 'aws_iam_policy');
    expect(boundary.name).toBe('prod-privatelink-role-boundary');
    expect(JSON.parse(boundary.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DeliverFlowLogsOfTheEnvironment',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [
            'arn:aws:logs:*:555555555555:log-group:/privatelink/prod-*',
            'arn:aws:logs:*:555555555555:log-group:/privatelink/prod-*:*',
          ],
        },
      ],
    });
    // the app stacks' flow-log roles in that account name it, and their own policy stays inside it
    const consumer = synthesizeAppStacks(prod)['prod-consumer-ledger-eu-eu-west-1'];
    const flowRole = Object.values(consumer.resource.aws_iam_role as Record<string, StackJson>)[0];
    expect(flowRole.permissions_boundary).toBe('arn:aws:iam::555555555555:policy/prod-privatelink-role-boundary');
    const delivery = JSON.parse(Object.values(consumer.resource.aws_iam_role_policy as Record<string, StackJson>)[0].policy);
    expect(delivery.Statement[0].Action.every((a: string) => JSON.parse(boundary.policy).Statement[0].Action.includes(a))).toBe(true);
  });

  test('a policy over the per-document target is split into several inline policies', () => {
    const stack = prodBoot.stacks['prod-bootstrap-333333333333'];
    expect(all(stack, 'aws_iam_role_policy').map((p) => p.name)).toEqual(['prod-deploy-1', 'prod-deploy-2']);
  });

  test('member accounts are reached through the admin role, pinned to the account', () => {
    const [provider] = prodBoot.stacks['prod-bootstrap-444444444444'].provider.aws;
    expect(provider).toMatchObject({
      allowed_account_ids: ['444444444444'],
      region: 'us-east-1',
      assume_role: [
        { role_arn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole', session_name: 'prod-privatelink-bootstrap' },
      ],
      default_tags: [
        { tags: expect.objectContaining({ environment: 'prod', stack: 'prod-bootstrap-444444444444', 'stack-role': 'bootstrap' }) },
      ],
    });
    const custom = synthBootstrap(variant(dev, (e) => (e.bootstrap.adminRoleName = 'LandingZoneAdmin')));
    expect(custom.stacks['dev-bootstrap-444444444444'].provider.aws[0].assume_role[0].role_arn).toBe(
      'arn:aws:iam::444444444444:role/LandingZoneAdmin',
    );
  });

  test('hcp-terraform trust: an OIDC provider per account, and only the workspaces acting in the account', () => {
    const env = variant(prod, (e) => {
      e.state = { kind: 'cloud', organization: 'acme', project: 'networking', workspacePrefix: 'pl-' };
      e.bootstrap = { trust: { kind: 'hcp-terraform', organization: 'acme' } };
    });
    const { stacks } = synthBootstrap(env);
    const stack = stacks['prod-bootstrap-777777777777'];
    expect(one(stack, 'aws_iam_openid_connect_provider')).toMatchObject({
      url: 'https://app.terraform.io',
      client_id_list: ['aws.workload.identity'],
    });
    expect(JSON.parse(one(stack, 'aws_iam_role').assume_role_policy).Statement).toEqual([
      {
        Sid: 'HcpTerraformWorkspaces',
        Effect: 'Allow',
        Principal: { Federated: '${aws_iam_openid_connect_provider.hcp-terraform.arn}' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
          // fx-rates' own stack and the one consumer that reaches it (its owner side lives there).
          StringLike: {
            'app.terraform.io:sub': [
              'organization:acme:project:networking:workspace:pl-prod-consumer-ledger-eu-eu-west-1:run_phase:*',
              'organization:acme:project:networking:workspace:pl-prod-provider-fx-rates-eu-west-1:run_phase:*',
            ],
          },
        },
      },
    ]);
    const onTfe = synthBootstrap(
      variant(env, (e) => {
        e.state.hostname = 'tfe.example.com';
        delete e.state.project;
      }),
    ).stacks['prod-bootstrap-777777777777'];
    expect(one(onTfe, 'aws_iam_openid_connect_provider').url).toBe('https://tfe.example.com');
    expect(JSON.parse(one(onTfe, 'aws_iam_role').assume_role_policy).Statement[0].Condition.StringLike['tfe.example.com:sub'][0]).toBe(
      'organization:acme:project:Default Project:workspace:pl-prod-consumer-ledger-eu-eu-west-1:run_phase:*',
    );
  });
});

describe('state stack', () => {
  const stack = prodBoot.stacks['prod-bootstrap-state'];

  test('in the state account and region', () => {
    expect(stack.provider.aws[0]).toMatchObject({ allowed_account_ids: ['222222222222'], region: 'us-east-1' });
    expect(one(stack, 'aws_s3_bucket')).toMatchObject({ bucket: 'acme-privatelink-tfstate-prod' });
  });

  test('versioned, SSE-KMS with its own rotated key and bucket key, public access blocked', () => {
    expect(one(stack, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(one(stack, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.key.arn}' },
        bucket_key_enabled: true,
      },
    ]);
    expect(one(stack, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const key = one(stack, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(one(stack, 'aws_kms_alias')).toMatchObject({ name: 'alias/privatelink-tfstate', target_key_id: '${aws_kms_key.key.key_id}' });
    expect(JSON.parse(key.policy).Statement).toEqual([
      {
        Sid: 'AccountAdministersTheKey',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:root' },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'TerraformUsesTheKey',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222222222222:role/privatelink-ci' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        Resource: '*',
      },
    ]);
  });

  test("TLS only, and the trusted principal reaches the environment's state and lock files", () => {
    const policy = JSON.parse(one(stack, 'aws_s3_bucket_policy').policy);
    const arn = '${aws_s3_bucket.bucket.arn}';
    expect(policy.Statement).toEqual([
      {
        Sid: 'TlsOnly',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'TerraformListsState',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::222222222222:role/privatelink-ci'] },
        Action: 's3:ListBucket',
        Resource: arn,
      },
      {
        Sid: 'TerraformReadsAndWritesState',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::222222222222:role/privatelink-ci'] },
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: `${arn}/prod/*`,
      },
    ]);
  });

  test('noncurrent versions expire after the configured days (default 90)', () => {
    const rule = (s: StackJson) => one(s, 'aws_s3_bucket_lifecycle_configuration').rule;
    expect(rule(stack)).toEqual([
      {
        id: 'expire-noncurrent-state-versions',
        status: 'Enabled',
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 180 }],
      },
    ]);
    expect(rule(devBoot.stacks['dev-bootstrap-state'])[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(one(devBoot.stacks['dev-bootstrap-state'], 'aws_kms_alias').name).toBe('alias/acme-privatelink-tfstate-dev');
  });

  test('a key of your own encrypts the bucket, and no key is created', () => {
    const own = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { stacks } = synthBootstrap(variant(prod, (e) => (e.state.kmsKeyId = own)));
    const s = stacks['prod-bootstrap-state'];
    expect(s.resource.aws_kms_key).toBeUndefined();
    expect(
      one(s, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default.kms_master_key_id,
    ).toBe(own);
  });

  test('no state stack with cloud state', () => {
    const env = variant(dev, (e) => (e.state = { kind: 'cloud', organization: 'acme' }));
    expect(Object.keys(synthBootstrap(env).stacks)).not.toContain('dev-bootstrap-state');
  });
});

describe('organization stack', () => {
  test('RAM sharing with AWS Organizations in the management account, protected from destroy', () => {
    const stack = prodBoot.stacks['prod-bootstrap-organization'];
    expect(stack.provider.aws).toEqual([expect.objectContaining({ allowed_account_ids: ['111111111111'], region: 'eu-west-1' })]);
    expect(stack.provider.aws[0].assume_role).toBeUndefined();
    expect(one(stack, 'aws_ram_sharing_with_organization')).toMatchObject({ lifecycle: { prevent_destroy: true } });
  });
});

describe('stack dependencies', () => {
  test('consumers read their hub and the services they reach, the peering reads both hubs', () => {
    const deps = stackDependencies(synthesizeAppStacks(prod));
    expect(deps.get('prod-consumer-checkout-us-east-1')).toEqual([
      'prod-network-us-east-1',
      'prod-provider-payments-us-east-1',
      'prod-resource-ledger-db-us-east-1',
    ]);
    expect(deps.get('prod-consumer-ledger-eu-eu-west-1')).toEqual([
      'prod-network-eu-west-1',
      'prod-provider-fx-rates-eu-west-1',
      'prod-provider-payments-us-east-1',
    ]);
    expect(deps.get('prod-peering-eu-west-1-us-east-1')).toEqual(['prod-network-eu-west-1', 'prod-network-us-east-1']);
    expect(deps.get('prod-network-us-east-1')).toEqual([]);
    expect(deps.get('prod-provider-payments-us-east-1')).toEqual([]);
  });
});
