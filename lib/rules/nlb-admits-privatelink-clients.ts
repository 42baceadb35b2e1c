import type { IConstruct } from 'constructs';
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { Ec2ManagedPrefixListEntryA } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list-entry';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { VpcIpv4CidrBlockAssociation } from '@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import {
  COMPLIANT,
  NOT_APPLICABLE,
  addressOf,
  findInStack,
  isUnresolved,
  nonCompliant,
  referencedAddresses,
  resolveIn,
  type Rule,
  type RuleResult,
} from './rule';

/**
 * PL9: a Network Load Balancer that enforces its security groups on PrivateLink traffic admits,
 * on each of its listeners' ports, some source beyond its own VPC. AWS: "If you enable inbound
 * rules on PrivateLink traffic, the source of the traffic is the private IP address of the
 * client, not the endpoint interface" (NLB guide, "Security groups"), so a group that admits only
 * the NLB's VPC (or nothing) on a listener port drops every consumer's traffic, silently (public
 * report: MaterializeInc/materialize PR #36623).
 *
 * Applies to an `Lb` of type `network` with security groups attached and
 * `enforceSecurityGroupInboundRulesOnPrivateLinkTraffic` either `'on'`, or unset (AWS's default is
 * on) while a `VpcEndpointService` of the same stack lists the NLB: an NLB with the flag unset and
 * no endpoint service carries no PrivateLink traffic, and admitting only its VPC is then right.
 * `'off'`, a token, or no security group: not applicable.
 *
 * Ingress is read from `VpcSecurityGroupIngressRule`s, ingress `SecurityGroupRule`s and inline
 * `ingress` blocks of the NLB's groups; every group must be an `aws_security_group` of the same
 * stack (a group from elsewhere may carry rules this stack cannot see: not applicable). A listener
 * port (TCP and TLS listeners need tcp, UDP udp, TCP_UDP both) is satisfied by a rule of matching
 * protocol (or all) and port range whose source is beyond the VPC. Inside the VPC: a CIDR within
 * one of the VPC's literal CIDRs (its `cidrBlock` and `VpcIpv4CidrBlockAssociation`s), any
 * reference to the VPC itself (`${aws_vpc.x.cidr_block}`), `self` or one of the NLB's own groups,
 * a security group of the same stack in that VPC, a managed prefix list of the same stack whose
 * entries all lie inside. Anything that cannot be judged at synth (a token, an AWS-managed prefix
 * list, a group from elsewhere) counts as beyond. The VPC is found through the NLB's subnets →
 * `Subnet.vpcId` → `Vpc` of the same stack; when it cannot be, only "no rule at all for the port"
 * is flagged.
 */
export const nlbAdmitsPrivatelinkClients: Rule = {
  id: 'PL9',
  name: 'nlb-admits-privatelink-clients',
  severity: 'error',
  message:
    "NLB enforces its security groups on PrivateLink traffic but admits no consumer on a listener port: PrivateLink traffic arrives from the clients' private IPs, not the endpoint's, so admit the consumers' CIDRs on each listener port, or set enforceSecurityGroupInboundRulesOnPrivateLinkTraffic to 'off'",
  check(node: IConstruct): RuleResult {
    if (!(node instanceof Lb) || node.loadBalancerTypeInput !== 'network') return NOT_APPLICABLE;
    const lb = addressOf(node);
    const enforce = node.enforceSecurityGroupInboundRulesOnPrivateLinkTrafficInput;
    if (enforce === undefined) {
      if (!frontedByEndpointService(node, lb)) return NOT_APPLICABLE;
    } else if (enforce !== 'on') {
      return NOT_APPLICABLE; // 'off', or a token
    }
    const listed = resolveIn(node, node.securityGroupsInput);
    if (!Array.isArray(listed) || listed.length === 0) return NOT_APPLICABLE; // no group: nothing is enforced
    if (listed.some((g) => typeof g !== 'string' || g.startsWith('#{'))) return NOT_APPLICABLE; // a list token
    const groupsByAddress = new Map(findInStack(node, SecurityGroup).map((g) => [addressOf(g), g]));
    const groups = [...new Set(listed.map(groupKey))];
    if (!groups.every((g) => groupsByAddress.has(g))) return NOT_APPLICABLE;

    const listeners = findInStack(node, LbListener).filter((l) => referencedAddresses(resolveIn(l, l.loadBalancerArnInput)).includes(lb));
    const ingress = ingressOf(node, new Set(groups), groupsByAddress);
    const vpc = vpcScopeOf(node, new Set(groups));
    const problems: string[] = [];
    for (const listener of listeners) {
      const port = listener.portInput;
      if (typeof port !== 'number' || isUnresolved(port)) continue;
      for (const protocol of protocolsOf(listener.protocolInput)) {
        const matching = ingress.filter((i) => covers(i, port, protocol));
        const sources = matching.flatMap((i) => i.sources);
        const where = `${port}/${protocol ?? 'any'}`;
        if (sources.length === 0) {
          problems.push(`port ${where}: no ingress on ${groups.join(', ')}`);
        } else if (vpc && sources.every((s) => vpc.inside(s))) {
          problems.push(
            `port ${where}: ${groups.join(', ')} admits only ${[...new Set(sources.map(show))].join(', ')}, inside the VPC ${vpc.describe}`,
          );
        }
      }
    }
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : COMPLIANT;
  },
};

/** A source of an ingress rule, resolved in the stack. */
interface Source {
  readonly kind: 'cidr' | 'prefix-list' | 'group' | 'self';
  readonly value: unknown;
}

interface Ingress {
  readonly protocol: unknown;
  readonly from: unknown;
  readonly to: unknown;
  readonly sources: readonly Source[];
}

/** The address a resolved id refers to, else the literal id. */
const groupKey = (resolved: unknown): string => referencedAddresses(resolved)[0] ?? String(resolved);

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function frontedByEndpointService(node: Lb, lb: string): boolean {
  return findInStack(node, VpcEndpointService).some((s) => referencedAddresses(resolveIn(s, s.networkLoadBalancerArnsInput)).includes(lb));
}

/** Every ingress rule of the given groups declared in the stack, whichever way it is declared. */
function ingressOf(node: IConstruct, groups: ReadonlySet<string>, byAddress: ReadonlyMap<string, SecurityGroup>): Ingress[] {
  const out: Ingress[] = [];
  for (const rule of findInStack(node, VpcSecurityGroupIngressRule)) {
    if (!groups.has(groupKey(resolveIn(rule, rule.securityGroupIdInput)))) continue;
    out.push({
      protocol: resolveIn(rule, rule.ipProtocolInput),
      from: resolveIn(rule, rule.fromPortInput),
      to: resolveIn(rule, rule.toPortInput),
      sources: [
        ...asArray(resolveIn(rule, rule.cidrIpv4Input)).map((value) => ({ kind: 'cidr' as const, value })),
        ...asArray(resolveIn(rule, rule.cidrIpv6Input)).map((value) => ({ kind: 'cidr' as const, value })),
        ...asArray(resolveIn(rule, rule.prefixListIdInput)).map((value) => ({ kind: 'prefix-list' as const, value })),
        ...asArray(resolveIn(rule, rule.referencedSecurityGroupIdInput)).map((value) => ({ kind: 'group' as const, value })),
      ],
    });
  }
  for (const rule of findInStack(node, SecurityGroupRule)) {
    if (rule.typeInput !== 'ingress' || !groups.has(groupKey(resolveIn(rule, rule.securityGroupIdInput)))) continue;
    out.push({
      protocol: resolveIn(rule, rule.protocolInput),
      from: resolveIn(rule, rule.fromPortInput),
      to: resolveIn(rule, rule.toPortInput),
      sources: [
        ...asArray(resolveIn(rule, rule.cidrBlocksInput)).map((value) => ({ kind: 'cidr' as const, value })),
        ...asArray(resolveIn(rule, rule.ipv6CidrBlocksInput)).map((value) => ({ kind: 'cidr' as const, value })),
        ...asArray(resolveIn(rule, rule.prefixListIdsInput)).map((value) => ({ kind: 'prefix-list' as const, value })),
        ...asArray(resolveIn(rule, rule.sourceSecurityGroupIdInput)).map((value) => ({ kind: 'group' as const, value })),
        ...(rule.selfAttributeInput === true ? [{ kind: 'self' as const, value: 'self' }] : []),
      ],
    });
  }
  for (const group of groups) {
    const sg = byAddress.get(group);
    if (!sg) continue;
    const inline = resolveIn(sg, sg.ingressInput);
    if (inline === undefined) continue;
    // An ingress list that is itself a token (a dynamic block): admit anything, it cannot be judged.
    if (!Array.isArray(inline)) {
      out.push({ protocol: undefined, from: undefined, to: undefined, sources: [{ kind: 'cidr', value: inline }] });
      continue;
    }
    for (const i of inline as Record<string, unknown>[]) {
      out.push({
        protocol: i.protocol,
        from: i.fromPort ?? i.from_port,
        to: i.toPort ?? i.to_port,
        sources: [
          ...asArray(i.cidrBlocks ?? i.cidr_blocks).map((value) => ({ kind: 'cidr' as const, value })),
          ...asArray(i.ipv6CidrBlocks ?? i.ipv6_cidr_blocks).map((value) => ({ kind: 'cidr' as const, value })),
          ...asArray(i.prefixListIds ?? i.prefix_list_ids).map((value) => ({ kind: 'prefix-list' as const, value })),
          ...asArray(i.securityGroups ?? i.security_groups).map((value) => ({ kind: 'group' as const, value })),
          ...((i.selfAttribute ?? i.self) === true ? [{ kind: 'self' as const, value: 'self' }] : []),
        ],
      });
    }
  }
  return out;
}

/** The IP protocols a listener needs admitted; undefined means any (the protocol is a token). */
function protocolsOf(protocol: string | undefined): ('tcp' | 'udp' | undefined)[] {
  if (protocol !== undefined && isUnresolved(protocol)) return [undefined];
  switch ((protocol ?? 'TCP').toUpperCase()) {
    case 'UDP':
      return ['udp'];
    case 'TCP_UDP':
      return ['tcp', 'udp'];
    default:
      return ['tcp']; // TCP, TLS
  }
}

const PROTOCOL_NUMBER = { tcp: '6', udp: '17' } as const;

/** Whether a rule admits the port; what cannot be read at synth is taken to admit it. */
function covers(rule: Ingress, port: number, protocol: 'tcp' | 'udp' | undefined): boolean {
  const p = rule.protocol;
  if (p !== undefined && !isUnresolved(p)) {
    const name = String(p).toLowerCase();
    if (name === '-1' || name === 'all') return true;
    if (protocol !== undefined && name !== protocol && name !== PROTOCOL_NUMBER[protocol]) return false;
  }
  const { from, to } = rule;
  if (typeof from !== 'number' || typeof to !== 'number' || isUnresolved(from) || isUnresolved(to)) return true;
  if (from === -1 && to === -1) return true;
  return from <= port && port <= to;
}

const show = (s: Source): string => (s.kind === 'self' ? 'self' : String(s.value));

interface VpcScope {
  /** `10.0.0.0/16 (aws_vpc.x)` */
  readonly describe: string;
  inside(source: Source): boolean;
}

/** The NLB's VPC as the stack declares it, or undefined when it cannot be found at synth. */
function vpcScopeOf(lb: Lb, ownGroups: ReadonlySet<string>): VpcScope | undefined {
  const mapping = lb.subnetMappingInput;
  const subnetValues: unknown = mapping !== undefined && Array.isArray(mapping) ? mapping.map((m) => m.subnetId) : lb.subnetsInput;
  const subnetRefs = new Set(referencedAddresses(resolveIn(lb, subnetValues)));
  const vpcRefs = new Set(
    findInStack(lb, Subnet)
      .filter((s) => subnetRefs.has(addressOf(s)))
      .flatMap((s) => referencedAddresses(resolveIn(s, s.vpcIdInput))),
  );
  const vpcs = findInStack(lb, Vpc).filter((v) => vpcRefs.has(addressOf(v)));
  if (vpcs.length === 0) return undefined;
  const addresses = new Set(vpcs.map(addressOf));

  const literal = (v: unknown): v is string => typeof v === 'string' && !isUnresolved(v);
  const cidrs = [
    ...vpcs.map((v) => v.cidrBlockInput),
    ...findInStack(lb, VpcIpv4CidrBlockAssociation)
      .filter((a) => referencedAddresses(resolveIn(a, a.vpcIdInput)).some((r) => addresses.has(r)))
      .map((a) => a.cidrBlockInput),
  ].filter(literal);
  const ipv6 = vpcs.map((v) => v.ipv6CidrBlockInput).filter(literal);
  const refersToVpc = (value: unknown): boolean => referencedAddresses(value).some((r) => addresses.has(r));
  const cidrInside = (value: unknown): boolean => {
    if (refersToVpc(value)) return true;
    if (!literal(value)) return false;
    if (ipv6.includes(value)) return true;
    const inner = parseIpv4(value);
    return (
      inner !== undefined &&
      cidrs.some((c) => {
        const outer = parseIpv4(c);
        return outer !== undefined && within(inner, outer);
      })
    );
  };
  // Security groups of this VPC: the NLB's own, and any group of the stack created in the VPC.
  const groupsInVpc = new Set([
    ...ownGroups,
    ...findInStack(lb, SecurityGroup)
      .filter((g) => refersToVpc(resolveIn(g, g.vpcIdInput)))
      .map(addressOf),
  ]);
  const listsInside = prefixListsInside(lb, cidrInside);
  return {
    describe: `${cidrs.length > 0 ? `${cidrs.join(', ')} ` : ''}(${[...addresses].join(', ')})`,
    inside(source: Source): boolean {
      switch (source.kind) {
        case 'self':
          return true;
        case 'cidr':
          return cidrInside(source.value);
        case 'group':
          return groupsInVpc.has(groupKey(source.value));
        case 'prefix-list':
          return listsInside.has(groupKey(source.value));
      }
    },
  };
}

/** Managed prefix lists of the stack whose entries (inline and separate) are all inside the VPC. */
function prefixListsInside(node: IConstruct, cidrInside: (value: unknown) => boolean): Set<string> {
  const entries = findInStack(node, Ec2ManagedPrefixListEntryA);
  const out = new Set<string>();
  for (const list of findInStack(node, Ec2ManagedPrefixList)) {
    const address = addressOf(list);
    const inline = resolveIn(list, list.entryInput);
    if (inline !== undefined && !Array.isArray(inline)) continue;
    const cidrs = [
      ...((inline ?? []) as Record<string, unknown>[]).map((e) => e.cidr),
      ...entries
        .filter((e) => referencedAddresses(resolveIn(e, e.prefixListIdInput)).includes(address))
        .map((e) => resolveIn(e, e.cidrInput)),
    ];
    if (cidrs.length > 0 && cidrs.every(cidrInside)) out.add(address);
  }
  return out;
}

interface Ipv4Cidr {
  readonly ip: number;
  readonly prefix: number;
}

function parseIpv4(cidr: string): Ipv4Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  return { ip: octets.reduce((acc, o) => acc * 256 + o, 0), prefix };
}

const mask = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** Whether `inner` lies entirely inside `outer`. */
function within(inner: Ipv4Cidr, outer: Ipv4Cidr): boolean {
  const m = mask(outer.prefix);
  return inner.prefix >= outer.prefix && (inner.ip & m) >>> 0 === (outer.ip & m) >>> 0;
}
