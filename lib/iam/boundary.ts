/**
 * The permissions boundary of every IAM role the app stacks create (the flow-log delivery roles):
 * a customer-managed policy the bootstrap creates in each account. The deploy role may create a
 * `<env>-*` role, and write or attach its policies, only while the role carries this boundary
 * (`iam:PermissionsBoundary`, scope `boundedRoles`), and may never remove it, so it cannot mint a
 * role more powerful than a flow-log delivery role and assume it. A construct of your own that
 * creates a role must set the boundary too (`appRoleBoundary`), and the boundary must admit what
 * that role does: extend `roleBoundaryDocument`.
 */
import type { EnvironmentConfig } from '../config/types';
import { policyDocument, type PolicyDocument } from './document';

export function roleBoundaryName(envName: string): string {
  return `${envName}-privatelink-role-boundary`;
}

export function roleBoundaryArn(envName: string, accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:policy/${roleBoundaryName(envName)}`;
}

/** The boundary the app stacks put on the roles they create in `accountId`: only when the bootstrap manages the deploy roles (it creates the boundary). */
export function appRoleBoundary(env: EnvironmentConfig, accountId: string): string | undefined {
  return env.bootstrap ? roleBoundaryArn(env.name, accountId) : undefined;
}

/** The boundary itself: what a flow-log delivery role of the environment does (`VpcFlowLog`), in any region of the account. */
export function roleBoundaryDocument(envName: string, accountId: string, partition = 'aws'): PolicyDocument {
  const group = `arn:${partition}:logs:*:${accountId}:log-group:/privatelink/${envName}-*`;
  return policyDocument([
    {
      Sid: 'DeliverFlowLogsOfTheEnvironment',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [group, `${group}:*`],
    },
  ]);
}

/** A role of the app stacks without the boundary: its creation would be denied to the deploy role. */
export class RoleWithoutBoundaryError extends Error {}

/**
 * Checks that every `aws_iam_role` of the synthesized app stacks carries the boundary of its
 * account, so the generated policy can require it; names each role that does not.
 */
export function checkRoleBoundaries(
  envName: string,
  roles: readonly { readonly stack: string; readonly name: string; readonly accountId: string; readonly boundary: unknown }[],
): void {
  const wrong = roles.filter((r) => r.boundary !== roleBoundaryArn(envName, r.accountId));
  if (wrong.length === 0) return;
  throw new RoleWithoutBoundaryError(
    wrong
      .map(
        (r) =>
          `${r.stack}: aws_iam_role.${r.name} (account ${r.accountId}) has permissions_boundary ${JSON.stringify(r.boundary ?? null)}, ` +
          `but the deploy role may create roles only with ${roleBoundaryArn(envName, r.accountId)}; set it (appRoleBoundary in lib/iam/boundary.ts) ` +
          'and make sure roleBoundaryDocument admits what the role does',
      )
      .join('\n'),
  );
}
