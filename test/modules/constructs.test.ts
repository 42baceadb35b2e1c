/**
 * What each construct alone can check, at construction, with the construct's path in the
 * message: the environment validation never reaches a team composing these in its own stacks.
 */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  EndpointService,
  HubResolver,
  OnPremisesAttachment,
  PrivateLinkConsumer,
  VpcResourceShare,
  PrivateVpc,
  TransitGatewayHub,
  profileResourceName,
} from '../../modules';

function stack() {
  const s = new TerraformStack(Testing.app(), 'team');
  return { s, provider: new AwsProvider(s, 'aws', { region: 'us-east-1' }) };
}

describe('construct-level validation', () => {
  test('PrivateVpc needs subnets in at least 2 AZs', () => {
    const { s, provider } = stack();
    expect(
      () => new PrivateVpc(s, 'vpc', { provider, accountId: '123456789012', name: 'x', cidr: '10.0.0.0/24', azs: ['us-east-1a'] }),
    ).toThrow('team/vpc: a VPC needs subnets in at least 2 AZs for high availability, got [us-east-1a]');
  });

  test('PrivateVpc carves subnets by AZ letter and defaults flow-log retention to 90 days', () => {
    const { s, provider } = stack();
    const vpc = new PrivateVpc(s, 'vpc', {
      provider,
      accountId: '123456789012',
      name: 'x',
      cidr: '10.0.0.0/24',
      azs: ['us-east-1c', 'us-east-1a'],
    });
    expect(vpc.azs).toEqual(['us-east-1a', 'us-east-1c']);
    expect(vpc.subnetCidrs).toEqual({ 'us-east-1a': '10.0.0.0/27', 'us-east-1c': '10.0.0.64/27' });
    expect(vpc.flowLog.retentionDays).toBe(90);
    expect(vpc.flowLog.trafficType).toBe('ALL');
  });

  test('TransitGatewayHub reserves the shared-services segment name', () => {
    const { s, provider } = stack();
    expect(
      () =>
        new TransitGatewayHub(s, 'tgw', {
          provider,
          name: 'x',
          asn: 64512,
          segments: ['prod', 'shared-services'],
          hubVpcId: 'vpc-1',
          hubSubnetIds: ['a', 'b'],
          hubRouteTableId: 'rtb-1',
          spokeCidr: '10.0.0.0/8',
        }),
    ).toThrow("team/tgw: segment name 'shared-services' is reserved for a route table of the hub");
  });

  test("TransitGatewayHub reserves 'onprem' too, and builds that table only for on-premises networks", () => {
    const { s, provider } = stack();
    const props = {
      provider,
      name: 'x',
      asn: 64512,
      hubVpcId: 'vpc-1',
      hubSubnetIds: ['a', 'b'],
      hubRouteTableId: 'rtb-1',
      spokeCidr: '10.0.0.0/8',
    };
    expect(() => new TransitGatewayHub(s, 'tgw', { ...props, segments: ['onprem'] })).toThrow(
      "team/tgw: segment name 'onprem' is reserved for a route table of the hub",
    );
    expect(new TransitGatewayHub(s, 'plain', { ...props, segments: ['prod'] }).onPremRouteTableId).toBeUndefined();
    expect(new TransitGatewayHub(s, 'hybrid', { ...props, segments: ['prod'], onPremises: true }).onPremRouteTableId).toBeDefined();
  });

  test('OnPremisesAttachment takes exactly one of a VPN and a Direct Connect gateway', () => {
    const { s, provider } = stack();
    const props = { provider, name: 'x', network: 'dc', transitGatewayId: 'tgw-1', associateWith: 'tgw-rtb-1', propagateTo: {}, cidrs: {} };
    expect(() => new OnPremisesAttachment(s, 'none', props)).toThrow('team/none: give exactly one of vpn and directConnect');
    expect(
      () =>
        new OnPremisesAttachment(s, 'both', {
          ...props,
          vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 65000 },
          directConnect: { gatewayId: 'g', allowedPrefixes: ['10.0.0.0/21'] },
        }),
    ).toThrow('team/both: give exactly one of vpn and directConnect');
  });

  test('HubResolver needs inbound addresses in at least two AZs', () => {
    const { s, provider } = stack();
    expect(
      () =>
        new HubResolver(s, 'resolver', {
          provider,
          name: 'x',
          vpcId: 'vpc-1',
          inbound: [{ az: 'use1-az1', subnetId: 'a', ip: '10.0.0.254' }],
          clients: { dc: '172.16.0.0/16' },
        }),
    ).toThrow('team/resolver: a Resolver endpoint needs addresses in at least two AZs, got 1');
  });

  test('profile resource names follow the API pattern and stay within 64 characters, distinct when cut', () => {
    expect(profileResourceName('prod', 'core/ecr.api')).toBe('prod-core-ecr-api');
    const long = profileResourceName('prod', 'core/monitoring/monitoring-fips.eu-west-1.amazonaws.com', 'more-than-enough-text');
    expect(long).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(long).not.toBe(profileResourceName('prod', 'core/monitoring/monitoring-fips.eu-west-1.amazonaws.com', 'more-than-enough-texts'));
  });

  const serviceProps = (provider: AwsProvider) => ({
    provider,
    accountId: '123456789012',
    name: 'svc',
    vpcId: 'vpc-1',
    vpcCidr: '10.0.0.0/24',
    subnetIds: ['a', 'b'],
    clientCidrs: { prod: '10.16.0.0/12' },
    targets: ['10.0.0.10'],
  });

  test('EndpointService needs a listener, a target, and a certificate for TLS', () => {
    const { s, provider } = stack();
    expect(() => new EndpointService(s, 'none', { ...serviceProps(provider), listeners: [] })).toThrow(
      'team/none: at least one listener is required',
    );
    expect(() => new EndpointService(s, 'notarget', { ...serviceProps(provider), listeners: [{ port: 443 }], targets: [] })).toThrow(
      'team/notarget: at least one target is required',
    );
    expect(() => new EndpointService(s, 'tls', { ...serviceProps(provider), listeners: [{ port: 443, protocol: 'TLS' }] })).toThrow(
      'team/tls: TLS listener on port 443 needs a certificateArn',
    );
  });

  test('EndpointService defaults: acceptance required, no extra regions, every connection event notified', () => {
    const { s, provider } = stack();
    const svc = new EndpointService(s, 'svc', { ...serviceProps(provider), listeners: [{ port: 8443 }] });
    expect(svc.acceptanceRequired).toBe(true);
    expect(svc.supportedRegions).toEqual([]);
    expect(svc.notificationEvents).toEqual(['Connect', 'Accept', 'Reject', 'Delete']);
  });

  test('PrivateLinkConsumer: a zone needs at least one record; endpoint security groups need valid ports', () => {
    const { s, provider } = stack();
    const base = {
      consumerProvider: provider,
      name: 'c',
      consumerAccountId: '123456789012',
      serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-1',
      vpcId: 'vpc-1',
      subnetIds: ['a', 'b'],
      clientCidr: '10.1.0.0/16',
      ports: [{ from: 443, to: 443 }],
    };
    expect(() => new PrivateLinkConsumer(s, 'c', { ...base, dns: { zoneName: 'x.example', records: [] } })).toThrow(
      "team/c: a zone for the service needs at least one record ('' for the apex)",
    );
    expect(() => new PrivateLinkConsumer(s, 'd', { ...base, ports: [{ from: 444, to: 443 }], dns: { privateDns: true } })).toThrow(
      'team/d/sg: 444-443 is not a port range (1 <= from <= to <= 65535)',
    );
    expect(() => new PrivateLinkConsumer(s, 'e', { ...base, ports: [], dns: { privateDns: true } })).toThrow(
      'team/e/sg: at least one port is required',
    );
  });

  test('VpcResourceShare needs 2 AZs and a port', () => {
    const { s, provider } = stack();
    const base = {
      provider,
      name: 'r',
      vpcId: 'vpc-1',
      vpcCidr: '10.1.0.0/24',
      resource: { ipAddress: '10.1.0.20' },
      ports: [{ from: 5432, to: 5432 }],
    };
    expect(() => new VpcResourceShare(s, 'one', { ...base, subnetIds: ['a'] })).toThrow(
      'team/one: a resource gateway needs subnets in at least 2 AZs for high availability',
    );
    expect(() => new VpcResourceShare(s, 'none', { ...base, subnetIds: ['a', 'b'], ports: [] })).toThrow(
      'team/none: at least one port is required',
    );
  });
});
