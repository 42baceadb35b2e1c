import { Testing } from 'cdktf';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { analyzeConnectivity, formatMatrix, synthesizeStacks, type ConnectivityReport } from '../../../lib/reports/connectivity';
import { buildEnvironment, type EnvironmentStacks } from '../../../stacks/environment';

function analyze(env: EnvironmentConfig, tamper?: (stacks: EnvironmentStacks) => void): ConnectivityReport {
  const app = Testing.app();
  const stacks = buildEnvironment(app, env);
  tamper?.(stacks);
  return analyzeConnectivity(env, synthesizeStacks(app));
}

const reach = (r: ConnectivityReport, row: string, column: string) => r.cells[row][column].reach;

describe('dev', () => {
  const report = analyze(dev);
  test('matrix matches the design', () => {
    expect(report.rows).toEqual(['consumer:web', 'consumer:batch', 'provider:orders', 'hub:us-east-1']);
    expect(report.columns).toEqual(['service:orders', 'endpoints:us-east-1', 'consumer:web', 'consumer:batch', 'internet']);
    for (const c of ['consumer:web', 'consumer:batch']) {
      expect(reach(report, c, 'service:orders')).toBe('yes');
      expect(reach(report, c, 'endpoints:us-east-1')).toBe('yes');
      expect(report.cells[c]['endpoints:us-east-1'].zones).toBe('3/3');
      expect(reach(report, c, 'internet')).toBe('no');
    }
    // nonprod has spokeToSpoke off in dev.
    expect(reach(report, 'consumer:web', 'consumer:batch')).toBe('no');
    expect(reach(report, 'provider:orders', 'service:orders')).toBe('self');
    expect(reach(report, 'provider:orders', 'consumer:web')).toBe('no');
    expect(reach(report, 'hub:us-east-1', 'service:orders')).toBe('no');
    expect(report.violations).toEqual([]);
    expect(formatMatrix(report)).toContain('No connectivity violations.');
  });
});

describe('prod', () => {
  const report = analyze(prod);
  test('matrix matches the design', () => {
    const consumers = ['consumer:checkout', 'consumer:ledger-eu', 'consumer:staging'];
    for (const c of consumers) {
      expect(reach(report, c, 'service:payments')).toBe('yes');
      expect(reach(report, 'provider:payments', c)).toBe('no');
      expect(reach(report, c, 'internet')).toBe('no');
    }
    expect(report.cells['consumer:ledger-eu']['service:payments'].why).toMatch(/PrivateLink/);
    expect(reach(report, 'consumer:checkout', 'endpoints:us-east-1')).toBe('yes');
    expect(report.cells['consumer:checkout']['endpoints:us-east-1'].zones).toBe('6/6');
    // The data set is reserved for the prod segment.
    expect(report.cells['consumer:staging']['endpoints:us-east-1'].zones).toBe('4/6');
    expect(reach(report, 'consumer:ledger-eu', 'endpoints:eu-west-1')).toBe('yes');
    expect(reach(report, 'consumer:ledger-eu', 'endpoints:us-east-1')).toBe('no');
    // Segments stay apart; prod spokes do not reach each other either.
    expect(reach(report, 'consumer:staging', 'consumer:checkout')).toBe('no');
    expect(reach(report, 'consumer:checkout', 'consumer:staging')).toBe('no');
    expect(reach(report, 'consumer:checkout', 'consumer:ledger-eu')).toBe('no');
    expect(reach(report, 'hub:us-east-1', 'internet')).toBe('no');
    expect(report.violations).toEqual([]);
  });

  test('the peered hubs reach each other', () => {
    expect(reach(report, 'hub:us-east-1', 'endpoints:eu-west-1')).toBe('yes');
    expect(reach(report, 'hub:eu-west-1', 'endpoints:us-east-1')).toBe('yes');
  });

  test('a hub without its return route to the spokes is caught as one-way', () => {
    const bad = analyze(prod, (stacks) => {
      expect(stacks.hubs['us-east-1'].tgw.node.tryRemoveChild('hub-to-spokes')).toBe(true);
    });
    expect(reach(bad, 'consumer:checkout', 'endpoints:us-east-1')).toBe('one-way');
    expect(bad.violations).toContainEqual(expect.stringMatching(
      /^consumer checkout cannot reach the centralized endpoints of us-east-1 \(one-way\): return path: .* has no route to 10\.16\.0\.0\/21/,
    ));
  });

  test('a route from the nonprod table into a prod spoke is caught', () => {
    const bad = analyze(prod, (stacks) => {
      const hub = stacks.hubs['us-east-1'];
      const checkout = stacks.consumers.checkout;
      // Declared in the consumer stack (which already owns network-account resources): the
      // hub stack reading the attachment would be a circular stack dependency.
      new Ec2TransitGatewayRoute(checkout, 'leak', {
        provider: checkout.awsProvider('network', prod.network.accountId, 'us-east-1'),
        transitGatewayRouteTableId: hub.tgw.segmentRouteTableIds.nonprod,
        destinationCidrBlock: prod.consumers.find((c) => c.name === 'checkout')!.cidr,
        transitGatewayAttachmentId: checkout.attachment.attachmentId,
      });
    });
    expect(reach(bad, 'consumer:staging', 'consumer:checkout')).toBe('one-way');
    expect(bad.violations).toContainEqual(expect.stringMatching(
      /^consumer staging \(segment nonprod\) reaches consumer checkout \(segment prod\) \(one-way\)/,
    ));
  });

  test('a default route to an internet gateway is caught', () => {
    const bad = analyze(prod, (stacks) => {
      const consumer = stacks.consumers.staging;
      const provider = consumer.awsProvider('consumer', '666666666666', 'us-east-1');
      const igw = new InternetGateway(consumer, 'igw', { provider, vpcId: consumer.vpc.vpcId });
      new Route(consumer, 'default', { provider, routeTableId: consumer.vpc.routeTableId, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    });
    expect(reach(bad, 'consumer:staging', 'internet')).toBe('yes');
    expect(bad.violations).toContainEqual(expect.stringMatching(/^consumer:staging reaches the internet/));
  });
});
