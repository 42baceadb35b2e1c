/**
 * Trust policies of the deploy roles: a CI role that assumes them, or HCP Terraform's workload
 * identity tokens through the account's OIDC provider, limited to the environment's workspaces
 * that act in the account.
 */
import { stateKeyPrefix } from '../config/topology';
import type { EnvironmentConfig } from '../config/types';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './document';
import { HCP_AWS_AUDIENCE, bootstrapSettings, workspaceName, type ResolvedTrust } from './settings';

/** `sub` of an HCP Terraform run of one workspace, any run phase (plan or apply). */
export function hcpSubject(trust: Extract<ResolvedTrust, { kind: 'hcp-terraform' }>, stackId: string): string {
  return `organization:${trust.organization}:project:${trust.project}:workspace:${workspaceName(trust.workspacePrefix, stackId)}:run_phase:*`;
}

/** The OIDC provider of HCP Terraform in one account: its ARN (IAM names it by host). */
export function oidcProviderArn(accountId: string, hostname: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${hostname}`;
}

/**
 * The deploy role's trust policy in one account. `stacks` are the app stacks with a provider in
 * the account: with HCP Terraform, only their workspaces may assume the role. `oidcProvider` is
 * the provider's ARN (a reference when the same stack creates it).
 */
export function deployRoleTrustPolicy(
  trust: ResolvedTrust,
  opts: { readonly stacks: readonly string[]; readonly oidcProvider?: string },
): PolicyDocument {
  if (trust.kind === 'principal') {
    return policyDocument([{ Sid: 'TerraformRunner', Effect: 'Allow', Principal: { AWS: trust.arn }, Action: 'sts:AssumeRole' }]);
  }
  if (opts.stacks.length === 0) throw new Error('an HCP Terraform trust needs at least one workspace');
  if (opts.oidcProvider === undefined) throw new Error('an HCP Terraform trust needs the ARN of the OIDC provider');
  const host = trust.hostname;
  return policyDocument([
    {
      Sid: 'HcpTerraformWorkspaces',
      Effect: 'Allow',
      Principal: { Federated: opts.oidcProvider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { [`${host}:aud`]: HCP_AWS_AUDIENCE },
        StringLike: { [`${host}:sub`]: [...opts.stacks].sort().map((s) => hcpSubject(trust, s)) },
      },
    },
  ]);
}

/**
 * What the trusted principal (your CI role) needs in its own policy to deploy the app stacks:
 * assume the deploy roles and, with S3 state, list the bucket, read and write the environment's
 * state and lock files, and use the state key (the bucket and key policies the bootstrap writes
 * admit it too). With `state.roleArn` the state is reached through that role instead, which then
 * needs the S3 and KMS permissions. `npm run bootstrap` prints it; the end-to-end suite's CI role
 * holds exactly this.
 */
export function trustedPrincipalPolicy(env: EnvironmentConfig, partition = 'aws'): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'AssumeTheDeployRoles',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: `arn:${partition}:iam::*:role/${env.deployRoleName}`,
    },
  ];
  const state = env.state;
  if (state.kind === 's3' && state.roleArn !== undefined) {
    statements.push({ Sid: 'AssumeTheStateRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: state.roleArn });
  } else if (state.kind === 's3') {
    const bucket = `arn:${partition}:s3:::${state.bucket}`;
    statements.push(
      { Sid: 'ListTheStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
      {
        Sid: 'StateAndLockFiles',
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: `${bucket}/${stateKeyPrefix(env, state)}/*`,
      },
    );
    const keyId = state.kmsKeyId;
    const kmsActions = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
    if (keyId !== undefined && keyId.startsWith('arn:') && keyId.includes(':key/')) {
      statements.push({ Sid: 'UseTheStateKey', Effect: 'Allow', Action: kmsActions, Resource: keyId });
    } else if (keyId !== undefined) {
      // A key by alias (the one the bootstrap creates, or your own): its id is not known before it exists.
      const account = bootstrapSettings(env)?.state?.accountId ?? env.network.accountId;
      const alias = keyId.startsWith('arn:') ? keyId.slice(keyId.indexOf(':alias/') + 1) : keyId.startsWith('alias/') ? keyId : undefined;
      statements.push({
        Sid: 'UseTheStateKey',
        Effect: 'Allow',
        Action: kmsActions,
        Resource: `arn:${partition}:kms:${state.region}:${account}:key/*`,
        ...(alias !== undefined ? { Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': alias } } } : {}),
      });
    }
  }
  return policyDocument(statements);
}
