/**
 * The design's invariants over the matrix, each broken one a violation message:
 *
 * - each consumer reaches exactly the services it consumes: every consumed one (with all of the
 *   service's ports), and no other;
 * - the endpoints to a service admit only the service's ports (listener ports, the vendor's
 *   ports, the resource's port ranges): a security group rule opening any other port breaks it;
 * - each consumer reaches the centralized endpoints of its region, and gets the hub zones of
 *   exactly the endpoint sets its segment receives;
 * - nothing opens connections into a consumer: no service VPC, no hub, no consumer of another
 *   segment, nor one of the same segment unless the segment has `spokeToSpoke`, no on-premises
 *   network but those whose `reach.segments` has its segment (in its region);
 * - each on-premises network reaches the centralized endpoints of its hub, and exactly the
 *   spokes of its region in the segments it reaches, both ways;
 * - nothing reaches the internet.
 */
import {
  consumedServices,
  hubOf,
  onPremisesNetworks,
  reachSegments,
  setReachesSegment,
  sortedEndpointSets,
  stackIds,
} from '../../config/topology';
import type { ConsumerConfig, ServiceConfig } from '../../config/types';
import { short } from './config-index';
import { obj, str } from './json';
import type { Analysis, Row } from './matrix';
import { formatPorts, missing, outside } from './ports';
import type { RuleSource } from './security-groups';

export function checkInvariants(a: Analysis): string[] {
  const violations: string[] = [];
  const rowOf = (c: ConsumerConfig): Row | undefined => a.rows.find((r) => r.role === 'consumer' && r.name === c.name);
  for (const c of a.env.consumers) {
    const row = rowOf(c);
    if (!row) continue;
    violations.push(...consumedOnly(a, c, row), ...hubAccess(a, c, row), ...intoConsumer(a, c, row));
  }
  violations.push(...onPremisesAccess(a));
  violations.push(...endpointPorts(a));
  for (const row of a.rows) {
    const cell = a.cells[row.id].internet;
    if (cell.reach !== 'no') violations.push(`${row.id} reaches the internet: ${cell.why}`);
  }
  return violations;
}

/** What the service's ports are called in messages. */
function portsLabel(config: ServiceConfig): string {
  return config.kind === 'resource' ? "the resource's port ranges" : "the service's ports";
}

/** Every consumed service reached on all its ports, no other service reached. */
function consumedOnly(a: Analysis, c: ConsumerConfig, row: Row): string[] {
  const out: string[] = [];
  const consumed = new Set(consumedServices(a.env, c).map((s) => s.name));
  for (const target of a.catalog.targets) {
    const name = target.service.name;
    const cell = a.cells[row.id][`service:${name}`];
    if (consumed.has(name)) {
      if (cell.reach !== 'yes') {
        out.push(`consumer ${c.name} cannot reach service ${name}, which it consumes: ${cell.why}`);
        continue;
      }
      const lacking = missing(target.ports, cell.ports ?? []);
      if (lacking.length > 0) {
        out.push(
          `consumer ${c.name} reaches service ${name} without port ${formatPorts(lacking)}: its endpoint admits ` +
            `${formatPorts(cell.ports ?? []) || 'nothing'} from ${row.cidr}, ${portsLabel(target.service.config)} are ${formatPorts(target.ports)}`,
        );
      }
    } else if (cell.reach !== 'no') {
      out.push(`consumer ${c.name} reaches service ${name}, which it does not consume (${cell.reach}): ${cell.why}`);
    }
  }
  return out;
}

/** The consumer's region's centralized endpoints, and the hub zones its segment gets. */
function hubAccess(a: Analysis, c: ConsumerConfig, row: Row): string[] {
  const out: string[] = [];
  const cell = a.cells[row.id][`endpoints:${c.region}`];
  if (cell === undefined) return out; // no hub in the consumer's region: validation's business
  if (cell.reach !== 'yes')
    out.push(`consumer ${c.name} cannot reach the centralized endpoints of ${c.region} (${cell.reach}): ${cell.why}`);
  if (row.vpc === undefined) return out;
  const hubStack = stackIds.network(a.env, c.region);
  const zones = a.index.ofType('aws_route53_zone').filter((z) => z.stack === hubStack);
  for (const [set, config] of sortedEndpointSets(hubOf(a.env, c))) {
    const expected = setReachesSegment(config, c.segment);
    for (const service of config.services) {
      const zone = zones.find((z) => {
        const tags = obj(z.config.tags);
        return str(tags['endpoint-set']) === set && str(tags.service) === service;
      });
      if (!zone) {
        if (expected)
          out.push(
            `consumer ${c.name} does not get the hub zone of ${set}/${service} its segment ${c.segment} receives: the hub of ${c.region} has no such zone`,
          );
        continue;
      }
      const has = a.zoneAssociated(zone, row.vpc);
      if (expected && !has) out.push(`consumer ${c.name} does not get the hub zone of ${set}/${service} its segment ${c.segment} receives`);
      if (!expected && has)
        out.push(`consumer ${c.name} gets the hub zone of ${set}/${service}, reserved for segments other than ${c.segment}`);
    }
  }
  return out;
}

/** Nothing opens connections into the consumer but spokes of its own segment with spokeToSpoke. */
function intoConsumer(a: Analysis, c: ConsumerConfig, row: Row): string[] {
  const out: string[] = [];
  for (const from of a.rows) {
    if (from.id === row.id) continue;
    const cell = a.cells[from.id][row.id];
    if (cell.reach === 'no' || cell.reach === 'routed') continue;
    if (from.role === 'onprem') {
      const network = onPremisesNetworks(a.env).find((n) => n.name === from.name);
      // Where it may reach the consumer, onPremisesAccess reports what does not work.
      if (network && network.config.region === c.region && reachSegments(network.config).includes(c.segment)) continue;
      out.push(`on-premises network ${from.name} reaches consumer ${c.name} (${cell.reach}), outside the segments it reaches: ${cell.why}`);
      continue;
    }
    if (from.role !== 'consumer') {
      out.push(`${from.id} can open connections into consumer ${c.name} (${cell.reach}): ${cell.why}`);
      continue;
    }
    const other = a.env.consumers.find((o) => o.name === from.name);
    if (!other) continue;
    if (other.segment !== c.segment) {
      out.push(
        `consumer ${other.name} (segment ${other.segment}) reaches consumer ${c.name} (segment ${c.segment}) (${cell.reach}): ${cell.why}`,
      );
    } else if (!a.env.segments[c.segment]?.spokeToSpoke) {
      out.push(
        `consumer ${other.name} reaches consumer ${c.name} (${cell.reach}) although segment ${c.segment} has spokeToSpoke off: ${cell.why}`,
      );
    }
  }
  return out;
}

/** Each on-premises network: its hub's endpoints, and the spokes of the segments it reaches both ways (the rest is checked by intoConsumer). */
function onPremisesAccess(a: Analysis): string[] {
  const out: string[] = [];
  for (const n of onPremisesNetworks(a.env)) {
    const id = `onprem:${n.name}`;
    const row = a.cells[id];
    if (!row) continue;
    const endpoints = row[`endpoints:${n.config.region}`];
    if (endpoints && endpoints.reach !== 'yes')
      out.push(
        `on-premises network ${n.name} cannot reach the centralized endpoints of ${n.config.region} (${endpoints.reach}): ${endpoints.why}`,
      );
    const segments = reachSegments(n.config);
    for (const c of a.env.consumers) {
      const expected = c.region === n.config.region && segments.includes(c.segment);
      const to = row[`consumer:${c.name}`];
      const from = a.cells[`consumer:${c.name}`]?.[id];
      if (expected && to?.reach !== 'yes')
        out.push(
          `on-premises network ${n.name} cannot reach consumer ${c.name} of segment ${c.segment}, which it reaches (${to?.reach}): ${to?.why}`,
        );
      if (expected && from?.reach !== 'yes')
        out.push(`consumer ${c.name} cannot reach on-premises network ${n.name} (${from?.reach}): ${from?.why}`);
      if (!expected && from !== undefined && from.reach !== 'no')
        out.push(
          `consumer ${c.name} (segment ${c.segment}, ${c.region}) reaches on-premises network ${n.name} (${from.reach}), which reaches only ${segments.join(', ') || 'the hub'} in ${n.config.region}: ${from.why}`,
        );
    }
  }
  return out;
}

/** Every rule of every endpoint to a catalog service opens only the service's ports. */
function endpointPorts(a: Analysis): string[] {
  const out: string[] = [];
  for (const target of a.catalog.targets) {
    const label = `${target.service.config.kind} service ${target.service.name}`;
    for (const link of a.catalog.endpointsTo(target.service.name)) {
      const owner = a.rowOfVpc(link.vpc)?.id ?? short(link.vpc ?? '(no VPC)');
      const endpoint = `the endpoint of ${owner} to ${label}`;
      const groups = a.groups.groupsOf(link.endpoint);
      if (groups.length === 0) {
        out.push(
          `${endpoint} is in its VPC's default security group, which admits every port from the VPC; ${portsLabel(target.service.config)} are ${formatPorts(target.ports)}`,
        );
        continue;
      }
      for (const rule of a.groups.rulesOf(groups)) {
        const extra = outside([rule.range], target.ports);
        if (extra.length === 0) continue;
        out.push(
          `${endpoint} admits ${formatPorts(extra)} from ${describeSource(rule.source)} (${short(rule.addr)}), ` +
            `outside ${portsLabel(target.service.config)} (${formatPorts(target.ports)})`,
        );
      }
    }
  }
  return out;
}

function describeSource(source: RuleSource): string {
  if (source.kind === 'cidr') return source.cidr;
  if (source.kind === 'vpc') return `members of ${short(source.group)}`;
  return source.what;
}
