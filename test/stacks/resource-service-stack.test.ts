import { prod } from '../../environments/prod';
import { resourceList, synthJson } from '../support/synth';

const stacks = synthJson(prod);
const owner = stacks['prod-resource-ledger-db-us-east-1'];

describe('resource service stack', () => {
  test("lives in the owner's account and region, with its own VPC and flow logs", () => {
    expect(owner.provider.aws.map((p: { alias: string; allowed_account_ids: string[] }) => [p.alias, p.allowed_account_ids[0]])).toEqual([
      ['owner-us-east-1', '333333333333'],
    ]);
    expect(resourceList(owner, 'aws_vpc')).toEqual([expect.objectContaining({ cidr_block: '10.3.0.0/22' })]);
    expect(resourceList(owner, 'aws_flow_log')).toHaveLength(1);
  });

  test('resource gateway across the VPC AZs; its security group only sends to the resource ports inside the VPC', () => {
    const [gateway] = resourceList(owner, 'aws_vpclattice_resource_gateway');
    expect(gateway).toMatchObject({ name: 'prod-ledger-db', ip_address_type: 'IPV4' });
    expect(gateway.subnet_ids).toHaveLength(2);
    expect(gateway.security_group_ids).toHaveLength(1);
    expect(resourceList(owner, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(resourceList(owner, 'aws_vpc_security_group_egress_rule')).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_ipv4: '10.3.0.0/22' }),
    ]);
  });

  test('a single resource configuration for the IP and its port, not attachable to shareable service networks', () => {
    expect(resourceList(owner, 'aws_vpclattice_resource_configuration')).toEqual([
      expect.objectContaining({
        type: 'SINGLE',
        protocol: 'TCP',
        port_ranges: ['5432'],
        allow_association_to_shareable_service_network: false,
        resource_configuration_definition: [{ ip_resource: [{ ip_address: '10.3.0.20' }] }],
      }),
    ]);
  });

  test('shared through RAM without external principals; consumers add themselves from their own stacks', () => {
    expect(resourceList(owner, 'aws_ram_resource_share')).toEqual([expect.objectContaining({ allow_external_principals: false })]);
    expect(resourceList(owner, 'aws_ram_resource_association')).toEqual([
      expect.objectContaining({
        resource_arn: expect.stringMatching(/^\$\{aws_vpclattice_resource_configuration\..*\.arn\}$/),
      }),
    ]);
    expect(resourceList(owner, 'aws_ram_principal_association')).toEqual([]);
  });

  test('a DNS-name resource and an RDS ARN resource', () => {
    const env = structuredClone(prod) as typeof prod;
    Object.assign(env.services!['ledger-db'], { resource: { dnsName: 'db.ledger.example.com' } });
    const dns = resourceList(synthJson(env)['prod-resource-ledger-db-us-east-1'], 'aws_vpclattice_resource_configuration')[0];
    expect(dns.resource_configuration_definition).toEqual([
      { dns_resource: [{ domain_name: 'db.ledger.example.com', ip_address_type: 'IPV4' }] },
    ]);
    Object.assign(env.services!['ledger-db'], { resource: { arn: 'arn:aws:rds:us-east-1:333333333333:db:ledger' } });
    const arn = resourceList(synthJson(env)['prod-resource-ledger-db-us-east-1'], 'aws_vpclattice_resource_configuration')[0];
    expect(arn).toMatchObject({
      type: 'ARN',
      resource_configuration_definition: [{ arn_resource: [{ arn: 'arn:aws:rds:us-east-1:333333333333:db:ledger' }] }],
    });
    expect(arn.port_ranges).toBeUndefined();
  });
});
