/**
 * The one place that knows how a blueprint stack is wired to cdktf: its backend, its
 * providers (one per account and region, each assuming the deploy role), its default tags,
 * and the values it exports to other stacks. Keeping this surface small means a move from
 * cdktf to its community fork is a change here, not in every construct.
 */
import { CloudBackend, NamedCloudWorkspace, S3Backend, TerraformStack, Tokenization } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { EnvironmentConfig } from '../lib/config/types';
import { applyRules } from '../lib/rules';
import { EMULATED_SERVICES, emulatorSettings } from './emulator';

// cdktf records a full stack trace for every token it creates, only ever used in the message
// of a misused token; at hundreds of stacks that is about 1 s and 75 MB of synth. Set
// CDKTF_TOKEN_STACK_TRACES=1 to keep them while debugging such an error.
if (process.env.CDKTF_TOKEN_STACK_TRACES !== '1') {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace?: unknown };
    if (typeof traces.captureStackTrace === 'function') traces.captureStackTrace = () => [];
  } catch {
    // Another cdktf layout (a fork): keep its default.
  }
}

export interface BlueprintStackProps {
  /** The environment the stack belongs to. */
  readonly env: EnvironmentConfig;
  /** The stack's role, for the `stack-role` tag: network, peering, provider or consumer. */
  readonly role: string;
}

/** A stack of the blueprint: remote state, per-account providers, default tags. */
export class BlueprintStack extends TerraformStack {
  readonly env: EnvironmentConfig;
  readonly stackId: string;
  /** The stack's role, tagged on every resource as `stack-role`. */
  readonly role: string;
  private readonly providers = new Map<string, AwsProvider>();

  constructor(scope: Construct, id: string, props: BlueprintStackProps) {
    super(scope, id);
    this.env = props.env;
    this.stackId = id;
    this.role = props.role;
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
        throw new Error(`${this.stackId}: provider '${alias}' already acts in account ${existing.allowedAccountIds?.[0]}; use another label for account ${accountId}`);
      }
      return existing;
    }
    const emulator = emulatorSettings();
    const provider = new AwsProvider(this, `aws-${alias}`, {
      alias,
      region,
      // Refuse to run if the assumed role lands in another account than the config says.
      allowedAccountIds: [accountId],
      assumeRole: [{
        roleArn: `arn:aws:iam::${accountId}:role/${this.env.deployRoleName}`,
        sessionName: `${this.env.name}-privatelink-blueprint`,
      }],
      defaultTags: [{
        tags: { ...this.env.tags, environment: this.env.name, stack: this.stackId, 'stack-role': this.role },
      }],
      ...(emulator && {
        accessKey: 'test',
        secretKey: 'test',
        skipCredentialsValidation: true,
        skipMetadataApiCheck: 'true',
        s3UsePathStyle: true,
        maxRetries: emulator.maxRetries,
        endpoints: [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, emulator.endpoint]))],
      }),
    });
    this.providers.set(alias, provider);
    return provider;
  }

  /**
   * Registers cross-stack outputs for values other stacks may read, up front and in a
   * fixed order. cdktf otherwise creates an output the first time another stack reads a
   * value, so adding the first consumer of a region or segment would change this stack.
   */
  exportForCrossStack(...values: string[]): void {
    for (const value of values) {
      const fragments = Tokenization.reverseString(value);
      const ref = fragments.length === 1 ? (fragments.tokens[0] as unknown as { identifier?: string }) : undefined;
      if (!ref?.identifier) throw new Error(`${this.stackId}: only direct resource attributes can be exported, got ${value}`);
      this.registerOutgoingCrossStackReference(ref.identifier);
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
      return;
    }
    const emulator = emulatorSettings();
    const backend = new S3Backend(this, {
      bucket: state.bucket,
      key: `${state.keyPrefix ?? this.env.name}/${this.stackId}.tfstate`,
      region: state.region,
      encrypt: true,
      kmsKeyId: state.kmsKeyId,
      assumeRole: state.roleArn ? { roleArn: state.roleArn } : undefined,
      ...(emulator && {
        accessKey: 'test',
        secretKey: 'test',
        skipCredentialsValidation: true,
        skipRequestingAccountId: true,
        skipMetadataApiCheck: true,
        usePathStyle: true,
        maxRetries: emulator.maxRetries,
        endpoints: { s3: emulator.endpoint, sts: emulator.endpoint },
      }),
    });
    // S3 native locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no prop for it.
    backend.addOverride('use_lockfile', true);
  }
}
