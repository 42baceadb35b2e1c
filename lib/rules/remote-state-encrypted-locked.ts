import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule, type RuleResult } from './rule';

/**
 * PL7: a stack keeps its state remotely, encrypted and locked. Read from the stack's
 * synthesized `terraform.backend` block, so overrides count (the S3 `use_lockfile` flag
 * is set through `addOverride`, cdktf 0.21's S3Backend has no prop for it):
 * - s3: `encrypt: true`, and `use_lockfile: true` or a `dynamodb_table`;
 * - cloud / remote (HCP Terraform): compliant, state is encrypted and locked by the service;
 * - local or no backend: non-compliant (state on a laptop, unlocked).
 * Evaluated once per stack, on the TerraformStack node.
 */
export const remoteStateEncryptedLocked: Rule = {
  id: 'PL7',
  name: 'remote-state-encrypted-locked',
  severity: 'error',
  message: 'Stack state is not remote, encrypted and locked: use an S3 backend with encrypt: true and use_lockfile: true (or a DynamoDB table), or a cloud backend',
  check(node: IConstruct): RuleResult {
    if (!TerraformStack.isStack(node)) return NOT_APPLICABLE;
    const terraform = (node.toTerraform() as { terraform?: { backend?: Record<string, Record<string, unknown>>; cloud?: unknown } }).terraform;
    if (terraform?.cloud) return COMPLIANT;
    const backends = Object.entries(terraform?.backend ?? {});
    if (backends.length === 0) return nonCompliant('no backend: state stays local');
    const [kind, config] = backends[0];
    if (kind === 'remote') return COMPLIANT;
    if (kind !== 's3') return nonCompliant(`backend '${kind}' is not an approved remote state`);
    const problems: string[] = [];
    if (config.encrypt !== true) problems.push('encrypt is not true');
    if (config.use_lockfile !== true && !config.dynamodb_table) problems.push('neither use_lockfile nor dynamodb_table');
    return problems.length > 0 ? nonCompliant(`s3 backend: ${problems.join('; ')}`) : COMPLIANT;
  },
};
