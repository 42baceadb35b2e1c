import * as fs from 'fs';
import * as path from 'path';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { embedDiagram, hasDiagramMarkers, nodeId, renderMarkdown, renderMermaid } from '../../../lib/reports/diagram';

const root = path.join(__dirname, '../../..');
const mermaid = renderMermaid(prod);
const lines = mermaid.split('\n');
const endpointService = nodeId('prv', 'payments', 'eps');

/** The one edge line from `from` to `to`. */
function edge(from: string, to: string): string {
  const found = lines.filter((l) => l.trim().startsWith(`${from} `) && l.trim().endsWith(` ${to}`));
  expect(found).toHaveLength(1);
  return found[0].trim();
}

describe('prod diagram', () => {
  it('is a flowchart with one subgraph per account and region', () => {
    expect(lines[0]).toBe('flowchart LR');
    expect(mermaid).toContain('subgraph acct__network["network account 222222222222"]');
    expect(mermaid).toContain('subgraph acct__provider["provider account 333333333333"]');
    for (const c of prod.consumers) {
      expect(mermaid).toContain(`subgraph ${nodeId('acct', 'consumer', c.name)}["consumer ${c.name} account ${c.accountId}"]`);
      expect(mermaid).toContain(`subgraph ${nodeId('con', c.name, c.region)}["${c.region}"]`);
    }
    for (const region of Object.keys(prod.network.hubs)) expect(mermaid).toContain(`subgraph ${nodeId('net', region)}["${region}"]`);
    const opened = lines.filter((l) => l.trim().startsWith('subgraph ')).length;
    expect(lines.filter((l) => l.trim() === 'end')).toHaveLength(opened);
  });

  it('shows every VPC CIDR and its per-AZ subnets', () => {
    for (const cidr of [...Object.values(prod.network.hubs).map((h) => h.cidr), prod.provider.cidr, ...prod.consumers.map((c) => c.cidr)]) {
      expect(mermaid).toContain(`<br/>${cidr}<br/>`);
    }
    expect(mermaid).toContain('us-east-1c: 10.0.2.0/24');
    expect(mermaid).toContain('eu-west-1b: 10.17.1.0/24');
  });

  it('draws each consumer: solid PrivateLink in-region, dotted cross-region', () => {
    expect(edge(nodeId('con', 'checkout', 'ep'), endpointService)).toBe(`${nodeId('con', 'checkout', 'ep')} -->|PrivateLink| ${endpointService}`);
    expect(edge(nodeId('con', 'staging', 'ep'), endpointService)).toBe(`${nodeId('con', 'staging', 'ep')} -->|PrivateLink| ${endpointService}`);
    expect(edge(nodeId('con', 'ledger-eu', 'ep'), endpointService)).toBe(
      `${nodeId('con', 'ledger-eu', 'ep')} -.->|cross-region PrivateLink| ${endpointService}`,
    );
    expect(mermaid.match(/cross-region PrivateLink/g)).toHaveLength(1);
  });

  it('labels each spoke attachment with its segment, into its region\'s TGW', () => {
    for (const c of prod.consumers) {
      expect(edge(nodeId('con', c.name, 'vpc'), nodeId('net', c.region, 'tgw'))).toContain(`-->|attachment, segment ${c.segment}|`);
    }
  });

  it('peers the two Transit Gateways and shows their ASNs', () => {
    expect(edge(nodeId('net', 'eu-west-1', 'tgw'), nodeId('net', 'us-east-1', 'tgw'))).toContain('<==>|TGW peering|');
    expect(mermaid).toContain('ASN 64512');
    expect(mermaid).toContain('ASN 64513');
  });

  it('has a route table per segment plus shared-services in every hub', () => {
    for (const region of Object.keys(prod.network.hubs)) {
      for (const rt of [...Object.keys(prod.segments), 'shared-services']) {
        expect(lines.some((l) => l.trim().startsWith(`${nodeId('net', region, 'rt', rt)}[`))).toBe(true);
        edge(nodeId('net', region, 'tgw'), nodeId('net', region, 'rt', rt));
      }
      expect(edge(nodeId('net', region, 'vpc'), nodeId('net', region, 'tgw'))).toContain('|attachment, shared-services|');
    }
  });

  it('lists the centralized endpoint sets with their services and zones', () => {
    expect(mermaid).toContain('endpoint set core<br/>sts, ecr.api, ecr.dkr, s3<br/>3 AZs, all segments');
    expect(mermaid).toContain('endpoint set data<br/>dynamodb, kinesis-streams<br/>3 AZs, segments: prod');
    expect(mermaid).toContain('2 private hosted zones<br/>set data');
  });

  it('puts the endpoint service behind its NLB', () => {
    expect(edge(endpointService, nodeId('prv', 'payments', 'nlb'))).toBe(`${endpointService} --> ${nodeId('prv', 'payments', 'nlb')}`);
    expect(mermaid).toContain('internal NLB<br/>TLS 443');
    expect(mermaid).toContain('private hosted zone<br/>payments.prod.privatelink.internal');
  });

  it('uses only Mermaid-safe node ids', () => {
    expect(nodeId('con', 'ledger-eu', 'eu-west-1')).toBe('con__ledger_eu__eu_west_1');
    const ids = lines.map((l) => /^\s*([^\s[({"]+)[[({]/.exec(l)?.[1]).filter((id): id is string => !!id && id !== 'subgraph');
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is deterministic: consumer and hub order in the config do not matter', () => {
    const hubs = prod.network.hubs;
    const shuffled: EnvironmentConfig = {
      ...prod,
      consumers: [...prod.consumers].reverse(),
      network: { ...prod.network, hubs: { 'us-east-1': hubs['us-east-1'], 'eu-west-1': hubs['eu-west-1'] } },
    };
    expect(renderMermaid(shuffled)).toBe(mermaid);
  });

  it('tells the config editor about a reserved segment name', () => {
    expect(() => renderMermaid({ ...prod, segments: { ...prod.segments, 'shared-services': {} } })).toThrow(
      "prod: segment name 'shared-services' is reserved",
    );
  });
});

describe('committed diagrams are up to date (regenerate with: npm run diagram -- --env all)', () => {
  for (const env of [dev, prod]) {
    it(`docs/${env.name}-topology.mmd and .md`, () => {
      expect(fs.readFileSync(path.join(root, 'docs', `${env.name}-topology.mmd`), 'utf8')).toBe(renderMermaid(env));
      expect(fs.readFileSync(path.join(root, 'docs', `${env.name}-topology.md`), 'utf8')).toBe(renderMarkdown(env));
    });
  }

  it('README.md embeds the current prod diagram when it has the markers', () => {
    const readmePath = path.join(root, 'README.md');
    const readme = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : '';
    if (!hasDiagramMarkers(readme, 'prod')) return; // the README does not carry the diagram (yet)
    expect(embedDiagram(readme, 'prod', mermaid)).toBe(readme);
  });
});

describe('embedDiagram', () => {
  const readme = '# Title\n\n<!-- diagram:prod:start -->\nstale\n<!-- diagram:prod:end -->\n\nmore\n';

  it('replaces the block between the markers and keeps the rest', () => {
    const out = embedDiagram(readme, 'prod', 'flowchart LR\n  a --> b\n');
    expect(out).toBe('# Title\n\n<!-- diagram:prod:start -->\n```mermaid\nflowchart LR\n  a --> b\n```\n<!-- diagram:prod:end -->\n\nmore\n');
    expect(embedDiagram(out, 'prod', 'flowchart LR\n  a --> b\n')).toBe(out);
  });

  it('leaves a README without the markers alone, and other environments\' blocks too', () => {
    expect(embedDiagram('# no diagram\n', 'prod', 'x')).toBe('# no diagram\n');
    expect(embedDiagram(readme, 'dev', 'x')).toBe(readme);
  });

  it('refuses unpaired or swapped markers, saying what to fix', () => {
    expect(() => embedDiagram('<!-- diagram:prod:start -->\n', 'prod', 'x')).toThrow(/exactly one .* \(found 1 and 0\)/);
    expect(() => embedDiagram('<!-- diagram:prod:end --><!-- diagram:prod:start -->', 'prod', 'x')).toThrow(/comes before/);
  });
});
