/**
 * The synthesized Terraform JSON, typed as what it is: values of unknown shape, narrowed where
 * they are read. No `any`: every read says what it expects and copes with anything else.
 */

/** A JSON object as parsed; its values are narrowed with the helpers below. */
export type JsonObject = { readonly [key: string]: unknown };

/** The synthesized Terraform JSON of one stack (`cdk.tf.json`). */
export type StackJson = JsonObject;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is an object, else an empty one. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** `value` when it is an array, else an empty one. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A number, or a string of digits (Terraform accepts both for ports). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/** The strings of an array (anything else in it is skipped). */
export function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

/** The value at a path of object keys, or undefined where the path leaves the objects. */
export function at(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
