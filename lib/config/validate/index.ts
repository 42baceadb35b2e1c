/**
 * Validation of environment configurations, run before any construct is built.
 *
 * Every problem of every environment is collected (never only the first) and reported as
 * `<environment>: <path>: <message>`, where the message shows the bad value and how to fix it
 * (paths: see `checker.ts`). Validation never throws: a config written in plain JavaScript may
 * miss fields or carry wrong types, and those are reported like any other problem. Warnings
 * (allowed, but worth a look) are reported the same way and never stop synth.
 *
 * Problems come in a stable order: the order of the fields in `EnvironmentConfig` (name,
 * organization, deployRoleName, tags, state, segments, network, services, consumers,
 * flowLogRetentionDays, prices, quotas), then the checks that span several fields (accounts
 * shared by consumers, overlapping VPC CIDRs, on-premises ranges against them: `on-premises.ts`),
 * then, for an environment without errors, AWS's quotas (`quotas.ts`).
 */
import type { EnvironmentConfig } from '../types';
import { cidrContains, parseCidr } from '../../net/cidr';
import { checkBootstrap } from './bootstrap';
import { Checker, describe, isObject, type ConfigProblem, type Vpc } from './checker';
import { checkConsumers, checkTgwShareAccounts } from './consumers';
import { checkDeployRole, checkFlowLogRetention, checkOrganization, checkPrices, checkState, checkTags } from './environment';
import { FIELDS } from './fields';
import { checkNetwork, checkSegments } from './network';
import { checkOnPremisesOverlaps } from './on-premises';
import { checkQuotaOverrides, checkQuotas } from './quotas';
import { checkServices } from './services';

export type { ConfigProblem, Severity } from './checker';

/** Whether a problem stops synth (every problem that is not a warning). */
export const isError = (p: ConfigProblem): boolean => p.severity !== 'warning';

/** Thrown by {@link assertValid}; its message is {@link formatProblems} of its problems. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Every problem (errors and warnings) of one environment. */
export function validateEnvironment(env: EnvironmentConfig): ConfigProblem[] {
  return validateOne(env, undefined);
}

/** Every problem of every environment, and environment names unique. */
export function validateEnvironments(envs: readonly EnvironmentConfig[]): ConfigProblem[] {
  if (!Array.isArray(envs)) {
    return [{ environment: '(all)', path: 'environments', message: `must be an array of environments, not ${describe(envs)}` }];
  }
  const problems: ConfigProblem[] = [];
  const firstIndexOfName = new Map<string, number>();
  envs.forEach((env, i) => {
    const raw: unknown = env;
    const name = isObject(raw) && typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
    problems.push(...validateOne(env, name === undefined ? `environments[${i}]` : undefined));
    if (name === undefined) return;
    const first = firstIndexOfName.get(name);
    if (first === undefined) {
      firstIndexOfName.set(name, i);
    } else {
      problems.push({
        environment: name,
        path: 'name',
        message: `'${name}' is also the name of environments[${first}]; environment names must be unique (they prefix every stack id and state key)`,
      });
    }
  });
  return problems;
}

/**
 * A header line with the count of errors, then one `<env>: <path>: <message>` line per error,
 * then one `warning: <env>: <path>: <message>` line per warning.
 */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  const errors = problems.filter(isError);
  const warnings = problems.filter((p) => !isError(p));
  const n = errors.length;
  const header = n === 0 ? 'No configuration problems.' : `${n} configuration problem${n === 1 ? '' : 's'}:`;
  return [
    ...(n > 0 || warnings.length === 0 ? [header] : []),
    ...errors.map((p) => `${p.environment}: ${p.path}: ${p.message}`),
    ...warnings.map((p) => `warning: ${p.environment}: ${p.path}: ${p.message}`),
  ].join('\n');
}

/**
 * Throws a {@link ConfigError} listing every problem when any environment has an error;
 * otherwise returns the warnings, for the caller to print.
 */
export function assertValid(envs: readonly EnvironmentConfig[]): ConfigProblem[] {
  const problems = validateEnvironments(envs);
  if (problems.some(isError)) throw new ConfigError(problems);
  return problems;
}

function validateOne(envInput: EnvironmentConfig, label: string | undefined): ConfigProblem[] {
  const raw: unknown = envInput;
  const name = isObject(raw) && typeof raw.name === 'string' && raw.name !== '' ? raw.name : undefined;
  const c = new Checker(label ?? name ?? '(unnamed)');
  try {
    if (!isObject(raw)) {
      c.add('environment', `must be an object, not ${describe(raw)}`);
      return c.problems;
    }
    const env = raw;
    c.unknownFields('', env, FIELDS.environment);
    c.dnsSafeName('name', env.name, 'environment');
    checkOrganization(c, env.organization);
    checkDeployRole(c, env.deployRoleName);
    checkTags(c, env.tags);
    checkState(c, env.state);
    checkBootstrap(c, env);
    checkSegments(c, env.segments);
    checkNetwork(c, env.network);
    const services = checkServices(c, env.services);
    const consumers = checkConsumers(c, env.consumers, services);
    checkFlowLogRetention(c, env.flowLogRetentionDays);
    checkPrices(c, env.prices);
    checkQuotaOverrides(c, env.quotas);
    checkTgwShareAccounts(c, isObject(env.network) ? env.network.shareWith : undefined, consumers);
    checkOverlaps(c);
    checkOnPremisesOverlaps(c);
    // Counts against AWS's quotas mean something only for an environment without errors.
    if (!c.problems.some((p) => p.severity !== 'warning')) checkQuotas(c, envInput);
  } catch (err) {
    // Defensive: a bug in a check must not hide the problems found so far.
    c.add('environment', `validation failed unexpectedly (${err instanceof Error ? err.message : String(err)}); please report this`);
  }
  return c.problems;
}

/**
 * VPCs (hubs, services, consumers) whose CIDRs overlap, each reported on the later one in config
 * order against the block that contains it. Two CIDR blocks overlap only when one contains the
 * other, so after sorting by address (larger blocks first on a tie) every block is checked
 * against the innermost open block that still contains it: O(n log n), not a check of every pair.
 */
function checkOverlaps(c: Checker): void {
  const order = new Map<Vpc, number>(c.vpcs.map((v, i) => [v, i]));
  const sorted = [...c.vpcs].sort((a, b) => {
    const x = parseCidr(a.cidr)!;
    const y = parseCidr(b.cidr)!;
    return x.network - y.network || x.prefix - y.prefix || order.get(a)! - order.get(b)!;
  });
  const open: Vpc[] = [];
  const found: { later: Vpc; earlier: Vpc }[] = [];
  for (const vpc of sorted) {
    while (open.length > 0 && !cidrContains(open[open.length - 1].cidr, vpc.cidr)) open.pop();
    const outer = open[open.length - 1];
    if (outer) {
      const [earlier, later] = order.get(outer)! < order.get(vpc)! ? [outer, vpc] : [vpc, outer];
      found.push({ earlier, later });
    }
    open.push(vpc);
  }
  found.sort((a, b) => order.get(a.later)! - order.get(b.later)! || order.get(a.earlier)! - order.get(b.earlier)!);
  for (const { earlier, later } of found) {
    c.add(
      later.path,
      `'${later.cidr}' overlaps ${earlier.path} '${earlier.cidr}'; give every VPC of the environment its own address range`,
    );
  }
}
