/**
 * The bootstrap section of an environment with its defaults resolved (`types.ts` states them), and
 * the names the bootstrap, the deploy-role policies and the stacks must agree on: deploy role
 * ARNs, HCP Terraform workspace names, dynamic-credential tags, the state key's alias.
 */
import type { EnvironmentConfig, S3StateConfig } from '../config/types';

export const DEFAULT_ADMIN_ROLE_NAME = 'OrganizationAccountAccessRole';
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 90;
export const DEFAULT_HCP_HOSTNAME = 'app.terraform.io';
/** The project HCP Terraform puts workspaces in when none is named. */
export const HCP_DEFAULT_PROJECT = 'Default Project';
/** The audience of HCP Terraform's workload identity tokens for AWS (TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE unset). */
export const HCP_AWS_AUDIENCE = 'aws.workload.identity';

/** The trust of the deploy roles, defaults resolved. */
export type ResolvedTrust =
  | { readonly kind: 'principal'; readonly arn: string }
  | {
      readonly kind: 'hcp-terraform';
      readonly organization: string;
      readonly project: string;
      readonly hostname: string;
      readonly workspacePrefix: string;
    };

export interface BootstrapSettings {
  readonly trust: ResolvedTrust;
  /** The role assumed in member accounts with the management account's administrator credentials. */
  readonly adminRoleName: string;
  /** The state bucket, its account and lifecycle, with S3 state only. */
  readonly state?: {
    readonly config: S3StateConfig;
    readonly accountId: string;
    readonly noncurrentVersionExpirationDays: number;
    /**
     * The alias of the customer-managed key the bootstrap creates for the bucket (`alias/...`), or
     * undefined when `state.kmsKeyId` names a key of your own, which encrypts the bucket as it is.
     */
    readonly keyAlias?: string;
  };
}

/** The bootstrap section with defaults, or undefined when the environment has none. */
export function bootstrapSettings(env: EnvironmentConfig): BootstrapSettings | undefined {
  const boot = env.bootstrap;
  if (!boot) return undefined;
  const state = env.state;
  let trust: ResolvedTrust;
  if (boot.trust.kind === 'principal') {
    trust = { kind: 'principal', arn: boot.trust.arn };
  } else {
    const cloud = state.kind === 'cloud' ? state : undefined;
    trust = {
      kind: 'hcp-terraform',
      organization: boot.trust.organization,
      project: boot.trust.project ?? cloud?.project ?? HCP_DEFAULT_PROJECT,
      hostname: boot.trust.hostname ?? cloud?.hostname ?? DEFAULT_HCP_HOSTNAME,
      workspacePrefix: cloud?.workspacePrefix ?? '',
    };
  }
  return {
    trust,
    adminRoleName: boot.adminRoleName ?? DEFAULT_ADMIN_ROLE_NAME,
    state:
      state.kind === 's3'
        ? {
            config: state,
            accountId: boot.stateAccountId ?? env.network.accountId,
            noncurrentVersionExpirationDays: boot.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
            keyAlias: stateKeyAlias(state),
          }
        : undefined,
  };
}

/**
 * The alias of the key the bootstrap creates for the state bucket: the alias `state.kmsKeyId`
 * names (so the S3 backend encrypts with that key), `alias/<bucket>` without kmsKeyId, and
 * undefined when kmsKeyId names a key (id or key ARN) of your own, which the bootstrap uses.
 */
export function stateKeyAlias(state: S3StateConfig): string | undefined {
  const id = state.kmsKeyId;
  if (id === undefined) return `alias/${state.bucket}`;
  return /(?:^|:)(alias\/[A-Za-z0-9/_-]+)$/.exec(id)?.[1];
}

/** The deploy role every app stack's providers assume in `accountId`. */
export function deployRoleArn(env: EnvironmentConfig, accountId: string): string {
  return `arn:aws:iam::${accountId}:role/${env.deployRoleName}`;
}

/** The HCP Terraform workspace of an app stack (the `CloudBackend` of `BlueprintStack` names it so). */
export function workspaceName(workspacePrefix: string, stackId: string): string {
  return `${workspacePrefix}${stackId}`;
}

/**
 * The tag of one account's dynamic-credential configuration in HCP Terraform: the suffix of
 * `TFC_AWS_PROVIDER_AUTH_<tag>` / `TFC_AWS_RUN_ROLE_ARN_<tag>` and the key of
 * `var.tfc_aws_dynamic_credentials.aliases`. Tags hold letters, digits and underscores only, so
 * it is per account (every provider alias of one account shares the account's role).
 */
export function dynamicCredentialsTag(accountId: string): string {
  return `ACCOUNT_${accountId}`;
}

/** Whether the app stacks take their AWS credentials from HCP Terraform (cloud state and hcp-terraform trust). */
export function usesDynamicCredentials(env: EnvironmentConfig): boolean {
  return env.state.kind === 'cloud' && env.bootstrap?.trust.kind === 'hcp-terraform';
}
