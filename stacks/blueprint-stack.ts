/**
 * The one place that knows how a blueprint stack is wired to cdktf: its backend, its
 * providers (one per account and region, each assuming the deploy role), its default tags,
 * and the values it exports to other stacks. Keeping this surface small means a move from
 * cdktf to its community fork is a change here, not in every construct.
 */
import { CloudBackend, NamedCloudWorkspace, S3Backend, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { stateKeyPrefix } from '../lib/config/topology';
import type { EnvironmentConfig } from '../lib/config/types';
import { applyRules } from '../lib/rules';
import { emulatorBackendConfig, emulatorProviderConfig, type EmulatorSettings } from '../lib/cdktf/emulator';
import { referenceIdentifier } from '../lib/cdktf/internals';
import { appRoleBoundary } from '../lib/iam/boundary';
import { dynamicCredentialsTag, usesDynamicCredentials } from '../lib/iam/settings';

/** What every stack of an environment is built with. */
export interface EnvironmentStackProps {
  /** The environment the stack belongs to. */
  readonly env: EnvironmentConfig;
  /** Point every provider and the S3 backend at a local AWS emulator. @default - real AWS */
  readonly emulator?: EmulatorSettings;
}

export interface BlueprintStackProps {
  /** The environment the stack belongs to. */
  readonly env: EnvironmentConfig;
  /** The stack's role, for the `stack-role` tag: network, peering, provider, resource or consumer. */
  readonly role: string;
  /** Point every provider and the S3 backend at a local AWS emulator. @default - real AWS */
  readonly emulator?: EmulatorSettings;
}

/**
 * The AWS providers' retries on real AWS: client-side rate limiting on throttling errors (a
 * thousand-account deploy runs many stacks at once against per-account API rate limits), with the
 * provider's default retry budget. Emulator mode retries little instead (an unknown operation
 * fails fast).
 */
export const AWS_PROVIDER_RETRY = { retryMode: 'adaptive', maxRetries: 25 } as const;

/** A stack of the blueprint: remote state, per-account providers, default tags. */
export class BlueprintStack extends TerraformStack {
  readonly env: EnvironmentConfig;
  readonly stackId: string;
  /** The stack's role, tagged on every resource as `stack-role`. */
  readonly role: string;
  readonly emulator?: EmulatorSettings;
  private readonly providers = new Map<string, AwsProvider>();
  /** `tfc_aws_dynamic_credentials`, declared with cloud state and hcp-terraform trust (see configureBackend). */
  private dynamicCredentials?: TerraformVariable;

  constructor(scope: Construct, id: string, props: BlueprintStackProps) {
    super(scope, id);
    this.env = props.env;
    this.stackId = id;
    this.role = props.role;
    this.emulator = props.emulator;
    this.configureBackend();
    // Best-practice rules walk every construct of the stack, including ones a team adds.
    applyRules(this);
  }

  /**
   * The AWS provider for one account and region, created once per stack with an alias
   * (two providers of one type without aliases pass synth and fail at plan), assuming
   * `arn:aws:iam::<account>:role/<deployRoleName>`.
   */
  awsProvider(label: string, accountId: string, region: string): AwsProvider {
    const alias = `${label}-${region}`;
    const existing = this.providers.get(alias);
    if (existing) {
      if (existing.allowedAccountIds?.[0] !== accountId) {
        throw new Error(
          `${this.stackId}: provider '${alias}' already acts in account ${existing.allowedAccountIds?.[0]}; use another label for account ${accountId}`,
        );
      }
      return existing;
    }
    const emulator = this.emulator;
    const provider = new AwsProvider(this, `aws-${alias}`, {
      alias,
      region,
      // Refuse to run if the assumed role lands in another account than the config says.
      allowedAccountIds: [accountId],
      // With HCP Terraform dynamic credentials the run already holds the account's deploy role:
      // the provider reads it from the shared config file HCP Terraform writes for the account's
      // tag, instead of assuming the role again.
      ...(this.dynamicCredentials
        ? {
            sharedConfigFiles: [
              `\${var.${this.dynamicCredentials.friendlyUniqueId}.aliases["${dynamicCredentialsTag(accountId)}"].shared_config_file}`,
            ],
          }
        : {
            assumeRole: [
              {
                roleArn: `arn:aws:iam::${accountId}:role/${this.env.deployRoleName}`,
                sessionName: `${this.env.name}-privatelink-blueprint`,
              },
            ],
          }),
      defaultTags: [
        {
          tags: { ...this.env.tags, environment: this.env.name, stack: this.stackId, 'stack-role': this.role },
        },
      ],
      ...(emulator ? emulatorProviderConfig(emulator) : AWS_PROVIDER_RETRY),
    });
    this.providers.set(alias, provider);
    return provider;
  }

  /** What every VPC of the environment gets in `accountId`: its flow-log retention, and the bootstrap's boundary on the flow-log role. */
  vpcSettings(accountId: string): { readonly flowLogRetentionDays?: number; readonly flowLogPermissionsBoundary?: string } {
    return { flowLogRetentionDays: this.env.flowLogRetentionDays, flowLogPermissionsBoundary: appRoleBoundary(this.env, accountId) };
  }

  /**
   * Registers cross-stack outputs for values other stacks may read, up front and in a
   * fixed order. cdktf otherwise creates an output the first time another stack reads a
   * value, so adding the first consumer of a region or segment would change this stack.
   */
  exportForCrossStack(...values: string[]): void {
    for (const value of values) {
      const identifier = referenceIdentifier(value);
      if (!identifier) throw new Error(`${this.stackId}: only direct resource attributes can be exported, got ${value}`);
      this.registerOutgoingCrossStackReference(identifier);
    }
  }

  private configureBackend(): void {
    const state = this.env.state;
    if (state.kind === 'cloud') {
      new CloudBackend(this, {
        organization: state.organization,
        hostname: state.hostname,
        workspaces: new NamedCloudWorkspace(`${state.workspacePrefix ?? ''}${this.stackId}`, state.project),
      });
      if (usesDynamicCredentials(this.env)) {
        // HCP Terraform dynamic provider credentials for several accounts: the bootstrap sets
        // TFC_AWS_PROVIDER_AUTH_<tag> and TFC_AWS_RUN_ROLE_ARN_<tag> on the workspace for each
        // account the stack acts in (tag: dynamicCredentialsTag), and HCP Terraform fills this
        // variable with one shared config file per tag (a web-identity profile for that account's
        // deploy role). Each AWS provider points shared_config_files at its account's file.
        this.dynamicCredentials = new TerraformVariable(this, 'tfc_aws_dynamic_credentials', {
          description: 'Set by HCP Terraform: the shared config file of each tagged AWS dynamic-credential configuration',
          type: 'object({ default = object({ shared_config_file = string }), aliases = map(object({ shared_config_file = string })) })',
        });
      }
      return;
    }
    const emulator = this.emulator;
    const backend = new S3Backend(this, {
      bucket: state.bucket,
      key: `${stateKeyPrefix(this.env, state)}/${this.stackId}.tfstate`,
      region: state.region,
      encrypt: true,
      kmsKeyId: state.kmsKeyId,
      assumeRole: state.roleArn ? { roleArn: state.roleArn } : undefined,
      ...(emulator && emulatorBackendConfig(emulator)),
    });
    // S3 native locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no prop for it.
    backend.addOverride('use_lockfile', true);
  }
}
