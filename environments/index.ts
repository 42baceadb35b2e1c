import { dev } from './dev';
import { prod } from './prod';
import type { EnvironmentConfig } from '../lib/config/types';

export type * from '../lib/config/types';

/** Every shipped environment; `main.ts` synthesizes each of them. */
export const environments: readonly EnvironmentConfig[] = [dev, prod];
