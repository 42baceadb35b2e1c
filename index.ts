/**
 * The blueprint as a library: what a landing-zone team imports to build stacks of its own, add
 * rules, or read the reports. The app in this repository (`main.ts`, `environments/`, `scripts/`)
 * uses nothing else. Importing it has no side effects: cdktf is patched only when the app calls
 * `disableTokenStackTraces()`.
 *
 *   config      the environment contract, validation, topology facts
 *   constructs  reusable constructs (modules/), knowing nothing of environments
 *   stacks      one stack class per role, and small interfaces between them (HubRef, ...)
 *   rules       best-practice rules as a cdktf Aspect, suppressions
 *   reports     cost estimate, topology diagram, connectivity check
 */
export * from './lib/config/types';
export { ConfigError, assertValid, formatProblems, isError, validateEnvironment, validateEnvironments } from './lib/config/validate';
export type { ConfigProblem, Severity } from './lib/config/validate';
export { QUOTAS, type Quota, type QuotaName } from './lib/config/validate/quotas';
export * as topology from './lib/config/topology';
export { generateEnvironment, BENCH_CATALOG, type GenerateEnvironmentOptions } from './lib/config/generate-environment';
export {
  defaultEndpointPolicy,
  endpointPolicyDocument,
  endpointPolicyStatements,
  MAX_ENDPOINT_POLICY_CHARS,
  type EndpointPolicyContext,
  type PolicyStatement,
} from './lib/aws/endpoint-policies';
export * from './modules';
export * from './stacks';
export * from './lib/rules';
export { estimateCost, renderCostMarkdown, renderCostTable, type CostReport } from './lib/reports/cost';
export { renderMermaid, renderMarkdown } from './lib/reports/diagram';
export { analyzeConnectivity, formatMatrix, synthesizeStacks, type ConnectivityReport } from './lib/reports/connectivity';
export { disableTokenStackTraces, CdktfInternalsError } from './lib/cdktf/internals';
export { emulatorFromEnvironment, type EmulatorSettings } from './lib/cdktf/emulator';
