import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSync } from 'esbuild';
import { environments } from '../../../environments';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { formatProblems, validateEnvironments } from '../../../lib/config/validate';
import { FIELDS } from '../../../lib/config/validate/fields';
import {
  DEFAULT_PRICES,
  PRICE_FIELDS,
  PRICE_SOURCES,
  type CostLineItem,
  type CostReport,
  type ServiceChargeback,
  type StackCost,
  endpointMonthlyCost,
  estimateCost,
  formatUsd,
  pricesFor,
  profilesMonthlyMicros,
  runCostCli,
} from '../../../lib/reports/cost';

function stack(report: CostReport, id: string): StackCost {
  const found = report.stacks.find((s) => s.stack === id);
  if (!found) throw new Error(`no stack ${id}; stacks: ${report.stacks.map((s) => s.stack).join(', ')}`);
  return found;
}

function service(report: CostReport, name: string): ServiceChargeback {
  const found = report.chargeback.services.find((s) => s.service === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

function lines(report: CostReport, pred: (i: CostLineItem) => boolean): CostLineItem[] {
  return report.stacks.flatMap((s) => s.lineItems).filter(pred);
}

describe('reference figures of the guide (1 endpoint, 2 AZs, 730 h)', () => {
  it('hours only: $14.60', () => expect(endpointMonthlyCost(2, 0)).toBe(14.6));
  it('plus 100 GB processed: $15.60', () => expect(endpointMonthlyCost(2, 100)).toBe(15.6));
  it('plus 1 TB (1000 GB) processed instead: $24.60', () => expect(endpointMonthlyCost(2, 1000)).toBe(24.6));
});

describe('the default price table', () => {
  it('is dated and holds the guide prices and the resource endpoint and gateway prices', () => {
    expect(DEFAULT_PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(DEFAULT_PRICES.prices).toEqual({
      endpointAzHour: 0.01,
      endpointGb: 0.01,
      resourceEndpointHour: 0.01,
      resourceEndpointGb: 0.01,
      resourceGatewayGb: 0.01,
      nlbHour: 0.0225,
      nlbLcuHour: 0.006,
      tgwAttachmentHour: 0.05,
      tgwGb: 0.02,
      hostedZoneMonth: 0.5,
      flowLogGb: 0.5,
      interRegionGb: 0.02,
      profilesBaseHour: 0.75,
      profileAssociationHour: 0.0014,
      resolverEndpointIpHour: 0.125,
      vpnConnectionHour: 0.05,
    });
  });

  it('has one dated source per price, and the same fields as the overrides validation accepts', () => {
    expect(Object.keys(PRICE_SOURCES)).toEqual(PRICE_FIELDS);
    for (const s of Object.values(PRICE_SOURCES)) {
      expect(s.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.asOf >= DEFAULT_PRICES.asOf).toBe(true);
      expect(s.source).toMatch(/^https:\/\//);
    }
    expect([...FIELDS.prices].sort()).toEqual([...PRICE_FIELDS].sort());
  });
});

// Totals worked out by hand from the environment files and the default prices; assumptions:
// 730 h/month, 1 GB flow logs per VPC, 10 GB/month per consumer to the centralized endpoints,
// NLCU-hours = GB through the NLB, expectedGbPerMonth per consumed service.
describe('dev, by hand', () => {
  const report = estimateCost(dev);
  const network =
    3 * 2 * 730 * 0.01 + // 3 core endpoints × 2 hub AZs: 43.80
    3 * 0.5 + //            3 hosted zones: 1.50
    2 * 10 * 0.01 + //      2 consumers × 10 GB through the hub endpoints: 0.20
    730 * 0.05 + //         hub VPC attachment: 36.50
    1 * 0.5; //             flow log: 0.50   => 82.50
  const orders =
    730 * 0.0225 + //       NLB hours: 16.425
    (50 + 100) * 0.006 + // NLCU-hours = GB (web 50 + batch default 100): 0.90
    1 * 0.5; //             flow log => 17.825
  const ordersEndpoint = (gb: number): number =>
    2 * 730 * 0.01 + //     endpoint to orders in 2 AZs: 14.60
    gb * 0.01 + //          data processed
    0.5; //                 orders.dev.privatelink.internal (no private DNS name)
  const consumer = (gb: number): number =>
    ordersEndpoint(gb) +
    730 * 0.05 + //         spoke attachment: 36.50
    10 * 0.02 + //          TGW data processing to the hub endpoints: 0.20
    1 * 0.5; //             flow log
  const web = consumer(50); //   52.80
  const batch = consumer(100); // 53.30

  it('per stack', () => {
    expect(report.stacks.map((s) => s.stack)).toEqual([
      'dev-network-us-east-1',
      'dev-provider-orders-us-east-1',
      'dev-consumer-web-us-east-1',
      'dev-consumer-batch-us-east-1',
    ]);
    expect(stack(report, 'dev-network-us-east-1').totalUsd).toBeCloseTo(network, 9);
    expect(stack(report, 'dev-provider-orders-us-east-1').totalUsd).toBeCloseTo(orders, 9);
    expect(stack(report, 'dev-consumer-web-us-east-1').totalUsd).toBeCloseTo(web, 9);
    expect(stack(report, 'dev-consumer-batch-us-east-1').totalUsd).toBeCloseTo(batch, 9);
  });

  it('total: 82.50 + 17.825 + 52.80 + 53.30 = 206.425, exact to the micro-dollar', () => {
    expect(report.totalUsd).toBeCloseTo(network + orders + web + batch, 9);
    expect(report.totalMicroUsd).toBe(206_425_000);
    expect(formatUsd(report.totalUsd)).toBe('206.43');
  });

  it('totals are sums of their line items', () => {
    for (const s of report.stacks) expect(s.totalMicroUsd).toBe(s.lineItems.reduce((n, i) => n + i.monthlyMicroUsd, 0));
  });

  it('chargeback: orders costs its owner 17.825 and its consumers 15.60 + 16.10', () => {
    const o = service(report, 'orders');
    expect(o).toMatchObject({ kind: 'published', owner: '333333333333', region: 'us-east-1', ownerStack: 'dev-provider-orders-us-east-1' });
    expect(o.ownerUsd).toBeCloseTo(orders, 9);
    expect(o.consumers.map((c) => [c.consumer, c.usd])).toEqual([
      ['web', ordersEndpoint(50)],
      ['batch', ordersEndpoint(100)],
    ]);
    expect(o.totalMicroUsd).toBe(49_525_000); // 17.825 + 15.60 + 16.10
    expect(report.chargeback.unattributedMicroUsd).toBe(report.totalMicroUsd - o.totalMicroUsd);
  });
});

describe('prod, by hand', () => {
  const report = estimateCost(prod);
  const networkEu =
    4 * 2 * 730 * 0.01 + // core: 4 endpoints × 2 AZs: 58.40
    4 * 0.5 + //            4 zones: 2.00
    1 * 10 * 0.01 + //      ledger-eu through the hub endpoints: 0.10
    730 * 0.05 + //         hub attachment: 36.50
    0.5 + //                flow log: 0.50
    730 * 0.75; //          Route 53 Profiles, 1 association (ledger-eu), within the base: 547.50 => 645.00
  const networkUs =
    4 * 3 * 730 * 0.01 + // core: 4 endpoints × 3 AZs: 87.60
    4 * 0.5 + //            2.00
    2 * 3 * 730 * 0.01 + // data: 2 endpoints × 3 AZs: 43.80
    2 * 0.5 + //            1.00
    2 * 10 * 0.01 + //      checkout and staging through the hub endpoints: 0.20
    730 * 0.05 + //         36.50
    0.5 + //                0.50 (171.60 so far)
    730 * 0.75 + //         Route 53 Profiles, 2 associations: 547.50
    730 * 0.05 + //         the datacenter's VPN connection: 36.50
    730 * 0.05 + //         and its TGW attachment: 36.50
    100 * 0.02 + //         TGW processing of 100 GB with the datacenter: 2.00
    3 * 730 * 0.125 + //    Resolver inbound endpoint, 3 IPs: 273.75
    3 * 730 * 0.125; //     Resolver outbound endpoint (corp.example.com), 3 IPs: 273.75 => 1,341.60
  const peering = 730 * 0.05 + 730 * 0.05; // one peering attachment billed on each TGW: 73.00
  const payments =
    730 * 0.0225 + //             16.425
    (500 + 200 + 100) * 0.006 + // checkout, ledger-eu, staging: 800 NLCU-hours: 4.80
    0.5; //                       => 21.725
  const fxRates = 730 * 0.0225 + 200 * 0.006 + 0.5; // ledger-eu only: 16.425 + 1.20 + 0.50 => 18.125
  const ledgerDb =
    500 * 0.01 + //  resource gateway: 500 GB from checkout, no hourly charge: 5.00
    0.5; //          flow log of the owner VPC => 5.50
  // Each consumer's endpoint lines per service.
  const checkoutPayments = 2 * 730 * 0.01 + 500 * 0.01 + 0.5; //                  14.60 + 5.00 + zone 0.50 = 20.10
  const checkoutMarketData = 2 * 730 * 0.01 + 500 * 0.01; //                      private DNS of the vendor: 19.60
  const checkoutLedgerDb = 730 * 0.01 + 500 * 0.01; //                            resource endpoint, per endpoint-hour: 12.30
  const ledgerEuPayments = 2 * 730 * 0.01 + 200 * 0.01 + 200 * 0.02 + 0.5; //     cross-region: 21.10
  const ledgerEuFxRates = 2 * 730 * 0.01 + 200 * 0.01 + 0.5; //                   17.10
  const ledgerEuMarketData = 2 * 730 * 0.01 + 200 * 0.01 + 200 * 0.02; //         cross-region to the vendor's us-east-1: 20.60
  const stagingPayments = 2 * 730 * 0.01 + 100 * 0.01 + 0.5; //                   16.10
  const spoke = 730 * 0.05 + 10 * 0.02 + 0.5; // attachment, TGW processing, flow log: 37.20
  const checkout = checkoutPayments + checkoutMarketData + checkoutLedgerDb + spoke; // 89.20
  const ledgerEu = ledgerEuPayments + ledgerEuFxRates + ledgerEuMarketData + spoke; //  96.00
  const staging = stagingPayments + spoke; //                                          53.30

  it('per stack, with the stack ids the blueprint uses', () => {
    const expected: Record<string, number> = {
      'prod-network-eu-west-1': networkEu,
      'prod-network-us-east-1': networkUs,
      'prod-peering-eu-west-1-us-east-1': peering,
      'prod-provider-fx-rates-eu-west-1': fxRates,
      'prod-provider-payments-us-east-1': payments,
      'prod-resource-ledger-db-us-east-1': ledgerDb,
      'prod-consumer-checkout-us-east-1': checkout,
      'prod-consumer-ledger-eu-eu-west-1': ledgerEu,
      'prod-consumer-staging-us-east-1': staging,
    };
    expect(report.stacks.map((s) => s.stack)).toEqual(Object.keys(expected));
    for (const [id, usd] of Object.entries(expected)) expect(stack(report, id).totalUsd).toBeCloseTo(usd, 9);
  });

  it('total: 645.00 + 1,341.60 + 73.00 + 18.125 + 21.725 + 5.50 + 89.20 + 96.00 + 53.30 = 2,343.45', () => {
    expect(report.totalUsd).toBeCloseTo(networkEu + networkUs + peering + fxRates + payments + ledgerDb + checkout + ledgerEu + staging, 9);
    expect(report.totalMicroUsd).toBe(2_343_450_000);
  });

  it('on-premises and Route 53 Profiles lines of the us-east-1 hub', () => {
    const hub = stack(report, 'prod-network-us-east-1')
      .lineItems.slice(-6)
      .map((i) => [i.item, i.price, i.quantity, i.monthlyUsd]);
    expect(hub).toEqual([
      [
        'Route 53 Profiles (2 profile(s), one per segment, mode profiles): base for up to 100 of 2 profile-VPC association(s)',
        'profilesBaseHour',
        730,
        547.5,
      ],
      ["Site-to-Site VPN connection of on-premises network 'datacenter'", 'vpnConnectionHour', 730, 36.5],
      ["TGW attachment of the VPN of 'datacenter'", 'tgwAttachmentHour', 730, 36.5],
      ["TGW data processing: 100 GB between 'datacenter' and AWS (assumption)", 'tgwGb', 100, 2],
      ['Route 53 Resolver inbound endpoint: 3 IPs', 'resolverEndpointIpHour', 2190, 273.75],
      ['Route 53 Resolver outbound endpoint (1 forwarding rule(s)): 3 IPs', 'resolverEndpointIpHour', 2190, 273.75],
    ]);
    // A Direct Connect gateway: only its TGW attachment, the association has no charge of its own.
    const dx: EnvironmentConfig = {
      ...prod,
      network: {
        ...prod.network,
        onPremises: {
          colo: {
            region: 'us-east-1',
            cidrs: ['192.168.64.0/18'],
            directConnect: { gatewayId: '5f294f92-bafb-4011-916d-9b0b6e0a1c2d', allowedPrefixes: ['10.0.0.0/21'] },
          },
        },
      },
    };
    const items = stack(estimateCost(dx), 'prod-network-us-east-1').lineItems.map((i) => i.item);
    expect(items).toContain(
      "TGW attachment of Direct Connect gateway 5f294f92-bafb-4011-916d-9b0b6e0a1c2d for 'colo' (the gateway association has no charge of its own)",
    );
    expect(items.some((i) => /VPN|outbound/.test(i))).toBe(false);
  });

  it('DNS modes side by side: zone associations are free, profiles bill per account and region, never cheaper', () => {
    expect(report.dnsModes.regions).toEqual([
      {
        region: 'eu-west-1',
        mode: 'profiles',
        spokes: 1,
        zoneAssociations: 4 * 2,
        mostVpcsPerZone: 2,
        zoneAssociationsHeadroom: 298,
        profileAssociations: 1,
        zoneAssociationsUsd: 0,
        profilesUsd: 547.5,
      },
      // core's 4 zones: hub + checkout + staging; data's 2: hub + checkout
      {
        region: 'us-east-1',
        mode: 'profiles',
        spokes: 2,
        zoneAssociations: 4 * 3 + 2 * 2,
        mostVpcsPerZone: 3,
        zoneAssociationsHeadroom: 297,
        profileAssociations: 2,
        zoneAssociationsUsd: 0,
        profilesUsd: 547.5,
      },
    ]);
    expect(report.dnsModes).toMatchObject({ zoneAssociationsUsd: 0, profilesUsd: 1095, profilesCheaperFromConsumers: null });
    // In profiles mode the network stacks carry exactly the comparison's profiles figure.
    expect(
      lines(report, (i) => i.price === 'profilesBaseHour' || i.price === 'profileAssociationHour').reduce(
        (n, i) => n + i.monthlyMicroUsd,
        0,
      ),
    ).toBe(1_095_000_000);
    // Beyond 100 associations per account and region: 250 spokes cost the base plus 150 × 730 × 0.0014.
    expect(profilesMonthlyMicros(250, DEFAULT_PRICES.prices)).toBe(547_500_000 + 153_300_000);
    expect(profilesMonthlyMicros(0, DEFAULT_PRICES.prices)).toBe(0);
    expect(estimateCost(dev).dnsModes.regions).toEqual([
      expect.objectContaining({ mode: 'zone-associations', spokes: 2, profilesUsd: 547.5, zoneAssociationsUsd: 0 }),
    ]);
    expect(lines(estimateCost(dev), (i) => i.price === 'profilesBaseHour')).toEqual([]);
  });

  it('a resource endpoint bills per endpoint-hour (not per AZ) and its gateway per GB only', () => {
    expect(lines(report, (i) => i.service === 'ledger-db').map((i) => [i.stack, i.price, i.quantity, i.monthlyUsd])).toEqual([
      ['prod-resource-ledger-db-us-east-1', 'resourceGatewayGb', 500, 5],
      ['prod-resource-ledger-db-us-east-1', 'flowLogGb', 1, 0.5],
      ['prod-consumer-checkout-us-east-1', 'resourceEndpointHour', 730, 7.3],
      ['prod-consumer-checkout-us-east-1', 'resourceEndpointGb', 500, 5],
    ]);
    expect(lines(report, (i) => i.price === 'resourceEndpointHour')[0].item).toBe("resource endpoint to 'ledger-db' (resource, us-east-1)");
  });

  it('the external service crosses regions for ledger-eu only, and has no owner-side line', () => {
    const marketData = lines(report, (i) => i.service === 'market-data');
    expect(marketData.map((i) => [i.stack, i.price, i.quantity, i.monthlyUsd])).toEqual([
      ['prod-consumer-checkout-us-east-1', 'endpointAzHour', 1460, 14.6],
      ['prod-consumer-checkout-us-east-1', 'endpointGb', 500, 5],
      ['prod-consumer-ledger-eu-eu-west-1', 'endpointAzHour', 1460, 14.6],
      ['prod-consumer-ledger-eu-eu-west-1', 'endpointGb', 200, 2],
      ['prod-consumer-ledger-eu-eu-west-1', 'interRegionGb', 200, 4],
    ]);
    expect(marketData[2].item).toBe(
      "interface endpoint to 'market-data' (external, Example Market Data Ltd., cross-region to us-east-1): 2 AZs",
    );
    expect(marketData[4]).toMatchObject({
      item: "inter-region data transfer us-east-1 ↔ eu-west-1 for 'market-data'",
      region: 'eu-west-1',
      unitPriceUsd: 0.02,
    });
  });

  it('only the cross-region consumer pays inter-region transfer: payments and market-data', () => {
    expect(lines(report, (i) => i.price === 'interRegionGb').map((i) => [i.stack, i.service, i.quantity, i.monthlyUsd])).toEqual([
      ['prod-consumer-ledger-eu-eu-west-1', 'market-data', 200, 4],
      ['prod-consumer-ledger-eu-eu-west-1', 'payments', 200, 4],
    ]);
  });

  it('private hosted zones: one per consumer of a published service without private DNS; none for the vendor with private DNS or the resource', () => {
    expect(lines(report, (i) => i.price === 'hostedZoneMonth' && i.stack.includes('-consumer-')).map((i) => [i.stack, i.service])).toEqual([
      ['prod-consumer-checkout-us-east-1', 'payments'],
      ['prod-consumer-ledger-eu-eu-west-1', 'fx-rates'],
      ['prod-consumer-ledger-eu-eu-west-1', 'payments'],
      ['prod-consumer-staging-us-east-1', 'payments'],
    ]);
  });

  it("chargeback: owner side plus each consumer's endpoint, per service", () => {
    const rows = report.chargeback.services.map((s) => [s.service, s.kind, s.owner, s.region, s.ownerStack]);
    expect(rows).toEqual([
      ['fx-rates', 'published', '777777777777', 'eu-west-1', 'prod-provider-fx-rates-eu-west-1'],
      ['ledger-db', 'resource', '333333333333', 'us-east-1', 'prod-resource-ledger-db-us-east-1'],
      ['market-data', 'external', 'Example Market Data Ltd.', 'us-east-1', undefined],
      ['payments', 'published', '333333333333', 'us-east-1', 'prod-provider-payments-us-east-1'],
    ]);
    const expected: Record<string, { owner: number; consumers: [string, number][] }> = {
      'fx-rates': { owner: fxRates, consumers: [['ledger-eu', ledgerEuFxRates]] },
      'ledger-db': { owner: ledgerDb, consumers: [['checkout', checkoutLedgerDb]] },
      'market-data': {
        owner: 0,
        consumers: [
          ['checkout', checkoutMarketData],
          ['ledger-eu', ledgerEuMarketData],
        ],
      },
      payments: {
        owner: payments,
        consumers: [
          ['checkout', checkoutPayments],
          ['ledger-eu', ledgerEuPayments],
          ['staging', stagingPayments],
        ],
      },
    };
    for (const [name, want] of Object.entries(expected)) {
      const s = service(report, name);
      expect(s.ownerUsd).toBeCloseTo(want.owner, 9);
      expect(s.consumers.map((c) => c.consumer)).toEqual(want.consumers.map(([c]) => c));
      s.consumers.forEach((c, i) => expect(c.usd).toBeCloseTo(want.consumers[i][1], 9));
      expect(s.totalUsd).toBeCloseTo(want.owner + want.consumers.reduce((n, [, usd]) => n + usd, 0), 9);
      expect(s.totalMicroUsd).toBe(s.ownerMicroUsd + s.consumerMicroUsd);
    }
    // 35.225 + 17.80 + 40.20 + 79.025 = 172.25 charged back; the rest is shared.
    expect(report.chargeback.services.map((s) => s.totalMicroUsd)).toEqual([35_225_000, 17_800_000, 40_200_000, 79_025_000]);
    expect(report.chargeback.unattributedMicroUsd).toBe(2_343_450_000 - 172_250_000);
  });

  it("every line serving a service is in that service's chargeback, and only there", () => {
    const served = lines(report, (i) => i.service !== undefined).reduce((n, i) => n + i.monthlyMicroUsd, 0);
    expect(report.chargeback.services.reduce((n, s) => n + s.totalMicroUsd, 0)).toBe(served);
  });

  it('centralization: us-east-1 hub 134.40 vs 151.00 in the spokes', () => {
    const us = report.centralization.regions.find((r) => r.region === 'us-east-1')!;
    // hub: (4 + 2) endpoints × 3 AZs × 730 h × 0.01 + 6 zones × 0.50 = 131.40 + 3.00
    expect(us.centralizedUsd).toBeCloseTo(6 * 3 * 730 * 0.01 + 6 * 0.5, 9);
    // checkout (segment prod: 6 services) and staging (nonprod: core's 4), 2 AZs each, plus their zones
    expect(us.decentralizedUsd).toBeCloseTo((6 + 4) * 2 * 730 * 0.01 + (6 + 4) * 0.5, 9);
    expect(us.savingsUsd).toBeCloseTo(16.6, 9);
    const eu = report.centralization.regions.find((r) => r.region === 'eu-west-1')!;
    expect(eu.savingsUsd).toBe(0);
    expect(report.centralization.savingsUsd).toBeCloseTo(16.6, 9);
  });
});

describe('price overrides', () => {
  const overridden: EnvironmentConfig = {
    ...prod,
    prices: {
      'eu-west-1': { endpointAzHour: 0.011, tgwAttachmentHour: 0.06 },
      'us-east-1': { resourceEndpointHour: 0.02, resourceGatewayGb: 0.015 },
    },
  };
  const base = estimateCost(prod);
  const report = estimateCost(overridden);

  it('apply to resources in that region only', () => {
    // eu hub: 5,840 AZ-hours × 0.011 = 64.24 instead of 58.40; attachment 730 × 0.06 = 43.80 instead of 36.50
    expect(stack(report, 'prod-network-eu-west-1').totalUsd).toBeCloseTo(645 + (64.24 - 58.4) + (43.8 - 36.5), 9);
    // peering: the eu side at 0.06, the us side at the default 0.05
    const peering = stack(report, 'prod-peering-eu-west-1-us-east-1');
    expect(peering.lineItems.map((i) => [i.region, i.unitPriceUsd])).toEqual([
      ['eu-west-1', 0.06],
      ['us-east-1', 0.05],
    ]);
    expect(peering.totalUsd).toBeCloseTo(43.8 + 36.5, 9);
    // the eu consumer's three endpoints: 3 × 1,460 × 0.011 = 48.18 instead of 43.80; its attachment at 0.06
    expect(stack(report, 'prod-consumer-ledger-eu-eu-west-1').totalUsd).toBeCloseTo(96 + (48.18 - 43.8) + (43.8 - 36.5), 9);
    for (const id of ['prod-network-us-east-1', 'prod-provider-payments-us-east-1', 'prod-consumer-staging-us-east-1']) {
      expect(stack(report, id).totalMicroUsd).toBe(stack(base, id).totalMicroUsd);
    }
    expect(report.prices['eu-west-1'].endpointGb).toBe(DEFAULT_PRICES.prices.endpointGb);
  });

  it('of the resource prices change the resource lines and the chargeback of the resource', () => {
    // endpoint: 730 × 0.02 = 14.60 instead of 7.30; gateway: 500 × 0.015 = 7.50 instead of 5.00
    expect(stack(report, 'prod-consumer-checkout-us-east-1').totalUsd).toBeCloseTo(89.2 + 7.3, 9);
    expect(stack(report, 'prod-resource-ledger-db-us-east-1').totalUsd).toBeCloseTo(5.5 + 2.5, 9);
    expect(service(report, 'ledger-db').totalUsd).toBeCloseTo(17.8 + 7.3 + 2.5, 9);
    // payments: only ledger-eu's endpoint, in eu-west-1, moves: 1,460 AZ-hours × 0.001 more
    expect(service(report, 'payments').totalMicroUsd - service(base, 'payments').totalMicroUsd).toBe(1_460_000);
  });

  it('reject values that are not prices, naming the field', () => {
    const bad = { ...prod, prices: { 'us-east-1': { tgwGb: -1 } } };
    expect(() => estimateCost(bad)).toThrow("prod: prices['us-east-1'].tgwGb must be a non-negative number of USD, got -1");
    const guess = { ...prod, prices: { 'us-east-1': { resourceEndpointAzHour: 0.01 } as never } };
    expect(() => pricesFor(guess, 'us-east-1')).toThrow(
      /resourceEndpointAzHour is not a known price; use one of endpointAzHour, endpointGb, resourceEndpointHour/,
    );
  });

  it('warn about a region no resource lives in', () => {
    const r = estimateCost({ ...prod, prices: { 'ap-south-1': { tgwGb: 0.03 } } });
    expect(r.warnings).toEqual([expect.stringContaining("prices['ap-south-1'] applies to no resource of prod")]);
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
      [
        'assumptions',
        'centralization',
        'chargeback',
        'dnsModes',
        'environment',
        'hoursPerMonth',
        'priceSources',
        'prices',
        'pricesAsOf',
        'stacks',
        'totalMicroUsd',
        'totalUsd',
        'warnings',
      ].sort(),
    );
    expect(json).toMatchObject({ environment: 'prod', hoursPerMonth: 730, totalUsd: 2343.45, pricesAsOf: DEFAULT_PRICES.asOf });
    expect(json.dnsModes).toMatchObject({ profilesUsd: 1095, profilesCheaperFromConsumers: null });
    expect(Object.keys(json.stacks[0]).sort()).toEqual(['lineItems', 'region', 'stack', 'totalMicroUsd', 'totalUsd']);
    expect(Object.keys(json.stacks[0].lineItems[0]).sort()).toEqual([
      'item',
      'monthlyMicroUsd',
      'monthlyUsd',
      'price',
      'quantity',
      'region',
      'stack',
      'unit',
      'unitPriceUsd',
    ]);
    const payments = json.chargeback.services.find((s: ServiceChargeback) => s.service === 'payments');
    expect(payments).toMatchObject({ kind: 'published', totalMicroUsd: 79_025_000, ownerStack: 'prod-provider-payments-us-east-1' });
    expect(json.chargeback.services.find((s: ServiceChargeback) => s.service === 'market-data').ownerStack).toBeUndefined();
    expect(json.priceSources.resourceGatewayGb.source).toContain('https://aws.amazon.com/vpc/lattice/pricing/');
    expect(json.centralization).toMatchObject({ savingsUsd: 16.6 });
    expect(out.stderr).toBe('');
  });

  it('--env all --json prints an array, one report per environment', () => {
    const out = runCostCli(['--env=all', '--json'], environments);
    expect(JSON.parse(out.stdout).map((r: CostReport) => r.environment)).toEqual(['dev', 'prod']);
  });

  it('the table and markdown carry every stack, the total and the chargeback', () => {
    const table = runCostCli(['--env', 'prod'], environments).stdout;
    const md = runCostCli(['--env', 'prod', '--markdown'], environments).stdout;
    for (const s of estimateCost(prod).stacks) {
      expect(table).toContain(s.stack);
      expect(md).toContain(`| ${s.stack} |`);
    }
    expect(table).toMatch(/TOTAL prod per month\s+2,343\.45/);
    expect(md).toContain('**Total: $2,343.45**');
    for (const out of [table, md]) {
      expect(out).toContain('Profiles become cheaper from: never.');
      expect(out).toMatch(
        /us-east-1\s*\|?\s*profiles\s*\|?\s*2\s*\|?\s*16 associations, busiest zone 3\/300 VPCs \(297 spokes to go\) = 0\.00\s*\|?\s*2 profile-VPC associations = 547\.50/,
      );
    }
    expect(table).toMatch(
      /payments\s+published\s+333333333333\s+us-east-1\s+21\.73\s+57\.30\s+79\.03\s+checkout 20\.10, ledger-eu 21\.10, staging 16\.10/,
    );
    expect(table).toMatch(/market-data\s+external\s+Example Market Data Ltd\.\s+us-east-1\s+vendor bills\s+40\.20\s+40\.20/);
    expect(md).toContain('| ledger-db | resource | 333333333333 | us-east-1 | 5.50 | 12.30 | 17.80 | checkout 12.30 |');
    expect(md).toContain('| not charged back (shared) |');
  });

  it('usage errors exit 2 with the usage and the known environments', () => {
    for (const argv of [['--env', 'staging'], [], ['--env'], ['--env', 'prod', '--json', '--markdown'], ['--nope']]) {
      const out = runCostCli(argv, environments);
      expect(out.exitCode).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('known environments: dev, prod');
      expect(out.stderr).toContain('usage: npm run cost -- --env <name>|all [--json | --markdown]');
    }
    expect(runCostCli(['--env', 'staging'], environments).stderr).toContain("unknown environment 'staging'");
    expect(runCostCli(['--help'], environments)).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('validates first: configuration errors are printed as synth prints them, exit 1, nothing estimated', () => {
    const bad: EnvironmentConfig = {
      ...prod,
      prices: { 'us-east-1': { resourceEndpointAzHour: 0.01 } as never, 'eu-west-1': { tgwGb: -1 } },
      consumers: prod.consumers.map((c) => (c.name === 'staging' ? { ...c, consumes: ['payments', 'no-such-service'] } : c)),
    };
    const out = runCostCli(['--env', 'prod'], [dev, bad]);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(`${formatProblems(validateEnvironments([bad]))}\n`);
    expect(out.stderr).toMatch(/^\d+ configuration problems:\n/);
    expect(out.stderr).toContain('prod: prices["us-east-1"].resourceEndpointAzHour: is not a known field');
    expect(out.stderr).toContain('no-such-service');
  });

  it('prints validation warnings and still estimates', () => {
    const quiet: EnvironmentConfig = {
      ...dev,
      consumers: dev.consumers.map((c) => (c.name === 'batch' ? { ...c, consumes: undefined } : c)),
    };
    const out = runCostCli(['--env', 'dev', '--json'], [quiet, prod]);
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toMatch(/^warning: dev: consumers\["batch"\]\.consumes: is not set/);
    expect(JSON.parse(out.stdout).chargeback.services[0].consumers.map((c: { consumer: string }) => c.consumer)).toEqual(['web']);
  });

  it('scripts/cost.ts runs as a program (bundled with esbuild)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-cli-'));
    const outfile = path.join(dir, 'cost.js');
    buildSync({
      entryPoints: [path.join(__dirname, '../../../scripts/cost.ts')],
      bundle: true,
      platform: 'node',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
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
