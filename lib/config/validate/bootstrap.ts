/**
 * Checks of the optional `bootstrap` section: who the deploy roles trust, where the state bucket
 * lives, and the settings the bootstrap derives names from (deploy role name, state key alias).
 */
import { DEFAULT_HCP_HOSTNAME, HCP_DEFAULT_PROJECT } from '../../iam/settings';
import {
  ACCOUNT_RE,
  IAM_ROLE_ARN_RE,
  IAM_ROLE_NAME_RE,
  TFC_NAME_RE,
  describe,
  isDnsName,
  isObject,
  show,
  type Checker,
  type Obj,
} from './checker';
import { FIELDS } from './fields';

const TRUST_FIX =
  "give { kind: 'principal', arn: '<CI role ARN>' } or { kind: 'hcp-terraform', organization: '<HCP Terraform organization>' }";

/**
 * `bootstrap` of one environment (the raw environment object). `state`, `name`, `deployRoleName`
 * and `network.accountId` are read as given (they may be malformed; their own checks report that)
 * to check the combinations.
 */
export function checkBootstrap(c: Checker, env: Obj): void {
  const v = env.bootstrap;
  const stateInput = env.state;
  const envName = env.name;
  const deployRoleName = env.deployRoleName;
  if (v === undefined) return;
  if (!isObject(v)) {
    c.add('bootstrap', `must be an object such as { trust: { kind: 'principal', arn } }, not ${describe(v)}`);
    return;
  }
  c.unknownFields('bootstrap', v, FIELDS.bootstrap);
  const state = isObject(stateInput) ? stateInput : undefined;
  const stateKind = state?.kind === 's3' || state?.kind === 'cloud' ? state.kind : undefined;

  checkTrust(c, v.trust, state, stateKind);

  if (v.stateAccountId !== undefined) {
    c.accountId('bootstrap.stateAccountId', v.stateAccountId);
    if (stateKind === 'cloud') {
      c.add(
        'bootstrap.stateAccountId',
        "state.kind is 'cloud': HCP Terraform keeps the state, there is no bucket to place; remove stateAccountId",
      );
    }
  }
  const days = v.noncurrentVersionExpirationDays;
  if (days !== undefined) {
    const p = 'bootstrap.noncurrentVersionExpirationDays';
    if (typeof days !== 'number') c.add(p, `must be a number of days, not ${describe(days)}`);
    else if (!Number.isInteger(days) || days < 1)
      c.add(p, `${days} is not a number of days S3 accepts; use a whole number of at least 1, e.g. 90`);
    else if (stateKind === 'cloud')
      c.add(p, "state.kind is 'cloud': there is no state bucket whose old versions could expire; remove noncurrentVersionExpirationDays");
  }
  const admin = c.optionalString('bootstrap.adminRoleName', v.adminRoleName);
  if (admin !== undefined && !IAM_ROLE_NAME_RE.test(admin)) {
    c.add(
      'bootstrap.adminRoleName',
      `'${admin}' is not a valid IAM role name; use 1-64 letters, digits and + = , . @ _ - (no slashes or spaces), e.g. 'OrganizationAccountAccessRole'`,
    );
  }

  // The deploy role may manage the roles named `<env>-*` (flow-log roles); it must not match
  // that pattern itself, or it could rewrite its own policy.
  if (typeof envName === 'string' && envName !== '' && typeof deployRoleName === 'string' && deployRoleName.startsWith(`${envName}-`)) {
    c.add(
      'deployRoleName',
      `'${deployRoleName}' matches '${envName}-*', the role names the deploy role may create and change (flow-log roles); ` +
        `with bootstrap it could rewrite its own policy: give it a name outside that pattern, e.g. 'privatelink-deploy'`,
    );
  }

  if (stateKind === 's3' && typeof state?.kmsKeyId === 'string') {
    const network = isObject(env.network) ? env.network.accountId : undefined;
    const stateAccount = v.stateAccountId ?? network;
    checkStateKey(
      c,
      state.kmsKeyId,
      state.region,
      stateAccount,
      v.stateAccountId !== undefined ? 'bootstrap.stateAccountId' : 'network.accountId (the default of bootstrap.stateAccountId)',
    );
  }
}

function checkTrust(c: Checker, v: unknown, state: Record<string, unknown> | undefined, stateKind: 's3' | 'cloud' | undefined): void {
  const trust = c.object('bootstrap.trust', v, TRUST_FIX);
  if (!trust) return;
  const kind = trust.kind;
  if (kind === 'principal') {
    c.unknownFields('bootstrap.trust', trust, FIELDS.principalTrust);
    const arn = c.string(
      'bootstrap.trust.arn',
      trust.arn,
      "give the ARN of the IAM role that runs Terraform, e.g. 'arn:aws:iam::123456789012:role/ci-deploy'",
    );
    if (arn !== undefined && !IAM_ROLE_ARN_RE.test(arn)) {
      c.add(
        'bootstrap.trust.arn',
        `'${arn}' is not an IAM role ARN; use 'arn:aws:iam::<12-digit account>:role/<role name>' (the role your CI system runs Terraform as)`,
      );
    }
    return;
  }
  if (kind === 'hcp-terraform') {
    c.unknownFields('bootstrap.trust', trust, FIELDS.hcpTerraformTrust);
    if (stateKind === 's3') {
      c.add(
        'bootstrap.trust.kind',
        "'hcp-terraform' needs state.kind 'cloud': HCP Terraform runs (and their dynamic credentials) belong to workspaces, which keep their own state; " +
          "use state { kind: 'cloud', organization } or trust { kind: 'principal', arn }",
      );
    }
    const cloud = stateKind === 'cloud' ? state : undefined;
    const org = c.string('bootstrap.trust.organization', trust.organization, 'give the HCP Terraform organization of the workspaces');
    if (org !== undefined) {
      if (!TFC_NAME_RE.test(org))
        c.add('bootstrap.trust.organization', `'${org}' is not a valid HCP Terraform organization name; use letters, digits, '_' and '-'`);
      else if (cloud && typeof cloud.organization === 'string' && cloud.organization !== org) {
        c.add(
          'bootstrap.trust.organization',
          `'${org}' is not state.organization '${cloud.organization}', where the workspaces live; use '${cloud.organization}'`,
        );
      }
    }
    const project = c.optionalString('bootstrap.trust.project', trust.project);
    if (project !== undefined) {
      const stateProject = typeof cloud?.project === 'string' ? cloud.project : HCP_DEFAULT_PROJECT;
      if (project.trim() === '')
        c.add('bootstrap.trust.project', `is empty; omit project to use the workspaces' project ('${stateProject}')`);
      else if (cloud && project !== stateProject) {
        c.add(
          'bootstrap.trust.project',
          `'${project}' is not the project of the workspaces ('${stateProject}', from state.project); use '${stateProject}' or omit project`,
        );
      }
    }
    const host = c.optionalString('bootstrap.trust.hostname', trust.hostname);
    if (host !== undefined) {
      const stateHost = typeof cloud?.hostname === 'string' ? cloud.hostname : DEFAULT_HCP_HOSTNAME;
      if (!isDnsName(host))
        c.add('bootstrap.trust.hostname', `'${host}' is not a valid host name; use e.g. '${DEFAULT_HCP_HOSTNAME}' (no scheme or path)`);
      else if (cloud && host !== stateHost) {
        c.add(
          'bootstrap.trust.hostname',
          `'${host}' is not the host of the workspaces ('${stateHost}', from state.hostname); use '${stateHost}' or omit hostname`,
        );
      }
    }
    return;
  }
  if (kind === undefined) c.add('bootstrap.trust.kind', "is required; use 'principal' or 'hcp-terraform'");
  else
    c.add(
      'bootstrap.trust.kind',
      `${show(kind)} is not a trust kind; use 'principal' (a CI role) or 'hcp-terraform' (dynamic provider credentials)`,
    );
}

/**
 * The bootstrap creates the state bucket's key under the alias `state.kmsKeyId` names, so the
 * backend encrypts with it: an alias ARN must then be in the bucket's account and region.
 */
function checkStateKey(c: Checker, kms: string, region: unknown, stateAccountInput: unknown, accountSource: string): void {
  const arn = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(kms);
  const isAlias = kms.startsWith('alias/') || arn?.[3] === 'alias';
  // A key id or key ARN names a key of your own: the bootstrap encrypts the bucket with it and creates none.
  if (!isAlias || !arn) return;
  if (typeof region === 'string' && arn[1] !== region) {
    c.add(
      'state.kmsKeyId',
      `'${kms}' is in ${arn[1]}, but the state bucket is in ${region} (state.region) and S3 encrypts with keys of its own region; use 'alias/${arn[4]}'`,
    );
  }
  if (typeof stateAccountInput === 'string' && ACCOUNT_RE.test(stateAccountInput) && arn[2] !== stateAccountInput) {
    c.add(
      'state.kmsKeyId',
      `'${kms}' is in account ${arn[2]}, but the bootstrap creates the state key in account ${stateAccountInput} (${accountSource}); use 'alias/${arn[4]}'`,
    );
  }
}
