/**
 * The one command-line parser of the project's scripts: `--name value`, `--name=value` and
 * `--flag`, declared per script; unknown arguments, missing values, bad numbers and conflicting
 * flags are usage errors (exit code 2), with the script's usage line.
 */
import type { EnvironmentConfig } from '../config/types';

export type OptionSpec =
  | { readonly kind: 'flag' }
  | { readonly kind: 'string' }
  /** A positive integer. */
  | { readonly kind: 'int' }
  /** Comma-separated positive integers, sorted and deduplicated. */
  | { readonly kind: 'ints' };

type Value<S extends OptionSpec> = S['kind'] extends 'flag'
  ? boolean
  : S['kind'] extends 'string'
    ? string | undefined
    : S['kind'] extends 'int'
      ? number | undefined
      : number[] | undefined;

export type Parsed<T extends Record<string, OptionSpec>> = { -readonly [K in keyof T]: Value<T[K]> };

/** A bad command line: the message says what, the script prints its usage after it and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parses `argv` against `spec` (option names without the leading `--`). `exclusive` lists
 * groups of flags of which at most one may be given. `--help`/`-h` throws a UsageError with an
 * empty message (the caller prints the usage and exits 0).
 */
export function parseArgs<T extends Record<string, OptionSpec>>(
  argv: readonly string[],
  spec: T,
  usage: string,
  exclusive: readonly (readonly (keyof T & string)[])[] = [],
): Parsed<T> {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) out[name] = s.kind === 'flag' ? false : undefined;
  const fail = (message: string): never => {
    throw new UsageError(message, usage);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') fail('');
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    const s = name !== undefined ? spec[name] : undefined;
    if (!m || !s || !name) fail(`unknown argument '${arg}'`);
    const option = s as OptionSpec;
    const key = name as string;
    if (option.kind === 'flag') {
      if (m![2] !== undefined) fail(`--${key} takes no value`);
      out[key] = true;
      continue;
    }
    let value = m![2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) fail(`--${key} needs a value`);
      i++;
    }
    out[key] = option.kind === 'string' ? value : option.kind === 'int' ? positiveInt(key, value!, fail) : positiveInts(key, value!, fail);
  }
  for (const group of exclusive) {
    const given = group.filter((f) => out[f] === true);
    if (given.length > 1) fail(`choose one of ${group.map((f) => `--${f}`).join(' and ')}`);
  }
  return out as Parsed<T>;
}

function positiveInt(name: string, value: string, fail: (m: string) => never): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) fail(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

function positiveInts(name: string, value: string, fail: (m: string) => never): number[] {
  const list = value.split(',').map((v) => positiveInt(name, v.trim(), fail));
  return [...new Set(list)].sort((a, b) => a - b);
}

/**
 * The environments `--env` names: one by name, or every one with `all` (when allowed). A
 * missing or unknown name is a usage error that lists the known environments.
 */
export function selectEnvironments(
  name: string | undefined,
  envs: readonly EnvironmentConfig[],
  usage: string,
  opts: { readonly required?: boolean; readonly allowAll?: boolean } = {},
): readonly EnvironmentConfig[] {
  const known = `known environments: ${envs.map((e) => e.name).join(', ')}`;
  if (name === undefined) {
    if (opts.required) throw new UsageError(`missing --env\n${known}`, usage);
    return envs;
  }
  if (name === 'all' && opts.allowAll !== false) return envs;
  const selected = envs.filter((e) => e.name === name);
  if (selected.length === 0) throw new UsageError(`unknown environment '${name}'\n${known}`, usage);
  return selected;
}

/**
 * Runs a script's main function: a UsageError prints the message and the usage and exits 2
 * (0 for `--help`); any other error prints its message and exits 1. `main` returns the exit code.
 */
export async function runMain(main: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message === '') {
        process.stdout.write(`${error.usage}\n`);
        process.exitCode = 0;
      } else {
        process.stderr.write(`${error.message}\n${error.usage}\n`);
        process.exitCode = 2;
      }
      return;
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
