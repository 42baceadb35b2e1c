/** What `npm run check` reads: every stack's JSON, as cdktf would write it (see lib/cdktf/internals.ts). */
import type { IConstruct } from 'constructs';
import { synthesizeStacks as synthesize } from '../../cdktf/internals';
import type { StackJson } from './json';

export function synthesizeStacks(scope: IConstruct): Record<string, StackJson> {
  return synthesize(scope) as Record<string, StackJson>;
}
