/**
 * The topology of an environment as a Mermaid flowchart, drawn from the same typed config the
 * stacks are synthesized from, so the picture in the docs cannot drift from what is deployed
 * (a test compares the committed files with a fresh render).
 *
 * Accounts are subgraphs, regions are subgraphs inside them. Output is deterministic: regions,
 * segments, endpoint sets and consumers are sorted by name, and nothing depends on time or
 * on the machine.
 */
import type { ConsumerConfig, EnvironmentConfig } from '../config/types';
import { azSubnetCidr } from '../net/cidr';
import {
  SHARED_SERVICES_ROUTE_TABLE,
  consumerDnsName,
  hubOf,
  hubPairs,
  hubRegions,
  setReachesSegment,
  sortedEndpointSets,
} from '../config/topology';

/**
 * A Mermaid-safe node id from name parts. Each part keeps only `[A-Za-z0-9]` (others become
 * `_`) and parts are joined with `__`, so `ledger-eu` + `x` and `ledger` + `eu-x` stay distinct
 * as long as names carry no underscores (DNS-safe names and region names never do).
 */
export function nodeId(...parts: readonly string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9]/g, '_')).join('__');
}

/** A quoted Mermaid label; lines are joined with `<br/>`, double quotes become `#quot;`. */
function label(...lines: readonly string[]): string {
  return `"${lines.map((l) => l.replace(/"/g, '#quot;')).join('<br/>')}"`;
}

/** VPC label lines: CIDR, then one private subnet per AZ as the stacks carve it. */
function vpcLines(title: string, cidr: string, azs: readonly string[]): string[] {
  return [title, cidr, ...[...azs].sort().map((az) => `${az}: ${azSubnetCidr(cidr, az)}`)];
}

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

  node(id: string, shape: 'box' | 'hexagon' | 'cylinder' | 'stadium' | 'subroutine', cls: string, lines: readonly string[]): void {
    const l = label(...lines);
    const text = {
      box: `[${l}]`,
      hexagon: `{{${l}}}`,
      cylinder: `[(${l})]`,
      stadium: `([${l}])`,
      subroutine: `[[${l}]]`,
    }[shape];
    this.line(`${id}${text}`);
    const members = this.classes.get(cls) ?? [];
    members.push(id);
    this.classes.set(cls, members);
  }

  /** `arrow` is a Mermaid link such as `-->`, `---`, `-.->` or `==>`. */
  edge(from: string, arrow: string, to: string, text?: string): void {
    this.edges.push(`  ${from} ${arrow}${text ? `|${text}|` : ''} ${to}`);
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
const CLASS_STYLES: Readonly<Record<string, string>> = {
  vpc: 'fill:#f2f8ea,stroke:#7aa116,color:#1b2f05',
  tgw: 'fill:#ede7fb,stroke:#8c4fff,color:#2a0a66',
  rt: 'fill:#f7f4ff,stroke:#8c4fff,color:#2a0a66',
  endpoint: 'fill:#e8f1fd,stroke:#2f6fd6,color:#0b2a5c',
  zone: 'fill:#fdf0e8,stroke:#ed7100,color:#4d2400',
  lb: 'fill:#e8f7f4,stroke:#01a88d,color:#033d33',
  notify: 'fill:#fce8f1,stroke:#e7157b,color:#520a2b',
};

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
  const provider = env.provider;
  const service = provider.service;
  const consumers = [...env.consumers].sort((a, b) => a.name.localeCompare(b.name));
  const tgw = (region: string): string => nodeId('net', region, 'tgw');

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
        for (const [setName, set] of sortedEndpointSets(hub)) {
          const reach = set.segments ? `segments: ${[...set.segments].sort().join(', ')}` : 'all segments';
          chart.node(nodeId('net', region, 'eps', setName), 'subroutine', 'endpoint', [
            `endpoint set ${setName}`,
            set.services.join(', '),
            `${hub.azs.length} AZs, ${reach}`,
          ]);
          chart.node(nodeId('net', region, 'zones', setName), 'cylinder', 'zone', [
            `${set.services.length} private hosted zone${set.services.length === 1 ? '' : 's'}`,
            `set ${setName}, one per endpoint`,
          ]);
        }
      });
    }
  });

  // Service provider account.
  const endpointService = nodeId('prv', service.name, 'eps');
  chart.subgraph(nodeId('acct', 'provider'), `provider account ${provider.accountId}`, () => {
    chart.subgraph(nodeId('prv', provider.region), provider.region, () => {
      const listeners = service.listeners.map((l) => `${l.protocol ?? 'TCP'} ${l.port}`).join(', ');
      chart.node(endpointService, 'stadium', 'endpoint', [
        `endpoint service ${service.name}`,
        service.privateDnsName ? `private DNS ${service.privateDnsName}` : `consumers resolve ${consumerDnsName(env)}`,
      ]);
      chart.node(nodeId('prv', service.name, 'nlb'), 'box', 'lb', [
        'internal NLB',
        listeners,
        `${provider.azs.length} AZs`,
      ]);
      chart.node(nodeId('prv', service.name, 'vpc'), 'box', 'vpc', [
        ...vpcLines('provider VPC', provider.cidr, provider.azs),
        `targets: ${service.targets.join(', ')}`,
      ]);
      chart.node(nodeId('prv', service.name, 'sns'), 'box', 'notify', ['SNS topic', 'connection notifications']);
    });
  });

  // Consumer accounts, each one spoke VPC.
  for (const consumer of consumers) {
    chart.subgraph(nodeId('acct', 'consumer', consumer.name), `consumer ${consumer.name} account ${consumer.accountId}`, () => {
      chart.subgraph(nodeId('con', consumer.name, consumer.region), consumer.region, () => {
        const hub = hubOf(env, consumer);
        const hubSets = sortedEndpointSets(hub)
          .filter(([, set]) => setReachesSegment(set, consumer.segment))
          .map(([name]) => name);
        chart.node(nodeId('con', consumer.name, 'vpc'), 'box', 'vpc', [
          ...vpcLines(`spoke VPC ${consumer.name}`, consumer.cidr, consumer.azs),
          `hub zones: ${hubSets.length ? hubSets.join(', ') : 'none'}`,
        ]);
        chart.node(nodeId('con', consumer.name, 'ep'), 'subroutine', 'endpoint', [
          `interface endpoint to ${service.name}`,
          `${consumer.azs.length} AZs`,
        ]);
        if (!service.privateDnsName) {
          chart.node(nodeId('con', consumer.name, 'zone'), 'cylinder', 'zone', ['private hosted zone', consumerDnsName(env)]);
        }
      });
    });
  }

  // Edges: hubs.
  for (const region of hubRegions(env)) {
    const hub = net.hubs[region];
    for (const rt of [...segments, SHARED_SERVICES_ROUTE_TABLE]) chart.edge(tgw(region), '---', nodeId('net', region, 'rt', rt));
    chart.edge(nodeId('net', region, 'vpc'), '-->', tgw(region), `attachment, ${SHARED_SERVICES_ROUTE_TABLE}`);
    for (const [setName] of sortedEndpointSets(hub)) {
      chart.edge(nodeId('net', region, 'vpc'), '---', nodeId('net', region, 'eps', setName));
      chart.edge(nodeId('net', region, 'eps', setName), '---', nodeId('net', region, 'zones', setName));
    }
  }
  for (const [a, b] of hubPairs(env)) chart.edge(tgw(a), '<==>', tgw(b), 'TGW peering');

  // Edges: provider.
  chart.edge(endpointService, '-->', nodeId('prv', service.name, 'nlb'));
  chart.edge(nodeId('prv', service.name, 'nlb'), '-->', nodeId('prv', service.name, 'vpc'), 'targets');
  chart.edge(endpointService, '-.->', nodeId('prv', service.name, 'sns'), 'notifications');

  // Edges: consumers.
  for (const consumer of consumers) {
    chart.edge(nodeId('con', consumer.name, 'vpc'), '-->', tgw(consumer.region), `attachment, segment ${consumer.segment}`);
    chart.edge(nodeId('con', consumer.name, 'vpc'), '---', nodeId('con', consumer.name, 'ep'));
    if (!service.privateDnsName) chart.edge(nodeId('con', consumer.name, 'zone'), '-.->', nodeId('con', consumer.name, 'ep'), 'alias');
    const [arrow, text] = privateLinkArrow(env, consumer);
    chart.edge(nodeId('con', consumer.name, 'ep'), arrow, endpointService, text);
  }

  return chart.render([
    'flowchart LR',
    `  %% ${env.name} topology: generated from the ${env.name} environment by scripts/diagram.ts; do not edit by hand`,
  ]);
}

/** Same-region PrivateLink is a solid arrow; cross-region a dotted one, so it stands out. */
function privateLinkArrow(env: EnvironmentConfig, consumer: ConsumerConfig): [string, string] {
  return consumer.region === env.provider.region ? ['-->', 'PrivateLink'] : ['-.->', 'cross-region PrivateLink'];
}

/** The markdown page for `docs/<env>-topology.md`: a heading and the Mermaid block. */
export function renderMarkdown(env: EnvironmentConfig, mermaid: string = renderMermaid(env)): string {
  return [
    `# ${env.name} topology`,
    '',
    `Generated from the \`${env.name}\` environment by \`npm run diagram -- --env ${env.name}\`; do not edit by hand.`,
    `Solid arrows into the endpoint service are same-region PrivateLink, dotted ones cross-region PrivateLink;`,
    'spoke edges into a Transit Gateway name the segment whose route table the attachment is associated with.',
    '',
    '```mermaid',
    mermaid.trimEnd(),
    '```',
    '',
  ].join('\n');
}

export const diagramMarkers = (envName: string): { readonly start: string; readonly end: string } => ({
  start: `<!-- diagram:${envName}:start -->`,
  end: `<!-- diagram:${envName}:end -->`,
});

/** Whether a README carries the markers of an environment's diagram. */
export function hasDiagramMarkers(readme: string, envName: string): boolean {
  const { start, end } = diagramMarkers(envName);
  return readme.includes(start) || readme.includes(end);
}

/**
 * Replaces what lies between `<!-- diagram:<env>:start -->` and `<!-- diagram:<env>:end -->`
 * with a Mermaid block. A README without the markers comes back unchanged; markers that are
 * unpaired, out of order or repeated throw, naming what to fix.
 */
export function embedDiagram(readme: string, envName: string, mermaid: string): string {
  const { start, end } = diagramMarkers(envName);
  const count = (s: string): number => readme.split(s).length - 1;
  const starts = count(start);
  const ends = count(end);
  if (starts === 0 && ends === 0) return readme;
  if (starts !== 1 || ends !== 1) {
    throw new Error(`README must contain exactly one '${start}' and one '${end}' (found ${starts} and ${ends})`);
  }
  const from = readme.indexOf(start) + start.length;
  const to = readme.indexOf(end);
  if (to < from) throw new Error(`'${end}' comes before '${start}' in README; swap them`);
  return `${readme.slice(0, from)}\n\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n${readme.slice(to)}`;
}
