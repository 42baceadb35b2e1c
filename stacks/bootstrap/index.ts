/**
 * The bootstrap of one environment, run once with administrator credentials before the first
 * deploy (`npm run bootstrap -- --env <name>`), in this order:
 *
 * | stack | account | what it holds |
 * |---|---|---|
 * | `<env>-bootstrap-organization` | management | RAM sharing with AWS Organizations |
 * | `<env>-bootstrap-state` | `bootstrap.stateAccountId` (S3 state) | state bucket and its KMS key |
 * | `<env>-bootstrap-<account>` | each account a stack acts in | deploy role, generated policy, trust (+ OIDC provider) |
 * | `<env>-bootstrap-hcp-terraform` | HCP Terraform (cloud state) | workspaces, state sharing, run triggers, credential variables |
 *
 * The deploy roles' policies are generated from the app stacks, built here in a separate app and
 * synthesized in memory: a new construct type with no entry in `lib/iam/actions.ts` fails here.
 */
import { App } from 'cdktf';
import type { Construct } from 'constructs';
import type { EmulatorSettings } from '../../lib/cdktf/emulator';
import { synthesizeStacks } from '../../lib/cdktf/internals';
import { hubRegions } from '../../lib/config/topology';
import type { EnvironmentConfig } from '../../lib/config/types';
import { bootstrapSettings, deployPolicies, type DeployPolicy, type StackJson } from '../../lib/iam';
import { buildEnvironment } from '../environment';
import { DeployRoleStack } from './deploy-role-stack';
import { HcpTerraformStack } from './hcp-terraform-stack';
import { OrganizationStack } from './organization-stack';
import { StateStack } from './state-stack';

export { BOOTSTRAP_LOCAL_STATE_REASON, BootstrapStack, defaultStateDir } from './bootstrap-stack';
export { DeployRoleStack, inlinePolicies } from './deploy-role-stack';
export { HcpTerraformStack, dynamicCredentialVariables } from './hcp-terraform-stack';
export { OrganizationStack } from './organization-stack';
export { StateStack, statePrincipals } from './state-stack';
export { stackDependencies } from './dependencies';

/** Bootstrap stack ids: `<env>-bootstrap-<account | state | organization | hcp-terraform>`. */
export const bootstrapStackIds = {
  organization: (env: EnvironmentConfig): string => `${env.name}-bootstrap-organization`,
  state: (env: EnvironmentConfig): string => `${env.name}-bootstrap-state`,
  account: (env: EnvironmentConfig, accountId: string): string => `${env.name}-bootstrap-${accountId}`,
  hcpTerraform: (env: EnvironmentConfig): string => `${env.name}-bootstrap-hcp-terraform`,
};

export interface BootstrapOptions {
  /** Local state directory, relative to each stack's directory. @default - see `defaultStateDir` */
  readonly stateDir?: string;
  /** The environment's synthesized app stacks. @default - built and synthesized here */
  readonly appStacks?: Readonly<Record<string, StackJson>>;
  /** Point the AWS providers at a local AWS emulator. @default - real AWS */
  readonly emulator?: EmulatorSettings;
}

export interface BootstrapStacks {
  readonly organization: OrganizationStack;
  readonly state?: StateStack;
  /** Deploy-role stacks by account. */
  readonly accounts: Readonly<Record<string, DeployRoleStack>>;
  readonly hcpTerraform?: HcpTerraformStack;
  /** The generated deploy-role policies, by account order. */
  readonly policies: readonly DeployPolicy[];
  /** Every bootstrap stack id, in apply order. */
  readonly order: readonly string[];
}

/** The app stacks of one (validated) environment, synthesized in memory. */
export function synthesizeAppStacks(env: EnvironmentConfig): Record<string, StackJson> {
  const app = new App();
  buildEnvironment(app, env);
  return synthesizeStacks(app);
}

/** Builds the bootstrap stacks of one validated environment that has a `bootstrap` section. */
export function buildBootstrap(scope: Construct, env: EnvironmentConfig, options: BootstrapOptions = {}): BootstrapStacks {
  const settings = bootstrapSettings(env);
  if (!settings)
    throw new Error(
      `${env.name}: the environment has no bootstrap section; add bootstrap: { trust: { kind: 'principal', arn: '<CI role ARN>' } } to it`,
    );
  const appStacks = options.appStacks ?? synthesizeAppStacks(env);
  const policies = deployPolicies(env, appStacks);
  const common = { env, settings, stateDir: options.stateDir, emulator: options.emulator };
  const order: string[] = [];

  const organization = new OrganizationStack(scope, bootstrapStackIds.organization(env), { ...common, region: hubRegions(env)[0] });
  order.push(organization.stackId);
  let state: StateStack | undefined;
  if (settings.state) {
    state = new StateStack(scope, bootstrapStackIds.state(env), common);
    order.push(state.stackId);
  }
  const accounts: Record<string, DeployRoleStack> = {};
  for (const policy of policies) {
    accounts[policy.accountId] = new DeployRoleStack(scope, bootstrapStackIds.account(env, policy.accountId), { ...common, policy });
    order.push(accounts[policy.accountId].stackId);
  }
  let hcpTerraform: HcpTerraformStack | undefined;
  if (env.state.kind === 'cloud') {
    hcpTerraform = new HcpTerraformStack(scope, bootstrapStackIds.hcpTerraform(env), { ...common, appStacks });
    order.push(hcpTerraform.stackId);
  }
  return { organization, state, accounts, hcpTerraform, policies, order };
}
