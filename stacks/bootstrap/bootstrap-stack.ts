/**
 * What every bootstrap stack shares: LOCAL state (see below), AWS providers that act with the
 * administrator credentials the bootstrap is run with, default tags, and the best-practice rules.
 *
 * Why local state: the bootstrap creates what every other run needs first (the state bucket and
 * its key, the deploy roles, the HCP Terraform workspaces), so its state cannot live in them before
 * they exist, and the app stacks' credentials (the deploy roles) must not be able to change the
 * roles that bound them. Like `cdk bootstrap` (whose state is a CloudFormation stack, outside what
 * it creates), it is run rarely, by an administrator, and its state is small and free of secrets:
 * it is kept in `bootstrap-state/<env>/<stack id>.tfstate` next to the synthesized output (not in
 * it, so a new synth never deletes it), to be kept safe (backed up, or committed to a private
 * repository of the landing-zone team). Moving it into the state bucket afterwards is possible
 * (`terraform init -migrate-state` with an s3 backend), but then the bucket's own stack depends on
 * the bucket; the blueprint does not do it. Rule PL7 is suppressed on each bootstrap stack with
 * that reason.
 */
import { LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { emulatorProviderConfig, type EmulatorSettings } from '../../lib/cdktf/emulator';
import type { EnvironmentConfig } from '../../lib/config/types';
import { applyRules, suppress } from '../../lib/rules';

/** The reason rule PL7 (remote, encrypted, locked state) does not apply to bootstrap stacks. */
export const BOOTSTRAP_LOCAL_STATE_REASON =
  'bootstrap state is local by design: the bootstrap creates the state bucket, its key and the deploy roles, so its state cannot be kept in them; ' +
  'it is run once by an administrator and its state file is kept outside the synthesized output (bootstrap-state/)';

/** The stack role tag of bootstrap stacks. */
export const BOOTSTRAP_ROLE = 'bootstrap';

export interface BootstrapStackProps {
  readonly env: EnvironmentConfig;
  /**
   * Directory of the local state files, relative to the stack's directory (`<outdir>/stacks/<id>`).
   * @default '../../../bootstrap-state/<env>' (next to an output directory in the project root)
   */
  readonly stateDir?: string;
  /** Point the AWS providers at a local AWS emulator (the end-to-end suite). @default - real AWS */
  readonly emulator?: EmulatorSettings;
}

/** The default local state directory of an environment, relative to a stack directory of an output directory in the project root. */
export function defaultStateDir(env: EnvironmentConfig): string {
  return `../../../bootstrap-state/${env.name}`;
}

export class BootstrapStack extends TerraformStack {
  readonly env: EnvironmentConfig;
  readonly stackId: string;
  /** Where this stack's state file is, relative to its directory. */
  readonly statePath: string;
  private readonly emulator?: EmulatorSettings;

  constructor(scope: Construct, id: string, props: BootstrapStackProps) {
    super(scope, id);
    this.env = props.env;
    this.stackId = id;
    this.emulator = props.emulator;
    this.statePath = `${props.stateDir ?? defaultStateDir(props.env)}/${id}.tfstate`;
    new LocalBackend(this, { path: this.statePath });
    applyRules(this);
    suppress(this, 'PL7', BOOTSTRAP_LOCAL_STATE_REASON);
  }

  /**
   * The AWS provider of the stack: in `accountId` (pinned), with the credentials the bootstrap
   * runs with, assuming `adminRoleName` there unless it is the account of those credentials
   * (the organization's management account).
   */
  adminProvider(accountId: string, region: string, adminRoleName: string): AwsProvider {
    const direct = accountId === this.env.organization.managementAccountId;
    return new AwsProvider(this, 'aws', {
      region,
      allowedAccountIds: [accountId],
      ...(!direct && {
        assumeRole: [{ roleArn: `arn:aws:iam::${accountId}:role/${adminRoleName}`, sessionName: `${this.env.name}-privatelink-bootstrap` }],
      }),
      defaultTags: [{ tags: { ...this.env.tags, environment: this.env.name, stack: this.stackId, 'stack-role': BOOTSTRAP_ROLE } }],
      ...(this.emulator && emulatorProviderConfig(this.emulator)),
    });
  }
}
