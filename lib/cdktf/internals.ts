/**
 * Every use of cdktf's internals, in one file. cdktf is archived upstream (December 2025) and a
 * fork may change any of these; each use checks the shape it relies on and throws, naming what
 * changed, instead of silently doing nothing. Nothing here runs on import: the app opts in.
 *
 * - the token stack-trace switch (`cdktf/lib/tokens/private/stack-trace`), a synth speed-up;
 * - a stack's private `rawOverrides`, which the remote-state rule reads;
 * - the `identifier` of a cross-stack reference token, to export values up front;
 * - `TerraformStack.prepareStack()`, to read every stack's final JSON without writing files.
 */
import { TerraformStack, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';

/** Thrown when cdktf's internals no longer have the shape the blueprint relies on. */
export class CdktfInternalsError extends Error {
  constructor(what: string) {
    super(`cdktf internals changed: ${what}. The blueprint was written for cdktf 0.21.0; update lib/cdktf/internals.ts for this version.`);
    this.name = 'CdktfInternalsError';
  }
}

const STACK_TRACE_MODULE = 'cdktf/lib/tokens/private/stack-trace';

/**
 * Stops cdktf from recording a full stack trace for every token it creates (only ever shown in
 * the message of a misused token): at hundreds of stacks that is about 1 s and 75 MB of synth.
 * Call it once, in the app, before building stacks. `load` is for tests.
 */
export function disableTokenStackTraces(load: (id: string) => unknown = require): void {
  let traces: unknown;
  try {
    traces = load(STACK_TRACE_MODULE);
  } catch {
    throw new CdktfInternalsError(`module '${STACK_TRACE_MODULE}' is gone`);
  }
  const module = traces as { captureStackTrace?: unknown };
  if (typeof module?.captureStackTrace !== 'function')
    throw new CdktfInternalsError(`'${STACK_TRACE_MODULE}' has no function captureStackTrace`);
  module.captureStackTrace = () => [];
}

/** The overrides added to a stack with `stack.addOverride(...)` (cdktf keeps them private). */
export function stackRawOverrides(stack: TerraformStack): Record<string, unknown> {
  const raw = (stack as unknown as { rawOverrides?: unknown }).rawOverrides;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new CdktfInternalsError('TerraformStack has no object rawOverrides');
  return raw as Record<string, unknown>;
}

/**
 * The identifier cdktf keys a cross-stack reference by, for a value that is one direct resource
 * attribute (`aws_vpc.x.id`); undefined for anything else (a literal, a function of tokens).
 */
export function referenceIdentifier(value: string): string | undefined {
  const fragments = Tokenization.reverseString(value);
  if (fragments.length !== 1 || fragments.tokens.length !== 1) return undefined;
  const token = fragments.tokens[0] as unknown as Record<string, unknown>;
  if (!('identifier' in token)) return undefined;
  if (typeof token.identifier !== 'string') throw new CdktfInternalsError('a reference token has a non-string identifier');
  return token.identifier;
}

/**
 * The Terraform JSON of every stack under `scope`, keyed by stack id, as `app.synth()` would
 * write it: all stacks are prepared first, so cross-stack references become remote-state reads
 * and outputs (without that, they would look like local references).
 */
export function synthesizeStacks(scope: IConstruct): Record<string, Record<string, unknown>> {
  const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks) {
    if (typeof (stack as { prepareStack?: unknown }).prepareStack !== 'function')
      throw new CdktfInternalsError('TerraformStack has no prepareStack()');
    stack.prepareStack();
  }
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, stack.toTerraform() as Record<string, unknown>]));
}
