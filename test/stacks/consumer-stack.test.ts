import { prod } from '../../environments/prod';
import { resourceList, synthJson } from '../support/synth';

const stacks = synthJson(prod);
const checkout = stacks['prod-consumer-checkout-us-east-1'];
const ledger = stacks['prod-consumer-ledger-eu-eu-west-1'];
const staging = stacks['prod-consumer-staging-us-east-1'];

const remote = (stack: string) => `data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.`;

describe('consumer stack', () => {
  test('one provider per account it touches: consumer, network (same region), service provider', () => {
    const providers = (ledger.provider.aws as Array<{ alias: string; region: string; allowed_account_ids: string[] }>)
      .map((p) => [p.alias, p.region, p.allowed_account_ids[0]]);
    expect(providers).toEqual([
      ['consumer-eu-west-1', 'eu-west-1', '555555555555'],
      ['network-eu-west-1', 'eu-west-1', '222222222222'],
      ['provider-us-east-1', 'us-east-1', '333333333333'],
    ]);
  });

  test('same-region consumer: interface endpoint to the provider service without service_region', () => {
    const [endpoint] = resourceList(checkout, 'aws_vpc_endpoint');
    expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Interface', provider: 'aws.consumer-us-east-1' });
    expect(endpoint.service_region).toBeUndefined();
    expect(endpoint.service_name).toContain(remote('prod-provider-payments-us-east-1'));
    expect(endpoint.subnet_ids).toHaveLength(2);
  });

  test('cross-region consumer: endpoint in eu-west-1 with service_region us-east-1', () => {
    const [endpoint] = resourceList(ledger, 'aws_vpc_endpoint');
    expect(endpoint).toMatchObject({ provider: 'aws.consumer-eu-west-1', service_region: 'us-east-1' });
  });

  test('provider side: this account allowed, this endpoint accepted, both in the provider account', () => {
    expect(resourceList(ledger, 'aws_vpc_endpoint_service_allowed_principal')).toEqual([expect.objectContaining({
      provider: 'aws.provider-us-east-1',
      principal_arn: 'arn:aws:iam::555555555555:root',
    })]);
    const [accepter] = resourceList(ledger, 'aws_vpc_endpoint_connection_accepter');
    expect(accepter.provider).toBe('aws.provider-us-east-1');
    expect(accepter.vpc_endpoint_id).toMatch(/^\$\{aws_vpc_endpoint\./);
    const [endpoint] = resourceList(ledger, 'aws_vpc_endpoint');
    expect(endpoint.depends_on).toEqual([expect.stringMatching(/^aws_vpc_endpoint_service_allowed_principal\./)]);
  });

  test('endpoint security group admits the service port from the consumer VPC only', () => {
    expect(resourceList(checkout, 'aws_vpc_security_group_ingress_rule')).toEqual([expect.objectContaining({
      cidr_ipv4: '10.16.0.0/21', from_port: 443, to_port: 443,
    })]);
  });

  test('no private DNS name on the service: a private zone in the spoke aliases the endpoint', () => {
    const [zone] = resourceList(checkout, 'aws_route53_zone');
    expect(zone.name).toBe('payments.prod.privatelink.internal');
    expect(resourceList(checkout, 'aws_route53_record')[0].alias.name).toMatch(/aws_vpc_endpoint\..*dns_entry\[0\]\.dns_name/);
    expect(resourceList(checkout, 'aws_vpc_endpoint')[0].private_dns_enabled).toBe(false);
  });

  test('TGW attachment in the consumer account, associated with its segment table by the network account', () => {
    const [attachment] = resourceList(ledger, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment.provider).toBe('aws.consumer-eu-west-1');
    expect(attachment.transit_gateway_id).toContain(remote('prod-network-eu-west-1'));
    expect(attachment.transit_gateway_default_route_table_association).toBeUndefined();
    const associations = resourceList(ledger, 'aws_ec2_transit_gateway_route_table_association');
    expect(associations).toHaveLength(1);
    expect(associations[0].provider).toBe('aws.network-eu-west-1');
    expect(associations[0].transit_gateway_route_table_id).toMatch(/route_tabletgw_rt-prod_/);
  });

  test('propagation follows the segment rules: prod spokes only into shared-services, nonprod also into nonprod', () => {
    const tables = (s: typeof checkout) => resourceList(s, 'aws_ec2_transit_gateway_route_table_propagation')
      .map((p) => /rt-([a-z-]+)_/.exec(p.transit_gateway_route_table_id)?.[1]).sort();
    expect(tables(checkout)).toEqual(['shared-services']);
    expect(tables(staging)).toEqual(['nonprod', 'shared-services']);
  });

  test('spoke routes the organization CIDR to the TGW after the attachment exists', () => {
    expect(resourceList(checkout, 'aws_route')).toEqual([expect.objectContaining({
      destination_cidr_block: '10.0.0.0/8',
      depends_on: [expect.stringMatching(/^aws_ec2_transit_gateway_vpc_attachment\./)],
    })]);
  });

  test('hub zones for its segment are authorized by the network account and associated by the consumer', () => {
    const auth = resourceList(checkout, 'aws_route53_vpc_association_authorization');
    const assoc = resourceList(checkout, 'aws_route53_zone_association');
    // prod segment in us-east-1: core (4 services) + data (2, prod only); nonprod gets core only.
    expect(auth).toHaveLength(6);
    expect(assoc).toHaveLength(6);
    expect(auth.every((a) => a.provider === 'aws.network-us-east-1' && a.vpc_region === 'us-east-1')).toBe(true);
    expect(assoc.every((a) => a.provider === 'aws.consumer-us-east-1')).toBe(true);
    expect(resourceList(staging, 'aws_route53_zone_association')).toHaveLength(4);
    expect(resourceList(ledger, 'aws_route53_zone_association')).toHaveLength(4);
  });

  test('TGW shared with listed accounts: each consumer stack adds its own account to the share', () => {
    const env = structuredClone(prod) as typeof prod;
    (env.network as { shareWith?: string }).shareWith = 'accounts';
    const s = synthJson(env);
    expect(s['prod-network-us-east-1'].resource.aws_ram_principal_association).toBeUndefined();
    const [assoc] = resourceList(s['prod-consumer-checkout-us-east-1'], 'aws_ram_principal_association');
    expect(assoc).toMatchObject({ principal: '444444444444', provider: 'aws.network-us-east-1' });
    expect(resourceList(s['prod-consumer-checkout-us-east-1'], 'aws_ec2_transit_gateway_vpc_attachment')[0].depends_on)
      .toEqual([expect.stringMatching(/^aws_ram_principal_association\./)]);
  });
});
