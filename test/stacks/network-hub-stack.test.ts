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

  test('hub VPC has DNS support and hostnames, and one private subnet per AZ, placed by AZ id and carved by its number', () => {
    expect(resourceList(hub, 'aws_vpc')).toEqual([expect.objectContaining({
      cidr_block: hubCfg.cidr, enable_dns_support: true, enable_dns_hostnames: true,
    })]);
    const subnets = resourceList(hub, 'aws_subnet');
    expect(subnets.every((s) => s.availability_zone === undefined)).toBe(true);
    expect(subnets.map((s) => [s.availability_zone_id, s.cidr_block]).sort()).toEqual(
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

  test('one endpoint per centralized service, in every hub AZ, private DNS off, its data-perimeter default policy', () => {
    const endpoints = resourceList(hub, 'aws_vpc_endpoint');
    const expected = Object.values(hubCfg.endpointSets).flatMap((s) => s.services);
    expect(endpoints).toHaveLength(expected.length);
    for (const ep of endpoints) {
      expect(ep.vpc_endpoint_type).toBe('Interface');
      expect(ep.private_dns_enabled).toBe(false);
      expect(ep.subnet_ids).toHaveLength(hubCfg.azs.length);
      expect(JSON.parse(ep.policy).Statement[0]).toMatchObject({
        Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
      });
    }
    // The service's own additions: STS lets federated callers assume organization roles.
    const sts = endpoints.find((e) => e.tags.Name === 'prod-hub-us-east-1-core-sts')!;
    expect(JSON.parse(sts.policy).Statement.map((st: { Sid: string }) => st.Sid)).toContain('AllowFederatedAssumeRole');
    const services = Object.values(hub.data.aws_vpc_endpoint_service as Record<string, { service: string }>).map((d) => d.service).sort();
    expect(services).toEqual([...expected].sort());
  });

  test('each private DNS name a service publishes gets a private zone with alias records, checked against AWS at plan time', () => {
    const zones = resourceList(hub, 'aws_route53_zone');
    // core: sts, ecr.api, ecr.dkr, s3; data: sqs, kinesis-streams (kinesis.<region>, not kinesis-streams).
    expect(zones.map((z) => z.name).sort()).toEqual([
      'api.ecr.us-east-1.amazonaws.com', 'dkr.ecr.us-east-1.amazonaws.com', 'kinesis.us-east-1.amazonaws.com',
      's3.us-east-1.amazonaws.com', 'sqs.us-east-1.amazonaws.com', 'sts.us-east-1.amazonaws.com',
    ]);
    for (const zone of zones) {
      expect(zone.vpc).toHaveLength(1);
      expect(zone.lifecycle.ignore_changes).toEqual(['vpc']);
      expect(zone.lifecycle.precondition).toEqual([{
        condition: expect.stringMatching(/^\$\{contains\(tolist\(data\.aws_vpc_endpoint_service\.[^.]+\.private_dns_names\), "(\*\.)?[a-z0-9.-]+"\)\}$/),
        error_message: expect.stringContaining('update INTERFACE_ENDPOINT_DNS_NAMES in lib/aws/catalog.ts'),
      }]);
    }
    const records = resourceList(hub, 'aws_route53_record');
    expect(records.every((r) => r.type === 'A' && /dns_entry\[0\]\.dns_name/.test(r.alias.name))).toBe(true);
    // A wildcard record exactly where the service publishes a `*.` name (s3, ecr.dkr).
    expect(records.filter((r) => r.name.startsWith('*.')).map((r) => r.name).sort()).toEqual(['*.dkr.ecr.us-east-1.amazonaws.com', '*.s3.us-east-1.amazonaws.com']);
    expect(records).toHaveLength(6 + 2);
  });

  test('a service with several private DNS names gets a zone for each (monitoring has four)', () => {
    const env = structuredClone(prod) as typeof prod;
    (env.network.hubs['eu-west-1'].endpointSets.core.services as string[]).push('monitoring');
    const eu = synthJson(env)['prod-network-eu-west-1'];
    expect(resourceList(eu, 'aws_route53_zone').map((z) => z.name).filter((n) => n.startsWith('monitoring')).sort()).toEqual([
      'monitoring-fips.eu-west-1.amazonaws.com', 'monitoring-fips.eu-west-1.api.aws', 'monitoring.eu-west-1.amazonaws.com', 'monitoring.eu-west-1.api.aws',
    ]);
  });

  test("each endpoint set has its own security group admitting its services' ports from its segments' ranges only, with no egress", () => {
    const groups = resourceList(hub, 'aws_security_group');
    expect(groups.map((g) => g.name).sort()).toEqual(['prod-hub-us-east-1-endpoints-core', 'prod-hub-us-east-1-endpoints-data']);
    expect(groups.every((g) => g.egress === undefined)).toBe(true);
    const rules = resourceList(hub, 'aws_vpc_security_group_ingress_rule').map((r) => [/endpoints_sg-([a-z]+)_/.exec(r.security_group_id)?.[1], r.cidr_ipv4, r.from_port, r.to_port]);
    // core serves every segment; data only prod: nonprod cannot reach the data endpoints, not even by IP.
    expect(rules.sort()).toEqual([
      ['core', '10.16.0.0/15', 443, 443],
      ['core', '10.18.0.0/15', 443, 443],
      ['data', '10.16.0.0/15', 443, 443],
    ]);
    for (const ep of resourceList(hub, 'aws_vpc_endpoint')) {
      expect(ep.security_group_ids).toEqual([expect.stringContaining(`endpoints_sg-${ep.tags['endpoint-set']}_sg_`)]);
    }
  });

  test('services listening on other ports open those (SES SMTP, Keyspaces)', () => {
    const env = structuredClone(prod) as typeof prod;
    (env.network.hubs['eu-west-1'].endpointSets as Record<string, { services: string[] }>).mail = { services: ['email-smtp', 'cassandra'] };
    const eu = synthJson(env)['prod-network-eu-west-1'];
    const ports = resourceList(eu, 'aws_vpc_security_group_ingress_rule').filter((r) => /sg-mail/.test(r.security_group_id)).map((r) => r.from_port);
    expect([...new Set(ports)].sort((a, b) => a - b)).toEqual([465, 587, 2465, 2587, 9142]);
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
