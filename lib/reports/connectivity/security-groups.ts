/**
 * Security groups: which ports a group admits from a source VPC. Ingress rules come from
 * `aws_vpc_security_group_ingress_rule`, `aws_security_group_rule` (type ingress) and inline
 * `ingress` blocks. A rule admits a VPC when its CIDR overlaps the VPC's (some host of the VPC
 * can connect), when it references a group of that VPC, or with `self` in the group's own VPC;
 * prefix lists are not modelled (they admit nothing here).
 */
import { cidrsOverlap, parseCidr } from '../../net/cidr';
import type { ConfigIndex, Resource } from './config-index';
import { isObject, list, num, str, strings, type JsonObject } from './json';
import { merge, protocolName, ruleRange, type PortRange } from './ports';

export type RuleSource =
  | { readonly kind: 'cidr'; readonly cidr: string }
  /** A referenced security group, or `self`: the hosts of that group's VPC. */
  | { readonly kind: 'vpc'; readonly vpc: string | undefined; readonly group: string }
  | { readonly kind: 'unmodelled'; readonly what: string };

export interface IngressRule {
  /** The rule's resource (for inline rules, the group's). */
  readonly addr: string;
  readonly group: string;
  readonly range: PortRange;
  readonly source: RuleSource;
}

/** A source of traffic: a VPC and its CIDR. */
export interface Source {
  readonly vpc: string;
  readonly cidr: string;
}

export class SecurityGroups {
  private readonly rules: IngressRule[] = [];

  constructor(private readonly index: ConfigIndex) {
    const groupVpc = (stack: string, group: string | undefined) => this.index.id(stack, this.index.get(group)?.config.vpc_id);
    for (const r of index.ofType('aws_vpc_security_group_ingress_rule')) {
      const group = index.id(r.stack, r.config.security_group_id);
      if (group === undefined) continue;
      const range = ruleRange(protocolName(r.config.ip_protocol), num(r.config.from_port), num(r.config.to_port));
      const sources: RuleSource[] = [];
      for (const key of ['cidr_ipv4', 'cidr_ipv6']) {
        const cidr = str(r.config[key]);
        if (cidr !== undefined) sources.push({ kind: 'cidr', cidr });
      }
      const referenced = index.id(r.stack, r.config.referenced_security_group_id);
      if (referenced !== undefined) sources.push({ kind: 'vpc', vpc: groupVpc(r.stack, referenced), group: referenced });
      const prefixList = str(r.config.prefix_list_id);
      if (prefixList !== undefined) sources.push({ kind: 'unmodelled', what: `prefix list ${prefixList}` });
      for (const source of sources) this.rules.push({ addr: r.addr, group, range, source });
    }
    for (const r of index.ofType('aws_security_group_rule')) {
      if (str(r.config.type) !== 'ingress') continue;
      const group = index.id(r.stack, r.config.security_group_id);
      if (group === undefined) continue;
      this.addBlock(r.addr, r.stack, group, r.config, 'source_security_group_id');
    }
    for (const g of index.ofType('aws_security_group')) {
      for (const block of list(g.config.ingress)) {
        if (isObject(block)) this.addBlock(g.addr, g.stack, g.addr, block, 'security_groups');
      }
    }
  }

  /** An `aws_security_group_rule` or an inline `ingress` block. */
  private addBlock(addr: string, stack: string, group: string, block: JsonObject, groupsKey: string): void {
    const range = ruleRange(protocolName(block.protocol), num(block.from_port), num(block.to_port));
    const groupVpc = (g: string) => this.index.id(stack, this.index.get(g)?.config.vpc_id);
    const sources: RuleSource[] = [
      ...strings(block.cidr_blocks).map((cidr) => ({ kind: 'cidr', cidr }) as const),
      ...strings(block.ipv6_cidr_blocks).map((cidr) => ({ kind: 'cidr', cidr }) as const),
      ...[block[groupsKey]].flat().flatMap((g) => {
        const id = this.index.id(stack, g);
        return id === undefined ? [] : [{ kind: 'vpc', vpc: groupVpc(id), group: id } as const];
      }),
      ...(block.self === true ? [{ kind: 'vpc', vpc: groupVpc(group), group } as const] : []),
      ...strings(block.prefix_list_ids).map((p) => ({ kind: 'unmodelled', what: `prefix list ${p}` }) as const),
    ];
    for (const source of sources) this.rules.push({ addr, group, range, source });
  }

  /** The groups a resource is in: `security_group_ids` (endpoints), `security_groups` (load balancers). */
  groupsOf(resource: Resource): string[] {
    return this.index.ids(resource.stack, resource.config.security_group_ids ?? resource.config.security_groups);
  }

  /** Every ingress rule of the groups. */
  rulesOf(groups: readonly string[]): IngressRule[] {
    return this.rules.filter((r) => groups.includes(r.group));
  }

  /** The ports the groups admit from a source VPC, merged. */
  admitted(groups: readonly string[], source: Source): PortRange[] {
    return merge(
      this.rulesOf(groups)
        .filter((r) => admitsSource(r.source, source))
        .map((r) => r.range),
    );
  }

  /**
   * The ports a resource in `vpc` admits from a source. Without groups it is in the VPC's
   * default group, which (as AWS creates it) admits everything from its own VPC only.
   */
  admittedBy(resource: Resource, vpc: string | undefined, source: Source): PortRange[] {
    const groups = this.groupsOf(resource);
    if (groups.length === 0) return source.vpc === vpc ? [ruleRange('all', undefined, undefined)] : [];
    return this.admitted(groups, source);
  }
}

/** Whether a rule's source admits (some hosts of) a VPC; VPCs are IPv4, so IPv6 CIDRs admit none. */
export function admitsSource(ruleSource: RuleSource, source: Source): boolean {
  if (ruleSource.kind === 'vpc') return ruleSource.vpc === source.vpc;
  if (ruleSource.kind !== 'cidr') return false;
  return parseCidr(ruleSource.cidr) !== undefined && parseCidr(source.cidr) !== undefined && cidrsOverlap(ruleSource.cidr, source.cidr);
}
