/**
 * Where the deploy role's actions apply: every grant of the action table names one of these
 * scopes, and the policy has one statement per scope used in the account. Each scope says why it
 * is as wide as it is; `*` appears only where the API has no resource-level permission for the
 * call, or where the resources the call touches live in other accounts or regions.
 */
import type { PolicyCondition } from './document';
import { roleBoundaryArn } from './boundary';

/** What a scope is resolved against: one account of one environment. */
export interface AccountContext {
  /** Environment name: the prefix of every name the blueprint gives IAM roles, log groups, topics. */
  readonly env: string;
  readonly accountId: string;
  /** Regions the account's providers act in, sorted. */
  readonly regions: readonly string[];
  /** ARN partition. */
  readonly partition: string;
}

export interface ResolvedScope {
  readonly resources: readonly string[];
  readonly condition?: PolicyCondition;
}

export interface Scope {
  /** Statement id (letters and digits). */
  readonly sid: string;
  /** Why the scope is this wide: kept next to the definition, and in the bootstrap notes. */
  readonly why: string;
  readonly resolve: (ctx: AccountContext) => ResolvedScope;
}

/** A service-linked role the provider's calls create on first use in an account. */
export interface ServiceLinkedRole {
  readonly service: string;
  readonly roleName: string;
}

export const SERVICE_LINKED_ROLES = {
  elb: { service: 'elasticloadbalancing.amazonaws.com', roleName: 'AWSServiceRoleForElasticLoadBalancing' },
  transitGateway: { service: 'transitgateway.amazonaws.com', roleName: 'AWSServiceRoleForVPCTransitGateway' },
  vpcLattice: { service: 'vpc-lattice.amazonaws.com', roleName: 'AWSServiceRoleForVpcLattice' },
} as const satisfies Record<string, ServiceLinkedRole>;

export type ServiceLinkedRoleId = keyof typeof SERVICE_LINKED_ROLES;

const perRegion = (ctx: AccountContext, arn: (region: string) => string[]): string[] => ctx.regions.flatMap(arn);
const inRegions = (ctx: AccountContext): PolicyCondition => ({ StringEquals: { 'aws:RequestedRegion': [...ctx.regions] } });

/** The IAM role names the blueprint gives the roles it creates (flow-log roles): `<env>-*`. */
export const managedRoleArn = (ctx: AccountContext): string => `arn:${ctx.partition}:iam::${ctx.accountId}:role/${ctx.env}-*`;

export const SCOPES = {
  regional: {
    sid: 'AnyResourceInTheAccountsRegions',
    why:
      'Describe/List/Get calls and most EC2 calls: Describe* have no resource-level permissions; the EC2 calls here act on ' +
      "resources of other accounts (the network account's shared Transit Gateway, an owner's endpoint service, a shared " +
      'resource configuration) and regions (cross-region endpoints), and on ids that do not exist before the call, so an ' +
      "ARN list would either break them or be '*' anyway; scoped to the regions the account's providers use instead",
    resolve: (ctx) => ({ resources: ['*'], condition: inRegions(ctx) }),
  },
  global: {
    sid: 'AnyResourceGlobal',
    why:
      'Route 53 CreateHostedZone and ListHostedZonesByVPC have no resource-level permissions, and ec2:DescribeVpcs is a ' +
      'dependent action of Route 53 calls, which are evaluated in us-east-1 whatever region the VPC is in (so no region condition)',
    resolve: () => ({ resources: ['*'] }),
  },
  iamRoles: {
    sid: 'RolesOfTheEnvironment',
    why: 'the roles the stacks create (flow-log delivery roles) are all named <env>-*',
    resolve: (ctx) => ({ resources: [managedRoleArn(ctx)] }),
  },
  boundedRoles: {
    sid: 'RolesOfTheEnvironmentOnlyWithTheBoundary',
    why:
      "creating a role and writing or attaching its policies is allowed only while the role carries the bootstrap's permissions " +
      'boundary (iam:PermissionsBoundary): otherwise the deploy role could create a <env>-* role with any policy and assume it',
    resolve: (ctx) => ({
      resources: [managedRoleArn(ctx)],
      condition: { StringEquals: { 'iam:PermissionsBoundary': roleBoundaryArn(ctx.env, ctx.accountId, ctx.partition) } },
    }),
  },
  passFlowLogsRole: {
    sid: 'PassFlowLogRolesToVpcFlowLogs',
    why: 'CreateFlowLogs passes the delivery role: only roles of the environment, and only to the VPC Flow Logs service',
    resolve: (ctx) => ({
      resources: [managedRoleArn(ctx)],
      condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
    }),
  },
  logGroups: {
    sid: 'LogGroupsOfTheEnvironment',
    why: 'flow-log groups are all named /privatelink/<env>-*',
    resolve: (ctx) => ({
      resources: perRegion(ctx, (r) => [`arn:${ctx.partition}:logs:${r}:${ctx.accountId}:log-group:/privatelink/${ctx.env}-*`]),
    }),
  },
  snsTopics: {
    sid: 'TopicsOfTheEnvironment',
    why: 'connection-notification topics are all named <env>-*',
    resolve: (ctx) => ({ resources: perRegion(ctx, (r) => [`arn:${ctx.partition}:sns:${r}:${ctx.accountId}:${ctx.env}-*`]) }),
  },
  loadBalancing: {
    sid: 'NetworkLoadBalancersOfTheAccount',
    why: 'NLBs, their listeners and target groups of the account (their names are generated, so not by name)',
    resolve: (ctx) => ({
      resources: perRegion(ctx, (r) => [
        `arn:${ctx.partition}:elasticloadbalancing:${r}:${ctx.accountId}:loadbalancer/net/*`,
        `arn:${ctx.partition}:elasticloadbalancing:${r}:${ctx.accountId}:listener/net/*`,
        `arn:${ctx.partition}:elasticloadbalancing:${r}:${ctx.accountId}:targetgroup/*`,
      ]),
    }),
  },
  hostedZones: {
    sid: 'HostedZonesAndChanges',
    why: "Route 53 ARNs carry no account or name: any hosted zone and change the calls can reach (the zones are private, and the account's own)",
    resolve: (ctx) => ({ resources: [`arn:${ctx.partition}:route53:::hostedzone/*`, `arn:${ctx.partition}:route53:::change/*`] }),
  },
  resourceShares: {
    sid: 'ResourceSharesOfTheAccount',
    why: 'RAM resource shares of the account, in its regions',
    resolve: (ctx) => ({ resources: perRegion(ctx, (r) => [`arn:${ctx.partition}:ram:${r}:${ctx.accountId}:resource-share/*`]) }),
  },
  latticeResources: {
    sid: 'ResourceGatewaysAndConfigurations',
    why: 'VPC Lattice resource gateways and resource configurations of the account, in its regions',
    resolve: (ctx) => ({
      resources: perRegion(ctx, (r) => [
        `arn:${ctx.partition}:vpc-lattice:${r}:${ctx.accountId}:resourcegateway/*`,
        `arn:${ctx.partition}:vpc-lattice:${r}:${ctx.accountId}:resourceconfiguration/*`,
      ]),
    }),
  },
  kmsKeys: {
    sid: 'KmsKeysOfTheAccount',
    why: 'KMS keys of the account, in its regions (key ids are random, so not by name; each key policy must also delegate to IAM)',
    resolve: (ctx) => ({ resources: perRegion(ctx, (r) => [`arn:${ctx.partition}:kms:${r}:${ctx.accountId}:key/*`]) }),
  },
  kmsAliases: {
    sid: 'KmsAliasesOfTheEnvironment',
    why: 'the aliases the stacks create are all named alias/<env>-*',
    resolve: (ctx) => ({ resources: perRegion(ctx, (r) => [`arn:${ctx.partition}:kms:${r}:${ctx.accountId}:alias/${ctx.env}-*`]) }),
  },
  ...serviceLinkedRoleScopes(),
} as const satisfies Record<string, Scope>;

export type ScopeId = keyof typeof SCOPES;

/** `slr:<id>` scopes: iam:CreateServiceLinkedRole for exactly one service's role, on first use in the account. */
function serviceLinkedRoleScopes(): Record<`slr:${ServiceLinkedRoleId}`, Scope> {
  const out = {} as Record<`slr:${ServiceLinkedRoleId}`, Scope>;
  for (const [id, slr] of Object.entries(SERVICE_LINKED_ROLES) as [ServiceLinkedRoleId, ServiceLinkedRole][]) {
    const name = slr.roleName.replace(/^AWSServiceRoleFor/, '');
    out[`slr:${id}`] = {
      sid: `CreateServiceLinkedRole${name}`,
      why: `the ${slr.roleName} service-linked role, created by ${slr.service} on its first use in the account`,
      resolve: (ctx) => ({
        resources: [`arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/${slr.service}/${slr.roleName}`],
        condition: { StringEquals: { 'iam:AWSServiceName': slr.service } },
      }),
    };
  }
  return out;
}
