/**
 * Static connectivity check: from the synthesized Terraform JSON of an environment's
 * stacks, which flows are possible, printed as a matrix, and which design invariants they
 * break. Nothing is deployed or called; the model reads only the configuration:
 *
 * - VPC routing: the longest prefix among a VPC's routes (aws_route, inline `route`
 *   blocks) that contains the destination CIDR; a VPC always reaches its own CIDR.
 * - Transit Gateway: the source's attachment is associated with one route table per TGW;
 *   that table holds static routes (aws_ec2_transit_gateway_route) and the CIDRs of the
 *   VPC attachments propagated into it; the longest prefix wins, static over propagated on
 *   a tie; a peering attachment continues on the peer TGW with the table associated there.
 *   A flow is possible when packets get there AND the replies get back ("yes"); packets
 *   that arrive without a way back are "one-way", which still breaks segmentation.
 * - PrivateLink: a VPC reaches the provider's service through an aws_vpc_endpoint whose
 *   service_name refers to the aws_vpc_endpoint_service, when the service allows the
 *   endpoint owner's account (allowed principal or allowed_principals), the connection is
 *   accepted (accepter, or acceptance not required), and the endpoint's security group
 *   admits the source CIDR; from other VPCs, through routing to the endpoint's VPC. It is
 *   unidirectional: the provider never reaches consumers through it.
 * - Centralized endpoints: a VPC reaches a hub's endpoints when routing allows both ways
 *   and their security group admits its CIDR; names resolve only through the hub zones
 *   associated with the VPC, counted per cell.
 * - Internet: a route for 0.0.0.0/0 or ::/0 to an internet, egress-only or NAT gateway,
 *   directly or in a VPC reached through the TGW.
 * Not modelled: NACLs, security groups of workloads, ports, DNS resolution of services.
 *
 * Cross-stack references (`${data.terraform_remote_state.<name>.outputs.<output>}`) are
 * resolved to the output's value in the origin stack, so every reference becomes the
 * canonical `<stack>/<type>.<name>` of the resource it names, whichever stack reads it.
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { EnvironmentConfig } from '../config/types';
import { stackIds } from '../config/topology';
import { cidrContains, parseCidr } from '../net/cidr';

/** The synthesized Terraform JSON of one stack (`cdk.tf.json`). */
export type StackJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Reach = 'yes' | 'one-way' | 'no' | 'self';

export interface Cell {
  readonly reach: Reach;
  /** How (for `yes`) or why not. */
  readonly why: string;
  /** Hub zones associated with the source VPC, for the endpoint columns: `3/6`. */
  readonly zones?: string;
}

export interface ConnectivityReport {
  readonly env: string;
  /** `consumer:<name>`, `provider:<service>`, `hub:<region>`. */
  readonly rows: readonly string[];
  /** `service:<name>`, `endpoints:<region>`, `consumer:<name>`, `internet`. */
  readonly columns: readonly string[];
  readonly cells: Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  readonly violations: readonly string[];
}

interface Resource {
  readonly addr: string;
  readonly stack: string;
  readonly type: string;
  readonly config: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface Ref {
  readonly addr: string;
  readonly attr?: string;
}

interface VpcNode {
  readonly addr: string;
  readonly cidr: string;
  readonly account?: string;
}

interface RouteEntry {
  readonly cidr: string;
  readonly target: 'local' | 'tgw' | 'internet' | 'other';
  readonly ref?: string;
}

const EXPR_RE = /^\$\{(data\.)?([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\.(.+?))?\}$/;
const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';
const WORLD = ['0.0.0.0/0', '::/0'];

/** Resources of every stack, and references resolved across stacks. */
class ConfigIndex {
  readonly resources = new Map<string, Resource>();

  constructor(readonly stacks: Readonly<Record<string, StackJson>>) {
    for (const [stack, json] of Object.entries(stacks)) {
      for (const [kind, prefix] of [['resource', ''], ['data', 'data.']] as const) {
        for (const [type, byName] of Object.entries(json[kind] ?? {})) {
          for (const [name, config] of Object.entries(byName as Record<string, Record<string, unknown>>)) {
            const addr = `${stack}/${prefix}${type}.${name}`;
            this.resources.set(addr, { addr, stack, type, config });
          }
        }
      }
    }
  }

  ofType(type: string): Resource[] {
    return [...this.resources.values()].filter((r) => r.type === type);
  }

  /**
   * The resource a value refers to. Remote-state outputs lead to the origin stack's
   * output value; an attribute that echoes an argument of its resource (an accepter's
   * `transit_gateway_attachment_id`, an authorization's `zone_id`) leads to that argument.
   */
  ref(stack: string, value: unknown, depth = 0): Ref | undefined {
    if (typeof value !== 'string' || depth > 8) return undefined;
    const m = EXPR_RE.exec(value);
    if (!m) return undefined;
    const [, data, type, name, attr] = m;
    if (data && type === 'terraform_remote_state') {
      const output = attr?.startsWith('outputs.') ? attr.slice('outputs.'.length) : undefined;
      const origin = this.originOf(stack, name);
      const outputValue = origin && output ? this.stacks[origin]?.output?.[output]?.value : undefined;
      return this.ref(origin ?? stack, outputValue, depth + 1);
    }
    const addr = `${stack}/${data ? 'data.' : ''}${type}.${name}`;
    const echoed = attr ? this.resources.get(addr)?.config[attr] : undefined;
    if (typeof echoed === 'string' && EXPR_RE.test(echoed)) return this.ref(stack, echoed, depth + 1) ?? { addr, attr };
    return { addr, attr };
  }

  /** Canonical address a value refers to, or the literal value itself. */
  id(stack: string, value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    return this.ref(stack, value)?.addr ?? value;
  }

  private originOf(stack: string, remoteState: string): string | undefined {
    if (remoteState.startsWith(REMOTE_STATE_PREFIX)) {
      const origin = remoteState.slice(REMOTE_STATE_PREFIX.length);
      if (this.stacks[origin]) return origin;
    }
    // Otherwise match the remote state's backend key with each stack's own backend.
    const key = this.stacks[stack]?.data?.terraform_remote_state?.[remoteState]?.config?.key;
    return Object.keys(this.stacks).find((s) => key && this.stacks[s]?.terraform?.backend?.s3?.key === key);
  }

  /** The account a resource is created in: `allowed_account_ids` of its provider. */
  accountOf(resource: Resource): string | undefined {
    const alias = String(resource.config.provider ?? 'aws').replace(/^aws\.?/, '');
    const providers: Record<string, unknown>[] = this.stacks[resource.stack]?.provider?.aws ?? [];
    const provider = providers.find((p) => (p.alias ?? '') === alias) ?? (providers.length === 1 ? providers[0] : undefined);
    const ids = provider?.allowed_account_ids;
    return Array.isArray(ids) ? String(ids[0]) : undefined;
  }
}

/** The routing and PrivateLink model of one environment. */
class NetworkModel {
  readonly vpcs = new Map<string, VpcNode>();
  private readonly routes = new Map<string, RouteEntry[]>(); // by VPC
  private readonly egressVpcs = new Set<string>();
  private readonly attachments = new Map<string, { tgw: string; vpc?: string; peer?: string }>();
  private readonly tgwTables = new Map<string, string>(); // route table -> tgw
  private readonly associations: { attachment: string; table: string }[] = [];
  private readonly propagations: { attachment: string; table: string }[] = [];
  private readonly staticRoutes: { table: string; cidr: string; attachment?: string }[] = [];

  constructor(readonly index: ConfigIndex) {
    for (const vpc of index.ofType('aws_vpc')) {
      this.vpcs.set(vpc.addr, { addr: vpc.addr, cidr: vpc.config.cidr_block, account: index.accountOf(vpc) });
      this.routes.set(vpc.addr, []);
    }
    const tableVpc = new Map<string, string>();
    for (const table of [...index.ofType('aws_route_table'), ...index.ofType('aws_default_route_table')]) {
      const vpc = table.type === 'aws_route_table'
        ? index.id(table.stack, table.config.vpc_id)
        : index.id(table.stack, table.config.default_route_table_id);
      if (!vpc || !this.vpcs.has(vpc)) continue;
      tableVpc.set(table.addr, vpc);
      for (const route of table.config.route ?? []) this.addRoute(vpc, table.stack, route);
    }
    for (const route of index.ofType('aws_route')) {
      const table = index.id(route.stack, route.config.route_table_id);
      // A route on `aws_vpc.x.main_route_table_id` refers to the VPC itself.
      const vpc = table && (tableVpc.get(table) ?? (this.vpcs.has(table) ? table : undefined));
      if (vpc) this.addRoute(vpc, route.stack, route.config);
    }
    for (const a of index.ofType('aws_ec2_transit_gateway_vpc_attachment')) {
      this.attachments.set(a.addr, { tgw: index.id(a.stack, a.config.transit_gateway_id)!, vpc: index.id(a.stack, a.config.vpc_id) });
    }
    for (const a of index.ofType('aws_ec2_transit_gateway_peering_attachment')) {
      this.attachments.set(a.addr, { tgw: index.id(a.stack, a.config.transit_gateway_id)!, peer: index.id(a.stack, a.config.peer_transit_gateway_id) });
    }
    for (const t of index.ofType('aws_ec2_transit_gateway_route_table')) this.tgwTables.set(t.addr, index.id(t.stack, t.config.transit_gateway_id)!);
    const link = (r: Resource) => ({
      attachment: index.id(r.stack, r.config.transit_gateway_attachment_id)!,
      table: index.id(r.stack, r.config.transit_gateway_route_table_id)!,
    });
    for (const r of index.ofType('aws_ec2_transit_gateway_route_table_association')) this.associations.push(link(r));
    for (const r of index.ofType('aws_ec2_transit_gateway_route_table_propagation')) this.propagations.push(link(r));
    for (const r of index.ofType('aws_ec2_transit_gateway_route')) {
      this.staticRoutes.push({
        table: index.id(r.stack, r.config.transit_gateway_route_table_id)!,
        cidr: r.config.destination_cidr_block,
        attachment: r.config.blackhole ? undefined : index.id(r.stack, r.config.transit_gateway_attachment_id),
      });
    }
    for (const [vpc, routes] of this.routes) {
      if (routes.some((r) => r.target === 'internet' && WORLD.includes(r.cidr))) this.egressVpcs.add(vpc);
    }
  }

  private addRoute(vpc: string, stack: string, route: Record<string, unknown>): void {
    const cidr = (route.destination_cidr_block ?? route.cidr_block ?? route.destination_ipv6_cidr_block ?? route.ipv6_cidr_block) as string | undefined;
    if (!cidr) return;
    const targetOf = (): RouteEntry => {
      if (route.transit_gateway_id) return { cidr, target: 'tgw', ref: this.index.id(stack, route.transit_gateway_id) };
      if (route.nat_gateway_id || route.egress_only_gateway_id) return { cidr, target: 'internet' };
      if (route.gateway_id === 'local') return { cidr, target: 'local' };
      if (route.gateway_id) {
        const ref = this.index.id(stack, route.gateway_id) ?? '';
        const internet = /\/aws_(internet_gateway|egress_only_internet_gateway)\./.test(ref) || /^igw-/.test(String(route.gateway_id));
        return { cidr, target: internet ? 'internet' : 'other', ref };
      }
      return { cidr, target: 'other' };
    };
    this.routes.get(vpc)!.push(targetOf());
  }

  /** Whether the whole of `cidr` lies in `outer` (IPv6 only as the all-addresses route). */
  private static covers(outer: string, cidr: string): boolean {
    if (outer === '::/0') return cidr === '::/0';
    if (!parseCidr(outer) || !parseCidr(cidr)) return false;
    return cidrContains(outer, cidr);
  }

  private static prefix(cidr: string): number {
    return Number(cidr.split('/')[1]);
  }

  /** Where packets from `src` for `dest` end up: a VPC address, or why they stop. */
  deliver(src: string, dest: string): { vpc?: string; internet?: boolean; why: string } {
    const vpc = this.vpcs.get(src)!;
    if (NetworkModel.covers(vpc.cidr, dest)) return { vpc: src, why: 'local' };
    const best = this.routes.get(src)!
      .filter((r) => NetworkModel.covers(r.cidr, dest))
      .sort((a, b) => NetworkModel.prefix(b.cidr) - NetworkModel.prefix(a.cidr))[0];
    const name = this.index.id('', src);
    if (!best) return { why: `${name} has no route to ${dest}` };
    if (best.target === 'internet') return { internet: true, why: `${name} routes ${best.cidr} to an internet/NAT gateway` };
    if (best.target !== 'tgw') return { why: `${name} routes ${dest} to ${best.ref ?? best.target}, not modelled` };
    const attachment = [...this.attachments].find(([, a]) => a.vpc === src && a.tgw === best.ref)?.[0];
    if (!attachment) return { why: `${name} routes ${dest} to a TGW it is not attached to` };
    return this.throughTgw(best.ref!, attachment, dest, 0);
  }

  private throughTgw(tgw: string, attachment: string, dest: string, hops: number): { vpc?: string; internet?: boolean; why: string } {
    if (hops > 4) return { why: 'TGW routing loop' };
    const table = this.associations.find((a) => a.attachment === attachment && this.tgwTables.get(a.table) === tgw)?.table;
    if (!table) return { why: `attachment ${short(attachment)} is associated with no route table of ${short(tgw)}` };
    const candidates = [
      ...this.staticRoutes.filter((r) => r.table === table).map((r) => ({ cidr: r.cidr, attachment: r.attachment, static: true })),
      ...this.propagations.filter((p) => p.table === table).flatMap((p) => {
        const vpc = this.attachments.get(p.attachment)?.vpc;
        const cidr = vpc ? this.vpcs.get(vpc)?.cidr : undefined;
        return cidr ? [{ cidr, attachment: p.attachment as string | undefined, static: false }] : [];
      }),
    ].filter((r) => NetworkModel.covers(r.cidr, dest))
      .sort((a, b) => NetworkModel.prefix(b.cidr) - NetworkModel.prefix(a.cidr) || Number(b.static) - Number(a.static));
    const best = candidates[0];
    if (!best) return { why: `TGW route table ${short(table)} has no route to ${dest}` };
    if (!best.attachment) return { why: `TGW route table ${short(table)} blackholes ${best.cidr}` };
    const next = this.attachments.get(best.attachment);
    if (!next) return { why: `TGW route to unknown attachment ${short(best.attachment)}` };
    if (next.vpc) {
      if (WORLD.includes(dest) || !NetworkModel.covers(this.vpcs.get(next.vpc)?.cidr ?? '', dest)) {
        // Sent into another VPC that forwards it only if it has internet egress.
        return this.egressVpcs.has(next.vpc) ? { internet: true, why: `via ${short(next.vpc)} egress` } : { vpc: next.vpc, why: `via TGW to ${short(next.vpc)}` };
      }
      return { vpc: next.vpc, why: `TGW table ${short(table)}` };
    }
    const peer = next.tgw === tgw ? next.peer : next.tgw;
    return peer ? this.throughTgw(peer, best.attachment, dest, hops + 1) : { why: 'peering without a peer TGW' };
  }

  /** Round-trip reachability between two VPCs, by routing alone. */
  reach(src: string, dst: string): { reach: Reach; why: string } {
    if (src === dst) return { reach: 'self', why: 'same VPC' };
    const there = this.deliver(src, this.vpcs.get(dst)!.cidr);
    if (there.vpc !== dst) return { reach: 'no', why: there.why };
    const back = this.deliver(dst, this.vpcs.get(src)!.cidr);
    if (back.vpc !== src) return { reach: 'one-way', why: `return path: ${back.why}` };
    return { reach: 'yes', why: there.why };
  }

  internet(src: string): { reach: Reach; why: string } {
    for (const dest of WORLD) {
      const out = this.deliver(src, dest);
      if (out.internet) return { reach: 'yes', why: out.why };
    }
    return { reach: 'no', why: 'no route to an internet or NAT gateway' };
  }

  /** Security groups of a resource (`security_group_ids`) admit `cidr` (any port). */
  admits(resource: Resource, cidr: string): boolean {
    const groups = (resource.config.security_group_ids ?? []).map((g: unknown) => this.index.id(resource.stack, g));
    if (groups.length === 0) return true; // the VPC's default group: not modelled
    const sources: string[] = [];
    for (const rule of this.index.ofType('aws_vpc_security_group_ingress_rule')) {
      if (groups.includes(this.index.id(rule.stack, rule.config.security_group_id))) sources.push(rule.config.cidr_ipv4);
    }
    for (const rule of this.index.ofType('aws_security_group_rule')) {
      if (rule.config.type === 'ingress' && groups.includes(this.index.id(rule.stack, rule.config.security_group_id))) sources.push(...(rule.config.cidr_blocks ?? []));
    }
    for (const group of this.index.ofType('aws_security_group')) {
      if (groups.includes(group.addr)) for (const i of group.config.ingress ?? []) sources.push(...(i.cidr_blocks ?? []));
    }
    return sources.some((s) => typeof s === 'string' && NetworkModel.covers(s, cidr));
  }
}

const short = (addr: string): string => addr.replace(/_[0-9A-F]{8}$/, '');

const ok = (c: Cell | undefined): boolean => c?.reach === 'yes' || c?.reach === 'self';

/**
 * Computes the connectivity matrix of one environment from its stacks' synthesized JSON
 * (keyed by stack id) and checks the design's invariants.
 */
export function analyzeConnectivity(env: EnvironmentConfig, stacks: Readonly<Record<string, StackJson>>): ConnectivityReport {
  const index = new ConfigIndex(stacks);
  const model = new NetworkModel(index);
  const vpcOfStack = (stack: string): string | undefined => index.ofType('aws_vpc').find((v) => v.stack === stack)?.addr;

  const regions = Object.keys(env.network.hubs).sort();
  const hubStack = (region: string) => stackIds.network(env, region);
  const providerStack = stackIds.provider(env);
  const consumerStack = (name: string) => stackIds.consumer(env, env.consumers.find((c) => c.name === name)!);

  const sources: Record<string, string | undefined> = {};
  for (const c of env.consumers) sources[`consumer:${c.name}`] = vpcOfStack(consumerStack(c.name));
  sources[`provider:${env.provider.service.name}`] = vpcOfStack(providerStack);
  for (const r of regions) sources[`hub:${r}`] = vpcOfStack(hubStack(r));
  const rows = Object.keys(sources);
  const columns = [
    `service:${env.provider.service.name}`,
    ...regions.map((r) => `endpoints:${r}`),
    ...env.consumers.map((c) => `consumer:${c.name}`),
    'internet',
  ];

  const services = index.ofType('aws_vpc_endpoint_service').filter((s) => s.stack === providerStack);
  const serviceVpcs = new Set(services.flatMap((s) => (s.config.network_load_balancer_arns ?? []).flatMap((arn: unknown) => {
    const lb = index.resources.get(index.id(s.stack, arn) ?? '');
    return (lb?.config.subnets ?? []).map((subnet: unknown) => index.id(lb!.stack, index.resources.get(index.id(lb!.stack, subnet) ?? '')?.config.vpc_id));
  })));

  const cells: Record<string, Record<string, Cell>> = {};
  for (const row of rows) {
    const src = sources[row];
    cells[row] = {};
    for (const column of columns) {
      cells[row][column] = !src ? { reach: 'no', why: 'no VPC in the stack' } : cellFor(src, column);
    }
  }

  function cellFor(src: string, column: string): Cell {
    const srcCidr = model.vpcs.get(src)!.cidr;
    if (column === 'internet') return model.internet(src);
    if (column.startsWith('consumer:')) {
      const dst = sources[column];
      return dst ? model.reach(src, dst) : { reach: 'no', why: 'no VPC' };
    }
    if (column.startsWith('service:')) {
      if (serviceVpcs.has(src)) return { reach: 'self', why: 'the service runs in this VPC' };
      return serviceCell(src, srcCidr);
    }
    const region = column.slice('endpoints:'.length);
    return endpointsCell(src, srcCidr, hubStack(region));
  }

  function serviceCell(src: string, srcCidr: string): Cell {
    const reasons: string[] = [];
    for (const service of services) {
      for (const endpoint of index.ofType('aws_vpc_endpoint')) {
        if (index.id(endpoint.stack, endpoint.config.service_name) !== service.addr) continue;
        const account = index.accountOf(endpoint);
        const principals = [
          ...(service.config.allowed_principals ?? []),
          ...index.ofType('aws_vpc_endpoint_service_allowed_principal')
            .filter((p) => index.id(p.stack, p.config.vpc_endpoint_service_id) === service.addr)
            .map((p) => p.config.principal_arn),
        ];
        const allowed = principals.some((p: string) => p === '*' || p === `arn:aws:iam::${account}:root` || p?.includes(`:${account}:`));
        const accepted = service.config.acceptance_required === false || index.ofType('aws_vpc_endpoint_connection_accepter').some((a) =>
          index.id(a.stack, a.config.vpc_endpoint_id) === endpoint.addr && index.id(a.stack, a.config.vpc_endpoint_service_id) === service.addr);
        const endpointVpc = index.id(endpoint.stack, endpoint.config.vpc_id)!;
        if (!allowed) { reasons.push(`${short(endpoint.addr)}: account ${account} not allowed`); continue; }
        if (!accepted) { reasons.push(`${short(endpoint.addr)}: connection never accepted`); continue; }
        if (!model.admits(endpoint, srcCidr)) { reasons.push(`${short(endpoint.addr)}: security group does not admit ${srcCidr}`); continue; }
        const path = model.reach(src, endpointVpc);
        if (ok(path)) return { reach: 'yes', why: `PrivateLink via ${short(endpoint.addr)}${path.reach === 'self' ? '' : ` (${path.why})`}` };
        reasons.push(`${short(endpoint.addr)}: ${path.why}`);
      }
    }
    return { reach: 'no', why: reasons.join('; ') || 'no endpoint to the service' };
  }

  function endpointsCell(src: string, srcCidr: string, hub: string): Cell {
    const endpoints = index.ofType('aws_vpc_endpoint').filter((e) => e.stack === hub && e.config.vpc_endpoint_type === 'Interface');
    const zones = index.ofType('aws_route53_zone').filter((z) => z.stack === hub);
    const associated = zones.filter((z) => zoneAssociated(z, src)).length;
    const zoneText = `${associated}/${zones.length}`;
    if (endpoints.length === 0) return { reach: 'no', why: 'no centralized endpoints', zones: zoneText };
    const endpointVpc = index.id(hub, endpoints[0].config.vpc_id)!;
    const path = model.reach(src, endpointVpc);
    if (!ok(path)) return { reach: path.reach, why: path.why, zones: zoneText };
    if (!model.admits(endpoints[0], srcCidr)) return { reach: 'no', why: `endpoint security group does not admit ${srcCidr}`, zones: zoneText };
    return { reach: 'yes', why: path.why, zones: zoneText };
  }

  function zoneAssociated(zone: Resource, vpc: string): boolean {
    if ((zone.config.vpc ?? []).some((v: Record<string, unknown>) => index.id(zone.stack, v.vpc_id) === vpc)) return true;
    return index.ofType('aws_route53_zone_association').some((a) =>
      index.id(a.stack, a.config.zone_id) === zone.addr && index.id(a.stack, a.config.vpc_id) === vpc);
  }

  // Invariants of the design.
  const violations: string[] = [];
  const providerRow = `provider:${env.provider.service.name}`;
  for (const c of env.consumers) {
    const row = `consumer:${c.name}`;
    const service = cells[row][`service:${env.provider.service.name}`];
    if (!ok(service)) violations.push(`consumer ${c.name} cannot reach the service ${env.provider.service.name}: ${service.why}`);
    const hubCell = cells[row][`endpoints:${c.region}`];
    if (!ok(hubCell)) violations.push(`consumer ${c.name} cannot reach the centralized endpoints of ${c.region} (${hubCell.reach}): ${hubCell.why}`);
    const src = sources[row];
    if (src) {
      const hubSets = env.network.hubs[c.region]?.endpointSets ?? {};
      for (const zone of index.ofType('aws_route53_zone').filter((z) => z.stack === hubStack(c.region))) {
        const set = zone.config.tags?.['endpoint-set'];
        const svc = zone.config.tags?.service;
        if (!set || !svc) continue;
        const expected = (hubSets[set]?.segments ?? Object.keys(env.segments)).includes(c.segment);
        const has = zoneAssociated(zone, src);
        if (expected && !has) violations.push(`consumer ${c.name} does not get the hub zone of ${set}/${svc} its segment ${c.segment} receives`);
        if (!expected && has) violations.push(`consumer ${c.name} gets the hub zone of ${set}/${svc}, reserved for segments other than ${c.segment}`);
      }
    }
    if (cells[providerRow][row].reach !== 'no') violations.push(`the provider can open connections into consumer ${c.name} (${cells[providerRow][row].reach}): ${cells[providerRow][row].why}`);
    for (const other of env.consumers) {
      if (other.name === c.name) continue;
      const cell = cells[row][`consumer:${other.name}`];
      if (cell.reach === 'no') continue;
      if (other.segment !== c.segment) {
        violations.push(`consumer ${c.name} (segment ${c.segment}) reaches consumer ${other.name} (segment ${other.segment}) (${cell.reach}): ${cell.why}`);
      } else if (!env.segments[c.segment]?.spokeToSpoke) {
        violations.push(`consumer ${c.name} reaches consumer ${other.name} (${cell.reach}) although segment ${c.segment} has spokeToSpoke off: ${cell.why}`);
      }
    }
  }
  for (const row of rows) {
    if (cells[row].internet.reach !== 'no') violations.push(`${row} reaches the internet: ${cells[row].internet.why}`);
  }

  return { env: env.name, rows, columns, cells, violations };
}

const SYMBOL: Record<Reach, string> = { yes: 'yes', 'one-way': 'one-way', no: '-', self: 'local' };

/** The matrix as text: rows are sources, columns destinations; endpoint cells show `zones k/n`. */
export function formatMatrix(report: ConnectivityReport): string {
  const header = ['from \\ to', ...report.columns];
  const lines = report.rows.map((row) => [row, ...report.columns.map((col) => {
    const cell = report.cells[row][col];
    return cell.zones !== undefined ? `${SYMBOL[cell.reach]} (zones ${cell.zones})` : SYMBOL[cell.reach];
  })]);
  const table = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const text = table.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
  const violations = report.violations.length === 0
    ? 'No connectivity violations.'
    : report.violations.map((v) => `VIOLATION: ${v}`).join('\n');
  return `Connectivity of ${report.env}:\n${text}\n${violations}\n`;
}

/**
 * The Terraform JSON of every stack under `scope`, keyed by stack id, as `app.synth()`
 * would write it: all stacks are prepared first, so cross-stack references become
 * remote-state reads and outputs (without that, they would look like local references).
 */
export function synthesizeStacks(scope: IConstruct): Record<string, StackJson> {
  const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks) stack.prepareStack();
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, stack.toTerraform() as StackJson]));
}
