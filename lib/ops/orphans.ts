/**
 * Orphans: what exists in AWS with an environment's tags but that no stack's state holds (an
 * apply killed before it recorded what it created, a stack removed from the configuration before
 * it was destroyed), and state objects of stacks the configuration no longer yields.
 *
 * For each orphan of a stack still in the configuration, the resource of the stack's synthesized
 * configuration it is (same Terraform type, missing from the state, tags that agree) and the
 * `terraform import` line that adopts it; otherwise the AWS CLI line that deletes it. Resources
 * without tags that hang off imported ones (routes, route table and TGW associations and
 * propagations, zone associations and authorizations, inline role policies, security group rules,
 * records) are looked up and get their import lines too, so a re-deploy creates nothing twice.
 */
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
} from '@aws-sdk/client-ec2';
import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
  type RRType,
} from '@aws-sdk/client-route-53';
import { formatTable } from '../cli/table';
import { at, isObject, list, obj, str, type JsonObject, type StackJson } from '../reports/connectivity/json';
import { deleteCommandOf, deleteOrder, importIdOf, terraformTypesOf } from './arn';
import type { ClientFactory } from './aws';
import type { LiveResource } from './inventory';
import type { LockFile, StateFile } from './state-store';

export type OrphanAction =
  | { readonly kind: 'import'; readonly address: string; readonly id: string; readonly command: string }
  | { readonly kind: 'delete'; readonly command: string; readonly why: string };

export interface Orphan {
  readonly resource: LiveResource;
  /** The `stack` tag, or '(no stack tag)'. */
  readonly stack: string;
  readonly inConfig: boolean;
  readonly action: OrphanAction;
}

/** An untagged resource of a stack's configuration that exists but is not in its state. */
export interface ChildImport {
  readonly stack: string;
  readonly address: string;
  readonly id: string;
  readonly command: string;
}

/** A state object of a stack the configuration no longer yields. */
export interface StaleState {
  readonly stack: string;
  readonly key: string;
  readonly resources: number;
}

export interface OrphanReport {
  readonly env: string;
  readonly orphans: readonly Orphan[];
  readonly children: readonly ChildImport[];
  readonly staleStates: readonly StaleState[];
  readonly locks: readonly LockFile[];
  /** Places that could not be read. */
  readonly errors: readonly string[];
}

export interface StackConfig {
  readonly id: string;
  readonly json: StackJson;
  /** Directory the import commands run in. */
  readonly dir: string;
}

export interface OrphanInput {
  readonly env: string;
  /** The stacks of the configuration. */
  readonly stacks: readonly StackConfig[];
  /** State by stack id (config stacks and stale ones), undefined when the stack has no state object. */
  readonly states: Readonly<Record<string, StateFile | undefined>>;
  readonly live: readonly LiveResource[];
  readonly locks?: readonly LockFile[];
  readonly staleStates?: readonly StaleState[];
  readonly errors?: readonly string[];
  /** Clients for the lookups of untagged resources; without them none are looked up. */
  readonly clients?: ClientFactory;
}

const shellQuote = (s: string): string => (/^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function importCommand(dir: string, address: string, id: string): string {
  return `terraform -chdir=${shellQuote(dir)} import ${shellQuote(address)} ${shellQuote(id)}`;
}

interface ConfigResource {
  readonly address: string;
  readonly type: string;
  readonly config: JsonObject;
}

function configResources(json: StackJson): ConfigResource[] {
  const out: ConfigResource[] = [];
  for (const [type, byName] of Object.entries(obj(json.resource))) {
    for (const [name, config] of Object.entries(obj(byName))) if (isObject(config)) out.push({ address: `${type}.${name}`, type, config });
  }
  return out;
}

/** Tags written literally in a resource's configuration (references are skipped). */
function literalTags(config: JsonObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj(config.tags)).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[1].includes('${')),
  );
}

/** How well live tags fit a configured resource: -1 when a literal tag disagrees, else the number that agree. */
function tagScore(config: JsonObject, tags: Readonly<Record<string, string>>): number {
  let score = 0;
  for (const [k, v] of Object.entries(literalTags(config))) {
    if (tags[k] === undefined) continue;
    if (tags[k] !== v) return -1;
    score++;
  }
  return score;
}

/** Attributes of a resource known from state or from its matched orphan, by address, per stack. */
type Known = Map<string, Record<string, string>>;

export function findOrphans(input: OrphanInput): Omit<OrphanReport, 'children'> & { readonly known: ReadonlyMap<string, Known> } {
  // Held: by the state of a stack of the configuration. A stale state (its stack removed from the
  // configuration) holds nothing anyone can still plan or destroy: its resources are orphans too.
  const byId = new Map(input.stacks.map((s) => [s.id, s]));
  const held = new Set<string>();
  for (const [stack, state] of Object.entries(input.states)) {
    if (byId.has(stack)) for (const o of state?.objects ?? []) for (const id of o.ids) held.add(id);
  }
  const known = new Map<string, Known>();
  for (const s of input.stacks) {
    const k: Known = new Map();
    for (const o of input.states[s.id]?.objects ?? []) k.set(o.address, { ...o.attributes });
    known.set(s.id, k);
  }
  const taken = new Set<string>();
  const orphans: Orphan[] = [];
  const live = [...input.live].filter((r) => !held.has(r.arn) && !held.has(r.id) && !held.has(importIdOf(r)));
  for (const r of live) {
    const stack = r.tags.stack ?? '(no stack tag)';
    const config = byId.get(stack);
    const del = (why: string): Orphan => ({
      resource: r,
      stack,
      inConfig: config !== undefined,
      action: { kind: 'delete', command: deleteCommandOf(r), why },
    });
    if (!config) {
      const stale = r.tags.stack !== undefined && input.states[stack] !== undefined;
      orphans.push(
        del(
          r.tags.stack
            ? `stack ${stack} is not in the configuration${stale ? ' (its stale state still lists it)' : ''}`
            : 'it has no stack tag',
        ),
      );
      continue;
    }
    const types = terraformTypesOf(r);
    const stateAddresses = new Set((input.states[stack]?.objects ?? []).map((o) => o.address));
    const candidates = configResources(config.json)
      .filter((c) => types.includes(c.type) && !stateAddresses.has(c.address) && !taken.has(`${stack}/${c.address}`))
      .map((c) => ({ c, score: tagScore(c.config, r.tags) }))
      .filter((x) => x.score >= 0)
      .sort((a, b) => b.score - a.score);
    const best = candidates[0];
    if (!best || (candidates.length > 1 && candidates[1].score === best.score)) {
      orphans.push(
        del(
          best
            ? `several resources of ${stack} could be it (${candidates.map((x) => x.c.address).join(', ')})`
            : `${stack} declares no ${types.join(' or ') || 'such resource'} missing from its state`,
        ),
      );
      continue;
    }
    taken.add(`${stack}/${best.c.address}`);
    const id = importIdOf(r);
    known.get(stack)!.set(best.c.address, { id, arn: r.arn, name: r.id, zone_id: r.id });
    orphans.push({
      resource: r,
      stack,
      inConfig: true,
      action: { kind: 'import', address: best.c.address, id, command: importCommand(config.dir, best.c.address, id) },
    });
  }
  orphans.sort(
    (a, b) =>
      a.stack.localeCompare(b.stack) ||
      (a.action.kind === 'delete' && b.action.kind === 'delete' ? deleteOrder(a.resource) - deleteOrder(b.resource) : 0) ||
      a.resource.arn.localeCompare(b.resource.arn),
  );
  return { env: input.env, orphans, staleStates: input.staleStates ?? [], locks: input.locks ?? [], errors: input.errors ?? [], known };
}

const REF_RE = /^\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;
const REMOTE_RE = /^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

/** Evaluates the simple references of a stack's configuration from known attributes and upstream outputs. */
export function resolver(
  stack: StackConfig,
  known: Known,
  states: Readonly<Record<string, StateFile | undefined>>,
  allStacks: readonly StackConfig[],
) {
  const remoteOrigin = (name: string): string | undefined => {
    if (name.startsWith('cross-stack-reference-input-')) return name.slice('cross-stack-reference-input-'.length);
    const key = str(at(stack.json, 'data', 'terraform_remote_state', name, 'config', 'key'));
    return allStacks.find((s) => str(at(s.json, 'terraform', 'backend', 's3', 'key')) === key)?.id;
  };
  return (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    if (!value.includes('${')) return value;
    const remote = REMOTE_RE.exec(value);
    if (remote) {
      const origin = remoteOrigin(remote[1]);
      const out = origin ? states[origin]?.outputs[remote[2]] : undefined;
      return typeof out === 'string' ? out : undefined;
    }
    const m = REF_RE.exec(value);
    if (!m) return undefined;
    return known.get(`${m[1]}.${m[2]}`)?.[m[3]];
  };
}

/** The account and region a resource acts in: its provider block's. */
function placeOf(json: StackJson, config: JsonObject): { account: string; region: string } | undefined {
  const alias = (str(config.provider) ?? 'aws').replace(/^aws\.?/, '');
  const providers = list(at(json, 'provider', 'aws')).filter(isObject);
  const p = providers.find((x) => (str(x.alias) ?? '') === alias) ?? (providers.length === 1 ? providers[0] : undefined);
  const account = list(p?.allowed_account_ids)[0];
  const region = str(p?.region);
  return p && region && (typeof account === 'string' || typeof account === 'number') ? { account: String(account), region } : undefined;
}

/**
 * The untagged resources of each stack with orphans or missing resources that exist in AWS:
 * each one's import line. Lookups that fail are skipped (the re-deploy then reports them).
 */
export async function findChildren(
  input: OrphanInput,
  known: ReadonlyMap<string, Known>,
  stacks: Iterable<string>,
): Promise<ChildImport[]> {
  const clients = input.clients;
  if (!clients) return [];
  const out: ChildImport[] = [];
  for (const id of stacks) {
    const stack = input.stacks.find((s) => s.id === id);
    const k = known.get(id);
    if (!stack || !k) continue;
    const resolve = resolver(stack, k, input.states, input.stacks);
    const inState = new Set((input.states[id]?.objects ?? []).map((o) => o.address));
    // Passes until nothing new is found: a zone association reads its authorization's attributes.
    for (let pass = 0, found = true; found && pass < 4; pass++) {
      found = false;
      for (const r of configResources(stack.json)) {
        if (inState.has(r.address) || k.has(r.address)) continue;
        const place = placeOf(stack.json, r.config);
        if (!place) continue;
        let importId: string | undefined;
        try {
          importId = await lookupChild(clients, place, r, resolve);
        } catch {
          importId = undefined;
        }
        if (importId === undefined) continue;
        found = true;
        // Its arguments as evaluated, for the resources that refer to them.
        const args = Object.fromEntries(
          Object.entries(r.config).flatMap(([key, v]) => {
            const value = resolve(v);
            return value === undefined ? [] : [[key, value]];
          }),
        );
        k.set(r.address, { ...args, id: importId });
        out.push({ stack: id, address: r.address, id: importId, command: importCommand(stack.dir, r.address, importId) });
      }
    }
  }
  return out;
}

async function lookupChild(
  clients: ClientFactory,
  place: { account: string; region: string },
  r: ConfigResource,
  resolve: (v: unknown) => string | undefined,
): Promise<string | undefined> {
  const c = r.config;
  const ec2 = () => clients(EC2Client, place.account, place.region);
  switch (r.type) {
    case 'aws_route': {
      const table = resolve(c.route_table_id);
      const cidr = str(c.destination_cidr_block);
      if (!table || !cidr) return undefined;
      const { RouteTables = [] } = await ec2().send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }));
      return RouteTables[0]?.Routes?.some((x) => x.DestinationCidrBlock === cidr) ? `${table}_${cidr}` : undefined;
    }
    case 'aws_route_table_association': {
      const table = resolve(c.route_table_id);
      const subnet = resolve(c.subnet_id);
      if (!table || !subnet) return undefined;
      const { RouteTables = [] } = await ec2().send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }));
      return RouteTables[0]?.Associations?.some((a) => a.SubnetId === subnet) ? `${subnet}/${table}` : undefined;
    }
    case 'aws_ec2_transit_gateway_route_table_association':
    case 'aws_ec2_transit_gateway_route_table_propagation': {
      const table = resolve(c.transit_gateway_route_table_id);
      const attachment = resolve(c.transit_gateway_attachment_id);
      if (!table || !attachment) return undefined;
      const filter = { TransitGatewayRouteTableId: table, Filters: [{ Name: 'transit-gateway-attachment-id', Values: [attachment] }] };
      const found =
        r.type === 'aws_ec2_transit_gateway_route_table_association'
          ? ((await ec2().send(new GetTransitGatewayRouteTableAssociationsCommand(filter))).Associations ?? []).filter(
              (a) => a.TransitGatewayAttachmentId === attachment && a.State !== 'disassociated',
            )
          : (
              (await ec2().send(new GetTransitGatewayRouteTablePropagationsCommand(filter))).TransitGatewayRouteTablePropagations ?? []
            ).filter((p) => p.TransitGatewayAttachmentId === attachment && p.State !== 'disabled');
      return found.length > 0 ? `${table}_${attachment}` : undefined;
    }
    case 'aws_route53_vpc_association_authorization': {
      const zone = resolve(c.zone_id);
      const vpc = resolve(c.vpc_id);
      if (!zone || !vpc) return undefined;
      const { VPCs = [] } = await clients(Route53Client, place.account, 'us-east-1').send(
        new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: zone }),
      );
      return VPCs.some((v) => v.VPCId === vpc) ? `${zone}:${vpc}` : undefined;
    }
    case 'aws_route53_zone_association': {
      const zone = resolve(c.zone_id);
      const vpc = resolve(c.vpc_id);
      const region = str(c.vpc_region) ?? place.region;
      if (!zone || !vpc) return undefined;
      const { HostedZoneSummaries = [] } = await clients(Route53Client, place.account, 'us-east-1').send(
        new ListHostedZonesByVPCCommand({ VPCId: vpc, VPCRegion: region as never }),
      );
      return HostedZoneSummaries.some((z) => z.HostedZoneId === zone) ? `${zone}:${vpc}` : undefined;
    }
    case 'aws_iam_role_policy': {
      const role = resolve(c.role);
      const name = str(c.name);
      if (!role || !name) return undefined;
      await clients(IAMClient, place.account, 'us-east-1').send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }));
      return `${role}:${name}`;
    }
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule': {
      const group = resolve(c.security_group_id);
      if (!group) return undefined;
      const egress = r.type === 'aws_vpc_security_group_egress_rule';
      const { SecurityGroupRules = [] } = await ec2().send(
        new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [group] }] }),
      );
      const hit = SecurityGroupRules.find(
        (x) =>
          x.IsEgress === egress &&
          x.IpProtocol === str(c.ip_protocol) &&
          x.FromPort === Number(c.from_port) &&
          x.ToPort === Number(c.to_port) &&
          (x.CidrIpv4 ?? undefined) === (resolve(c.cidr_ipv4) ?? undefined),
      );
      return hit?.SecurityGroupRuleId;
    }
    case 'aws_route53_record': {
      const zone = resolve(c.zone_id);
      const name = resolve(c.name);
      const type = str(c.type);
      if (!zone || !name || !type) return undefined;
      const fqdn = name.endsWith('.') ? name : `${name}.`;
      const { ResourceRecordSets = [] } = await clients(Route53Client, place.account, 'us-east-1').send(
        new ListResourceRecordSetsCommand({ HostedZoneId: zone, StartRecordName: fqdn, StartRecordType: type as RRType, MaxItems: 1 }),
      );
      return ResourceRecordSets.some((x) => x.Name === fqdn && x.Type === type) ? `${zone}_${name.replace(/\.$/, '')}_${type}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The file `--write-imports` writes into a stack's directory: Terraform import blocks, applied by the next deploy. */
export const IMPORT_FILE = 'orphans-import.tf.json';

/** Import blocks per stack directory (Terraform >= 1.5): one plan adopts them all. */
export function importBlocks(
  report: Pick<OrphanReport, 'orphans' | 'children'>,
  dirOf: (stack: string) => string,
): Map<string, { import: { to: string; id: string }[] }> {
  const out = new Map<string, { import: { to: string; id: string }[] }>();
  const add = (stack: string, to: string, id: string) => {
    const dir = dirOf(stack);
    const file = out.get(dir) ?? { import: [] };
    file.import.push({ to, id });
    out.set(dir, file);
  };
  for (const o of report.orphans) if (o.action.kind === 'import') add(o.stack, o.action.address, o.action.id);
  for (const c of report.children) add(c.stack, c.address, c.id);
  return out;
}

/** 0: nothing found; 2: orphans, stale states or locks; 1 is for errors (set by the caller). */
export function orphansExitCode(report: OrphanReport): number {
  if (report.errors.length > 0) return 1;
  return report.orphans.length + report.staleStates.length + report.locks.length + report.children.length > 0 ? 2 : 0;
}

/** The report as text: one table, then the commands to run, in order. */
export function formatOrphans(report: OrphanReport): string {
  const lines: string[] = [];
  if (report.orphans.length === 0 && report.staleStates.length === 0 && report.locks.length === 0 && report.children.length === 0) {
    lines.push(
      `No orphans in ${report.env}: every tagged resource is held by a stack's state, and every state object belongs to a stack of the configuration.`,
    );
  }
  if (report.orphans.length > 0) {
    lines.push(`Resources tagged environment=${report.env} that no state holds:`);
    lines.push(
      formatTable(
        ['stack', 'resource', 'account', 'region', 'action'],
        report.orphans.map((o) => [
          o.stack,
          `${o.resource.type || o.resource.service}/${o.resource.id}`,
          o.resource.account,
          o.resource.region || 'global',
          o.action.kind === 'import' ? `import as ${o.action.address}` : `delete: ${o.action.why}`,
        ]),
        { unpadded: [4] },
      ),
    );
  }
  if (report.children.length > 0) {
    lines.push('', 'Resources without tags that the same stacks declare and that exist already (import them too):');
    lines.push(
      formatTable(
        ['stack', 'address', 'id'],
        report.children.map((c) => [c.stack, c.address, c.id]),
      ),
    );
  }
  if (report.staleStates.length > 0) {
    lines.push('', 'State objects of stacks that are no longer in the configuration (removed before they were destroyed):');
    lines.push(
      formatTable(
        ['stack', 'state key', 'resources'],
        report.staleStates.map((s) => [s.stack, s.key, String(s.resources)]),
      ),
    );
    lines.push('Put the stack back into the configuration, destroy it (npm run destroy), then remove it again;');
    lines.push('or delete its resources (below) and then its state object.');
  }
  if (report.locks.length > 0) {
    lines.push('', 'State locks (a run in progress, or one that was killed):');
    lines.push(
      formatTable(
        ['lock file', 'id', 'who', 'operation', 'created'],
        report.locks.map((l) => [l.key, l.id ?? '?', l.who ?? '?', l.operation ?? '?', l.created ?? '?']),
      ),
    );
  }
  const imports = [
    ...report.orphans.flatMap((o) => (o.action.kind === 'import' ? [o.action.command] : [])),
    ...report.children.map((c) => c.command),
  ];
  const deletes = report.orphans.filter((o) => o.action.kind === 'delete');
  if (imports.length > 0) {
    lines.push(
      '',
      '# Adopt into the stacks that created them, then re-deploy (or: --write-imports writes import blocks the next deploy applies in one run):',
      ...imports,
    );
  }
  if (deletes.length > 0) {
    lines.push('', '# Delete (with credentials of the account named before each):');
    let heading = '';
    for (const o of deletes) {
      const next = `# account ${o.resource.account}, stack ${o.stack}`;
      if (next !== heading) lines.push(next);
      heading = next;
      if (o.action.kind === 'delete') lines.push(o.action.command);
    }
  }
  if (report.errors.length > 0) lines.push('', 'Could not read:', ...report.errors.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}
