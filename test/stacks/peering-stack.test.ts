import { prod } from '../../environments/prod';
import { resourceList, synthJson } from '../support/synth';

const peering = synthJson(prod)['prod-peering-eu-west-1-us-east-1'];

describe('hub peering stack', () => {
  test('requests from the first region and accepts in the other, in the network account', () => {
    expect(resourceList(peering, 'aws_ec2_transit_gateway_peering_attachment')).toEqual([
      expect.objectContaining({
        provider: 'aws.network-eu-west-1',
        peer_region: 'us-east-1',
        peer_account_id: '222222222222',
      }),
    ]);
    expect(resourceList(peering, 'aws_ec2_transit_gateway_peering_attachment_accepter')).toEqual([
      expect.objectContaining({ provider: 'aws.network-us-east-1' }),
    ]);
  });

  test('associates the peering with the shared-services table on both sides and routes the hub CIDRs', () => {
    expect(
      resourceList(peering, 'aws_ec2_transit_gateway_route_table_association')
        .map((a) => a.provider)
        .sort(),
    ).toEqual(['aws.network-eu-west-1', 'aws.network-us-east-1']);
    const routes = resourceList(peering, 'aws_ec2_transit_gateway_route')
      .map((r) => [r.provider, r.destination_cidr_block])
      .sort();
    expect(routes).toEqual([
      ['aws.network-eu-west-1', prod.network.hubs['us-east-1'].cidr],
      ['aws.network-us-east-1', prod.network.hubs['eu-west-1'].cidr],
    ]);
  });
});
