import { Testing } from 'cdktf';
import { dev } from '../../../../environments/dev';
import { prod } from '../../../../environments/prod';
import { consumedServices, servicePorts } from '../../../../lib/config/topology';
import { analyzeConnectivity, formatMatrix, synthesizeStacks, type ConnectivityReport } from '../../../../lib/reports/connectivity';
import { buildEnvironment } from '../../../../stacks/environment';
import { synthEnvironments } from './json-edit';

const synthesized = synthEnvironments(dev, prod);
const reports = { dev: analyzeConnectivity(dev, synthesized.dev), prod: analyzeConnectivity(prod, synthesized.prod) };

/** `reach (ports)` of one cell, the way the matrix prints it. */
function cell(r: ConnectivityReport, row: string, column: string): string {
  const c = r.cells[row][column];
  const ports = (c.ports ?? []).map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ');
  return ports ? `${c.reach} (${ports})` : c.reach;
}

describe('prod', () => {
  const report = reports.prod;

  test('rows and columns: consumers, service VPCs, hubs and on-premises networks; every catalog service, hub endpoints, consumers, on-premises, the internet', () => {
    expect(report.rows).toEqual([
      'consumer:checkout',
      'consumer:ledger-eu',
      'consumer:staging',
      'provider:fx-rates',
      'resource:ledger-db',
      'provider:payments',
      'hub:eu-west-1',
      'hub:us-east-1',
      'onprem:datacenter',
    ]);
    expect(report.columns).toEqual([
      'service:fx-rates',
      'service:ledger-db',
      'service:market-data',
      'service:payments',
      'endpoints:eu-west-1',
      'endpoints:us-east-1',
      'consumer:checkout',
      'consumer:ledger-eu',
      'consumer:staging',
      'onprem:datacenter',
      'internet',
    ]);
  });

  test("the datacenter: through its VPN attachment to its hub's endpoints and the prod spoke of us-east-1, both ways", () => {
    expect(report.cells['onprem:datacenter']['endpoints:us-east-1']).toEqual({
      reach: 'yes',
      why: 'TGW table prod-network-us-east-1/aws_ec2_transit_gateway_route_table.tgw_rt-onprem',
    });
    expect(cell(report, 'onprem:datacenter', 'consumer:checkout')).toBe('yes');
    expect(cell(report, 'consumer:checkout', 'onprem:datacenter')).toBe('yes');
    expect(report.cells['consumer:checkout']['onprem:datacenter'].why).toBe(
      'TGW table prod-network-us-east-1/aws_ec2_transit_gateway_route_table.tgw_rt-prod to onprem:datacenter',
    );
    for (const other of ['staging', 'ledger-eu']) {
      expect(cell(report, 'onprem:datacenter', `consumer:${other}`)).toBe('no');
      expect(cell(report, `consumer:${other}`, 'onprem:datacenter')).toBe('no');
    }
    // Catalog services are reached through a consumer's own endpoint, which admits its VPC only.
    for (const s of ['fx-rates', 'ledger-db', 'market-data', 'payments'])
      expect(cell(report, 'onprem:datacenter', `service:${s}`)).toBe('no');
    // The hub opens DNS connections to the datacenter (its outbound resolver), and nothing into the spokes.
    expect(report.cells['hub:us-east-1']['onprem:datacenter'].why).toMatch(
      /opened by prod-network-us-east-1\/aws_route53_resolver_endpoint\.resolver_outbound$/,
    );
  });

  test('each consumer reaches exactly the services it consumes, on their ports', () => {
    const services = ['fx-rates', 'ledger-db', 'market-data', 'payments'];
    const table = Object.fromEntries(
      prod.consumers.map((c) => [c.name, services.map((s) => cell(report, `consumer:${c.name}`, `service:${s}`))]),
    );
    expect(table).toEqual({
      checkout: ['no', 'yes (5432)', 'yes (443)', 'yes (443)'],
      'ledger-eu': ['yes (8443)', 'no', 'yes (443)', 'yes (443)'],
      staging: ['no', 'no', 'no', 'yes (443)'],
    });
    // The same, derived from the config: the ports of every consumed service and nothing else.
    for (const c of prod.consumers) {
      const consumed = consumedServices(prod, c);
      for (const s of services) {
        const svc = consumed.find((x) => x.name === s);
        const c2 = report.cells[`consumer:${c.name}`][`service:${s}`];
        expect({ consumer: c.name, service: s, reach: c2.reach, ports: c2.ports?.map(({ from, to }) => ({ from, to })) }).toEqual({
          consumer: c.name,
          service: s,
          reach: svc ? 'yes' : 'no',
          ports: svc ? servicePorts(svc.config) : undefined,
        });
      }
    }
  });

  test('how each kind of service is reached', () => {
    const why = (row: string, column: string) => report.cells[row][column].why;
    expect(why('consumer:checkout', 'service:payments')).toBe(
      'PrivateLink via prod-consumer-checkout-us-east-1/aws_vpc_endpoint.service-payments_endpoint; accepted by the owner',
    );
    // The cross-region consumer: payments is in us-east-1, ledger-eu in eu-west-1.
    expect(why('consumer:ledger-eu', 'service:payments')).toBe(
      'PrivateLink via prod-consumer-ledger-eu-eu-west-1/aws_vpc_endpoint.service-payments_endpoint; cross-region from us-east-1; accepted by the owner',
    );
    expect(why('consumer:ledger-eu', 'service:market-data')).toBe(
      'PrivateLink via prod-consumer-ledger-eu-eu-west-1/aws_vpc_endpoint.external-market-data_endpoint; cross-region from us-east-1; ' +
        "acceptance is the vendor's (Example Market Data Ltd.)",
    );
    expect(why('consumer:checkout', 'service:ledger-db')).toBe(
      'resource endpoint via prod-consumer-checkout-us-east-1/aws_vpc_endpoint.resource-ledger-db_endpoint; ' +
        'shared through RAM: prod-resource-ledger-db-us-east-1/aws_ram_resource_share.resource_share',
    );
    // Another consumer's endpoint admits only its own VPC.
    expect(why('consumer:staging', 'service:ledger-db')).toBe(
      'no endpoint to ledger-db in this VPC; prod-consumer-checkout-us-east-1/aws_vpc_endpoint.resource-ledger-db_endpoint: ' +
        'its security group admits nothing from 10.18.0.0/21',
    );
  });

  test('service VPCs run their own service and reach nothing else', () => {
    expect(cell(report, 'provider:payments', 'service:payments')).toBe('self');
    expect(cell(report, 'resource:ledger-db', 'service:ledger-db')).toBe('self');
    expect(cell(report, 'provider:fx-rates', 'service:payments')).toBe('no');
    for (const row of ['provider:fx-rates', 'resource:ledger-db', 'provider:payments']) {
      for (const column of report.columns.filter((c) => c.startsWith('consumer:') || c.startsWith('endpoints:') || c === 'internet')) {
        expect({ row, column, reach: report.cells[row][column].reach }).toEqual({ row, column, reach: 'no' });
      }
    }
  });

  test('centralized endpoints and hub zones per segment', () => {
    expect(report.cells['consumer:checkout']['endpoints:us-east-1']).toMatchObject({ reach: 'yes', zones: '6/6' });
    // The data set is reserved for the prod segment.
    expect(report.cells['consumer:staging']['endpoints:us-east-1']).toMatchObject({ reach: 'yes', zones: '4/6' });
    expect(report.cells['consumer:ledger-eu']['endpoints:eu-west-1']).toMatchObject({ reach: 'yes', zones: '4/4' });
    expect(report.cells['consumer:ledger-eu']['endpoints:us-east-1']).toMatchObject({ reach: 'no', zones: '0/6' });
  });

  test('segments stay apart, and the hubs only carry replies to consumers', () => {
    expect(cell(report, 'consumer:staging', 'consumer:checkout')).toBe('no');
    expect(cell(report, 'consumer:checkout', 'consumer:staging')).toBe('no');
    expect(cell(report, 'consumer:checkout', 'consumer:ledger-eu')).toBe('no');
    expect(report.cells['hub:us-east-1']['consumer:checkout']).toEqual({
      reach: 'routed',
      why:
        'nothing in prod-network-us-east-1/aws_vpc.vpc opens connections (it holds endpoints and network plumbing only); ' +
        'the routes carry replies: TGW table prod-network-us-east-1/aws_ec2_transit_gateway_route_table.tgw_rt-shared-services',
    });
    expect(cell(report, 'hub:us-east-1', 'consumer:ledger-eu')).toBe('no');
    // The peered hubs route to each other, but the endpoint sets admit only their segments' ranges: not even the hubs.
    expect(report.cells['hub:us-east-1']['endpoints:eu-west-1'].reach).toBe('no');
    expect(report.cells['hub:eu-west-1']['endpoints:eu-west-1'].reach).toBe('no');
    for (const row of report.rows) expect({ row, internet: report.cells[row].internet.reach }).toEqual({ row, internet: 'no' });
    expect(report.violations).toEqual([]);
  });

  test('the matrix prints one table per kind of column', () => {
    const text = formatMatrix(report);
    expect(text).toContain(
      [
        'Catalog services (ports: what the endpoint admits from the source):',
        'from \\ to           fx-rates    ledger-db   market-data  payments',
        '------------------  ----------  ----------  -----------  ---------',
        'consumer:checkout   -           yes (5432)  yes (443)    yes (443)',
        'consumer:ledger-eu  yes (8443)  -           yes (443)    yes (443)',
        'consumer:staging    -           -           -            yes (443)',
        'provider:fx-rates   local       -           -            -',
      ].join('\n'),
    );
    expect(text).toContain('hub:us-east-1       - (zones 0/4)    - (zones 6/6)');
    expect(text).toContain('hub:us-east-1       routed    -          routed   yes                -');
    expect(text).toContain('onprem:datacenter   yes       -          -        local              -');
    expect(text).toMatch(/\nNo connectivity violations\.\n$/);
  });
});

describe('dev', () => {
  const report = reports.dev;

  test('both consumers reach orders on 443 and nothing else', () => {
    expect(report.rows).toEqual(['consumer:web', 'consumer:batch', 'provider:orders', 'hub:us-east-1']);
    expect(report.columns).toEqual(['service:orders', 'endpoints:us-east-1', 'consumer:web', 'consumer:batch', 'internet']);
    for (const c of ['consumer:web', 'consumer:batch']) {
      expect(cell(report, c, 'service:orders')).toBe('yes (443)');
      expect(report.cells[c]['endpoints:us-east-1']).toMatchObject({ reach: 'yes', zones: '3/3' });
      expect(cell(report, c, 'internet')).toBe('no');
    }
    // nonprod has spokeToSpoke off in dev.
    expect(cell(report, 'consumer:web', 'consumer:batch')).toBe('no');
    expect(cell(report, 'provider:orders', 'service:orders')).toBe('self');
    expect(cell(report, 'provider:orders', 'consumer:web')).toBe('no');
    expect(cell(report, 'hub:us-east-1', 'service:orders')).toBe('no');
    expect(cell(report, 'hub:us-east-1', 'consumer:web')).toBe('routed');
    expect(report.violations).toEqual([]);
  });

  test('synthesizeStacks (what npm run check uses) gives the same report as the written JSON', () => {
    const app = Testing.app();
    buildEnvironment(app, dev);
    expect(analyzeConnectivity(dev, synthesizeStacks(app))).toEqual(report);
  });
});
