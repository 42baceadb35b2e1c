/**
 * What each construct alone can check, at construction, with the construct's path in the
 * message: the environment validation never reaches a team composing these in its own stacks.
 */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EndpointService, PrivateLinkConsumer, PrivateVpc, TransitGatewayHub } from '../../modules';

function stack() {
  const s = new TerraformStack(Testing.app(), 'team');
  return { s, provider: new AwsProvider(s, 'aws', { region: 'us-east-1' }) };
}

describe('construct-level validation', () => {
  test('PrivateVpc needs subnets in at least 2 AZs', () => {
    const { s, provider } = stack();
    expect(() => new PrivateVpc(s, 'vpc', { provider, accountId: '123456789012', name: 'x', cidr: '10.0.0.0/24', azs: ['us-east-1a'] }))
      .toThrow('team/vpc: a VPC needs subnets in at least 2 AZs for high availability, got [us-east-1a]');
  });

  test('PrivateVpc carves subnets by AZ letter and defaults flow-log retention to 90 days', () => {
    const { s, provider } = stack();
    const vpc = new PrivateVpc(s, 'vpc', { provider, accountId: '123456789012', name: 'x', cidr: '10.0.0.0/24', azs: ['us-east-1c', 'us-east-1a'] });
    expect(vpc.azs).toEqual(['us-east-1a', 'us-east-1c']);
    expect(vpc.subnetCidrs).toEqual({ 'us-east-1a': '10.0.0.0/27', 'us-east-1c': '10.0.0.64/27' });
    expect(vpc.flowLog.retentionDays).toBe(90);
    expect(vpc.flowLog.trafficType).toBe('ALL');
  });

  test('TransitGatewayHub reserves the shared-services segment name', () => {
    const { s, provider } = stack();
    expect(() => new TransitGatewayHub(s, 'tgw', {
      provider, name: 'x', asn: 64512, segments: ['prod', 'shared-services'], hubVpcId: 'vpc-1', hubSubnetIds: ['a', 'b'],
      hubRouteTableId: 'rtb-1', spokeCidr: '10.0.0.0/8',
    })).toThrow("team/tgw: segment name 'shared-services' is reserved for the hub's route table");
  });

  const serviceProps = (provider: AwsProvider) => ({
    provider, accountId: '123456789012', name: 'svc', vpcId: 'vpc-1', vpcCidr: '10.0.0.0/24', subnetIds: ['a', 'b'],
    allowedCidr: '10.0.0.0/8', targets: ['10.0.0.10'],
  });

  test('EndpointService needs a listener, a target, and a certificate for TLS', () => {
    const { s, provider } = stack();
    expect(() => new EndpointService(s, 'none', { ...serviceProps(provider), listeners: [] })).toThrow('team/none: at least one listener is required');
    expect(() => new EndpointService(s, 'notarget', { ...serviceProps(provider), listeners: [{ port: 443 }], targets: [] }))
      .toThrow('team/notarget: at least one target is required');
    expect(() => new EndpointService(s, 'tls', { ...serviceProps(provider), listeners: [{ port: 443, protocol: 'TLS' }] }))
      .toThrow('team/tls: TLS listener on port 443 needs a certificateArn');
  });

  test('EndpointService defaults: acceptance required, no extra regions, every connection event notified', () => {
    const { s, provider } = stack();
    const svc = new EndpointService(s, 'svc', { ...serviceProps(provider), listeners: [{ port: 8443 }] });
    expect(svc.acceptanceRequired).toBe(true);
    expect(svc.supportedRegions).toEqual([]);
    expect(svc.notificationEvents).toEqual(['Connect', 'Accept', 'Reject', 'Delete']);
  });

  test('PrivateLinkConsumer needs a private name: the service private DNS or a zone name', () => {
    const { s, provider } = stack();
    expect(() => new PrivateLinkConsumer(s, 'c', {
      consumerProvider: provider, serviceProvider: provider, name: 'c', consumerAccountId: '123456789012',
      serviceId: 'vpce-svc-1', serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-1', vpcId: 'vpc-1', subnetIds: ['a', 'b'],
      clientCidr: '10.1.0.0/16', ports: [443], servicePrivateDns: false,
    })).toThrow('team/c: the service has no private DNS name, so a dnsName for a private hosted zone is required');
  });
});
