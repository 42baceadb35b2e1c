/**
 * Routing between the VPCs of an environment, from the synthesized JSON:
 *
 * - VPC routing: the longest prefix among a VPC's routes (`aws_route`, inline `route` blocks of
 *   `aws_route_table`/`aws_default_route_table`) that contains the destination CIDR; a VPC
 *   always reaches its own CIDR.
 * - Transit Gateway: the source's attachment is associated with one route table per TGW; that
 *   table holds static routes (`aws_ec2_transit_gateway_route`) and the CIDRs of the VPC
 *   attachments propagated into it; the longest prefix wins, static over propagated on a tie; a
 *   peering attachment continues on the peer TGW with the table associated there.
 * - A flow between two VPCs is possible when packets get there AND the replies get back (`yes`);
 *   packets that arrive without a way back are `one-way`, which still breaks segmentation.
 * - Internet: a route for 0.0.0.0/0 or ::/0 to an internet, egress-only or NAT gateway, directly
 *   or in a VPC reached through the TGW.
 * - Who opens connections: what a VPC holds besides passive network plumbing (endpoints, route
 *   tables, attachments, zones, flow logs) can open connections; see {@link NetworkModel.initiators}.
 * - On-premises networks (from the config, matched to their attachment: the VPN connection tagged
 *   `onprem-network`, or the Direct Connect gateway's association) are nodes `onprem:<name>` with
 *   their ranges: the TGW sends their ranges to them when their attachment propagates into a table
 *   (BGP) or a static route names it; they send everything for AWS to their attachment (over
 *   Direct Connect only what the allowed prefixes cover: the rest is never advertised to them).
 */
import type { NamedOnPremises } from '../../config/topology';
import { cidrContains, parseCidr } from '../../net/cidr';
import { short, type ConfigIndex, type Resource } from './config-index';
import { list, obj, str, strings, isObject, type JsonObject } from './json';

/** How far a flow gets: `self` is within one VPC; `routed`: routes both ways, but nothing opens the connection. */
export type Reach = 'yes' | 'one-way' | 'routed' | 'no' | 'self';

export interface VpcNode {
  readonly addr: string;
  readonly cidr: string;
  readonly account?: string;
  readonly region?: string;
}

interface RouteEntry {
  readonly cidr: string;
  readonly target: 'local' | 'tgw' | 'internet' | 'other';
  readonly ref?: string;
}

/** An on-premises network as the model sees it. */
export interface OnPremisesNode {
  /** `onprem:<name>`. */
  readonly id: string;
  readonly name: string;
  readonly cidrs: readonly string[];
  /** Its TGW attachment (the VPN connection's or the Direct Connect attachment's address). */
  readonly attachment?: string;
  readonly tgw?: string;
  /** Direct Connect: the only prefixes on-premises learns (and so sends to AWS). */
  readonly allowedPrefixes?: readonly string[];
}

/** The model id of an on-premises network. */
export const onPremisesNodeId = (name: string): string => `onprem:${name}`;

interface Delivery {
  /** The VPC (or on-premises node) the packets arrive in. */
  readonly vpc?: string;
  readonly internet?: boolean;
  readonly why: string;
}

const WORLD = ['0.0.0.0/0', '::/0'];

/**
 * Resource types that sit in a VPC without ever opening connections of their own: the plumbing
 * of the network, endpoints (interface, gateway and resource endpoints only answer), DNS zones,
 * inbound Resolver endpoints. Anything else placed in a VPC (an instance, a function, a container
 * service, an outbound Resolver endpoint, an unknown type) counts as something that can open
 * connections.
 */
const PASSIVE_TYPES = new Set([
  'aws_subnet',
  'aws_route_table',
  'aws_route_table_association',
  'aws_route',
  'aws_default_route_table',
  'aws_main_route_table_association',
  'aws_security_group',
  'aws_default_security_group',
  'aws_network_acl',
  'aws_network_acl_association',
  'aws_default_network_acl',
  'aws_vpc_endpoint',
  'aws_vpc_endpoint_subnet_association',
  'aws_vpc_endpoint_route_table_association',
  'aws_ec2_transit_gateway_vpc_attachment',
  'aws_flow_log',
  'aws_route53_zone',
  'aws_route53_zone_association',
  'aws_route53_vpc_association_authorization',
  'aws_vpc_dhcp_options_association',
  'aws_vpc_ipv4_cidr_block_association',
  'aws_internet_gateway',
  'aws_egress_only_internet_gateway',
  'aws_nat_gateway',
  'aws_ec2_transit_gateway_route_table_association',
  'aws_ec2_transit_gateway_route_table_propagation',
]);

function isPassive(r: Resource): boolean {
  if (r.type === 'aws_route53_resolver_endpoint') return str(r.config.direction) === 'INBOUND';
  return PASSIVE_TYPES.has(r.type);
}

/** Whether the whole of `cidr` lies in `outer` (IPv6 only as the all-addresses route). */
function covers(outer: string, cidr: string): boolean {
  if (outer === '::/0') return cidr === '::/0';
  if (!parseCidr(outer) || !parseCidr(cidr)) return false;
  return cidrContains(outer, cidr);
}

const prefixOf = (cidr: string): number => Number(cidr.split('/')[1]);

/** The routing model of one environment. */
export class NetworkModel {
  readonly vpcs = new Map<string, VpcNode>();
  private readonly routes = new Map<string, RouteEntry[]>(); // by VPC
  private readonly egressVpcs = new Set<string>();
  private readonly attachments = new Map<string, { tgw?: string; vpc?: string; peer?: string; onprem?: string }>();
  /** On-premises networks by node id. */
  readonly onPremises = new Map<string, OnPremisesNode>();
  private readonly tgwTables = new Map<string, string | undefined>(); // route table -> tgw
  private readonly associations: { attachment?: string; table?: string }[] = [];
  private readonly propagations: { attachment?: string; table?: string }[] = [];
  private readonly staticRoutes: { table?: string; cidr: string; attachment?: string }[] = [];
  private readonly subnetVpc = new Map<string, string>();
  private initiatorCache?: Map<string, string[]>;

  constructor(
    private readonly index: ConfigIndex,
    onPremises: readonly NamedOnPremises[] = [],
  ) {
    for (const vpc of index.ofType('aws_vpc')) {
      const cidr = str(vpc.config.cidr_block);
      if (vpc.data || cidr === undefined) continue;
      this.vpcs.set(vpc.addr, { addr: vpc.addr, cidr, account: index.accountOf(vpc), region: index.regionOf(vpc) });
      this.routes.set(vpc.addr, []);
    }
    for (const subnet of index.ofType('aws_subnet')) {
      const vpc = index.id(subnet.stack, subnet.config.vpc_id);
      if (vpc !== undefined && this.vpcs.has(vpc)) this.subnetVpc.set(subnet.addr, vpc);
    }
    const tableVpc = new Map<string, string>();
    for (const table of [...index.ofType('aws_route_table'), ...index.ofType('aws_default_route_table')]) {
      const vpc =
        table.type === 'aws_route_table'
          ? index.id(table.stack, table.config.vpc_id)
          : index.id(table.stack, table.config.default_route_table_id);
      if (vpc === undefined || !this.vpcs.has(vpc)) continue;
      tableVpc.set(table.addr, vpc);
      for (const route of list(table.config.route)) if (isObject(route)) this.addRoute(vpc, table.stack, route);
    }
    for (const route of index.ofType('aws_route')) {
      const table = index.id(route.stack, route.config.route_table_id);
      // A route on `aws_vpc.x.main_route_table_id` refers to the VPC itself.
      const vpc = table === undefined ? undefined : (tableVpc.get(table) ?? (this.vpcs.has(table) ? table : undefined));
      if (vpc !== undefined) this.addRoute(vpc, route.stack, route.config);
    }
    for (const a of index.ofType('aws_ec2_transit_gateway_vpc_attachment')) {
      this.attachments.set(a.addr, { tgw: index.id(a.stack, a.config.transit_gateway_id), vpc: index.id(a.stack, a.config.vpc_id) });
    }
    for (const a of index.ofType('aws_ec2_transit_gateway_peering_attachment')) {
      this.attachments.set(a.addr, {
        tgw: index.id(a.stack, a.config.transit_gateway_id),
        peer: index.id(a.stack, a.config.peer_transit_gateway_id),
      });
    }
    for (const n of onPremises) {
      const node = this.onPremisesNode(n);
      this.onPremises.set(node.id, node);
      if (node.attachment !== undefined) this.attachments.set(node.attachment, { tgw: node.tgw, onprem: node.id });
    }
    for (const t of index.ofType('aws_ec2_transit_gateway_route_table'))
      this.tgwTables.set(t.addr, index.id(t.stack, t.config.transit_gateway_id));
    const link = (r: Resource) => ({
      attachment: index.id(r.stack, r.config.transit_gateway_attachment_id),
      table: index.id(r.stack, r.config.transit_gateway_route_table_id),
    });
    for (const r of index.ofType('aws_ec2_transit_gateway_route_table_association')) this.associations.push(link(r));
    for (const r of index.ofType('aws_ec2_transit_gateway_route_table_propagation')) this.propagations.push(link(r));
    for (const r of index.ofType('aws_ec2_transit_gateway_route')) {
      const cidr = str(r.config.destination_cidr_block);
      if (cidr === undefined) continue;
      this.staticRoutes.push({
        table: index.id(r.stack, r.config.transit_gateway_route_table_id),
        cidr,
        attachment: r.config.blackhole === true ? undefined : index.id(r.stack, r.config.transit_gateway_attachment_id),
      });
    }
    for (const [vpc, routes] of this.routes) {
      if (routes.some((r) => r.target === 'internet' && WORLD.includes(r.cidr))) this.egressVpcs.add(vpc);
    }
  }

  /** An on-premises network and its attachment, found by the VPN's `onprem-network` tag or the Direct Connect gateway id. */
  private onPremisesNode(n: NamedOnPremises): OnPremisesNode {
    const base = { id: onPremisesNodeId(n.name), name: n.name, cidrs: [...n.config.cidrs] };
    const vpn = this.index.ofType('aws_vpn_connection').find((v) => str(obj(v.config.tags)['onprem-network']) === n.name);
    if (vpn) return { ...base, attachment: vpn.addr, tgw: this.index.id(vpn.stack, vpn.config.transit_gateway_id) };
    const dx = n.config.directConnect;
    if (!dx) return base;
    const association = this.index.ofType('aws_dx_gateway_association').find((a) => str(a.config.dx_gateway_id) === dx.gatewayId);
    const attachment = this.index
      .ofType('aws_ec2_transit_gateway_dx_gateway_attachment')
      .find((d) => d.data && d.stack === association?.stack && str(d.config.dx_gateway_id) === dx.gatewayId);
    if (!association || !attachment) return base;
    return {
      ...base,
      attachment: attachment.addr,
      tgw: this.index.id(association.stack, association.config.associated_gateway_id),
      allowedPrefixes: strings(association.config.allowed_prefixes),
    };
  }

  /** A node's address range: a VPC's CIDR, an on-premises network's first range. */
  cidrOf(node: string): string | undefined {
    return this.vpcs.get(node)?.cidr ?? this.onPremises.get(node)?.cidrs[0];
  }

  private addRoute(vpc: string, stack: string, route: JsonObject): void {
    const cidr = str(route.destination_cidr_block ?? route.cidr_block ?? route.destination_ipv6_cidr_block ?? route.ipv6_cidr_block);
    if (cidr === undefined) return;
    const targetOf = (): RouteEntry => {
      if (route.transit_gateway_id) return { cidr, target: 'tgw', ref: this.index.id(stack, route.transit_gateway_id) };
      if (route.nat_gateway_id || route.egress_only_gateway_id) return { cidr, target: 'internet' };
      const gateway = str(route.gateway_id);
      if (gateway === 'local') return { cidr, target: 'local' };
      if (gateway !== undefined) {
        const ref = this.index.id(stack, gateway) ?? '';
        const internet = /\/aws_(internet_gateway|egress_only_internet_gateway)\./.test(ref) || /^igw-/.test(gateway);
        return { cidr, target: internet ? 'internet' : 'other', ref };
      }
      return { cidr, target: 'other' };
    };
    this.routes.get(vpc)?.push(targetOf());
  }

  /** The VPC a subnet is in. */
  vpcOfSubnet(subnet: string | undefined): string | undefined {
    return subnet === undefined ? undefined : this.subnetVpc.get(subnet);
  }

  /** Where packets from `src` for `dest` end up: a VPC address, the internet, or why they stop. */
  deliver(src: string, dest: string): Delivery {
    const onPrem = this.onPremises.get(src);
    if (onPrem) {
      if (onPrem.cidrs.some((c) => covers(c, dest))) return { vpc: src, why: 'local' };
      if (onPrem.attachment === undefined || onPrem.tgw === undefined) return { why: `${src} has no attachment to a Transit Gateway` };
      if (onPrem.allowedPrefixes && !onPrem.allowedPrefixes.some((p) => covers(p, dest))) {
        return { why: `${src} does not learn ${dest}: outside the Direct Connect allowed prefixes` };
      }
      return this.throughTgw(onPrem.tgw, onPrem.attachment, dest, 0);
    }
    const vpc = this.vpcs.get(src);
    if (!vpc) return { why: `${short(src)} is not a VPC` };
    if (covers(vpc.cidr, dest)) return { vpc: src, why: 'local' };
    const best = (this.routes.get(src) ?? []).filter((r) => covers(r.cidr, dest)).sort((a, b) => prefixOf(b.cidr) - prefixOf(a.cidr))[0];
    const name = short(src);
    if (!best) return { why: `${name} has no route to ${dest}` };
    if (best.target === 'internet') return { internet: true, why: `${name} routes ${best.cidr} to an internet/NAT gateway` };
    if (best.target !== 'tgw' || best.ref === undefined)
      return { why: `${name} routes ${dest} to ${best.ref ?? best.target}, not modelled` };
    const tgw = best.ref;
    const attachment = [...this.attachments].find(([, a]) => a.vpc === src && a.tgw === tgw)?.[0];
    if (!attachment) return { why: `${name} routes ${dest} to a TGW it is not attached to` };
    return this.throughTgw(tgw, attachment, dest, 0);
  }

  private throughTgw(tgw: string, attachment: string, dest: string, hops: number): Delivery {
    if (hops > 4) return { why: 'TGW routing loop' };
    const table = this.associations.find(
      (a) => a.attachment === attachment && a.table !== undefined && this.tgwTables.get(a.table) === tgw,
    )?.table;
    if (table === undefined) return { why: `attachment ${short(attachment)} is associated with no route table of ${short(tgw)}` };
    const candidates = [
      ...this.staticRoutes.filter((r) => r.table === table).map((r) => ({ cidr: r.cidr, attachment: r.attachment, static: true })),
      ...this.propagations
        .filter((p) => p.table === table)
        .flatMap((p) => {
          const from = p.attachment === undefined ? undefined : this.attachments.get(p.attachment);
          // An on-premises attachment propagates the network's ranges (what its BGP session announces).
          if (from?.onprem !== undefined)
            return (this.onPremises.get(from.onprem)?.cidrs ?? []).map((cidr) => ({ cidr, attachment: p.attachment, static: false }));
          const cidr = from?.vpc === undefined ? undefined : this.vpcs.get(from.vpc)?.cidr;
          return cidr === undefined ? [] : [{ cidr, attachment: p.attachment, static: false }];
        }),
    ]
      .filter((r) => covers(r.cidr, dest))
      .sort((a, b) => prefixOf(b.cidr) - prefixOf(a.cidr) || Number(b.static) - Number(a.static));
    const best = candidates[0];
    if (!best) return { why: `TGW route table ${short(table)} has no route to ${dest}` };
    if (best.attachment === undefined) return { why: `TGW route table ${short(table)} blackholes ${best.cidr}` };
    const next = this.attachments.get(best.attachment);
    if (!next) return { why: `TGW route to unknown attachment ${short(best.attachment)}` };
    if (next.onprem !== undefined) return { vpc: next.onprem, why: `TGW table ${short(table)} to ${next.onprem}` };
    if (next.vpc !== undefined) {
      if (WORLD.includes(dest) || !covers(this.vpcs.get(next.vpc)?.cidr ?? '', dest)) {
        // Sent into another VPC that forwards it only if it has internet egress.
        return this.egressVpcs.has(next.vpc)
          ? { internet: true, why: `via ${short(next.vpc)} egress` }
          : { vpc: next.vpc, why: `via TGW to ${short(next.vpc)}` };
      }
      return { vpc: next.vpc, why: `TGW table ${short(table)}` };
    }
    const peer = next.tgw === tgw ? next.peer : next.tgw;
    return peer !== undefined ? this.throughTgw(peer, best.attachment, dest, hops + 1) : { why: 'peering without a peer TGW' };
  }

  /** Round-trip reachability between two VPCs, by routing alone. */
  reach(src: string, dst: string): { reach: Reach; why: string } {
    if (src === dst) return { reach: 'self', why: 'same VPC' };
    const dstCidr = this.cidrOf(dst);
    const srcCidr = this.cidrOf(src);
    if (dstCidr === undefined || srcCidr === undefined) return { reach: 'no', why: 'not a VPC or an on-premises network' };
    const there = this.deliver(src, dstCidr);
    if (there.vpc !== dst) return { reach: 'no', why: there.why };
    const back = this.deliver(dst, srcCidr);
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

  /**
   * What in a VPC can open connections: resources placed in it (referring to the VPC or one of
   * its subnets, from any stack) whose type is not passive plumbing. Only meaningful for a VPC
   * whose stacks declare everything in it (a hub); workloads of consumer and service VPCs are
   * deployed outside the blueprint.
   */
  initiators(vpc: string, destinations?: readonly string[]): readonly string[] {
    const all = this.allInitiators(vpc);
    if (destinations === undefined) return all;
    // An outbound Resolver endpoint only sends DNS where its security groups let it (the on-premises servers).
    return all.filter((addr) => {
      const r = this.index.get(addr);
      if (r?.type !== 'aws_route53_resolver_endpoint') return true;
      const egress = this.egressCidrs(r);
      return destinations.some((d) =>
        egress.some((e) => parseCidr(e) !== undefined && parseCidr(d) !== undefined && (covers(e, d) || covers(d, e))),
      );
    });
  }

  /** The CIDRs the security groups of a resource may send to (`aws_vpc_security_group_egress_rule`, inline `egress`). */
  private egressCidrs(resource: Resource): string[] {
    const groups = this.index.ids(resource.stack, resource.config.security_group_ids);
    const out: string[] = [];
    for (const rule of this.index.ofType('aws_vpc_security_group_egress_rule')) {
      const group = this.index.id(rule.stack, rule.config.security_group_id);
      const cidr = str(rule.config.cidr_ipv4);
      if (group !== undefined && groups.includes(group) && cidr !== undefined) out.push(cidr);
    }
    for (const group of groups) {
      for (const block of list(this.index.get(group)?.config.egress)) if (isObject(block)) out.push(...strings(block.cidr_blocks));
    }
    return out;
  }

  private allInitiators(vpc: string): readonly string[] {
    if (!this.initiatorCache) {
      this.initiatorCache = new Map();
      for (const r of this.index.all()) {
        if (r.data || r.type === 'aws_vpc' || isPassive(r)) continue;
        for (const addr of this.index.referencesOf(r)) {
          const inVpc = this.vpcs.has(addr) ? addr : this.subnetVpc.get(addr);
          if (inVpc === undefined) continue;
          const found = this.initiatorCache.get(inVpc) ?? [];
          if (!found.includes(r.addr)) found.push(r.addr);
          this.initiatorCache.set(inVpc, found);
        }
      }
    }
    return this.initiatorCache.get(vpc) ?? [];
  }
}
