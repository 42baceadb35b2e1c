/**
 * An environment's remote state as the operator commands use it: the store of its S3 backend
 * (from the synthesized backend block, so the emulator and `roleArn` are honoured), which stacks
 * have a state object, and the lockfiles present.
 */
import { mapLimit } from '../cli/run';
import type { Workspace } from './workspace';
import { S3StateStore, s3BackendOf, stackOfKey, statePrefix, type LockFile, type StateStore } from './state-store';

export interface Backend {
  readonly store: StateStore;
  /** The state key of a stack. */
  key(stack: string): string;
  /** The key prefix every stack of the environment shares. */
  readonly prefix: string;
  destroy(): void;
}

/** The S3 backend of the workspace's stacks, or undefined with Terraform Cloud. */
export function backendOf(ws: Workspace): Backend | undefined {
  const first = ws.stacks[0];
  if (!first) return undefined;
  const backend = s3BackendOf(ws.json(first.id));
  if (!backend) return undefined;
  const store = new S3StateStore(backend);
  const prefix = statePrefix(backend);
  return {
    store,
    prefix,
    key: (stack) => {
      const b = s3BackendOf(ws.json(stack));
      return b?.key ?? `${prefix}${stack}.tfstate`;
    },
    destroy: () => store.destroy(),
  };
}

/** Stack ids with a state object, and the lockfiles, under the environment's prefix. */
export async function stateObjectsOf(backend: Backend): Promise<{ deployed: Set<string>; locks: LockFile[] }> {
  const { states, locks } = await backend.store.list(backend.prefix);
  const lockFiles = await Promise.all(locks.map(async (key) => (await backend.store.lock(key)) ?? { key }));
  return { deployed: new Set(states.map(stackOfKey)), locks: lockFiles };
}

/** Of `ids`, the stacks whose state object holds at least one resource (read in parallel, bounded). */
export async function stacksWithResources(backend: Backend, ids: readonly string[], parallel = 8): Promise<Set<string>> {
  const found = await mapLimit(ids, parallel, async (id) => ((await backend.store.read(backend.key(id)))?.objects.length ?? 0) > 0);
  return new Set(ids.filter((_, i) => found[i]));
}
