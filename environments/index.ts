import { dev } from './dev';
import { prod } from './prod';
import type { EnvironmentConfig } from './types';

export type * from './types';

/** Every shipped environment; `main.ts` synthesizes each of them. */
export const environments: readonly EnvironmentConfig[] = [dev, prod];
