/**
 * Editing synthesized stacks for the broken variants of the connectivity tests: a deep copy of
 * the JSON, resources found by the construct path cdktf puts first in their name (the hash
 * suffix changes with the path, so tests never spell it).
 */
import type { EnvironmentConfig } from '../../../../lib/config/types';
import type { StackJson } from '../../../../lib/reports/connectivity';
import { synthJson } from '../../../support/synth';

type Obj = Record<string, unknown>;
export type Stacks = Record<string, Obj>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object at `path` under `root`, created where missing. */
function objAt(root: Obj, ...path: string[]): Obj {
  let current = root;
  for (const key of path) {
    const next = current[key];
    if (isObj(next)) {
      current = next;
    } else {
      const created: Obj = {};
      current[key] = created;
      current = created;
    }
  }
  return current;
}

/** The synthesized stacks of each environment, by environment name (one synth for all). */
export function synthEnvironments(...envs: EnvironmentConfig[]): Record<string, Readonly<Record<string, StackJson>>> {
  const all = synthJson(...envs);
  return Object.fromEntries(
    envs.map((env) => [env.name, Object.fromEntries(Object.entries(all).filter(([id]) => id.startsWith(`${env.name}-`)))]),
  );
}

/** A deep copy to edit. */
export function copy(stacks: Readonly<Record<string, StackJson>>): Stacks {
  return structuredClone(stacks) as Stacks;
}

function stackOf(stacks: Stacks, stack: string): Obj {
  const json = stacks[stack];
  if (!json) throw new Error(`no stack ${stack}; stacks: ${Object.keys(stacks).join(', ')}`);
  return json;
}

/** The name of the one resource of `type` in `stack` whose name starts with `path` and a hash. */
export function nameOf(stacks: Stacks, stack: string, type: string, path: string): string {
  const names = Object.keys(objAt(stackOf(stacks, stack), 'resource', type)).filter((n) => new RegExp(`^${path}_[0-9A-F]{8}$`).test(n));
  if (names.length !== 1) throw new Error(`${stack}: ${names.length} resources ${type}.${path}_*`);
  return names[0];
}

/** The configuration of one resource, to edit in place. */
export function resource(stacks: Stacks, stack: string, type: string, path: string): Obj {
  return objAt(stackOf(stacks, stack), 'resource', type, nameOf(stacks, stack, type, path));
}

/** `${<type>.<name>.<attr>}` of one resource of the same stack. */
export function ref(stacks: Stacks, stack: string, type: string, path: string, attr = 'id'): string {
  return `\${${type}.${nameOf(stacks, stack, type, path)}.${attr}}`;
}

/** A reference from any stack to an output of `origin` whose name contains `part`, as cdktf writes it. */
export function remoteRef(stacks: Stacks, origin: string, part: string): string {
  const outputs = Object.keys(objAt(stackOf(stacks, origin), 'output')).filter((o) => o.includes(part));
  if (outputs.length !== 1) throw new Error(`${origin}: ${outputs.length} outputs containing ${part}`);
  return `\${data.terraform_remote_state.cross-stack-reference-input-${origin}.outputs.${outputs[0]}}`;
}

export function add(stacks: Stacks, stack: string, type: string, name: string, config: Obj): void {
  objAt(stackOf(stacks, stack), 'resource', type)[name] = config;
}

export function remove(stacks: Stacks, stack: string, type: string, path: string): void {
  delete objAt(stackOf(stacks, stack), 'resource', type)[nameOf(stacks, stack, type, path)];
}
