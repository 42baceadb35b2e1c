import { prod } from '../../environments/prod';
import { azSubnetCidr } from '../../lib/net/cidr';
import { resourceList, resources, synthJson } from '../support/synth';

const stacks = synthJson(prod);
const hub = stacks['prod-network-us-east-1'];
const hubCfg = prod.network.hubs['us-east-1'];

describe('network hub stack', () => {
  test('one provider, in the network account, assuming the deploy role, with default tags', () => {
    expect(hub.provider.aws).toEqual([expect.objectContaining({
      alias: 'network-us-east-1',
      region: 'us-east-1',
      allowed_account_ids: ['222222222222'],
      assume_role: [expect.objectContaining({ role_arn: 'arn:aws:iam::222222222222:role/privatelink-deploy' })],
      default_tags: [{ tags: expect.objectContaining({ environment: 'prod', stack: 'prod-network-us-east-1', owner: 'platform-network' }) }],
    })]);
  });

  test('hub VPC has DNS support and hostnames, and one private subnet per AZ carved by AZ letter', () => {
    expect(resourceList(hub, 'aws_vpc')).toEqual([expect.objectContaining({
      cidr_block: hubCfg.cidr, enable_dns_support: true, enable_dns_hostnames: true,
    })]);
    const subnets = resourceList(hub, 'aws_subnet');
    expect(subnets.map((s) => [s.availability_zone, s.cidr_block]).sort()).toEqual(
      hubCfg.azs.map((az) => [az, azSubnetCidr(hubCfg.cidr, az)]).sort(),
    );
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(resources(hub, 'aws_internet_gateway')).toEqual({});
    expect(resources(hub, 'aws_nat_gateway')).toEqual({});
  });

  test('TGW has default association and propagation off, one route table per segment plus shared-services', () => {
    expect(resourceList(hub, 'aws_ec2_transit_gateway')).toEqual([expect.objectContaining({
      amazon_side_asn: 64512,
      default_route_table_association: 'disable',
      default_route_table_propagation: 'disable',
    })]);
    const tables = resourceList(hub, 'aws_ec2_transit_gateway_route_table').map((t) => t.tags.segment).sort();
    expect(tables).toEqual(['nonprod', 'prod', 'shared-services']);
    // The hub attachment is associated with shared-services and propagates into every table.
    expect(resourceList(hub, 'aws_ec2_transit_gateway_route_table_association')).toHaveLength(1);
    expect(resourceList(hub, "aws_ec2_transit_gateway_route_table_propagation")).toHaveLength(3);
  });

  test('TGW is shared with the organization through RAM, never outside it', () => {
    expect(resourceList(hub, 'aws_ram_resource_share')).toEqual([expect.objectContaining({ allow_external_principals: false })]);
    expect(resourceList(hub, 'aws_ram_principal_association').map((p) => p.principal)).toEqual([
      'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5',
    ]);
    expect(resourceList(hub, 'aws_ram_resource_association')[0].resource_arn).toMatch(/aws_ec2_transit_gateway\..*\.arn/);
  });

  test('one endpoint per centralized service, in every hub AZ, private DNS off, organization-only policy', () => {
    const endpoints = resourceList(hub, 'aws_vpc_endpoint');
    const expected = Object.values(hubCfg.endpointSets).flatMap((s) => s.services);
    expect(endpoints).toHaveLength(expected.length);
    for (const ep of endpoints) {
      expect(ep.vpc_endpoint_type).toBe('Interface');
      expect(ep.private_dns_enabled).toBe(false);
      expect(ep.subnet_ids).toHaveLength(hubCfg.azs.length);
      expect(JSON.parse(ep.policy).Statement[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    }
    const services = Object.values(hub.data.aws_vpc_endpoint_service as Record<string, { service: string }>).map((d) => d.service).sort();
    expect(services).toEqual([...expected].sort());
  });

  test('each service gets a private zone named from its published private DNS name, with alias records', () => {
    const zones = resources(hub, 'aws_route53_zone');
    expect(Object.keys(zones)).toHaveLength(6);
    for (const zone of Object.values(zones)) {
      expect(zone.name).toMatch(/^\$\{trimprefix\(data\.aws_vpc_endpoint_service\.[^.]+\.private_dns_name, "\*\."\)\}$/);
      expect(zone.vpc).toHaveLength(1);
      expect(zone.lifecycle.ignore_changes).toEqual(['vpc']);
    }
    const records = resourceList(hub, 'aws_route53_record');
    expect(records).toHaveLength(12);
    expect(records.every((r) => r.type === 'A' && /dns_entry\[0\]\.dns_name/.test(r.alias.name))).toBe(true);
    // The wildcard exists only where the service publishes a wildcard name (s3, ecr.dkr).
    const wildcards = records.filter((r) => r.name.startsWith('*.'));
    expect(wildcards).toHaveLength(6);
    expect(wildcards.every((r) => /^\$\{startswith\(.*private_dns_name, "\*\."\) \? 1 : 0\}$/.test(r.count))).toBe(true);
  });

  test('endpoint security group admits 443 from the organization CIDR only, with no egress', () => {
    const sg = resourceList(hub, 'aws_security_group');
    expect(sg).toHaveLength(1);
    expect(sg[0].egress).toBeUndefined();
    expect(resourceList(hub, 'aws_vpc_security_group_ingress_rule')).toEqual([expect.objectContaining({
      cidr_ipv4: '10.0.0.0/8', from_port: 443, to_port: 443, ip_protocol: 'tcp',
    })]);
  });

  test('a narrower endpoint-set policy replaces the organization default', () => {
    const env = structuredClone(prod) as typeof prod;
    const narrow = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] });
    (env.network.hubs['eu-west-1'].endpointSets as Record<string, { services: string[]; policy?: string }>).core.policy = narrow;
    const eu = synthJson(env)['prod-network-eu-west-1'];
    expect(resourceList(eu, 'aws_vpc_endpoint').every((e) => e.policy === narrow)).toBe(true);
  });

  test('flow logs on the hub VPC, to CloudWatch with a role trusted only for this account', () => {
    const flow = resourceList(hub, 'aws_flow_log');
    expect(flow).toEqual([expect.objectContaining({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' })]);
    expect(resourceList(hub, 'aws_cloudwatch_log_group')[0].retention_in_days).toBe(90);
    const trust = JSON.parse(resourceList(hub, 'aws_iam_role')[0].assume_role_policy);
    expect(trust.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '222222222222' } });
  });

  test('exports every value consumers read, even before any consumer reads it', () => {
    const outputs = Object.keys(hub.output);
    expect(outputs.filter((o) => o.includes('route53_zone'))).toHaveLength(6);
    expect(outputs.filter((o) => o.includes('route_table'))).toHaveLength(3);
    expect(outputs.some((o) => o.includes('aws_ec2_transit_gateway') && o.endsWith('id'))).toBe(true);
  });
});
