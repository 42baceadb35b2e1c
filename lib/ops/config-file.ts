/**
 * The environments an operator command works on: the shipped ones (which the script passes in:
 * the library never imports the app's `environments/`), or those of another file (`--config`): a JSON file (one environment, a list, or
 * `{ "environments": [...] }`) or a TypeScript/JavaScript module exporting `environments` (or a
 * default export). The file is data, validated exactly as synth validates.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EnvironmentConfig } from '../config/types';
import { assertValid, ConfigError, formatProblems } from '../config/validate';

function asList(value: unknown, file: string): EnvironmentConfig[] {
  const v = value as { environments?: unknown; default?: unknown } | unknown[] | undefined;
  const list = Array.isArray(v)
    ? v
    : v && typeof v === 'object' && 'environments' in v
      ? v.environments
      : v && typeof v === 'object' && 'default' in v
        ? v.default
        : v;
  const envs = Array.isArray(list) ? list : list && typeof list === 'object' && 'name' in (list as object) ? [list] : undefined;
  if (!envs || envs.length === 0)
    throw new Error(`${file}: no environments (export 'environments', a default export, or a JSON environment or list)`);
  return envs as EnvironmentConfig[];
}

/** The shipped environments, or those of `file`. */
export function loadEnvironments(file: string | undefined, shipped: readonly EnvironmentConfig[]): readonly EnvironmentConfig[] {
  if (file === undefined) return shipped;
  const path = resolve(file);
  if (/\.json$/i.test(path)) return asList(JSON.parse(readFileSync(path, 'utf8')), file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a user's environments module, at a path known only at run time
  return asList(require(path), file);
}

/** Validates as synth does: problems are thrown (ConfigError), warnings are returned as text. */
export function validated(envs: readonly EnvironmentConfig[]): string | undefined {
  const warnings = assertValid(envs);
  return warnings.length > 0 ? formatProblems(warnings) : undefined;
}

export { ConfigError };
