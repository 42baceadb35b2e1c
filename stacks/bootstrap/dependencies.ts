/**
 * Which app stacks read which others' state, from their synthesized JSON: every cross-stack
 * reference is a `terraform_remote_state` data source naming the producer's HCP Terraform
 * workspace (cloud state) or its state key (S3 state).
 */
import type { StackJson } from '../../lib/iam';

/** Where a stack keeps its state: its workspace name or its S3 key. */
function stateAddress(stack: StackJson): string | undefined {
  const tf = stack.terraform ?? {};
  const workspace = tf.cloud?.workspaces?.name;
  if (typeof workspace === 'string') return `workspace:${workspace}`;
  const key = tf.backend?.s3?.key;
  if (typeof key === 'string') return `s3:${tf.backend.s3.bucket}/${key}`;
  return undefined;
}

function remoteAddress(config: Record<string, unknown>): string | undefined {
  const c = (config.config ?? {}) as Record<string, unknown>;
  if (config.backend === 'remote') {
    const name = (c.workspaces as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? `workspace:${name}` : undefined;
  }
  if (config.backend === 's3' && typeof c.key === 'string') return `s3:${String(c.bucket)}/${c.key}`;
  return undefined;
}

/** For each stack (sorted), the stacks whose state it reads (sorted). Throws on a read of a state no stack of the set keeps. */
export function stackDependencies(stacks: Readonly<Record<string, StackJson>>): Map<string, string[]> {
  const byAddress = new Map<string, string>();
  for (const [id, json] of Object.entries(stacks)) {
    const address = stateAddress(json);
    if (address) byAddress.set(address, id);
  }
  const out = new Map<string, string[]>();
  for (const id of Object.keys(stacks).sort()) {
    const reads: Record<string, Record<string, unknown>> = stacks[id].data?.terraform_remote_state ?? {};
    const producers = new Set<string>();
    for (const [name, config] of Object.entries(reads)) {
      const address = remoteAddress(config);
      const producer = address && byAddress.get(address);
      if (!producer)
        throw new Error(`${id}: remote state '${name}' (${address ?? 'unknown backend'}) is not the state of a stack of the environment`);
      producers.add(producer);
    }
    out.set(id, [...producers].sort());
  }
  return out;
}
