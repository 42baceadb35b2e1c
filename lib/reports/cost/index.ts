/**
 * Monthly cost estimate of an environment: per stack and line item, per catalog service
 * (chargeback), and centralized endpoints against endpoints in every spoke.
 *
 * - prices.ts: the dated default price table, its sources, per-region overrides
 * - money.ts: integer micro-dollar arithmetic and formatting
 * - model.ts: the report's shapes and the usage assumptions
 * - estimate.ts: the estimate itself (pure)
 * - render.ts: terminal table and markdown
 * - cli.ts: `npm run cost` as a pure function
 */
export * from './prices';
export * from './money';
export * from './model';
export * from './estimate';
export * from './render';
export * from './cli';
