import * as fs from 'fs';
import * as path from 'path';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { formatProblems, validateEnvironments } from '../../../lib/config/validate';
import {
  DIAGRAM_USAGE,
  type FileAccess,
  consumerEndpointId,
  embedDiagram,
  hasDiagramMarkers,
  nodeId,
  renderMarkdown,
  renderMermaid,
  runDiagramCli,
  serviceEntryId,
} from '../../../lib/reports/diagram';

const root = path.join(__dirname, '../../..');
const mermaid = renderMermaid(prod);
const lines = mermaid.split('\n');

/** The one edge line from `from` to `to`. */
function edge(from: string, to: string): string {
  const found = lines.filter((l) => l.trim().startsWith(`${from} `) && l.trim().endsWith(` ${to}`));
  expect(found).toHaveLength(1);
  return found[0].trim();
}

/** Node definitions: id, opening bracket(s), quoted label. */
const NODE = /^\s*([A-Za-z][A-Za-z0-9_]*)(\[\[|\[\(|\(\[|\{\{|\[)"([^"]*)"(\]\]|\)\]|\]\)|\}\}|\])$/;

describe('prod diagram', () => {
  it('is a flowchart with one subgraph per account and region', () => {
    expect(lines[0]).toBe('flowchart LR');
    expect(mermaid).toContain('subgraph acct__network["network account 222222222222"]');
    expect(mermaid).toContain('subgraph acct__owner__333333333333["service owner account 333333333333"]');
    expect(mermaid).toContain('subgraph own__333333333333__us_east_1["us-east-1"]');
    expect(mermaid).toContain('subgraph acct__owner__777777777777["service owner account 777777777777"]');
    expect(mermaid).toContain('subgraph own__777777777777__eu_west_1["eu-west-1"]');
    expect(mermaid).toContain('subgraph acct__vendor__market_data["vendor Example Market Data Ltd."]');
    expect(mermaid).toContain('subgraph ven__market_data__us_east_1["us-east-1"]');
    for (const c of prod.consumers) {
      expect(mermaid).toContain(`subgraph ${nodeId('acct', 'consumer', c.name)}["consumer ${c.name} account ${c.accountId}"]`);
      expect(mermaid).toContain(`subgraph ${nodeId('con', c.name, c.region)}["${c.region}"]`);
    }
    for (const region of Object.keys(prod.network.hubs)) expect(mermaid).toContain(`subgraph ${nodeId('net', region)}["${region}"]`);
    const opened = lines.filter((l) => l.trim().startsWith('subgraph ')).length;
    expect(lines.filter((l) => l.trim() === 'end')).toHaveLength(opened);
  });

  it("shows every catalog service with its kind, in its owner's account and region", () => {
    // published and resource services: a subgraph titled with the kind, inside owner account > region
    const inside = (child: string, parent: string): boolean => {
      const p = lines.findIndex((l) => l.trim().startsWith(`subgraph ${parent}[`));
      const c = lines.findIndex(
        (l) => l.trim().startsWith(`subgraph ${child}[`) || l.trim().startsWith(`${child}(`) || l.trim().startsWith(`${child}[`),
      );
      const depth = (i: number): number => lines[i].length - lines[i].trimStart().length;
      if (p < 0 || c < p) return false;
      const close = lines.findIndex((l, i) => i > p && l.trim() === 'end' && depth(i) === depth(p));
      return c < close && depth(c) > depth(p);
    };
    expect(mermaid).toContain('subgraph svc__payments["published service payments"]');
    expect(mermaid).toContain('subgraph svc__fx_rates["published service fx-rates"]');
    expect(mermaid).toContain('subgraph svc__ledger_db["resource service ledger-db"]');
    expect(inside('svc__payments', 'own__333333333333__us_east_1')).toBe(true);
    expect(inside('svc__ledger_db', 'own__333333333333__us_east_1')).toBe(true);
    expect(inside('svc__fx_rates', 'own__777777777777__eu_west_1')).toBe(true);
    expect(inside('svc__market_data__eps__us_east_1', 'ven__market_data__us_east_1')).toBe(true);
    expect(mermaid).toContain(
      'svc__market_data__eps__us_east_1(["external service market-data<br/>com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718<br/>TCP 443<br/>private DNS feed.market-data.example<br/>cross-region from: eu-west-1"])',
    );
    expect(mermaid).toContain(
      'svc__ledger_db__cfg(["resource configuration ledger-db<br/>IP 10.3.0.20, TCP 5432<br/>RAM share to consumer accounts<br/>consumers: checkout"])',
    );
    expect(mermaid).toContain('cross-region from: eu-west-1<br/>consumers: checkout, ledger-eu, staging');
    expect(mermaid).toContain('fx-rates.prod.privatelink.internal<br/>same-region consumers only');
  });

  it('shows every VPC CIDR and its per-AZ subnets', () => {
    const serviceCidrs = Object.values(prod.services ?? {}).flatMap((s) => (s.kind === 'external' ? [] : [s.cidr]));
    expect(serviceCidrs).toHaveLength(3);
    for (const cidr of [...Object.values(prod.network.hubs).map((h) => h.cidr), ...serviceCidrs, ...prod.consumers.map((c) => c.cidr)]) {
      expect(mermaid).toContain(`<br/>${cidr}<br/>`);
    }
    expect(mermaid).toContain('use1-az4: 10.0.3.0/24');
    expect(mermaid).toContain('euw1-az2: 10.17.1.0/24');
    expect(mermaid).toContain('use1-az2: 10.3.0.128/25');
  });

  it('gives each consumer one endpoint per consumed service, linked by the kind of connection', () => {
    const expected: [string, string, string, string][] = [
      ['checkout', 'ledger-db', '==>|resource endpoint|', 'svc__ledger_db__cfg'],
      ['checkout', 'market-data', '-->|PrivateLink|', 'svc__market_data__eps__us_east_1'],
      ['checkout', 'payments', '-->|PrivateLink|', 'svc__payments__eps'],
      ['ledger-eu', 'fx-rates', '-->|PrivateLink|', 'svc__fx_rates__eps'],
      ['ledger-eu', 'market-data', '-.->|cross-region PrivateLink|', 'svc__market_data__eps__us_east_1'],
      ['ledger-eu', 'payments', '-.->|cross-region PrivateLink|', 'svc__payments__eps'],
      ['staging', 'payments', '-->|PrivateLink|', 'svc__payments__eps'],
    ];
    for (const [consumer, service, link, target] of expected) {
      const ep = consumerEndpointId(consumer, service);
      expect(edge(ep, target)).toBe(`${ep} ${link} ${target}`);
      expect(edge(nodeId('con', consumer, 'vpc'), ep)).toBe(`${nodeId('con', consumer, 'vpc')} --- ${ep}`);
    }
    const endpointNodes = lines.filter((l) => /^\s*con__\w+__ep__\w+\[\[/.test(l));
    expect(endpointNodes).toHaveLength(expected.length);
    expect(mermaid.match(/\|cross-region PrivateLink\|/g)).toHaveLength(2);
    expect(mermaid.match(/==>\|resource endpoint\|/g)).toHaveLength(1);
    expect(mermaid).toContain('con__checkout__ep__ledger_db[["resource endpoint to ledger-db<br/>2 AZs"]]');
    expect(mermaid).toContain('con__ledger_eu__ep__payments[["interface endpoint to payments<br/>2 AZs<br/>service region us-east-1"]]');
  });

  it('draws a private hosted zone only where the consumer stack creates one', () => {
    const zones = lines.filter((l) => /^\s*con__\w+__zone__\w+\[\(/.test(l)).map((l) => l.trim().split('[(')[0]);
    expect(zones).toEqual([
      'con__checkout__zone__ledger_db',
      'con__checkout__zone__payments',
      'con__ledger_eu__zone__fx_rates',
      'con__ledger_eu__zone__payments',
      'con__staging__zone__payments',
    ]);
    expect(edge('con__ledger_eu__zone__fx_rates', 'con__ledger_eu__ep__fx_rates')).toContain('-.->|alias|');
    expect(mermaid).toContain('private hosted zone<br/>payments.prod.privatelink.internal');
  });

  it("labels each spoke attachment with its segment, into its region's TGW", () => {
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
    expect(mermaid).toContain('endpoint set data<br/>sqs, kinesis-streams<br/>3 AZs, segments: prod');
    expect(mermaid).toContain('2 private hosted zones<br/>set data');
  });

  it('puts each endpoint service behind its NLB, and the resource gateway in front of the resource VPC', () => {
    expect(edge('svc__payments__eps', 'svc__payments__nlb')).toBe('svc__payments__eps --> svc__payments__nlb');
    expect(edge('svc__payments__nlb', 'svc__payments__vpc')).toBe('svc__payments__nlb -->|targets| svc__payments__vpc');
    expect(edge('svc__fx_rates__eps', 'svc__fx_rates__sns')).toBe('svc__fx_rates__eps -.->|notifications| svc__fx_rates__sns');
    expect(mermaid).toContain('internal NLB<br/>TLS 443<br/>3 AZs');
    expect(mermaid).toContain('internal NLB<br/>TCP 8443<br/>2 AZs');
    expect(edge('svc__ledger_db__cfg', 'svc__ledger_db__gw')).toBe('svc__ledger_db__cfg --> svc__ledger_db__gw');
    expect(edge('svc__ledger_db__gw', 'svc__ledger_db__vpc')).toBe('svc__ledger_db__gw -->|ports 5432| svc__ledger_db__vpc');
  });

  it('uses only Mermaid-safe, unique node ids and quoted labels, and links only declared nodes', () => {
    expect(nodeId('con', 'ledger-eu', 'eu-west-1')).toBe('con__ledger_eu__eu_west_1');
    expect(serviceEntryId({ name: 'market-data', config: prod.services!['market-data'] }, 'us-east-1')).toBe(
      'svc__market_data__eps__us_east_1',
    );
    const EDGE = /^ {2}([A-Za-z][A-Za-z0-9_]*) (---|-->|-\.->|==>|<==>|<-->)(\|[^|"]+\|)? ([A-Za-z][A-Za-z0-9_]*)$/;
    const body = lines.slice(2).filter((l) => l.trim() !== '' && !/^(subgraph |end$|classDef |class )/.test(l.trim()));
    const edges = body.filter((l) => EDGE.test(l));
    const nodes = body.filter((l) => !EDGE.test(l)).map((l) => NODE.exec(l));
    expect(nodes.every((m) => m !== null)).toBe(true);
    const ids = nodes.map((m) => m![1]);
    expect(ids).toHaveLength(50); // 22 in the hubs (with 4 profiles, the onprem table, the resolver), 12 in the services, 15 in the consumers, 1 on-premises
    expect(new Set(ids).size).toBe(ids.length);
    const subgraphs = lines
      .filter((l) => l.trim().startsWith('subgraph '))
      .map((l) => /^subgraph ([A-Za-z][A-Za-z0-9_]*)\["[^"]*"\]$/.exec(l.trim())?.[1]);
    expect(subgraphs.every((id) => id !== undefined)).toBe(true);
    expect(subgraphs.filter((id) => ids.includes(id!))).toEqual([]);
    expect(edges.length).toBeGreaterThan(40);
    for (const e of edges) {
      const [, from, , , to] = EDGE.exec(e)!;
      expect(ids).toContain(from);
      expect(ids).toContain(to);
    }
    const classed = lines.filter((l) => l.startsWith('  class ')).flatMap((l) => l.trim().split(' ')[1].split(','));
    expect([...classed].sort()).toEqual([...ids].sort());
  });

  it('is deterministic: consumer, hub and service order in the config do not matter', () => {
    const hubs = prod.network.hubs;
    const catalog = prod.services!;
    const shuffled: EnvironmentConfig = {
      ...prod,
      consumers: [...prod.consumers].reverse().map((c) => ({ ...c, consumes: [...(c.consumes ?? [])].reverse() })),
      network: { ...prod.network, hubs: { 'us-east-1': hubs['us-east-1'], 'eu-west-1': hubs['eu-west-1'] } },
      services: Object.fromEntries(
        Object.keys(catalog)
          .reverse()
          .map((k) => [k, catalog[k]]),
      ),
    };
    expect(renderMermaid(shuffled)).toBe(mermaid);
  });

  it('shows the profiles, the on-premises network with its attachment, and the resolver', () => {
    expect(mermaid).toContain(
      'net__us_east_1__profile__prod[("Route 53 Profile, segment prod<br/>zones of sets: core, data<br/>forwarding rules: corp.example.com<br/>RAM share: organization")]',
    );
    expect(edge(nodeId('net', 'us-east-1', 'zones', 'data'), nodeId('net', 'us-east-1', 'profile', 'prod'))).toContain('-.->|in profile|');
    const linked = (from: string, to: string) => lines.some((l) => l.trim().startsWith(`${from} `) && l.trim().endsWith(` ${to}`));
    expect(linked(nodeId('net', 'us-east-1', 'zones', 'data'), nodeId('net', 'us-east-1', 'profile', 'nonprod'))).toBe(false);
    expect(edge(nodeId('con', 'staging', 'vpc'), nodeId('net', 'us-east-1', 'profile', 'nonprod'))).toContain('-.->|profile association|');
    expect(mermaid).toContain('hub zones: core, data (profile prod)<br/>on-premises: datacenter');
    expect(mermaid).toContain('subgraph acct__onprem__datacenter["on-premises network datacenter"]');
    expect(mermaid).toContain(
      'onprem__datacenter["datacenter<br/>172.16.0.0/16<br/>reaches: hub us-east-1, segments prod<br/>DNS for corp.example.com: 172.16.0.10, 172.16.1.10"]',
    );
    expect(edge('onprem__datacenter', nodeId('net', 'us-east-1', 'tgw'))).toBe(
      'onprem__datacenter <-->|Site-to-Site VPN, BGP ASN 65010, onprem| net__us_east_1__tgw',
    );
    expect(mermaid).toContain(
      'net__us_east_1__resolver[["Route 53 Resolver inbound endpoint<br/>10.0.0.254, 10.0.1.254, 10.0.3.254<br/>DNS from on-premises (TCP/UDP 53)<br/>outbound endpoint, forwards corp.example.com"]]',
    );
    expect(linked(nodeId('net', 'us-east-1', 'tgw'), nodeId('net', 'us-east-1', 'rt', 'onprem'))).toBe(true);
    expect(linked(nodeId('net', 'eu-west-1', 'tgw'), nodeId('net', 'eu-west-1', 'rt', 'onprem'))).toBe(false);
  });

  it('tells the config editor about a reserved segment name', () => {
    expect(() => renderMermaid({ ...prod, segments: { ...prod.segments, 'shared-services': { cidrs: ['10.200.0.0/16'] } } })).toThrow(
      "prod: segment name 'shared-services' is reserved",
    );
  });
});

describe('dev diagram', () => {
  const dm = renderMermaid(dev);
  it('has the one published service and its two consumers', () => {
    expect(dm).toContain('subgraph svc__orders["published service orders"]');
    expect(dm).toContain('con__web__ep__orders -->|PrivateLink| svc__orders__eps');
    expect(dm).toContain('con__batch__ep__orders -->|PrivateLink| svc__orders__eps');
    expect(dm).not.toContain('cross-region PrivateLink|');
    expect(dm).not.toContain('acct__vendor');
  });
});

describe('committed diagrams are up to date (regenerate with: npm run diagram -- --env all)', () => {
  for (const env of [dev, prod]) {
    it(`docs/${env.name}-topology.mmd and .md`, () => {
      expect(fs.readFileSync(path.join(root, 'docs', `${env.name}-topology.mmd`), 'utf8')).toBe(renderMermaid(env));
      expect(fs.readFileSync(path.join(root, 'docs', `${env.name}-topology.md`), 'utf8')).toBe(renderMarkdown(env));
    });
  }

  it('README.md embeds the current prod diagram', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(hasDiagramMarkers(readme, 'prod')).toBe(true);
    expect(embedDiagram(readme, 'prod', mermaid)).toBe(readme);
  });
});

describe('embedDiagram', () => {
  const readme = '# Title\n\n<!-- diagram:prod:start -->\nstale\n<!-- diagram:prod:end -->\n\nmore\n';

  it('replaces the block between the markers and keeps the rest', () => {
    const out = embedDiagram(readme, 'prod', 'flowchart LR\n  a --> b\n');
    expect(out).toBe(
      '# Title\n\n<!-- diagram:prod:start -->\n```mermaid\nflowchart LR\n  a --> b\n```\n<!-- diagram:prod:end -->\n\nmore\n',
    );
    expect(embedDiagram(out, 'prod', 'flowchart LR\n  a --> b\n')).toBe(out);
  });

  it("leaves a README without the markers alone, and other environments' blocks too", () => {
    expect(embedDiagram('# no diagram\n', 'prod', 'x')).toBe('# no diagram\n');
    expect(embedDiagram(readme, 'dev', 'x')).toBe(readme);
  });

  it('refuses unpaired or swapped markers, saying what to fix', () => {
    expect(() => embedDiagram('<!-- diagram:prod:start -->\n', 'prod', 'x')).toThrow(/exactly one .* \(found 1 and 0\)/);
    expect(() => embedDiagram('<!-- diagram:prod:end --><!-- diagram:prod:start -->', 'prod', 'x')).toThrow(/comes before/);
  });
});

describe('command line (runDiagramCli)', () => {
  const repo = '/repo';
  function memory(initial: Record<string, string> = {}): FileAccess & { readonly files: Record<string, string> } {
    const files: Record<string, string> = { ...initial };
    return {
      files,
      read: (f) => files[f],
      write: (f, c) => {
        files[f] = c;
      },
    };
  }
  const readme =
    '# Blueprint\n<!-- diagram:prod:start -->\nold\n<!-- diagram:prod:end -->\n<!-- diagram:dev:start -->\n<!-- diagram:dev:end -->\n';

  it('writes docs/<env>-topology.{mmd,md} and both README blocks, then --check finds them current', () => {
    const fsMem = memory({ [`${repo}/README.md`]: readme });
    const out = runDiagramCli(['--env', 'all'], [dev, prod], repo, fsMem);
    expect(out).toMatchObject({ exitCode: 0, stderr: '' });
    expect(out.stdout).toBe(
      ['docs/dev-topology.mmd', 'docs/dev-topology.md', 'README.md', 'docs/prod-topology.mmd', 'docs/prod-topology.md', 'README.md']
        .map((f) => `wrote ${f}\n`)
        .join(''),
    );
    expect(fsMem.files[`${repo}/docs/prod-topology.mmd`]).toBe(mermaid);
    expect(fsMem.files[`${repo}/docs/dev-topology.md`]).toBe(renderMarkdown(dev));
    expect(fsMem.files[`${repo}/README.md`]).toBe(embedDiagram(embedDiagram(readme, 'dev', renderMermaid(dev)), 'prod', mermaid));
    expect(runDiagramCli(['--env=all', '--check'], [dev, prod], repo, fsMem)).toMatchObject({
      exitCode: 0,
      stdout: 'diagrams up to date (dev, prod)\n',
    });
  });

  it('--check writes nothing and names the stale files', () => {
    const fsMem = memory({ [`${repo}/docs/dev-topology.mmd`]: renderMermaid(dev) });
    const out = runDiagramCli(['--env', 'dev', '--check'], [dev, prod], repo, fsMem);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe('out of date: docs/dev-topology.md\nregenerate with: npm run diagram -- --env dev\n');
    expect(Object.keys(fsMem.files)).toEqual([`${repo}/docs/dev-topology.mmd`]);
  });

  it('--stdout prints the Mermaid', () => {
    expect(runDiagramCli(['--env', 'prod', '--stdout'], [dev, prod], repo, memory())).toEqual({ exitCode: 0, stdout: mermaid, stderr: '' });
  });

  it('validates first: configuration errors are printed as synth prints them, exit 1, nothing written', () => {
    const bad: EnvironmentConfig = {
      ...prod,
      consumers: prod.consumers.map((c) => (c.name === 'staging' ? { ...c, consumes: ['payments', 'no-such-service'] } : c)),
    };
    const fsMem = memory();
    const out = runDiagramCli(['--env', 'prod'], [dev, bad], repo, fsMem);
    expect(out).toEqual({ exitCode: 1, stdout: '', stderr: `${formatProblems(validateEnvironments([bad]))}\n` });
    expect(out.stderr).toMatch(/^1 configuration problem:\nprod: consumers\["staging"\]\.consumes\[1\]: 'no-such-service'/);
    expect(fsMem.files).toEqual({});
  });

  it('usage errors exit 2 with the usage', () => {
    for (const argv of [[], ['--env', 'nope'], ['--env', 'prod', '--stdout', '--check'], ['--bogus']]) {
      const out = runDiagramCli(argv, [dev, prod], repo, memory());
      expect(out.exitCode).toBe(2);
      expect(out.stderr).toContain(DIAGRAM_USAGE);
    }
    expect(runDiagramCli(['--env', 'nope'], [dev, prod], repo, memory()).stderr).toContain('known environments: dev, prod');
  });
});
