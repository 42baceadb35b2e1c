/**
 * The stacks of one environment as operators address them: every stack id the configuration
 * yields (lib/config/topology.ts `stackIds`), with its role, the accounts and regions it acts in,
 * the stacks it reads remote state from (upstream), in deploy order; and selections of them by
 * glob or by role (`--consumer checkout`, `--service payments`, `--hub us-east-1`).
 */
import { consumedServices, hubPairs, hubRegions, servicesOfKind, stackIds } from '../config/topology';
import type { EnvironmentConfig } from '../config/types';

export type StackRole = 'network' | 'peering' | 'provider' | 'resource' | 'consumer';

export interface StackInfo {
  readonly id: string;
  readonly role: StackRole;
  /** Consumer or service name, hub region, or `<a>-<b>` of a peering. */
  readonly name: string;
  /** Where its resources are: account and region pairs (its providers). */
  readonly places: readonly { readonly account: string; readonly region: string }[];
  /** Stacks whose remote state (outputs) it reads: they must be deployed first. */
  readonly upstream: readonly string[];
}

const ROLE_ORDER: Record<StackRole, number> = { network: 0, peering: 1, provider: 2, resource: 3, consumer: 4 };

/** Every stack of the environment, in deploy order (hubs, peerings, services, consumers). */
export function environmentStacks(env: EnvironmentConfig): StackInfo[] {
  const stacks: StackInfo[] = [];
  for (const region of hubRegions(env)) {
    stacks.push({
      id: stackIds.network(env, region),
      role: 'network',
      name: region,
      places: [{ account: env.network.accountId, region }],
      upstream: [],
    });
  }
  for (const [a, b] of hubPairs(env)) {
    stacks.push({
      id: stackIds.peering(env, a, b),
      role: 'peering',
      name: `${a}-${b}`,
      places: [
        { account: env.network.accountId, region: a },
        { account: env.network.accountId, region: b },
      ],
      upstream: [stackIds.network(env, a), stackIds.network(env, b)],
    });
  }
  for (const svc of [...servicesOfKind(env, 'published'), ...servicesOfKind(env, 'resource')]) {
    stacks.push({
      id: stackIds.service(env, svc),
      role: svc.config.kind === 'published' ? 'provider' : 'resource',
      name: svc.name,
      places: [{ account: svc.config.accountId, region: svc.config.region }],
      upstream: [],
    });
  }
  for (const c of env.consumers) {
    const owned = consumedServices(env, c).flatMap((s) => (s.config.kind === 'external' ? [] : [{ name: s.name, config: s.config }]));
    const places = [
      { account: c.accountId, region: c.region },
      { account: env.network.accountId, region: c.region },
    ];
    for (const s of owned) {
      if (!places.some((p) => p.account === s.config.accountId && p.region === s.config.region))
        places.push({ account: s.config.accountId, region: s.config.region });
    }
    stacks.push({
      id: stackIds.consumer(env, c),
      role: 'consumer',
      name: c.name,
      places,
      upstream: [
        ...new Set([
          ...(env.network.hubs[c.region] ? [stackIds.network(env, c.region)] : []),
          ...owned.map((s) => stackIds.service(env, s)),
        ]),
      ],
    });
  }
  return stacks.sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role]);
}

/** The stacks that read `id`'s remote state (must be destroyed before it). */
export function downstreamOf(stacks: readonly StackInfo[], id: string): StackInfo[] {
  return stacks.filter((s) => s.upstream.includes(id));
}

/** A cdktf-style stack glob (`*` any run of characters, `?` one) as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

export interface Selection {
  /** Stack ids or globs. */
  readonly globs?: readonly string[];
  readonly consumers?: readonly string[];
  readonly services?: readonly string[];
  /** Hub regions: the region's network stack and the peerings that touch it. */
  readonly hubs?: readonly string[];
  /** Every stack of the environment. */
  readonly all?: boolean;
}

/** The stacks a selection names, in deploy order; names that match nothing are errors with the known names. */
export function selectStacks(env: EnvironmentConfig, stacks: readonly StackInfo[], sel: Selection): StackInfo[] {
  const chosen = new Set<string>();
  const problems: string[] = [];
  const known = (role: StackRole | StackRole[]) => {
    const roles = [role].flat();
    return (
      [...new Set(stacks.filter((s) => roles.includes(s.role)).map((s) => (s.role === 'network' ? s.name : s.name)))].join(', ') || 'none'
    );
  };
  if (sel.all) stacks.forEach((s) => chosen.add(s.id));
  for (const glob of sel.globs ?? []) {
    const re = globToRegExp(glob);
    const hits = stacks.filter((s) => re.test(s.id));
    if (hits.length === 0) problems.push(`no stack of ${env.name} matches '${glob}' (stacks: ${stacks.map((s) => s.id).join(', ')})`);
    hits.forEach((s) => chosen.add(s.id));
  }
  for (const name of sel.consumers ?? []) {
    const hit = stacks.find((s) => s.role === 'consumer' && s.name === name);
    if (!hit) problems.push(`${env.name} has no consumer '${name}' (consumers: ${known('consumer')})`);
    else chosen.add(hit.id);
  }
  for (const name of sel.services ?? []) {
    const hit = stacks.find((s) => (s.role === 'provider' || s.role === 'resource') && s.name === name);
    if (!hit) {
      const external = env.services?.[name]?.kind === 'external';
      problems.push(
        external
          ? `'${name}' is an external service of ${env.name}: it has no stack of its own (deploy its consumers)`
          : `${env.name} has no published or resource service '${name}' (services with a stack: ${known(['provider', 'resource'])})`,
      );
    } else chosen.add(hit.id);
  }
  for (const region of sel.hubs ?? []) {
    const hub = stacks.find((s) => s.role === 'network' && s.name === region);
    if (!hub) {
      problems.push(`${env.name} has no hub in '${region}' (hubs: ${known('network')})`);
      continue;
    }
    chosen.add(hub.id);
    for (const p of stacks.filter((s) => s.role === 'peering' && s.upstream.includes(hub.id))) chosen.add(p.id);
  }
  if (problems.length > 0) throw new SelectionError(problems);
  return stacks.filter((s) => chosen.has(s.id));
}

export class SelectionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SelectionError';
  }
}

/** Stack ids that look like the environment's (`<env>-...`) but that the configuration no longer yields. */
export function unknownStackIds(
  env: EnvironmentConfig,
  ids: Iterable<string>,
  stacks: readonly StackInfo[] = environmentStacks(env),
): string[] {
  const known = new Set(stacks.map((s) => s.id));
  const role = /^(network|peering|provider|resource|consumer)-/;
  return [...new Set(ids)]
    .filter((id) => id.startsWith(`${env.name}-`) && role.test(id.slice(env.name.length + 1)) && !known.has(id))
    .sort();
}
