/**
 * `<env>-bootstrap-hcp-terraform` (cloud state only): one HCP Terraform workspace per app stack,
 * named as the stack's `CloudBackend` names it (`<workspacePrefix><stack id>`), with
 * - remote-state sharing limited to the workspaces that read it: `global_remote_state = false`
 *   and `remote_state_consumer_ids` from the stacks' cross-stack references (a consumer reads its
 *   hub's and its services' workspaces, the peering reads both hubs, nothing else);
 * - run triggers in dependency order: a workspace is triggered by every workspace it reads;
 * - with `hcp-terraform` trust, the dynamic-credential variables of every account the stack acts
 *   in: `TFC_AWS_PROVIDER_AUTH_<tag>` / `TFC_AWS_RUN_ROLE_ARN_<tag>` per account (the tag keys
 *   `var.tfc_aws_dynamic_credentials.aliases` in the stack's providers, see BlueprintStack), and
 *   the untagged pair for the stack's first account, so the variable's `default` is set too.
 *
 * The tfe provider reads its token from TFE_TOKEN (or the CLI credentials of `terraform login`).
 * Its plugin is not installed in this project's offline mirror: the stack is tested at synth level.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { DataTfeProject } from '@cdktf/provider-tfe/lib/data-tfe-project';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';
import type { CloudStateConfig } from '../../lib/config/types';
import {
  DEFAULT_HCP_HOSTNAME,
  deployRoleArn,
  dynamicCredentialsTag,
  providerBindings,
  workspaceName,
  type BootstrapSettings,
  type StackJson,
} from '../../lib/iam';
import { BootstrapStack, type BootstrapStackProps } from './bootstrap-stack';
import { stackDependencies } from './dependencies';

/** HCP Terraform: "You can connect your workspace to up to 20 source workspaces." */
export const MAX_RUN_TRIGGER_SOURCES = 20;

export interface HcpTerraformStackProps extends BootstrapStackProps {
  readonly settings: BootstrapSettings;
  /** The environment's synthesized app stacks, by id. */
  readonly appStacks: Readonly<Record<string, StackJson>>;
}

/** The environment variables of one app stack's workspace for dynamic AWS credentials, by name. */
export function dynamicCredentialVariables(env: BootstrapStackProps['env'], stackId: string, stack: StackJson): Record<string, string> {
  const accounts = [...new Set([...providerBindings(stackId, stack).values()].map((b) => b.accountId))];
  const vars: Record<string, string> = {};
  if (accounts.length > 0) {
    vars.TFC_AWS_PROVIDER_AUTH = 'true';
    vars.TFC_AWS_RUN_ROLE_ARN = deployRoleArn(env, accounts[0]);
  }
  for (const account of [...accounts].sort()) {
    const tag = dynamicCredentialsTag(account);
    vars[`TFC_AWS_PROVIDER_AUTH_${tag}`] = 'true';
    vars[`TFC_AWS_RUN_ROLE_ARN_${tag}`] = deployRoleArn(env, account);
  }
  return vars;
}

export class HcpTerraformStack extends BootstrapStack {
  /** Workspaces by app stack id. */
  readonly workspaces: Readonly<Record<string, Workspace>>;

  constructor(scope: Construct, id: string, props: HcpTerraformStackProps) {
    super(scope, id, props);
    const { env, settings, appStacks } = props;
    if (env.state.kind !== 'cloud') throw new Error(`${id}: the environment does not keep its state in HCP Terraform`);
    const state: CloudStateConfig = env.state;
    const prefix = state.workspacePrefix ?? '';

    const provider = new TfeProvider(this, 'tfe', { hostname: state.hostname ?? DEFAULT_HCP_HOSTNAME, organization: state.organization });
    const project =
      state.project === undefined
        ? undefined
        : new DataTfeProject(this, 'project', { provider, name: state.project, organization: state.organization });

    const ids = Object.keys(appStacks).sort();
    const dependencies = stackDependencies(appStacks);
    const workspaces: Record<string, Workspace> = {};
    for (const stackId of ids) {
      workspaces[stackId] = new Workspace(this, `workspace-${stackId}`, {
        provider,
        name: workspaceName(prefix, stackId),
        organization: state.organization,
        projectId: project?.id,
        description: `${env.name}: stack ${stackId} of the PrivateLink blueprint (CLI-driven: cdktf deploy ${stackId})`,
        // CLI-driven: runs come from `cdktf deploy` and from run triggers, not from a VCS.
        queueAllRuns: false,
      });
    }
    this.workspaces = workspaces;

    const readers = new Map<string, string[]>(ids.map((s) => [s, []]));
    for (const [consumer, producers] of dependencies) for (const p of producers) readers.get(p)!.push(consumer);

    for (const stackId of ids) {
      new WorkspaceSettings(this, `settings-${stackId}`, {
        provider,
        workspaceId: workspaces[stackId].id,
        executionMode: 'remote',
        globalRemoteState: false,
        remoteStateConsumerIds: readers
          .get(stackId)!
          .sort()
          .map((r) => workspaces[r].id),
      });
      const sources = dependencies.get(stackId) ?? [];
      if (sources.length > MAX_RUN_TRIGGER_SOURCES) {
        throw new Error(
          `${id}: workspace of ${stackId} reads ${sources.length} workspaces, over HCP Terraform's ${MAX_RUN_TRIGGER_SOURCES} run-trigger sources per workspace`,
        );
      }
      for (const source of sources) {
        new RunTrigger(this, `trigger-${source}-to-${stackId}`, {
          provider,
          workspaceId: workspaces[stackId].id,
          sourceableId: workspaces[source].id,
        });
      }
      if (settings.trust.kind === 'hcp-terraform') {
        for (const [key, value] of Object.entries(dynamicCredentialVariables(env, stackId, appStacks[stackId]))) {
          new Variable(this, `var-${stackId}-${key}`, {
            provider,
            workspaceId: workspaces[stackId].id,
            category: 'env',
            key,
            value,
            description: key.startsWith('TFC_AWS_RUN_ROLE_ARN')
              ? 'deploy role assumed with HCP Terraform dynamic credentials'
              : 'dynamic AWS credentials on',
          });
        }
      }
    }

    new TerraformOutput(this, 'workspace-ids', { value: Object.fromEntries(ids.map((s) => [s, workspaces[s].id])) });
  }
}
