/**
 * The accounts of an end-to-end run as a landing-zone team has them before its first deploy, and
 * the emulator enforcing IAM from then on (moto's IAM access control, test/emulator/moto_ext/iam_auth.py):
 * - the organization is declared, so its member accounts hold OrganizationAccountAccessRole, trusted
 *   by the management account, as AWS Organizations creates it (moto_ext/organizations.py);
 * - an administrator (an IAM user allowed everything) in the management account: the bootstrap runs
 *   with its keys and reaches the members through OrganizationAccountAccessRole, and so do the
 *   suite's own reads and the vendor it plays;
 * - the CI principal the environment's bootstrap trusts (`bootstrap.trust.arn`, a role), assumed by a
 *   CI user of its account, with exactly trustedPrincipalPolicy(env) (lib/iam/trust.ts), which the bootstrap prints
 *   (`sts:AssumeRole` on the deploy roles, the state bucket, the state key).
 * Then enforcement is switched on: every later call must be signed with keys of these principals
 * (the emulator's `test` keys are refused) and is checked against their IAM policies. Deploys run
 * as the CI role, so each provider acts only through the deploy role the bootstrap generated.
 */
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { EnvironmentConfig } from '../../lib/config/types';
import { bootstrapSettings, trustedPrincipalPolicy, type PolicyDocument } from '../../lib/iam';

export interface Creds {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const TEST: Creds = { accessKeyId: 'test', secretAccessKey: 'test' };
const REGION = 'us-east-1';
/** The role AWS Organizations creates in the accounts it creates (moto_ext/organizations.py does the same). */
const MEMBER_ADMIN_ROLE = 'OrganizationAccountAccessRole';
/** What the test administrator assumes in accounts outside the organization (the vendor it plays). */
const OUTSIDE_ADMIN_ROLE = 'e2e-outside-administrator';

const allowAll = (): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const trusting = (principal: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });

export class EmulatedOrganization {
  private readonly cache = new Map<string, Promise<Creds>>();

  private constructor(
    private readonly endpoint: string,
    readonly env: EnvironmentConfig,
    /** Keys of the administrator user of the management account. */
    readonly administrator: Creds,
    private readonly ciUser: Creds,
    private readonly ciRoleArn: string,
    private readonly outside: readonly string[],
  ) {}

  /**
   * Declares the organization, creates the administrator, the CI principal and the outside
   * accounts' administrator roles, then switches IAM enforcement on.
   */
  static async prepare(
    endpoint: string,
    env: EnvironmentConfig,
    opts: { readonly outsideAccounts?: readonly string[] } = {},
  ): Promise<EmulatedOrganization> {
    const settings = bootstrapSettings(env);
    if (!settings || settings.trust.kind !== 'principal')
      throw new Error(`${env.name}: the end-to-end run needs a bootstrap section trusting a CI role`);
    const mgmt = env.organization.managementAccountId;
    const members = accountsOf(env).filter((a) => a !== mgmt);
    const res = await fetch(`${endpoint}/_emulator/organization`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: env.organization.id, managementAccountId: mgmt, accounts: members }),
    });
    if (res.status !== 200) throw new Error(`declaring the organization failed: ${res.status} ${await res.text()}`);

    // Before enforcement anyone may act in any account (moto's STS lets the test keys assume any role name).
    const iamIn = async (account: string) =>
      new IAMClient({ endpoint, region: REGION, credentials: await assume(endpoint, TEST, `arn:aws:iam::${account}:role/e2e-setup`) });
    const userWithKey = async (iam: IAMClient, name: string, policy: string): Promise<Creds> => {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'e2e', PolicyDocument: policy }));
      const { AccessKey: k } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
      return { accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! };
    };

    const administrator = await userWithKey(await iamIn(mgmt), 'e2e-administrator', allowAll());
    for (const account of opts.outsideAccounts ?? []) {
      const iam = await iamIn(account);
      await iam.send(
        new CreateRoleCommand({
          RoleName: OUTSIDE_ADMIN_ROLE,
          AssumeRolePolicyDocument: trusting(`arn:aws:iam::${mgmt}:user/e2e-administrator`),
        }),
      );
      await iam.send(new PutRolePolicyCommand({ RoleName: OUTSIDE_ADMIN_ROLE, PolicyName: 'e2e', PolicyDocument: allowAll() }));
    }

    // The CI principal: the trusted role, and a user of its account that may assume it (the CI system's own identity).
    const ciRoleArn = settings.trust.arn;
    const [, , , , ciAccount, resource] = ciRoleArn.split(':');
    const ciRoleName = resource.split('/').pop()!;
    const iam = await iamIn(ciAccount);
    const ciUser = await userWithKey(
      iam,
      'e2e-ci-runner',
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ciRoleArn }],
      }),
    );
    await iam.send(
      new CreateRoleCommand({ RoleName: ciRoleName, AssumeRolePolicyDocument: trusting(`arn:aws:iam::${ciAccount}:user/e2e-ci-runner`) }),
    );
    await iam.send(
      new PutRolePolicyCommand({ RoleName: ciRoleName, PolicyName: 'deploy', PolicyDocument: JSON.stringify(trustedPrincipalPolicy(env)) }),
    );

    const enforce = await fetch(`${endpoint}/moto-api/reset-auth`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '0',
    });
    if (enforce.status !== 200) throw new Error(`switching IAM enforcement on failed: ${enforce.status} ${await enforce.text()}`);
    return new EmulatedOrganization(endpoint, env, administrator, ciUser, ciRoleArn, opts.outsideAccounts ?? []);
  }

  /** Credentials of the CI role (a fresh one-hour session): what `cdktf deploy` runs with. */
  ciCredentials(): Promise<Creds> {
    return assume(this.endpoint, this.ciUser, this.ciRoleArn, 'e2e-ci');
  }

  /** Administrator credentials acting in `account`: the management account's user, a member's OrganizationAccountAccessRole, an outside account's role. */
  adminIn(account: string): Promise<Creds> {
    let found = this.cache.get(account);
    if (!found) {
      const mgmt = this.env.organization.managementAccountId;
      found =
        account === mgmt
          ? Promise.resolve(this.administrator)
          : assume(
              this.endpoint,
              this.administrator,
              `arn:aws:iam::${account}:role/${this.outside.includes(account) ? OUTSIDE_ADMIN_ROLE : MEMBER_ADMIN_ROLE}`,
              'e2e-admin',
            );
      this.cache.set(account, found);
    }
    return found;
  }

  /**
   * Runs `fn` while the deploy role of `account` lacks `action` (removed from whichever of its
   * generated inline policies grants it), and restores the policies afterwards.
   */
  async withoutAction<T>(account: string, action: string, fn: () => Promise<T>): Promise<T> {
    const iam = new IAMClient({ endpoint: this.endpoint, region: REGION, credentials: await this.adminIn(account) });
    const role = this.env.deployRoleName;
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
    const originals = new Map<string, string>();
    for (const name of names) {
      const doc = decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }))).PolicyDocument!);
      const parsed = JSON.parse(doc) as PolicyDocument;
      const statements = parsed.Statement.map((s) => ({ ...s, Action: [s.Action].flat().filter((a) => a !== action) })).filter(
        (s) => s.Action.length > 0,
      );
      if (JSON.stringify(statements) === JSON.stringify(parsed.Statement)) continue;
      originals.set(name, doc);
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: role,
          PolicyName: name,
          PolicyDocument: JSON.stringify({ ...parsed, Statement: statements }),
        }),
      );
    }
    if (originals.size === 0) throw new Error(`the deploy role of ${account} has no generated grant of ${action}`);
    try {
      return await fn();
    } finally {
      for (const [name, doc] of originals)
        await iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: name, PolicyDocument: doc }));
    }
  }
}

/** Every account the environment's stacks act in, and its management account, sorted. */
export function accountsOf(env: EnvironmentConfig): string[] {
  const owners = Object.values(env.services ?? {}).flatMap((s) => (s.kind === 'external' ? [] : [s.accountId]));
  return [
    ...new Set([env.organization.managementAccountId, env.network.accountId, ...owners, ...env.consumers.map((c) => c.accountId)]),
  ].sort();
}

async function assume(endpoint: string, credentials: Creds, roleArn: string, session = 'e2e-setup'): Promise<Creds> {
  const sts = new STSClient({ endpoint, region: REGION, credentials });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: session, DurationSeconds: 3600 }));
  sts.destroy();
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
}
