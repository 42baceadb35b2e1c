import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { EnvironmentConfig } from '../../lib/config/types';
import { buildEnvironment, type BuildOptions } from '../../stacks/environment';

/** A synthesized stack: the Terraform JSON cdktf wrote. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form Terraform JSON that the tests navigate by path
export type StackJson = Record<string, any>;

/** Synthesizes environments the way `cdktf synth` does and returns each stack's JSON text by id. */
export function synthText(
  envs: readonly EnvironmentConfig[],
  outdir = mkdtempSync(join(tmpdir(), 'pl-synth-')),
  options: BuildOptions = {},
): Record<string, string> {
  const app = new App({ outdir });
  for (const env of envs) buildEnvironment(app, env, options);
  app.synth();
  const stacksDir = join(outdir, 'stacks');
  const out: Record<string, string> = {};
  for (const id of readdirSync(stacksDir).sort()) out[id] = readFileSync(join(stacksDir, id, 'cdk.tf.json'), 'utf8');
  return out;
}

/** Like `synthText`, parsed. */
export function synthJson(...envs: EnvironmentConfig[]): Record<string, StackJson> {
  const text = synthText(envs);
  return Object.fromEntries(Object.entries(text).map(([id, t]) => [id, JSON.parse(t)]));
}

/** The resources of one Terraform type in a stack, by resource name. */
export function resources(stack: StackJson, type: string): Record<string, StackJson> {
  return stack.resource?.[type] ?? {};
}

/** The resources of one type as a list. */
export function resourceList(stack: StackJson, type: string): StackJson[] {
  return Object.values(resources(stack, type));
}
