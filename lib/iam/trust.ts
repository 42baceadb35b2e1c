/**
 * Trust policies of the deploy roles: a CI role that assumes them, or HCP Terraform's workload
 * identity tokens through the account's OIDC provider, limited to the environment's workspaces
 * that act in the account.
 */
import { policyDocument, type PolicyDocument } from './document';
import { HCP_AWS_AUDIENCE, workspaceName, type ResolvedTrust } from './settings';

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
export function deployRoleTrustPolicy(trust: ResolvedTrust, opts: { readonly stacks: readonly string[]; readonly oidcProvider?: string }): PolicyDocument {
  if (trust.kind === 'principal') {
    return policyDocument([{ Sid: 'TerraformRunner', Effect: 'Allow', Principal: { AWS: trust.arn }, Action: 'sts:AssumeRole' }]);
  }
  if (opts.stacks.length === 0) throw new Error('an HCP Terraform trust needs at least one workspace');
  if (opts.oidcProvider === undefined) throw new Error('an HCP Terraform trust needs the ARN of the OIDC provider');
  const host = trust.hostname;
  return policyDocument([{
    Sid: 'HcpTerraformWorkspaces',
    Effect: 'Allow',
    Principal: { Federated: opts.oidcProvider },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${host}:aud`]: HCP_AWS_AUDIENCE },
      StringLike: { [`${host}:sub`]: [...opts.stacks].sort().map((s) => hcpSubject(trust, s)) },
    },
  }]);
}
