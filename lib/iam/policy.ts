/**
 * The least-privilege policy of every account's deploy role, generated from the environment's
 * synthesized app stacks: every resource and data source is attributed to the account of its
 * provider (`allowed_account_ids` of the provider alias it names), its type is looked up in the
 * action table (`actions.ts`), and the grants are merged into one statement per scope
 * (`scopes.ts`). An account that plays several roles (network, service owner, consumer) gets the
 * union of what its resources need, and nothing else.
 */
import type { EnvironmentConfig } from '../config/types';
import { servicesOfKind } from '../config/topology';
import { TERRAFORM_TYPE_ACTIONS, TYPES_WITHOUT_AWS_CALLS, type Grant } from './actions';
import { checkRoleBoundaries } from './boundary';
import { actionsOf, policyDocument, type PolicyDocument, type PolicyStatement } from './document';
import { SCOPES, type AccountContext, type ResolvedScope, type ScopeId } from './scopes';

/** A synthesized stack's Terraform JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form Terraform JSON, read by resource type and attribute
export type StackJson = Record<string, any>;

/** The part an account plays in the environment. */
export type AccountRole = 'network' | 'owner' | 'consumer';

/** One AWS provider of a stack: its alias, the account it is pinned to, its region. */
export interface ProviderBinding {
  readonly alias: string;
  readonly accountId: string;
  readonly region: string;
}

/** What one account's providers deploy. */
export interface AccountUsage {
  readonly accountId: string;
  /** Regions its providers act in, sorted. */
  readonly regions: readonly string[];
  /** Terraform types (data sources as `data.<type>`) to the stacks that use them in this account, both sorted. */
  readonly types: ReadonlyMap<string, readonly string[]>;
  /** Every grant its resources need, with why (the type, and the argument for conditional grants). */
  readonly grants: readonly { readonly grant: Grant; readonly because: string }[];
  /** Stacks with a provider in this account, sorted. */
  readonly stacks: readonly string[];
}

/** The generated deploy-role policy of one account. */
export interface DeployPolicy {
  readonly accountId: string;
  /** What the account is in the environment (from the config), sorted. */
  readonly roles: readonly AccountRole[];
  readonly regions: readonly string[];
  /** Terraform types deployed in the account, sorted. */
  readonly types: readonly string[];
  /** Stacks with a provider in the account: the workspaces that act there. */
  readonly stacks: readonly string[];
  readonly document: PolicyDocument;
}

/** A synthesized type the action table does not know: the bootstrap cannot say what it needs. */
export class MissingTypeActionsError extends Error {
  constructor(readonly missing: readonly { readonly type: string; readonly stack: string; readonly account: string }[]) {
    super(
      `${missing.length} Terraform type${missing.length === 1 ? '' : 's'} without IAM actions; the deploy roles cannot be generated:\n` +
        missing.map((m) => `${m.stack}: ${m.type} (account ${m.account}) is not in lib/iam/actions.ts`).join('\n') +
        '\nAdd an entry per type to TERRAFORM_TYPE_ACTIONS with the actions the AWS provider calls for it ' +
        '(create, read, update, delete, tags, waiters; see docs/aws-facts/iam-bootstrap.md for how they were derived).',
    );
    this.name = 'MissingTypeActionsError';
  }
}

/** The AWS providers of a stack by alias. */
export function providerBindings(stackId: string, stack: StackJson): Map<string, ProviderBinding> {
  const out = new Map<string, ProviderBinding>();
  const providers: unknown = stack.provider?.aws ?? [];
  for (const p of (Array.isArray(providers) ? providers : [providers]) as Record<string, unknown>[]) {
    const alias = typeof p.alias === 'string' ? p.alias : '';
    const accounts = p.allowed_account_ids;
    if (!Array.isArray(accounts) || accounts.length !== 1 || typeof accounts[0] !== 'string') {
      throw new Error(
        `${stackId}: AWS provider '${alias || '(default)'}' is not pinned to one account (allowed_account_ids); the deploy roles cannot be attributed`,
      );
    }
    out.set(alias, { alias, accountId: accounts[0], region: String(p.region) });
  }
  return out;
}

/** Every account's usage, from the synthesized stacks (id to JSON). Throws {@link MissingTypeActionsError} for unknown types. */
export function collectUsage(stacks: Readonly<Record<string, StackJson>>): AccountUsage[] {
  interface Building {
    regions: Set<string>;
    types: Map<string, Set<string>>;
    grants: Map<string, { grant: Grant; because: string }>;
    stacks: Set<string>;
  }
  const accounts = new Map<string, Building>();
  const account = (id: string): Building => {
    let a = accounts.get(id);
    if (!a) accounts.set(id, (a = { regions: new Set(), types: new Map(), grants: new Map(), stacks: new Set() }));
    return a;
  };
  const missing: { type: string; stack: string; account: string }[] = [];

  for (const stackId of Object.keys(stacks).sort()) {
    const stack = stacks[stackId];
    const bindings = providerBindings(stackId, stack);
    for (const b of bindings.values()) {
      account(b.accountId).regions.add(b.region);
      account(b.accountId).stacks.add(stackId);
    }
    for (const [block, prefix] of [
      ['resource', ''],
      ['data', 'data.'],
    ] as const) {
      const byType: Record<string, Record<string, Record<string, unknown>>> = stack[block] ?? {};
      for (const rawType of Object.keys(byType).sort()) {
        const type = `${prefix}${rawType}`;
        if (TYPES_WITHOUT_AWS_CALLS.includes(type)) continue;
        for (const [name, config] of Object.entries(byType[rawType])) {
          const binding = bindingOf(stackId, type, name, config, bindings);
          const acc = account(binding.accountId);
          const entry = TERRAFORM_TYPE_ACTIONS[type];
          if (!entry) {
            if (!missing.some((m) => m.type === type && m.stack === stackId))
              missing.push({ type, stack: stackId, account: binding.accountId });
            continue;
          }
          const stacksOfType = acc.types.get(type) ?? new Set<string>();
          stacksOfType.add(stackId);
          acc.types.set(type, stacksOfType);
          const add = (grant: Grant, because: string) => {
            const key = `${grant.scope}\u0000${grant.actions.join(',')}\u0000${because}`;
            if (!acc.grants.has(key)) acc.grants.set(key, { grant, because });
          };
          for (const g of entry.grants) add(g, type);
          for (const c of entry.conditional ?? []) {
            if (c.when(config, { region: binding.region })) for (const g of c.grants) add(g, `${type} with ${c.why}`);
          }
        }
      }
    }
  }
  if (missing.length > 0) throw new MissingTypeActionsError(missing);

  return [...accounts.keys()].sort().map((accountId) => {
    const a = accounts.get(accountId)!;
    return {
      accountId,
      regions: [...a.regions].sort(),
      types: new Map([...a.types.keys()].sort().map((t) => [t, [...a.types.get(t)!].sort()])),
      grants: [...a.grants.values()],
      stacks: [...a.stacks].sort(),
    };
  });
}

function bindingOf(
  stackId: string,
  type: string,
  name: string,
  config: Record<string, unknown>,
  bindings: Map<string, ProviderBinding>,
): ProviderBinding {
  const ref = config.provider;
  const alias = typeof ref === 'string' ? ref.replace(/^aws\./, '') : '';
  if (typeof ref === 'string' && !ref.startsWith('aws.')) {
    throw new Error(
      `${stackId}: ${type}.${name} uses provider '${ref}', which is not an AWS provider; list the type in TYPES_WITHOUT_AWS_CALLS (lib/iam/actions.ts) if it makes no AWS call`,
    );
  }
  const binding = bindings.get(alias);
  if (!binding) {
    throw new Error(
      `${stackId}: ${type}.${name} uses ${ref === undefined ? 'the default AWS provider' : `provider '${ref}'`}, which the stack does not pin to an account; give it one of the stack's aliased providers`,
    );
  }
  return binding;
}

/** The parts each account plays, from the configuration. */
export function accountRoles(env: EnvironmentConfig, accountId: string): AccountRole[] {
  const roles: AccountRole[] = [];
  if (env.network.accountId === accountId) roles.push('network');
  const owners = [...servicesOfKind(env, 'published'), ...servicesOfKind(env, 'resource')].map((s) => s.config.accountId);
  if (owners.includes(accountId)) roles.push('owner');
  if (env.consumers.some((c) => c.accountId === accountId)) roles.push('consumer');
  return roles;
}

/** The policy document of one account: one statement per scope its grants use, in the order of `SCOPES`, actions sorted. */
export function policyOf(usage: AccountUsage, env: string, partition = 'aws'): PolicyDocument {
  const ctx: AccountContext = { env, accountId: usage.accountId, regions: usage.regions, partition };
  const byScope = new Map<ScopeId, Set<string>>();
  for (const { grant } of usage.grants) {
    const set = byScope.get(grant.scope) ?? new Set<string>();
    for (const a of grant.actions) set.add(a);
    byScope.set(grant.scope, set);
  }
  // An action granted on every resource without condition needs no region-scoped grant besides.
  for (const action of byScope.get('global') ?? []) byScope.get('regional')?.delete(action);
  const statements: PolicyStatement[] = [];
  for (const id of Object.keys(SCOPES) as ScopeId[]) {
    const actions = byScope.get(id);
    if (!actions || actions.size === 0) continue;
    const scope = SCOPES[id];
    const resolved: ResolvedScope = scope.resolve(ctx);
    statements.push({
      Sid: scope.sid,
      Effect: 'Allow',
      Action: [...actions].sort(),
      Resource: resolved.resources.length === 1 ? resolved.resources[0] : [...resolved.resources],
      ...(resolved.condition && { Condition: resolved.condition }),
    });
  }
  return policyDocument(statements);
}

/** The deploy-role policy of every account the environment's stacks act in, sorted by account. */
export function deployPolicies(env: EnvironmentConfig, stacks: Readonly<Record<string, StackJson>>): DeployPolicy[] {
  const roles = Object.entries(stacks).flatMap(([stackId, stack]) => {
    const bindings = providerBindings(stackId, stack);
    return Object.entries((stack.resource?.aws_iam_role ?? {}) as Record<string, Record<string, unknown>>).map(([name, config]) => ({
      stack: stackId,
      name,
      accountId: bindingOf(stackId, 'aws_iam_role', name, config, bindings).accountId,
      boundary: config.permissions_boundary,
    }));
  });
  checkRoleBoundaries(env.name, roles);
  return collectUsage(stacks).map((usage) => ({
    accountId: usage.accountId,
    roles: accountRoles(env, usage.accountId),
    regions: usage.regions,
    types: [...usage.types.keys()],
    stacks: usage.stacks,
    document: policyOf(usage, env.name),
  }));
}

/** A one-line summary per account: roles, regions, number of actions. */
export function summarizePolicies(policies: readonly DeployPolicy[]): string[] {
  return policies.map(
    (p) =>
      `${p.accountId} (${p.roles.join(', ') || 'no role'}; ${p.regions.join(', ')}): ${actionsOf(p.document).length} actions, ${p.types.length} types`,
  );
}
