import { TerraformBackend, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { stackRawOverrides } from '../cdktf/internals';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule, type RuleResult } from './rule';

/**
 * PL7: a stack keeps its state remotely, encrypted and locked. Read from the backend element
 * as it synthesizes, with its own overrides and the stack's `terraform.backend` overrides
 * (the S3 `use_lockfile` flag is an override: cdktf 0.21's S3Backend has no prop for it).
 * Only the backend is synthesized, not the whole stack, which would cost seconds at scale:
 * - s3: `encrypt: true`, and `use_lockfile: true` or a `dynamodb_table`;
 * - cloud / remote (HCP Terraform): compliant, state is encrypted and locked by the service;
 * - local or no backend: non-compliant (state on a laptop, unlocked).
 * Evaluated once per stack, on the TerraformStack node.
 */
export const remoteStateEncryptedLocked: Rule = {
  id: 'PL7',
  name: 'remote-state-encrypted-locked',
  severity: 'error',
  message:
    'Stack state is not remote, encrypted and locked: use an S3 backend with encrypt: true and use_lockfile: true (or a DynamoDB table), or a cloud backend',
  check(node: IConstruct): RuleResult {
    if (!TerraformStack.isStack(node)) return NOT_APPLICABLE;
    const backend = node.node.children.find((c): c is TerraformBackend => c instanceof TerraformBackend);
    const own = (backend?.toTerraform() ?? {}) as { terraform?: BackendBlock };
    // Stack-level overrides such as addOverride('terraform.backend.s3.encrypt', false) count too.
    const stackOverrides = (stackRawOverrides(node) as { terraform?: BackendBlock }).terraform;
    const terraform: BackendBlock = {
      cloud: own.terraform?.cloud ?? stackOverrides?.cloud,
      backend: mergeBackends(own.terraform?.backend, stackOverrides?.backend),
    };
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

interface BackendBlock {
  backend?: Record<string, Record<string, unknown>>;
  cloud?: unknown;
}

function mergeBackends(base: BackendBlock['backend'], overrides: BackendBlock['backend']): BackendBlock['backend'] {
  if (!overrides) return base;
  const merged: Record<string, Record<string, unknown>> = { ...base };
  for (const [kind, config] of Object.entries(overrides)) merged[kind] = { ...merged[kind], ...config };
  return merged;
}
