import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment, type ConfigProblem } from '../../../lib/config/validate';
import {
  bootstrapSettings,
  deployRoleTrustPolicy,
  dynamicCredentialsTag,
  hcpSubject,
  stateKeyAlias,
  type ResolvedTrust,
} from '../../../lib/iam';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep clone the mutation may change freely, wrong types included
type Draft = any;

function variant(base: EnvironmentConfig, mutate: (env: Draft) => void): EnvironmentConfig {
  const env = structuredClone(base) as Draft;
  mutate(env);
  return env as EnvironmentConfig;
}

const lines = (problems: readonly ConfigProblem[]): string[] => problems.map((p) => `${p.path}: ${p.message}`);
const cloud = { kind: 'cloud', organization: 'acme', project: 'networking', workspacePrefix: 'pl-' };

describe('bootstrap configuration', () => {
  test('the shipped environments have a valid bootstrap section', () => {
    expect(dev.bootstrap?.trust.kind).toBe('principal');
    expect(prod.bootstrap?.trust.kind).toBe('principal');
    expect(validateEnvironment(dev)).toEqual([]);
    expect(validateEnvironment(prod)).toEqual([]);
  });

  test('an environment without bootstrap stays valid', () => {
    expect(validateEnvironment(variant(prod, (e) => delete e.bootstrap))).toEqual([]);
  });

  test('hcp-terraform trust with cloud state is valid, with or without the optional fields', () => {
    expect(
      validateEnvironment(
        variant(dev, (e) => {
          e.state = cloud;
          e.bootstrap = { trust: { kind: 'hcp-terraform', organization: 'acme' } };
        }),
      ),
    ).toEqual([]);
    expect(
      validateEnvironment(
        variant(dev, (e) => {
          e.state = { ...cloud, hostname: 'tfe.example.com' };
          e.bootstrap = {
            trust: { kind: 'hcp-terraform', organization: 'acme', project: 'networking', hostname: 'tfe.example.com' },
            adminRoleName: 'AdminAccess',
          };
        }),
      ),
    ).toEqual([]);
  });

  test('malformed sections: path, bad value, fix', () => {
    expect(lines(validateEnvironment(variant(dev, (e) => (e.bootstrap = 'yes'))))).toEqual([
      "bootstrap: must be an object such as { trust: { kind: 'principal', arn } }, not the string 'yes'",
    ]);
    expect(lines(validateEnvironment(variant(dev, (e) => (e.bootstrap = { trsut: {} }))))).toEqual([
      "bootstrap.trsut: is not a known field; did you mean 'trust'?",
      "bootstrap.trust: is required; give { kind: 'principal', arn: '<CI role ARN>' } or { kind: 'hcp-terraform', organization: '<HCP Terraform organization>' }",
    ]);
    expect(lines(validateEnvironment(variant(dev, (e) => (e.bootstrap = { trust: { kind: 'github' } }))))).toEqual([
      "bootstrap.trust.kind: 'github' is not a trust kind; use 'principal' (a CI role) or 'hcp-terraform' (dynamic provider credentials)",
    ]);
    expect(lines(validateEnvironment(variant(dev, (e) => (e.bootstrap = { trust: {} }))))).toEqual([
      "bootstrap.trust.kind: is required; use 'principal' or 'hcp-terraform'",
    ]);
  });

  test('principal trust needs a role ARN', () => {
    expect(lines(validateEnvironment(variant(dev, (e) => (e.bootstrap = { trust: { kind: 'principal' } }))))).toEqual([
      "bootstrap.trust.arn: is required; give the ARN of the IAM role that runs Terraform, e.g. 'arn:aws:iam::123456789012:role/ci-deploy'",
    ]);
    expect(
      lines(
        validateEnvironment(
          variant(dev, (e) => (e.bootstrap = { trust: { kind: 'principal', arn: 'arn:aws:iam::222222222222:user/ci', extra: 1 } })),
        ),
      ),
    ).toEqual([
      'bootstrap.trust.extra: is not a known field; remove it (known fields: kind, arn)',
      "bootstrap.trust.arn: 'arn:aws:iam::222222222222:user/ci' is not an IAM role ARN; use 'arn:aws:iam::<12-digit account>:role/<role name>' (the role your CI system runs Terraform as)",
    ]);
  });

  test('hcp-terraform trust must match the workspaces of cloud state, and needs cloud state', () => {
    expect(
      lines(validateEnvironment(variant(dev, (e) => (e.bootstrap = { trust: { kind: 'hcp-terraform', organization: 'acme' } })))),
    ).toEqual([
      "bootstrap.trust.kind: 'hcp-terraform' needs state.kind 'cloud': HCP Terraform runs (and their dynamic credentials) belong to workspaces, which keep their own state; " +
        "use state { kind: 'cloud', organization } or trust { kind: 'principal', arn }",
    ]);
    expect(
      lines(
        validateEnvironment(
          variant(dev, (e) => {
            e.state = cloud;
            e.bootstrap = { trust: { kind: 'hcp-terraform', organization: 'other', project: 'net', hostname: 'tfe.example.com' } };
          }),
        ),
      ),
    ).toEqual([
      "bootstrap.trust.organization: 'other' is not state.organization 'acme', where the workspaces live; use 'acme'",
      "bootstrap.trust.project: 'net' is not the project of the workspaces ('networking', from state.project); use 'networking' or omit project",
      "bootstrap.trust.hostname: 'tfe.example.com' is not the host of the workspaces ('app.terraform.io', from state.hostname); use 'app.terraform.io' or omit hostname",
    ]);
    expect(
      lines(
        validateEnvironment(
          variant(dev, (e) => {
            e.state = cloud;
            e.bootstrap = {
              trust: { kind: 'hcp-terraform', organization: 'acme corp', project: ' ', hostname: 'https://app.terraform.io' },
            };
          }),
        ),
      ),
    ).toEqual([
      "bootstrap.trust.organization: 'acme corp' is not a valid HCP Terraform organization name; use letters, digits, '_' and '-'",
      "bootstrap.trust.project: is empty; omit project to use the workspaces' project ('networking')",
      "bootstrap.trust.hostname: 'https://app.terraform.io' is not a valid host name; use e.g. 'app.terraform.io' (no scheme or path)",
    ]);
  });

  test('state settings only with S3 state, and valid', () => {
    expect(
      lines(
        validateEnvironment(
          variant(prod, (e) => {
            e.bootstrap.stateAccountId = 222222222222;
            e.bootstrap.noncurrentVersionExpirationDays = 0;
            e.bootstrap.adminRoleName = 'Org Admin';
          }),
        ),
      ),
    ).toEqual([
      "bootstrap.stateAccountId: must be a string, not the number 222222222222; quote it, e.g. '222222222222' (numbers lose leading zeros)",
      'bootstrap.noncurrentVersionExpirationDays: 0 is not a number of days S3 accepts; use a whole number of at least 1, e.g. 90',
      "bootstrap.adminRoleName: 'Org Admin' is not a valid IAM role name; use 1-64 letters, digits and + = , . @ _ - (no slashes or spaces), e.g. 'OrganizationAccountAccessRole'",
    ]);
    expect(lines(validateEnvironment(variant(prod, (e) => (e.state = cloud))))).toEqual([
      "bootstrap.stateAccountId: state.kind is 'cloud': HCP Terraform keeps the state, there is no bucket to place; remove stateAccountId",
      "bootstrap.noncurrentVersionExpirationDays: state.kind is 'cloud': there is no state bucket whose old versions could expire; remove noncurrentVersionExpirationDays",
    ]);
  });

  test("the state key alias must be creatable in the bucket's account and region", () => {
    expect(
      lines(validateEnvironment(variant(prod, (e) => (e.state.kmsKeyId = 'arn:aws:kms:eu-west-1:333333333333:alias/tfstate')))),
    ).toEqual([
      "state.kmsKeyId: 'arn:aws:kms:eu-west-1:333333333333:alias/tfstate' is in eu-west-1, but the state bucket is in us-east-1 (state.region) and S3 encrypts with keys of its own region; use 'alias/tfstate'",
      "state.kmsKeyId: 'arn:aws:kms:eu-west-1:333333333333:alias/tfstate' is in account 333333333333, but the bootstrap creates the state key in account 222222222222 (bootstrap.stateAccountId); use 'alias/tfstate'",
    ]);
    expect(
      lines(validateEnvironment(variant(dev, (e) => (e.state.kmsKeyId = 'arn:aws:kms:us-east-1:333333333333:alias/tfstate')))),
    ).toEqual([
      "state.kmsKeyId: 'arn:aws:kms:us-east-1:333333333333:alias/tfstate' is in account 333333333333, but the bootstrap creates the state key in account 222222222222 (network.accountId (the default of bootstrap.stateAccountId)); use 'alias/tfstate'",
    ]);
    // A key of your own (id or key ARN) is used as it is.
    expect(
      validateEnvironment(
        variant(prod, (e) => (e.state.kmsKeyId = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab')),
      ),
    ).toEqual([]);
  });

  test('the deploy role must not match the role names it may manage', () => {
    expect(lines(validateEnvironment(variant(dev, (e) => (e.deployRoleName = 'dev-deploy'))))).toEqual([
      "deployRoleName: 'dev-deploy' matches 'dev-*', the role names the deploy role may create and change (flow-log roles); with bootstrap it could rewrite its own policy: give it a name outside that pattern, e.g. 'privatelink-deploy'",
    ]);
    expect(
      validateEnvironment(
        variant(dev, (e) => {
          e.deployRoleName = 'dev-deploy';
          delete e.bootstrap;
        }),
      ),
    ).toEqual([]);
  });
});

describe('bootstrap settings', () => {
  test('defaults: state in the network account, 90 days, OrganizationAccountAccessRole, key alias from kmsKeyId or the bucket', () => {
    expect(bootstrapSettings(dev)).toEqual({
      trust: { kind: 'principal', arn: 'arn:aws:iam::222222222222:role/privatelink-ci' },
      adminRoleName: 'OrganizationAccountAccessRole',
      state: {
        config: dev.state,
        accountId: '222222222222',
        noncurrentVersionExpirationDays: 90,
        keyAlias: 'alias/acme-privatelink-tfstate-dev',
      },
    });
    expect(bootstrapSettings(prod)?.state).toMatchObject({
      accountId: '222222222222',
      noncurrentVersionExpirationDays: 180,
      keyAlias: 'alias/privatelink-tfstate',
    });
    expect(stateKeyAlias({ kind: 's3', bucket: 'b', region: 'us-east-1', kmsKeyId: 'arn:aws:kms:us-east-1:1:alias/x/y' })).toBe(
      'alias/x/y',
    );
    expect(bootstrapSettings(variant(dev, (e) => delete e.bootstrap))).toBeUndefined();
  });

  test('hcp-terraform trust takes project, host and prefix from the cloud state', () => {
    const env = variant(dev, (e) => {
      e.state = cloud;
      e.bootstrap = { trust: { kind: 'hcp-terraform', organization: 'acme' } };
    });
    expect(bootstrapSettings(env)).toEqual({
      trust: { kind: 'hcp-terraform', organization: 'acme', project: 'networking', hostname: 'app.terraform.io', workspacePrefix: 'pl-' },
      adminRoleName: 'OrganizationAccountAccessRole',
      state: undefined,
    });
    const noProject = variant(env, (e) => delete e.state.project);
    expect(bootstrapSettings(noProject)?.trust).toMatchObject({ project: 'Default Project' });
    expect(dynamicCredentialsTag('444444444444')).toBe('ACCOUNT_444444444444');
  });
});

describe('deploy role trust policies', () => {
  test('principal: the CI role may assume the role', () => {
    expect(
      deployRoleTrustPolicy(
        { kind: 'principal', arn: 'arn:aws:iam::222222222222:role/privatelink-ci' },
        { stacks: ['dev-network-us-east-1'] },
      ),
    ).toEqual({
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
  });

  test('hcp-terraform: web identity of the OIDC provider, audience aws.workload.identity, only the listed workspaces, any run phase', () => {
    const trust: ResolvedTrust = {
      kind: 'hcp-terraform',
      organization: 'acme',
      project: 'networking',
      hostname: 'app.terraform.io',
      workspacePrefix: 'pl-',
    };
    expect(hcpSubject(trust, 'dev-network-us-east-1')).toBe(
      'organization:acme:project:networking:workspace:pl-dev-network-us-east-1:run_phase:*',
    );
    expect(
      deployRoleTrustPolicy(trust, {
        stacks: ['dev-consumer-web-us-east-1', 'dev-network-us-east-1'],
        oidcProvider: 'arn:aws:iam::222222222222:oidc-provider/app.terraform.io',
      }),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'HcpTerraformWorkspaces',
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::222222222222:oidc-provider/app.terraform.io' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
            StringLike: {
              'app.terraform.io:sub': [
                'organization:acme:project:networking:workspace:pl-dev-consumer-web-us-east-1:run_phase:*',
                'organization:acme:project:networking:workspace:pl-dev-network-us-east-1:run_phase:*',
              ],
            },
          },
        },
      ],
    });
    expect(() => deployRoleTrustPolicy(trust, { stacks: ['x'] })).toThrow('an HCP Terraform trust needs the ARN of the OIDC provider');
  });
});
