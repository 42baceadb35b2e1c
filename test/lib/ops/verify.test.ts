/**
 * `npm run verify`: the live reads (replayed from a recording of dev deployed on the emulator,
 * after three out-of-band changes: web's route to the TGW deleted, web's sts hub zone
 * disassociated, batch's allowed principal removed), the live matrix computed by the model of
 * `npm run check`, the comparison with the promised matrix, the DNS checks, and the Reachability
 * Analyzer requests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { environmentStacks } from '../../../lib/ops/stacks';
import { compareReports, formatComparison, verifyExitCode } from '../../../lib/ops/verify/compare';
import { checkDns } from '../../../lib/ops/verify/dns';
import { LiveJson, ref } from '../../../lib/ops/verify/live-json';
import { additionalAccounts, hostIn, pathRequest, sampleFlows, verdictOf } from '../../../lib/ops/verify/reachability';
import { readLive } from '../../../lib/ops/verify/reader';
import { analyzeConnectivity, type ConnectivityReport } from '../../../lib/reports/connectivity';
import { fake, replay, type RecordedCall } from './fake-clients';

const recording = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'dev-live.json'), 'utf8')) as {
  env: EnvironmentConfig;
  calls: RecordedCall[];
};
const env = recording.env;

const readRecorded = async () => {
  const errors: string[] = [];
  const live = await readLive({
    clients: replay(recording.calls),
    environment: env.name,
    places: environmentStacks(env).flatMap((s) => s.places),
    networkAccount: env.network.accountId,
    parallel: 1,
    onError: (what, e) => errors.push(`${what}: ${e}`),
  });
  return { live, errors };
};

test('the live JSON carries every object in its stack, with references the model resolves across stacks', async () => {
  const { live, errors } = await readRecorded();
  expect(errors).toEqual([]);
  const json = live.json.build();
  expect(Object.keys(json).sort()).toEqual([
    'dev-consumer-batch-us-east-1',
    'dev-consumer-web-us-east-1',
    'dev-network-us-east-1',
    'dev-provider-orders-us-east-1',
  ]);
  const web = json['dev-consumer-web-us-east-1'] as { resource: Record<string, Record<string, Record<string, unknown>>> };
  const attachment = Object.values(web.resource.aws_ec2_transit_gateway_vpc_attachment)[0];
  expect(attachment.transit_gateway_id).toMatch(
    /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-network-us-east-1\.outputs\.live_aws_ec2_transit_gateway_tgw-[0-9a-f]+_id\}$/,
  );
  expect(attachment.vpc_id).toMatch(/^\$\{aws_vpc\.vpc-[0-9a-f]+\.id\}$/);
  expect(live.endpointService.size).toBe(2);
});

test('the live matrix names each broken flow and its missing hop', async () => {
  const { live } = await readRecorded();
  const report = analyzeConnectivity(env, live.json.build());
  expect(report.cells['consumer:web']['endpoints:us-east-1']).toMatchObject({ reach: 'no', zones: '2/3' });
  expect(report.cells['consumer:web']['endpoints:us-east-1'].why).toMatch(
    /dev-consumer-web-us-east-1\/aws_vpc\.vpc-[0-9a-f]+ has no route to 10\.64\.0\.0\/22/,
  );
  expect(report.cells['consumer:batch']['service:orders'].why).toMatch(/the service does not allow account 555555555555/);
  expect(report.cells['consumer:web']['service:orders']).toMatchObject({ reach: 'yes' });
  expect(report.violations).toEqual(
    expect.arrayContaining(['consumer web does not get the hub zone of core/sts its segment nonprod receives']),
  );
  expect(checkDns(env, live)).toEqual([]);
});

const cell = (reach: 'yes' | 'no', why: string, zones?: string) => ({ reach, why, ...(zones && { zones }) });
const report = (cells: Record<string, Record<string, ReturnType<typeof cell>>>, violations: string[] = []): ConnectivityReport => ({
  env: 'dev',
  rows: Object.keys(cells),
  columns: Object.keys(Object.values(cells)[0]),
  cells,
  violations,
});

test('each difference is explained by the live reason, notes about the objects it names, and the live violations', () => {
  const promised = report({
    'consumer:web': { 'service:orders': cell('yes', 'PrivateLink via x'), 'endpoints:us-east-1': cell('yes', 'TGW', '3/3') },
  });
  const live = report(
    {
      'consumer:web': {
        'service:orders': cell(
          'no',
          'dev-consumer-web-us-east-1/aws_vpc_endpoint.vpce-1: the connection is never accepted (acceptance required, no accepter)',
        ),
        'endpoints:us-east-1': cell('yes', 'TGW', '2/3'),
      },
    },
    ['consumer web does not get the hub zone of core/sts its segment nonprod receives'],
  );
  const c = compareReports(
    promised,
    live,
    new Map([['vpce-1', ['its connection to vpce-svc-1 is pendingAcceptance (owner 444444444444)']]]),
  );
  expect(c.differences.map((d) => [d.row, d.column, d.explanation])).toEqual([
    [
      'consumer:web',
      'service:orders',
      'dev-consumer-web-us-east-1/aws_vpc_endpoint.vpce-1: the connection is never accepted (acceptance required, no accepter); vpce-1: its connection to vpce-svc-1 is pendingAcceptance (owner 444444444444)',
    ],
    [
      'consumer:web',
      'endpoints:us-east-1',
      'TGW; violation: consumer web does not get the hub zone of core/sts its segment nonprod receives',
    ],
  ]);
  expect(verifyExitCode(c)).toBe(2);
  expect(formatComparison(c)).toContain('Flows of dev that differ from the configuration (2):');
  const same = compareReports(promised, promised);
  expect(verifyExitCode(same)).toBe(0);
  expect(formatComparison(same)).toMatch(/matches the configuration/);
});

test('objects of one stack refer to each other directly, across stacks through remote-state outputs', () => {
  const j = new LiveJson();
  const p = { account: '1', region: 'us-east-1' };
  j.add('a', 'aws_vpc', 'vpc-1', p, { cidr_block: '10.0.0.0/16' });
  j.add('a', 'aws_subnet', 'subnet-1', p, { vpc_id: ref('vpc-1') });
  j.add('b', 'aws_subnet', 'subnet-2', p, { vpc_id: ref('vpc-1'), other: ref('unknown-1') });
  const out = j.build() as Record<
    string,
    { resource: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, { value: string }> }
  >;
  expect(out.a.resource.aws_subnet['subnet-1'].vpc_id).toBe('${aws_vpc.vpc-1.id}');
  expect(out.b.resource.aws_subnet['subnet-2']).toMatchObject({
    vpc_id: '${data.terraform_remote_state.cross-stack-reference-input-a.outputs.live_aws_vpc_vpc-1_id}',
    other: 'unknown-1',
  });
  expect(out.a.output).toEqual({ 'live_aws_vpc_vpc-1_id': { value: '${aws_vpc.vpc-1.id}' } });
});

test('Reachability Analyzer: samples, requests and verdicts', async () => {
  const { live } = await readRecorded();
  const samples = sampleFlows(env, live, 1);
  expect(samples.map((s) => s.label.replace(/vp[a-z0-9-]+/g, 'ID'))).toEqual([
    'consumer web → centralized endpoint ID (us-east-1 hub)',
    'consumer web → service orders (ID)',
  ]);
  const [hub, service] = samples;
  expect(hostIn('10.66.0.0/22')).toBe('10.66.0.10');
  expect(pathRequest(env, hub)).toEqual({
    Source: expect.stringMatching(/^arn:aws:ec2:us-east-1:444444444444:transit-gateway-attachment\/tgw-attach-/),
    Destination: expect.stringMatching(/^arn:aws:ec2:us-east-1:222222222222:vpc-endpoint\/vpce-/),
    Protocol: 'tcp',
    DestinationPort: 443,
    SourceIp: '10.66.0.10',
    TagSpecifications: [
      {
        ResourceType: 'network-insights-path',
        Tags: [
          { Key: 'environment', Value: 'dev' },
          { Key: 'created-by', Value: 'privatelink-verify' },
          { Key: 'Name', Value: hub.label },
        ],
      },
    ],
  });
  expect(pathRequest(env, service)).toMatchObject({
    Source: expect.stringMatching(/^arn:aws:ec2:us-east-1:444444444444:vpc-endpoint\/vpce-/),
    Destination: expect.stringMatching(/^arn:aws:ec2:us-east-1:333333333333:vpc-endpoint-service\/vpce-svc-/),
    DestinationPort: 443,
  });
  expect(additionalAccounts(hub, '222222222222')).toEqual(['444444444444']);
  expect(
    verdictOf(hub, {
      Status: 'succeeded',
      NetworkPathFound: false,
      Explanations: [{ ExplanationCode: 'NO_ROUTE_TO_DESTINATION', TransitGatewayRouteTable: { Id: 'tgw-rtb-1' } }],
    }),
  ).toMatchObject({ status: 'succeeded', pathFound: false, explanations: ['NO_ROUTE_TO_DESTINATION (tgw-rtb-1)'] });
});

test('the reads go to the accounts and regions of the stacks, one client per place', async () => {
  const sent: string[] = [];
  const empty = fake(
    {
      DescribeVpcsCommand: () => ({ Vpcs: [] }),
      DescribeVpcEndpointServiceConfigurationsCommand: () => ({}),
      DescribeTransitGatewaysCommand: () => ({}),
      ListResourceGatewaysCommand: () => ({}),
      ListResourceConfigurationsCommand: () => ({}),
      GetResourceSharesCommand: () => ({}),
      ListHostedZonesCommand: () => ({}),
    },
    sent,
  );
  const { json } = await readLive({
    clients: empty,
    environment: 'dev',
    places: [
      { account: '222222222222', region: 'us-east-1' },
      { account: '444444444444', region: 'us-east-1' },
    ],
    networkAccount: '222222222222',
  });
  expect(json.build()).toEqual({});
  expect([...new Set(sent)].sort()).toEqual([
    '222222222222/us-east-1 DescribeTransitGatewaysCommand',
    '222222222222/us-east-1 DescribeVpcEndpointServiceConfigurationsCommand',
    '222222222222/us-east-1 DescribeVpcsCommand',
    '222222222222/us-east-1 GetResourceSharesCommand',
    '222222222222/us-east-1 ListHostedZonesCommand',
    '222222222222/us-east-1 ListResourceConfigurationsCommand',
    '222222222222/us-east-1 ListResourceGatewaysCommand',
    '444444444444/us-east-1 DescribeVpcEndpointServiceConfigurationsCommand',
    '444444444444/us-east-1 DescribeVpcsCommand',
    '444444444444/us-east-1 GetResourceSharesCommand',
    '444444444444/us-east-1 ListHostedZonesCommand',
    '444444444444/us-east-1 ListResourceConfigurationsCommand',
    '444444444444/us-east-1 ListResourceGatewaysCommand',
  ]);
});
