import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { environments } from '../../../environments';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import {
  DEFAULT_PRICES,
  type CostReport,
  type StackCost,
  endpointMonthlyCost,
  estimateCost,
  formatUsd,
  pricesFor,
  runCostCli,
} from '../../../lib/reports/cost';

function stack(report: CostReport, id: string): StackCost {
  const found = report.stacks.find((s) => s.stack === id);
  if (!found) throw new Error(`no stack ${id}; stacks: ${report.stacks.map((s) => s.stack).join(', ')}`);
  return found;
}

describe('reference figures of the guide (1 endpoint, 2 AZs, 730 h)', () => {
  it('hours only: $14.60', () => expect(endpointMonthlyCost(2, 0)).toBe(14.6));
  it('plus 100 GB processed: $15.60', () => expect(endpointMonthlyCost(2, 100)).toBe(15.6));
  it('plus 1 TB (1000 GB) processed instead: $24.60', () => expect(endpointMonthlyCost(2, 1000)).toBe(24.6));
  it('the default table is dated and holds the guide prices', () => {
    expect(DEFAULT_PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(DEFAULT_PRICES.prices).toEqual({
      endpointAzHour: 0.01,
      endpointGb: 0.01,
      nlbHour: 0.0225,
      nlbLcuHour: 0.006,
      tgwAttachmentHour: 0.05,
      tgwGb: 0.02,
      hostedZoneMonth: 0.5,
      flowLogGb: 0.5,
      interRegionGb: 0.02,
    });
  });
});

// Totals worked out by hand from the environment files and the default prices; assumptions:
// 730 h/month, 1 GB flow logs per VPC, 10 GB/month per consumer to the centralized endpoints,
// NLCU-hours = GB through the NLB.
describe('dev, by hand', () => {
  const report = estimateCost(dev);
  const network =
    3 * 2 * 730 * 0.01 + // 3 core endpoints × 2 hub AZs: 43.80
    3 * 0.5 + //            3 hosted zones: 1.50
    2 * 10 * 0.01 + //      2 consumers × 10 GB through the hub endpoints: 0.20
    730 * 0.05 + //         hub VPC attachment: 36.50
    1 * 0.5; //             flow log: 0.50   => 82.50
  const provider =
    730 * 0.0225 + //       NLB hours: 16.425
    (50 + 100) * 0.006 + // NLCU-hours = GB (web 50 + batch default 100): 0.90
    1 * 0.5; //             flow log => 17.825
  const consumer = (gb: number): number =>
    2 * 730 * 0.01 + //     endpoint to orders in 2 AZs: 14.60
    gb * 0.01 + //          data processed
    0.5 + //                orders.dev.privatelink.internal (no private DNS name)
    730 * 0.05 + //         spoke attachment: 36.50
    10 * 0.02 + //          TGW data processing to the hub endpoints: 0.20
    1 * 0.5; //             flow log
  const web = consumer(50); //   52.80
  const batch = consumer(100); // 53.30

  it('per stack', () => {
    expect(stack(report, 'dev-network-us-east-1').totalUsd).toBeCloseTo(network, 9);
    expect(stack(report, 'dev-provider-orders-us-east-1').totalUsd).toBeCloseTo(provider, 9);
    expect(stack(report, 'dev-consumer-web-us-east-1').totalUsd).toBeCloseTo(web, 9);
    expect(stack(report, 'dev-consumer-batch-us-east-1').totalUsd).toBeCloseTo(batch, 9);
    expect(report.stacks.map((s) => s.stack)).toEqual([
      'dev-network-us-east-1',
      'dev-provider-orders-us-east-1',
      'dev-consumer-web-us-east-1',
      'dev-consumer-batch-us-east-1',
    ]);
  });

  it('total: 82.50 + 17.825 + 52.80 + 53.30 = 206.425, exact to the micro-dollar', () => {
    expect(report.totalUsd).toBeCloseTo(network + provider + web + batch, 9);
    expect(report.totalMicroUsd).toBe(206_425_000);
    expect(formatUsd(report.totalUsd)).toBe('206.43');
  });

  it('totals are sums of their line items', () => {
    for (const s of report.stacks) expect(s.totalMicroUsd).toBe(s.lineItems.reduce((n, i) => n + i.monthlyMicroUsd, 0));
  });
});

describe('prod, by hand', () => {
  const report = estimateCost(prod);
  const networkEu =
    4 * 2 * 730 * 0.01 + // core: 4 endpoints × 2 AZs: 58.40
    4 * 0.5 + //            4 zones: 2.00
    1 * 10 * 0.01 + //      ledger-eu through the hub endpoints: 0.10
    730 * 0.05 + //         hub attachment: 36.50
    0.5; //                 flow log    => 97.50
  const networkUs =
    4 * 3 * 730 * 0.01 + // core: 4 endpoints × 3 AZs: 87.60
    4 * 0.5 + //            2.00
    2 * 3 * 730 * 0.01 + // data: 2 endpoints × 3 AZs: 43.80
    2 * 0.5 + //            1.00
    2 * 10 * 0.01 + //      checkout and staging through the hub endpoints: 0.20
    730 * 0.05 + //         36.50
    0.5; //                 => 171.60
  const peering = 730 * 0.05 + 730 * 0.05; // one peering attachment billed on each TGW: 73.00
  const provider =
    730 * 0.0225 + //             16.425
    (500 + 200 + 100) * 0.006 + // 800 NLCU-hours: 4.80
    0.5; //                       => 21.725
  const checkout = 2 * 730 * 0.01 + 500 * 0.01 + 0.5 + 730 * 0.05 + 10 * 0.02 + 0.5; //  57.30
  const ledgerEu =
    2 * 730 * 0.01 + // cross-region endpoint, 2 AZs: 14.60
    200 * 0.01 + //     data processed: 2.00
    200 * 0.02 + //     inter-region transfer: 4.00
    0.5 + 730 * 0.05 + 10 * 0.02 + 0.5; // zone, attachment, TGW processing, flow log => 58.30
  const staging = 2 * 730 * 0.01 + 100 * 0.01 + 0.5 + 730 * 0.05 + 10 * 0.02 + 0.5; //   53.30

  it('per stack, with the stack ids the blueprint uses', () => {
    const expected: Record<string, number> = {
      'prod-network-eu-west-1': networkEu,
      'prod-network-us-east-1': networkUs,
      'prod-peering-eu-west-1-us-east-1': peering,
      'prod-provider-payments-us-east-1': provider,
      'prod-consumer-checkout-us-east-1': checkout,
      'prod-consumer-ledger-eu-eu-west-1': ledgerEu,
      'prod-consumer-staging-us-east-1': staging,
    };
    expect(report.stacks.map((s) => s.stack)).toEqual(Object.keys(expected));
    for (const [id, usd] of Object.entries(expected)) expect(stack(report, id).totalUsd).toBeCloseTo(usd, 9);
  });

  it('total: 97.50 + 171.60 + 73.00 + 21.725 + 57.30 + 58.30 + 53.30 = 532.725', () => {
    expect(report.totalUsd).toBeCloseTo(networkEu + networkUs + peering + provider + checkout + ledgerEu + staging, 9);
    expect(report.totalMicroUsd).toBe(532_725_000);
  });

  it('only the cross-region consumer pays inter-region transfer', () => {
    const transfer = report.stacks.flatMap((s) => s.lineItems).filter((i) => i.unit === 'GB' && i.item.startsWith('inter-region'));
    expect(transfer.map((i) => [i.stack, i.quantity, i.monthlyUsd])).toEqual([['prod-consumer-ledger-eu-eu-west-1', 200, 4]]);
  });

  it('centralization: us-east-1 hub 134.40 vs 151.00 in the spokes', () => {
    const us = report.centralization.regions.find((r) => r.region === 'us-east-1')!;
    // hub: (4 + 2) endpoints × 3 AZs × 730 h × 0.01 + 6 zones × 0.50 = 131.40 + 3.00
    expect(us.centralizedUsd).toBeCloseTo(6 * 3 * 730 * 0.01 + 6 * 0.5, 9);
    // checkout (segment prod: 6 services) and staging (nonprod: core's 4), 2 AZs each, plus their zones
    expect(us.decentralizedUsd).toBeCloseTo((6 + 4) * 2 * 730 * 0.01 + (6 + 4) * 0.5, 9);
    expect(us.savingsUsd).toBeCloseTo(16.6, 9);
    const eu = report.centralization.regions.find((r) => r.region === 'eu-west-1')!;
    // one consumer with the same AZ count as the hub: centralizing saves nothing yet
    expect(eu.savingsUsd).toBe(0);
    expect(report.centralization.savingsUsd).toBeCloseTo(16.6, 9);
  });
});

describe('price overrides', () => {
  const overridden: EnvironmentConfig = {
    ...prod,
    prices: { 'eu-west-1': { endpointAzHour: 0.011, tgwAttachmentHour: 0.06 } },
  };
  const base = estimateCost(prod);
  const report = estimateCost(overridden);

  it('apply to resources in that region only', () => {
    // eu hub: 5,840 AZ-hours × 0.011 = 64.24 instead of 58.40; attachment 730 × 0.06 = 43.80 instead of 36.50
    expect(stack(report, 'prod-network-eu-west-1').totalUsd).toBeCloseTo(97.5 + (64.24 - 58.4) + (43.8 - 36.5), 9);
    // peering: the eu side at 0.06, the us side at the default 0.05
    const peering = stack(report, 'prod-peering-eu-west-1-us-east-1');
    expect(peering.lineItems.map((i) => [i.region, i.unitPriceUsd])).toEqual([
      ['eu-west-1', 0.06],
      ['us-east-1', 0.05],
    ]);
    expect(peering.totalUsd).toBeCloseTo(43.8 + 36.5, 9);
    // the eu consumer's endpoint: 1,460 × 0.011 = 16.06
    expect(stack(report, 'prod-consumer-ledger-eu-eu-west-1').totalUsd).toBeCloseTo(58.3 + (16.06 - 14.6) + (43.8 - 36.5), 9);
    for (const id of ['prod-network-us-east-1', 'prod-provider-payments-us-east-1', 'prod-consumer-checkout-us-east-1']) {
      expect(stack(report, id).totalMicroUsd).toBe(stack(base, id).totalMicroUsd);
    }
    expect(report.prices['eu-west-1'].endpointGb).toBe(DEFAULT_PRICES.prices.endpointGb);
  });

  it('reject values that are not prices, naming the field', () => {
    const bad = { ...prod, prices: { 'us-east-1': { tgwGb: -1 } } };
    expect(() => estimateCost(bad)).toThrow("prod: prices['us-east-1'].tgwGb must be a non-negative number of USD, got -1");
    const typo = { ...prod, prices: { 'us-east-1': { tgwPerGb: 1 } as never } };
    expect(() => pricesFor(typo, 'us-east-1')).toThrow(/tgwPerGb is not a known price; use one of endpointAzHour/);
  });

  it('warn about a region no resource lives in', () => {
    const r = estimateCost({ ...prod, prices: { 'eu-west1': { tgwGb: 0.03 } } });
    expect(r.warnings).toEqual([expect.stringContaining("prices['eu-west1'] applies to no resource of prod")]);
    expect(r.totalMicroUsd).toBe(base.totalMicroUsd);
  });
});

describe('errors that speak to the config editor', () => {
  it('a consumer without a hub in its region', () => {
    const env = { ...dev, consumers: [{ ...dev.consumers[0], region: 'eu-central-1', azs: ['eu-central-1a', 'eu-central-1b'] }] };
    expect(() => estimateCost(env)).toThrow(
      "dev: consumer 'web' is in eu-central-1, but network.hubs has no hub there (hubs: us-east-1); add a hub for eu-central-1 or move the consumer",
    );
  });
});

describe('command line (runCostCli)', () => {
  it('--json prints the CostReport of one environment', () => {
    const out = runCostCli(['--env', 'prod', '--json'], environments);
    expect(out.exitCode).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json).sort()).toEqual(
      ['assumptions', 'centralization', 'environment', 'hoursPerMonth', 'prices', 'pricesAsOf', 'stacks', 'totalMicroUsd', 'totalUsd', 'warnings'].sort(),
    );
    expect(json).toMatchObject({ environment: 'prod', hoursPerMonth: 730, totalUsd: 532.725, pricesAsOf: DEFAULT_PRICES.asOf });
    expect(Object.keys(json.stacks[0]).sort()).toEqual(['lineItems', 'region', 'stack', 'totalMicroUsd', 'totalUsd']);
    expect(Object.keys(json.stacks[0].lineItems[0]).sort()).toEqual(
      ['item', 'monthlyMicroUsd', 'monthlyUsd', 'quantity', 'region', 'stack', 'unit', 'unitPriceUsd'],
    );
    expect(json.centralization).toMatchObject({ savingsUsd: 16.6 });
  });

  it('--env all --json prints an array, one report per environment', () => {
    const out = runCostCli(['--env=all', '--json'], environments);
    expect(JSON.parse(out.stdout).map((r: CostReport) => r.environment)).toEqual(['dev', 'prod']);
  });

  it('the table and markdown carry every stack and the total', () => {
    const table = runCostCli(['--env', 'prod'], environments).stdout;
    const md = runCostCli(['--env', 'prod', '--markdown'], environments).stdout;
    for (const s of estimateCost(prod).stacks) {
      expect(table).toContain(s.stack);
      expect(md).toContain(`| ${s.stack} |`);
    }
    expect(table).toMatch(/TOTAL prod per month\s+532\.73/);
    expect(md).toContain('**Total: $532.73**');
  });

  it('an unknown or missing environment exits 2 and lists the known ones', () => {
    for (const argv of [['--env', 'staging'], [], ['--env']]) {
      const out = runCostCli(argv, environments);
      expect(out.exitCode).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('known environments: dev, prod');
    }
    expect(runCostCli(['--env', 'staging'], environments).stderr).toContain("unknown environment 'staging'");
    expect(runCostCli(['--env', 'prod', '--json', '--markdown'], environments).exitCode).toBe(2);
  });

  it('scripts/cost.ts runs as a program (bundled with esbuild)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-cli-'));
    const outfile = path.join(dir, 'cost.js');
    buildSync({ entryPoints: [path.join(__dirname, '../../../scripts/cost.ts')], bundle: true, platform: 'node', packages: 'external', outfile, logLevel: 'silent' });
    const json = JSON.parse(execFileSync(process.execPath, [outfile, '--env', 'dev', '--json'], { encoding: 'utf8' }));
    expect(json.totalMicroUsd).toBe(206_425_000);
    let status: number | null = null;
    let stderr = '';
    try {
      execFileSync(process.execPath, [outfile, '--env', 'nope'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('known environments: dev, prod');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
