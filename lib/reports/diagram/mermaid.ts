/**
 * The topology of an environment as a Mermaid flowchart, drawn from the same typed config the
 * stacks are synthesized from, so the picture in the docs cannot drift from what is deployed
 * (a test compares the committed files with a fresh render).
 *
 * Accounts are subgraphs, regions are subgraphs inside them; every catalog service is a subgraph
 * of its owner's account (a vendor's, for an external service) titled with its kind. Each
 * consumer has one endpoint node per consumed service, with an edge to that service: solid for
 * same-region PrivateLink, dotted for cross-region, thick for a resource endpoint.
 *
 * Output is deterministic: accounts, regions, segments, endpoint sets, services and consumers
 * are sorted by name, and nothing depends on time or on the machine.
 */
import type {
  ConsumerConfig,
  EnvironmentConfig,
  ExternalServiceConfig,
  PublishedServiceConfig,
  ResourceServiceConfig,
  ResourceTarget,
} from '../../config/types';
import { interfaceEndpointDnsNames } from '../../aws/catalog';
import { azSubnetCidr } from '../../net/cidr';
import {
  type NamedService,
  ONPREM_ROUTE_TABLE,
  SHARED_SERVICES_ROUTE_TABLE,
  dnsModeOf,
  forwardingRulesOf,
  onPremisesNetworks,
  onPremisesOf,
  onPremisesReaching,
  reachSegments,
  resolverInboundIps,
  segmentsOfSet,
  usesProfiles,
  usesZoneAssociations,
  consumedServices,
  consumerDnsName,
  consumerZoneOf,
  consumersOf,
  endpointServiceRegion,
  hubOf,
  hubPairs,
  hubRegions,
  serviceOwner,
  servicePorts,
  servicesOfKind,
  setReachesSegment,
  sortedEndpointSets,
  supportedRegions,
} from '../../config/topology';

/**
 * A Mermaid-safe node id from name parts. Each part keeps only `[A-Za-z0-9]` (others become
 * `_`) and parts are joined with `__`, so `ledger-eu` + `x` and `ledger` + `eu-x` stay distinct
 * as long as names carry no underscores (DNS-safe names and region names never do).
 */
export function nodeId(...parts: readonly string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9]/g, '_')).join('__');
}

/** The node a consumer's endpoint to `svc` points at: the endpoint service, resource configuration, or the vendor's service in `region`. */
export function serviceEntryId(svc: NamedService, region: string): string {
  return svc.config.kind === 'external'
    ? nodeId('svc', svc.name, 'eps', region)
    : nodeId('svc', svc.name, svc.config.kind === 'resource' ? 'cfg' : 'eps');
}

/** A consumer's endpoint node for one service. */
export function consumerEndpointId(consumer: string, service: string): string {
  return nodeId('con', consumer, 'ep', service);
}

/** Mermaid links by kind of PrivateLink connection, and their edge labels. */
export const LINKS = {
  sameRegion: { arrow: '-->', text: 'PrivateLink' },
  crossRegion: { arrow: '-.->', text: 'cross-region PrivateLink' },
  resource: { arrow: '==>', text: 'resource endpoint' },
} as const;

/** A quoted Mermaid label; lines are joined with `<br/>`, double quotes become `#quot;`. */
function label(...lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/"/g, '#quot;')).join('<br/>')}"`;
}

/** VPC label lines: CIDR, then one private subnet per AZ as the stacks carve it. */
function vpcLines(title: string, cidr: string, azs: readonly string[]): string[] {
  return [title, cidr, ...[...azs].sort().map((az) => `${az}: ${azSubnetCidr(cidr, az)}`)];
}

type Shape = 'box' | 'hexagon' | 'cylinder' | 'stadium' | 'subroutine';

/** Collects the lines of the chart; nodes go where they are declared, edges at the end. */
class Chart {
  private readonly body: string[] = [];
  private readonly edges: string[] = [];
  private readonly classes = new Map<string, string[]>();
  private depth = 1;

  subgraph(id: string, title: string, fill: () => void): void {
    this.line(`subgraph ${id}[${label(title)}]`);
    this.depth++;
    fill();
    this.depth--;
    this.line('end');
  }

  node(id: string, shape: Shape, cls: keyof typeof CLASS_STYLES, lines: readonly string[]): void {
    const l = label(...lines);
    const text = { box: `[${l}]`, hexagon: `{{${l}}}`, cylinder: `[(${l})]`, stadium: `([${l}])`, subroutine: `[[${l}]]` }[shape];
    this.line(`${id}${text}`);
    const members = this.classes.get(cls) ?? [];
    members.push(id);
    this.classes.set(cls, members);
  }

  /** `arrow` is a Mermaid link such as `-->`, `---`, `-.->` or `==>`. */
  edge(from: string, arrow: string, to: string, text?: string): void {
    this.edges.push(`  ${from} ${arrow}${text ? `|${text.replace(/[|"]/g, ' ')}|` : ''} ${to}`);
  }

  private line(text: string): void {
    this.body.push(`${'  '.repeat(this.depth)}${text}`);
  }

  render(header: readonly string[]): string {
    const classDefs = Object.entries(CLASS_STYLES).map(([name, style]) => `  classDef ${name} ${style}`);
    const classLines = [...this.classes.keys()].sort().map((cls) => `  class ${this.classes.get(cls)!.join(',')} ${cls}`);
    return [...header, ...this.body, ...this.edges, ...classDefs, ...classLines].join('\n') + '\n';
  }
}

/** Colours by resource kind, close to the AWS architecture icon palette. */
const CLASS_STYLES = {
  vpc: 'fill:#f2f8ea,stroke:#7aa116,color:#1b2f05',
  tgw: 'fill:#ede7fb,stroke:#8c4fff,color:#2a0a66',
  rt: 'fill:#f7f4ff,stroke:#8c4fff,color:#2a0a66',
  endpoint: 'fill:#e8f1fd,stroke:#2f6fd6,color:#0b2a5c',
  zone: 'fill:#fdf0e8,stroke:#ed7100,color:#4d2400',
  lb: 'fill:#e8f7f4,stroke:#01a88d,color:#033d33',
  notify: 'fill:#fce8f1,stroke:#e7157b,color:#520a2b',
  vendor: 'fill:#f2f3f3,stroke:#545b64,color:#16191f',
  onprem: 'fill:#fff6e0,stroke:#b07d12,color:#3d2a00',
} as const;

const portList = (svc: NamedService): string =>
  servicePorts(svc.config)
    .map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`))
    .join(', ');

/** The consumers of a service, by name, for its node's label. */
const consumersLine = (env: EnvironmentConfig, service: string): string =>
  `consumers: ${
    consumersOf(env, service)
      .map((c) => c.name)
      .sort()
      .join(', ') || 'none'
  }`;

function targetText(t: ResourceTarget): string {
  if ('ipAddress' in t) return `IP ${t.ipAddress}`;
  if ('dnsName' in t) return `DNS ${t.dnsName}`;
  return `ARN ${t.arn}`;
}

/** Renders an environment's topology as a Mermaid `flowchart LR`, ending in a newline. */
export function renderMermaid(env: EnvironmentConfig): string {
  const chart = new Chart();
  const net = env.network;
  const segments = Object.keys(env.segments).sort();
  if (segments.includes(SHARED_SERVICES_ROUTE_TABLE)) {
    throw new Error(
      `${env.name}: segment name '${SHARED_SERVICES_ROUTE_TABLE}' is reserved for the route table of the hub VPC attachment; rename the segment`,
    );
  }
  const consumers = [...env.consumers].sort((a, b) => a.name.localeCompare(b.name));
  const tgw = (region: string): string => nodeId('net', region, 'tgw');
  const published = servicesOfKind(env, 'published');
  const resources = servicesOfKind(env, 'resource');
  const externals = servicesOfKind(env, 'external');

  // Network account: one hub per region.
  chart.subgraph(nodeId('acct', 'network'), `network account ${net.accountId}`, () => {
    for (const region of hubRegions(env)) {
      const hub = net.hubs[region];
      chart.subgraph(nodeId('net', region), region, () => {
        chart.node(nodeId('net', region, 'vpc'), 'box', 'vpc', vpcLines('hub VPC', hub.cidr, hub.azs));
        chart.node(tgw(region), 'hexagon', 'tgw', [
          'Transit Gateway',
          `ASN ${hub.asn}`,
          `RAM share: ${net.shareWith === 'accounts' ? 'consumer accounts' : 'organization'}`,
        ]);
        for (const segment of segments) {
          chart.node(nodeId('net', region, 'rt', segment), 'box', 'rt', ['TGW route table', `segment ${segment}`]);
        }
        chart.node(nodeId('net', region, 'rt', SHARED_SERVICES_ROUTE_TABLE), 'box', 'rt', ['TGW route table', SHARED_SERVICES_ROUTE_TABLE]);
        const onPrem = onPremisesOf(env, region);
        if (onPrem.length > 0) {
          chart.node(nodeId('net', region, 'rt', ONPREM_ROUTE_TABLE), 'box', 'rt', [
            'TGW route table',
            `${ONPREM_ROUTE_TABLE} (on-premises attachments)`,
          ]);
          const rules = forwardingRulesOf(env, region);
          chart.node(nodeId('net', region, 'resolver'), 'subroutine', 'endpoint', [
            'Route 53 Resolver inbound endpoint',
            resolverInboundIps(hub)
              .map((a) => a.ip)
              .join(', '),
            'DNS from on-premises (TCP/UDP 53)',
            ...(rules.length > 0 ? [`outbound endpoint, forwards ${[...new Set(rules.map((r) => r.domain))].join(', ')}`] : []),
          ]);
        }
        if (usesProfiles(dnsModeOf(env, region))) {
          for (const segment of segments) {
            const sets = sortedEndpointSets(hub)
              .filter(([, set]) => setReachesSegment(set, segment))
              .map(([n]) => n);
            const rules = forwardingRulesOf(env, region).filter((r) => r.segments.includes(segment));
            chart.node(nodeId('net', region, 'profile', segment), 'cylinder', 'zone', [
              `Route 53 Profile, segment ${segment}`,
              `zones of sets: ${sets.join(', ') || 'none'}`,
              ...(rules.length > 0 ? [`forwarding rules: ${rules.map((r) => r.domain).join(', ')}`] : []),
              `RAM share: ${net.shareWith === 'accounts' ? 'consumer accounts' : 'organization'}`,
            ]);
          }
        }
        for (const [setName, set] of sortedEndpointSets(hub)) {
          const reach = set.segments ? `segments: ${[...set.segments].sort().join(', ')}` : 'all segments';
          chart.node(nodeId('net', region, 'eps', setName), 'subroutine', 'endpoint', [
            `endpoint set ${setName}`,
            set.services.join(', '),
            `${hub.azs.length} AZs, ${reach}`,
          ]);
          const zoneCount = set.services.reduce((n, s) => n + interfaceEndpointDnsNames(s, region).length, 0);
          chart.node(nodeId('net', region, 'zones', setName), 'cylinder', 'zone', [
            `${zoneCount} private hosted zone${zoneCount === 1 ? '' : 's'}`,
            `set ${setName}, one per private DNS name`,
          ]);
        }
      });
    }
  });

  // Service owner accounts: published and resource services, by account, region and name.
  const owned = [...published, ...resources];
  for (const account of [...new Set(owned.map((s) => s.config.accountId))].sort()) {
    const mine = owned.filter((s) => s.config.accountId === account);
    chart.subgraph(nodeId('acct', 'owner', account), `service owner account ${account}`, () => {
      for (const region of [...new Set(mine.map((s) => s.config.region))].sort()) {
        chart.subgraph(nodeId('own', account, region), region, () => {
          for (const svc of mine.filter((s) => s.config.region === region).sort((a, b) => a.name.localeCompare(b.name))) {
            if (svc.config.kind === 'published') publishedService(chart, env, { name: svc.name, config: svc.config });
            else resourceService(chart, env, { name: svc.name, config: svc.config });
          }
        });
      }
    });
  }

  // External services: the vendor's endpoint service in each of its regions.
  for (const svc of externals) {
    const vendor = serviceOwner(svc);
    chart.subgraph(nodeId('acct', 'vendor', svc.name), `vendor ${vendor}`, () => {
      for (const region of Object.keys(svc.config.serviceNames).sort()) {
        chart.subgraph(nodeId('ven', svc.name, region), region, () => externalService(chart, svc, region));
      }
    });
  }

  // On-premises networks, each attached to the hub of its region.
  for (const n of onPremisesNetworks(env)) {
    chart.subgraph(nodeId('acct', 'onprem', n.name), `on-premises network ${n.name}`, () => {
      const reach = reachSegments(n.config);
      chart.node(nodeId('onprem', n.name), 'box', 'onprem', [
        n.name,
        ...n.config.cidrs,
        `reaches: hub ${n.config.region}${reach.length ? `, segments ${reach.join(', ')}` : ''}`,
        ...(n.config.forwardDomains?.length
          ? [`DNS for ${n.config.forwardDomains.join(', ')}: ${(n.config.dnsServers ?? []).join(', ')}`]
          : []),
      ]);
    });
  }

  // Consumer accounts, each one spoke VPC with one endpoint per consumed service.
  for (const consumer of consumers) {
    chart.subgraph(nodeId('acct', 'consumer', consumer.name), `consumer ${consumer.name} account ${consumer.accountId}`, () => {
      chart.subgraph(nodeId('con', consumer.name, consumer.region), consumer.region, () => consumerNodes(chart, env, consumer));
    });
  }

  // Edges: hubs.
  for (const region of hubRegions(env)) {
    const hub = net.hubs[region];
    const onPrem = onPremisesOf(env, region);
    const tables = [...segments, SHARED_SERVICES_ROUTE_TABLE, ...(onPrem.length > 0 ? [ONPREM_ROUTE_TABLE] : [])];
    for (const rt of tables) chart.edge(tgw(region), '---', nodeId('net', region, 'rt', rt));
    chart.edge(nodeId('net', region, 'vpc'), '-->', tgw(region), `attachment, ${SHARED_SERVICES_ROUTE_TABLE}`);
    const profiles = usesProfiles(dnsModeOf(env, region));
    for (const [setName, set] of sortedEndpointSets(hub)) {
      chart.edge(nodeId('net', region, 'vpc'), '---', nodeId('net', region, 'eps', setName));
      chart.edge(nodeId('net', region, 'eps', setName), '---', nodeId('net', region, 'zones', setName));
      if (profiles)
        for (const sg of segmentsOfSet(env, set))
          chart.edge(nodeId('net', region, 'zones', setName), '-.->', nodeId('net', region, 'profile', sg), 'in profile');
    }
    if (onPrem.length > 0) chart.edge(nodeId('net', region, 'vpc'), '---', nodeId('net', region, 'resolver'));
    for (const n of onPrem) {
      const vpn = n.config.vpn;
      const how = vpn
        ? `Site-to-Site VPN, ${vpn.staticRoutesOnly ? 'static routes' : `BGP ASN ${vpn.bgpAsn}`}, ${ONPREM_ROUTE_TABLE}`
        : `Direct Connect gateway ${n.config.directConnect?.gatewayId}, ${ONPREM_ROUTE_TABLE}`;
      chart.edge(nodeId('onprem', n.name), '<-->', tgw(region), how);
      chart.edge(nodeId('onprem', n.name), '-.->', nodeId('net', region, 'resolver'), 'DNS forwarders');
    }
  }
  for (const [a, b] of hubPairs(env)) chart.edge(tgw(a), '<==>', tgw(b), 'TGW peering');

  // Edges: inside the services.
  for (const svc of published) {
    const eps = nodeId('svc', svc.name, 'eps');
    chart.edge(eps, '-->', nodeId('svc', svc.name, 'nlb'));
    chart.edge(nodeId('svc', svc.name, 'nlb'), '-->', nodeId('svc', svc.name, 'vpc'), 'targets');
    chart.edge(eps, '-.->', nodeId('svc', svc.name, 'sns'), 'notifications');
  }
  for (const svc of resources) {
    chart.edge(nodeId('svc', svc.name, 'cfg'), '-->', nodeId('svc', svc.name, 'gw'));
    chart.edge(nodeId('svc', svc.name, 'gw'), '-->', nodeId('svc', svc.name, 'vpc'), `ports ${portList(svc)}`);
  }

  // Edges: consumers.
  for (const consumer of consumers) {
    const vpc = nodeId('con', consumer.name, 'vpc');
    chart.edge(vpc, '-->', tgw(consumer.region), `attachment, segment ${consumer.segment}`);
    if (usesProfiles(dnsModeOf(env, consumer.region)))
      chart.edge(vpc, '-.->', nodeId('net', consumer.region, 'profile', consumer.segment), 'profile association');
    for (const svc of consumedServices(env, consumer)) {
      const ep = consumerEndpointId(consumer.name, svc.name);
      chart.edge(vpc, '---', ep);
      if (consumerZoneOf(env, svc) !== undefined) chart.edge(nodeId('con', consumer.name, 'zone', svc.name), '-.->', ep, 'alias');
      const target = endpointServiceRegion(svc.config, consumer.region);
      const link = svc.config.kind === 'resource' ? LINKS.resource : target === consumer.region ? LINKS.sameRegion : LINKS.crossRegion;
      chart.edge(ep, link.arrow, serviceEntryId(svc, target), link.text);
    }
  }

  return chart.render([
    'flowchart LR',
    `  %% ${env.name} topology: generated from the ${env.name} environment by scripts/diagram.ts; do not edit by hand`,
  ]);
}

function publishedService(chart: Chart, env: EnvironmentConfig, svc: NamedService<PublishedServiceConfig>): void {
  const cfg = svc.config;
  const others = supportedRegions(env, cfg);
  chart.subgraph(nodeId('svc', svc.name), `published service ${svc.name}`, () => {
    chart.node(nodeId('svc', svc.name, 'eps'), 'stadium', 'endpoint', [
      `endpoint service ${svc.name}`,
      cfg.privateDnsName ? `private DNS ${cfg.privateDnsName}` : `consumers resolve ${consumerDnsName(env, svc)}`,
      others.length ? `cross-region from: ${others.join(', ')}` : 'same-region consumers only',
      consumersLine(env, svc.name),
    ]);
    chart.node(nodeId('svc', svc.name, 'nlb'), 'box', 'lb', [
      'internal NLB',
      cfg.listeners.map((l) => `${l.protocol ?? 'TCP'} ${l.port}`).join(', '),
      `${cfg.azs.length} AZs`,
    ]);
    chart.node(nodeId('svc', svc.name, 'vpc'), 'box', 'vpc', [
      ...vpcLines(`VPC of ${svc.name}`, cfg.cidr, cfg.azs),
      `targets: ${cfg.targets.join(', ')}`,
    ]);
    chart.node(nodeId('svc', svc.name, 'sns'), 'box', 'notify', ['SNS topic', 'connection notifications']);
  });
}

function resourceService(chart: Chart, env: EnvironmentConfig, svc: NamedService<ResourceServiceConfig>): void {
  const cfg = svc.config;
  chart.subgraph(nodeId('svc', svc.name), `resource service ${svc.name}`, () => {
    chart.node(nodeId('svc', svc.name, 'cfg'), 'stadium', 'endpoint', [
      `resource configuration ${svc.name}`,
      `${targetText(cfg.resource)}, TCP ${portList(svc)}`,
      'RAM share to consumer accounts',
      consumersLine(env, svc.name),
    ]);
    chart.node(nodeId('svc', svc.name, 'gw'), 'box', 'lb', ['resource gateway', `${cfg.azs.length} AZs`]);
    chart.node(nodeId('svc', svc.name, 'vpc'), 'box', 'vpc', vpcLines(`VPC of ${svc.name}`, cfg.cidr, cfg.azs));
  });
}

function externalService(chart: Chart, svc: NamedService<ExternalServiceConfig>, region: string): void {
  const cfg = svc.config;
  const crossRegion = cfg.serviceRegion === region && (cfg.supportedRegions ?? []).length > 0;
  chart.node(nodeId('svc', svc.name, 'eps', region), 'stadium', 'vendor', [
    `external service ${svc.name}`,
    cfg.serviceNames[region],
    `TCP ${portList(svc)}`,
    cfg.privateDnsName ? `private DNS ${cfg.privateDnsName}` : `consumers resolve ${cfg.dns?.zoneName ?? '(no DNS given)'}`,
    ...(crossRegion ? [`cross-region from: ${[...cfg.supportedRegions!].sort().join(', ')}`] : []),
  ]);
}

function consumerNodes(chart: Chart, env: EnvironmentConfig, consumer: ConsumerConfig): void {
  const hub = hubOf(env, consumer);
  const hubSets = sortedEndpointSets(hub)
    .filter(([, set]) => setReachesSegment(set, consumer.segment))
    .map(([name]) => name);
  const mode = dnsModeOf(env, consumer.region);
  const via = [...(usesZoneAssociations(mode) ? ['associated'] : []), ...(usesProfiles(mode) ? [`profile ${consumer.segment}`] : [])].join(
    ' and ',
  );
  const onPrem = onPremisesReaching(env, consumer).map((n) => n.name);
  chart.node(nodeId('con', consumer.name, 'vpc'), 'box', 'vpc', [
    ...vpcLines(`spoke VPC ${consumer.name}`, consumer.cidr, consumer.azs),
    `hub zones: ${hubSets.length ? `${hubSets.join(', ')}${mode === 'zone-associations' ? '' : ` (${via})`}` : 'none'}`,
    ...(onPrem.length ? [`on-premises: ${onPrem.join(', ')}`] : []),
  ]);
  for (const svc of consumedServices(env, consumer)) {
    const cfg = svc.config;
    const target = endpointServiceRegion(cfg, consumer.region);
    const where = target === consumer.region ? [] : [`service region ${target}`];
    const dns = cfg.kind !== 'resource' && cfg.privateDnsName ? [`private DNS ${cfg.privateDnsName}`] : [];
    chart.node(consumerEndpointId(consumer.name, svc.name), 'subroutine', 'endpoint', [
      `${cfg.kind === 'resource' ? 'resource endpoint' : 'interface endpoint'} to ${svc.name}`,
      `${consumer.azs.length} AZs`,
      ...where,
      ...dns,
    ]);
    const zone = consumerZoneOf(env, svc);
    if (zone !== undefined) chart.node(nodeId('con', consumer.name, 'zone', svc.name), 'cylinder', 'zone', ['private hosted zone', zone]);
  }
}
