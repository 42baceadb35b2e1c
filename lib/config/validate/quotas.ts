/**
 * AWS's default quotas the topology can cross, checked against the environment at synth: a
 * warning from 80% of a quota, an error past it. Each message names the quota, the count, and
 * the field that drives it. Adjustable quotas that an account has raised are declared in
 * `quotas` (by quota name), so the check follows the account, not only the default.
 * Sources: Route 53 (private hosted zones, Profiles), Transit Gateway, Amazon VPC, AWS RAM, ELB
 * and VPC Lattice quota pages (facts in the PrivateLink guide's quota table and
 * docs/aws-facts/route53-profiles.md; defaults as of 2026).
 *
 * DNS: with zone associations (and during the switch to profiles) every hub zone counts the hub
 * VPC and each spoke of its segments against the 300 VPCs a private hosted zone takes; with
 * Route 53 Profiles the network account holds one profile per segment per region (5 profiles per
 * account and region by default) and each profile counts its segment's spokes in the region
 * (1,000 by default); a VPC takes one profile, which is why a profile holds a segment's zones.
 */
import { interfaceEndpointDnsNames, interfaceEndpointPorts } from '../../aws/catalog';
import {
  consumedServices,
  dnsModeOf,
  hubRegions,
  onPremisesOf,
  onPremisesSources,
  reachSegments,
  segmentSources,
  servicePorts,
  servicesOfKind,
  setReachesSegment,
  usesProfiles,
  usesZoneAssociations,
} from '../topology';
import type { EnvironmentConfig, QuotaOverrides } from '../types';
import { key, type Checker } from './checker';

export interface Quota {
  /** AWS's default. */
  readonly limit: number;
  /** Whether AWS raises it on request (then `quotas[name]` declares the raised value). */
  readonly adjustable: boolean;
  /** What it counts, as AWS names it. */
  readonly what: string;
}

/** The quotas the checks know, by the name `quotas` uses. */
export const QUOTAS = {
  // "If you want more than 300 associations, we recommend you use Route 53 Profiles" (Route 53 quotas page).
  privateHostedZoneVpcAssociations: { limit: 300, adjustable: false, what: 'VPCs associated with a private hosted zone' },
  transitGatewayAttachments: { limit: 5000, adjustable: false, what: 'attachments per Transit Gateway' },
  transitGatewayRouteTables: { limit: 20, adjustable: true, what: 'route tables per Transit Gateway' },
  transitGatewayRoutes: { limit: 10000, adjustable: true, what: 'routes per Transit Gateway (static and propagated, all route tables)' },
  interfaceEndpointsPerVpc: { limit: 50, adjustable: true, what: 'interface VPC endpoints per VPC' },
  securityGroupInboundRules: { limit: 60, adjustable: true, what: 'inbound rules per security group' },
  ramPrincipalsPerShare: { limit: 5000, adjustable: false, what: 'principals per AWS RAM resource share' },
  networkLoadBalancersPerRegion: { limit: 50, adjustable: true, what: 'Network Load Balancers per account and region' },
  resourceConfigurationsPerRegion: { limit: 2000, adjustable: true, what: 'VPC Lattice resource configurations per account and region' },
  // Route 53 quotas page, "Route 53 Profiles": only the owner's account counts its profiles.
  profilesPerRegion: { limit: 5, adjustable: true, what: 'Route 53 Profiles per account and region' },
  profileVpcAssociations: { limit: 1000, adjustable: true, what: 'VPCs associated with a Route 53 Profile' },
  // AssociateProfile: "A VPC can have only one Profile associated with it".
  profilesPerVpc: { limit: 1, adjustable: false, what: 'Route 53 Profiles associated with a VPC' },
} as const satisfies Record<keyof QuotaOverrides, Quota>;

export type QuotaName = keyof typeof QUOTAS;

/** A share of a quota from which the check warns. */
const WARN_AT = 0.8;

/** Checks the environment's counts against the quotas (after the rest of validation found no error). */
export function checkQuotas(c: Checker, env: EnvironmentConfig): void {
  const limitOf = (name: QuotaName): number => env.quotas?.[name] ?? QUOTAS[name].limit;
  const report = (name: QuotaName, path: string, count: number, subject: string, driver: string): void => {
    const limit = limitOf(name);
    const q = QUOTAS[name];
    const raise = q.adjustable
      ? `, or request an increase of '${q.what}' and declare it in quotas.${name}`
      : ' (the quota is not adjustable)';
    if (count > limit) {
      c.add(path, `${subject} needs ${count} ${q.what}, past the quota of ${limit}; ${driver}${raise}`);
    } else if (limit > 1 && count >= Math.ceil(limit * WARN_AT)) {
      c.warn(path, `${subject} uses ${count} of ${limit} ${q.what} (quota); ${driver} before it is reached${raise}`);
    }
  };

  const segments = Object.keys(env.segments).sort();
  for (const region of hubRegions(env)) {
    const hub = env.network.hubs[region];
    const hubPath = key('network.hubs', region);
    const spokes = env.consumers.filter((cs) => cs.region === region);
    const mode = dnsModeOf(env, region);
    const modePath = hub.dns !== undefined ? `${hubPath}.dns` : 'network.dns';
    const spokesOf = (segment: string) => spokes.filter((cs) => cs.segment === segment).length;
    const onPrem = onPremisesOf(env, region);
    const onPremSources = Object.keys(onPremisesSources(env, region)).length;

    for (const setName of Object.keys(hub.endpointSets).sort()) {
      const set = hub.endpointSets[setName];
      const setPath = key(`${hubPath}.endpointSets`, setName);
      const served = segments.filter((sg) => setReachesSegment(set, sg));
      const zones = set.services.reduce((n, s) => n + interfaceEndpointDnsNames(s, region).length, 0);
      // With zone associations each hub zone is associated with the hub VPC and every spoke of
      // the segments its set serves; with profiles only with the hub VPC (the spokes get it
      // through their segment's profile, which does not count here).
      if (zones > 0 && usesZoneAssociations(mode)) {
        const associations = 1 + served.reduce((n, sg) => n + spokesOf(sg), 0);
        const parts = served.map((sg) => `${spokesOf(sg)} spoke(s) of segment '${sg}'`).join(', ');
        report(
          'privateHostedZoneVpcAssociations',
          setPath,
          associations,
          `each private hosted zone of endpoint set '${setName}' of the hub in ${region} (the hub VPC, ${parts})`,
          `switch the hub of ${region} to Route 53 Profiles (${modePath}: 'profiles', through 'zone-associations+profiles') or move consumers of ${region} to another region`,
        );
      }
      const rules =
        (Object.keys(segmentSources(env, set.segments)).length + onPremSources) *
        new Set(set.services.flatMap(interfaceEndpointPorts)).size;
      report(
        'securityGroupInboundRules',
        setPath,
        rules,
        `the security group of endpoint set '${setName}' in ${region}`,
        'use fewer, larger segment and on-premises ranges',
      );
    }
    const endpoints = Object.values(hub.endpointSets).reduce((n, set) => n + set.services.length, 0);
    report(
      'interfaceEndpointsPerVpc',
      `${hubPath}.endpointSets`,
      endpoints,
      `the hub VPC of ${region}`,
      'move services into fewer endpoint sets or another hub',
    );

    if (usesProfiles(mode)) {
      // One profile per segment, all in the network account of the region.
      report(
        'profilesPerRegion',
        modePath,
        segments.length,
        `the network account in ${region} (one Route 53 Profile per segment)`,
        `use fewer segments, or zone associations for the hub of ${region}`,
      );
      for (const sg of segments) {
        report(
          'profileVpcAssociations',
          key('segments', sg),
          spokesOf(sg),
          `the Route 53 Profile of segment '${sg}' in ${region}`,
          `move consumers of segment '${sg}' in ${region} to another region or split the segment`,
        );
      }
      for (const cs of spokes) {
        // Each spoke gets all of its hub zones (and forwarding rules) through its segment's profile alone.
        report('profilesPerVpc', key('consumers', cs.name), 1, `the VPC of consumer '${cs.name}'`, 'give each VPC one profile');
      }
    }

    const peerings = hubRegions(env).length - 1;
    report(
      'transitGatewayAttachments',
      hubPath,
      1 + peerings + spokes.length + onPrem.length,
      `the Transit Gateway of ${region} (hub, ${peerings} peering(s), ${spokes.length} spoke(s), ${onPrem.length} on-premises attachment(s))`,
      `move consumers of ${region} to another region`,
    );
    report(
      'transitGatewayRouteTables',
      hubPath,
      segments.length + 1 + (onPrem.length > 0 ? 1 : 0),
      `the Transit Gateway of ${region}`,
      'use fewer segments',
    );
    // Propagated routes: every spoke into shared-services, and into its own segment's table with
    // spoke-to-spoke; the hub into every table; static routes to every other hub in shared-services.
    // On-premises (its own CIDRs counted: what BGP brings may be more): the hub and the spokes of
    // the reached segments into the onprem table, the on-premises ranges into shared-services and
    // the reached segments' tables (twice with static routes).
    const reach = onPrem.length > 0 ? reachSegments(onPrem[0].config) : [];
    const onPremRoutes =
      onPrem.length === 0
        ? 0
        : 1 +
          reach.reduce((n, sg) => n + spokesOf(sg), 0) +
          onPrem.reduce((n, o) => n + o.config.cidrs.length * (1 + reach.length) * (o.config.vpn?.staticRoutesOnly ? 2 : 1), 0);
    const routes =
      spokes.length +
      spokes.filter((cs) => env.segments[cs.segment]?.spokeToSpoke).length +
      (segments.length + 1) +
      peerings +
      onPremRoutes;
    report('transitGatewayRoutes', hubPath, routes, `the Transit Gateway of ${region}`, `move consumers of ${region} to another region`);
    if (onPremSources > 0) {
      report(
        'securityGroupInboundRules',
        `${hubPath}`,
        onPremSources * 2,
        `the security group of the Route 53 Resolver inbound endpoint in ${region} (TCP and UDP 53)`,
        'use fewer, larger on-premises ranges',
      );
    }
    if (env.network.shareWith === 'accounts') {
      report(
        'ramPrincipalsPerShare',
        'network.shareWith',
        new Set(spokes.map((cs) => cs.accountId)).size,
        `the RAM share of the Transit Gateway of ${region}`,
        "share with the organization (shareWith: 'organization')",
      );
    }
  }

  for (const consumer of env.consumers) {
    const path = key('consumers', consumer.name);
    const consumed = consumedServices(env, consumer);
    report(
      'interfaceEndpointsPerVpc',
      `${path}.consumes`,
      consumed.filter((s) => s.config.kind !== 'resource').length,
      `the VPC of consumer '${consumer.name}'`,
      'consume fewer services from this VPC',
    );
  }

  /** A per-Region quota that each service counts against in its own account and Region (reported at the last of them). */
  const reportPerAccountRegion = (
    name: QuotaName,
    services: readonly { readonly name: string; readonly config: { readonly accountId: string; readonly region: string } }[],
    driver: string,
  ): void => {
    const byWhere = new Map<string, string[]>();
    for (const svc of services) {
      const where = `${svc.config.accountId}/${svc.config.region}`;
      byWhere.set(where, [...(byWhere.get(where) ?? []), svc.name]);
    }
    for (const [where, names] of byWhere) {
      report(name, key('services', names[names.length - 1]), names.length, `account ${where.replace('/', ' in ')}`, driver);
    }
  };

  const published = servicesOfKind(env, 'published');
  for (const svc of published) {
    const rules = Object.keys(segmentSources(env)).length * servicePorts(svc.config).length;
    report(
      'securityGroupInboundRules',
      key('services', svc.name),
      rules,
      `the NLB security group of '${svc.name}'`,
      'use fewer, larger segment ranges or fewer listeners',
    );
  }
  reportPerAccountRegion('networkLoadBalancersPerRegion', published, 'publish some services from another account or region');
  const resources = servicesOfKind(env, 'resource');
  for (const svc of resources) {
    const consumers = new Set(env.consumers.filter((cs) => (cs.consumes ?? []).includes(svc.name)).map((cs) => cs.accountId));
    report(
      'ramPrincipalsPerShare',
      key('services', svc.name),
      consumers.size,
      `the RAM share of '${svc.name}'`,
      'share the resource from a second service',
    );
  }
  reportPerAccountRegion('resourceConfigurationsPerRegion', resources, 'share some resources from another account or region');
}

/** `quotas`: raised values of adjustable quotas, whole numbers at least the default. */
export function checkQuotaOverrides(c: Checker, v: unknown): void {
  if (v === undefined) return;
  const overrides = c.object('quotas', v, '');
  if (!overrides) return;
  c.unknownFields('quotas', overrides, Object.keys(QUOTAS));
  for (const [name, value] of Object.entries(overrides)) {
    const q = (QUOTAS as Record<string, Quota>)[name];
    if (!q) continue;
    const p = `quotas.${name}`;
    if (!q.adjustable) c.add(p, `'${q.what}' is not adjustable (${q.limit}); remove it`);
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < q.limit) {
      c.add(
        p,
        `${typeof value === 'number' ? value : JSON.stringify(value)} is not a raised quota; give the whole number AWS raised '${q.what}' to (at least the default ${q.limit})`,
      );
    }
  }
}
