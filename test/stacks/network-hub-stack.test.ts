import { prod } from '../../environments/prod';
import { resolverInboundIps } from '../../lib/config/topology';
import type { DnsMode, EnvironmentConfig, OnPremisesConfig } from '../../lib/config/types';
import { azSubnetCidr, cidrContainsIp } from '../../lib/net/cidr';
import { resourceList, resources, synthJson, synthText, type StackJson } from '../support/synth';

const stacks = synthJson(prod);
const hub = stacks['prod-network-us-east-1'];
const hubCfg = prod.network.hubs['us-east-1'];

describe('network hub stack', () => {
  test('one provider, in the network account, assuming the deploy role, with default tags', () => {
    expect(hub.provider.aws).toEqual([
      expect.objectContaining({
        alias: 'network-us-east-1',
        region: 'us-east-1',
        allowed_account_ids: ['222222222222'],
        assume_role: [expect.objectContaining({ role_arn: 'arn:aws:iam::222222222222:role/privatelink-deploy' })],
        default_tags: [
          { tags: expect.objectContaining({ environment: 'prod', stack: 'prod-network-us-east-1', owner: 'platform-network' }) },
        ],
      }),
    ]);
  });

  test('hub VPC has DNS support and hostnames, and one private subnet per AZ, placed by AZ id and carved by its number', () => {
    expect(resourceList(hub, 'aws_vpc')).toEqual([
      expect.objectContaining({
        cidr_block: hubCfg.cidr,
        enable_dns_support: true,
        enable_dns_hostnames: true,
      }),
    ]);
    const subnets = resourceList(hub, 'aws_subnet');
    expect(subnets.every((s) => s.availability_zone === undefined)).toBe(true);
    expect(subnets.map((s) => [s.availability_zone_id, s.cidr_block]).sort()).toEqual(
      hubCfg.azs.map((az) => [az, azSubnetCidr(hubCfg.cidr, az)]).sort(),
    );
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(resources(hub, 'aws_internet_gateway')).toEqual({});
    expect(resources(hub, 'aws_nat_gateway')).toEqual({});
  });

  test('TGW has default association and propagation off, one route table per segment plus shared-services (and onprem with on-premises networks)', () => {
    expect(resourceList(hub, 'aws_ec2_transit_gateway')).toEqual([
      expect.objectContaining({
        amazon_side_asn: 64512,
        default_route_table_association: 'disable',
        default_route_table_propagation: 'disable',
      }),
    ]);
    const tables = resourceList(hub, 'aws_ec2_transit_gateway_route_table')
      .map((t) => t.tags.segment)
      .sort();
    expect(tables).toEqual(['nonprod', 'onprem', 'prod', 'shared-services']);
    const eu = stacks['prod-network-eu-west-1'];
    expect(
      resourceList(eu, 'aws_ec2_transit_gateway_route_table')
        .map((t) => t.tags.segment)
        .sort(),
    ).toEqual(['nonprod', 'prod', 'shared-services']);
    // The hub attachment is associated with shared-services and propagates into every table.
    const hubLinks = (type: string) => Object.keys(resources(hub, type)).filter((k) => k.startsWith('tgw_hub-'));
    expect(hubLinks('aws_ec2_transit_gateway_route_table_association')).toHaveLength(1);
    expect(
      hubLinks('aws_ec2_transit_gateway_route_table_propagation')
        .map((k) => /hub-propagation-([a-z-]+)_/.exec(k)?.[1])
        .sort(),
    ).toEqual(['nonprod', 'onprem', 'prod', 'shared-services']);
    expect(resourceList(eu, 'aws_ec2_transit_gateway_route_table_propagation')).toHaveLength(3);
  });

  test('TGW, profiles and forwarding rules are shared with the organization through RAM, never outside it', () => {
    const shares = resourceList(hub, 'aws_ram_resource_share');
    expect(shares.map((sh) => sh.name).sort()).toEqual([
      'prod-hub-us-east-1-dns-nonprod',
      'prod-hub-us-east-1-dns-prod',
      'prod-hub-us-east-1-resolver-rules',
      'prod-hub-us-east-1-tgw',
    ]);
    expect(shares.every((sh) => sh.allow_external_principals === false)).toBe(true);
    expect([...new Set(resourceList(hub, 'aws_ram_principal_association').map((p) => p.principal))]).toEqual([
      'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5',
    ]);
    expect(resourceList(hub, 'aws_ram_principal_association')).toHaveLength(4);
    expect(
      resourceList(hub, 'aws_ram_resource_association')
        .map((a) => /^\$\{(aws_[a-z0-9_]+)\./.exec(a.resource_arn)?.[1])
        .sort(),
    ).toEqual(['aws_ec2_transit_gateway', 'aws_route53_resolver_rule', 'aws_route53profiles_profile', 'aws_route53profiles_profile']);
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
    const services = Object.values(hub.data.aws_vpc_endpoint_service as Record<string, { service: string }>)
      .map((d) => d.service)
      .sort();
    expect(services).toEqual([...expected].sort());
  });

  test('each private DNS name a service publishes gets a private zone with alias records, checked against AWS at plan time', () => {
    const zones = resourceList(hub, 'aws_route53_zone');
    // core: sts, ecr.api, ecr.dkr, s3; data: sqs, kinesis-streams (kinesis.<region>, not kinesis-streams).
    expect(zones.map((z) => z.name).sort()).toEqual([
      'api.ecr.us-east-1.amazonaws.com',
      'dkr.ecr.us-east-1.amazonaws.com',
      'kinesis.us-east-1.amazonaws.com',
      's3.us-east-1.amazonaws.com',
      'sqs.us-east-1.amazonaws.com',
      'sts.us-east-1.amazonaws.com',
    ]);
    for (const zone of zones) {
      expect(zone.vpc).toHaveLength(1);
      expect(zone.lifecycle.ignore_changes).toEqual(['vpc']);
      expect(zone.lifecycle.precondition).toEqual([
        {
          condition: expect.stringMatching(
            /^\$\{contains\(tolist\(data\.aws_vpc_endpoint_service\.[^.]+\.private_dns_names\), "(\*\.)?[a-z0-9.-]+"\)\}$/,
          ),
          error_message: expect.stringContaining('update INTERFACE_ENDPOINT_DNS_NAMES in lib/aws/catalog.ts'),
        },
      ]);
    }
    const records = resourceList(hub, 'aws_route53_record');
    expect(records.every((r) => r.type === 'A' && /dns_entry\[0\]\.dns_name/.test(r.alias.name))).toBe(true);
    // A wildcard record exactly where the service publishes a `*.` name (s3, ecr.dkr).
    expect(
      records
        .filter((r) => r.name.startsWith('*.'))
        .map((r) => r.name)
        .sort(),
    ).toEqual(['*.dkr.ecr.us-east-1.amazonaws.com', '*.s3.us-east-1.amazonaws.com']);
    expect(records).toHaveLength(6 + 2);
  });

  test('a service with several private DNS names gets a zone for each (monitoring has four)', () => {
    const env = structuredClone(prod) as typeof prod;
    (env.network.hubs['eu-west-1'].endpointSets.core.services as string[]).push('monitoring');
    const eu = synthJson(env)['prod-network-eu-west-1'];
    expect(
      resourceList(eu, 'aws_route53_zone')
        .map((z) => z.name)
        .filter((n) => n.startsWith('monitoring'))
        .sort(),
    ).toEqual([
      'monitoring-fips.eu-west-1.amazonaws.com',
      'monitoring-fips.eu-west-1.api.aws',
      'monitoring.eu-west-1.amazonaws.com',
      'monitoring.eu-west-1.api.aws',
    ]);
  });

  test("each endpoint set has its own security group admitting its services' ports from its segments' ranges and the on-premises networks only, with no egress", () => {
    const groups = resourceList(hub, 'aws_security_group');
    expect(groups.map((g) => g.name).sort()).toEqual([
      'prod-hub-us-east-1-endpoints-core',
      'prod-hub-us-east-1-endpoints-data',
      'prod-hub-us-east-1-resolver-inbound',
      'prod-hub-us-east-1-resolver-outbound',
    ]);
    expect(groups.every((g) => g.egress === undefined)).toBe(true);
    const rules = resourceList(hub, 'aws_vpc_security_group_ingress_rule')
      .filter((r) => /endpoints_sg-/.test(r.security_group_id))
      .map((r) => [/endpoints_sg-([a-z]+)_/.exec(r.security_group_id)?.[1], r.cidr_ipv4, r.from_port, r.to_port]);
    // core serves every segment; data only prod: nonprod cannot reach the data endpoints, not even by IP.
    // The datacenter reaches every set of its hub.
    expect(rules.sort()).toEqual([
      ['core', '10.16.0.0/15', 443, 443],
      ['core', '10.18.0.0/15', 443, 443],
      ['core', '172.16.0.0/16', 443, 443],
      ['data', '10.16.0.0/15', 443, 443],
      ['data', '172.16.0.0/16', 443, 443],
    ]);
    for (const ep of resourceList(hub, 'aws_vpc_endpoint')) {
      expect(ep.security_group_ids).toEqual([expect.stringContaining(`endpoints_sg-${ep.tags['endpoint-set']}_sg_`)]);
    }
  });

  test('services listening on other ports open those (SES SMTP, Keyspaces)', () => {
    const env = structuredClone(prod) as typeof prod;
    (env.network.hubs['eu-west-1'].endpointSets as Record<string, { services: string[] }>).mail = { services: ['email-smtp', 'cassandra'] };
    const eu = synthJson(env)['prod-network-eu-west-1'];
    const ports = resourceList(eu, 'aws_vpc_security_group_ingress_rule')
      .filter((r) => /sg-mail/.test(r.security_group_id))
      .map((r) => r.from_port);
    expect([...new Set(ports)].sort((a, b) => a - b)).toEqual([465, 587, 2465, 2587, 9142]);
  });

  test('a narrower endpoint-set policy replaces the organization default', () => {
    const env = structuredClone(prod) as typeof prod;
    const narrow = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }],
    });
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
    expect(outputs.filter((o) => o.includes('route_table'))).toHaveLength(4);
    expect(outputs.some((o) => o.includes('aws_ec2_transit_gateway') && o.endsWith('id'))).toBe(true);
    // Each segment's profile and its share, the forwarding rule and its share.
    expect(outputs.filter((o) => o.includes('route53profiles_profile')).sort()).toEqual([
      expect.stringMatching(/profile-nonprod_[0-9A-F]{8}id$/),
      expect.stringMatching(/profile-prod_[0-9A-F]{8}id$/),
    ]);
    expect(outputs.filter((o) => o.includes('ram_resource_share')).length).toBe(4);
    expect(outputs.filter((o) => o.includes('route53_resolver_rule'))).toHaveLength(1);
  });
});

const withDns = (env: EnvironmentConfig, dns: DnsMode): EnvironmentConfig => ({ ...env, network: { ...env.network, dns } });
const onPremises = (env: EnvironmentConfig, networks: Record<string, OnPremisesConfig>): EnvironmentConfig => ({
  ...env,
  network: { ...env.network, onPremises: networks },
});

describe('Route 53 Profiles in the hub', () => {
  test('one profile per segment, holding the zones of the sets that segment receives and its forwarding rules, each shared on its own', () => {
    const profiles = resourceList(hub, 'aws_route53profiles_profile');
    expect(profiles.map((p) => p.name).sort()).toEqual(['prod-hub-us-east-1-nonprod', 'prod-hub-us-east-1-prod']);
    const held = (segment: string) =>
      Object.entries(resources(hub, 'aws_route53profiles_resource_association'))
        .filter(([, r]) => r.profile_id.includes(`profile-${segment}_`))
        .map(([, r]) =>
          /^\$\{(aws_[a-z0-9_]+)\.endpoints_([a-z0-9-]+)-zone[^.]*\.arn\}$|^\$\{(aws_route53_resolver_rule)\./
            .exec(r.resource_arn)
            ?.slice(1)
            .filter(Boolean)
            .join(':'),
        )
        .sort();
    expect(held('prod')).toEqual([
      'aws_route53_resolver_rule',
      'aws_route53_zone:core-ecr-api',
      'aws_route53_zone:core-ecr-dkr',
      'aws_route53_zone:core-s3',
      'aws_route53_zone:core-sts',
      'aws_route53_zone:data-kinesis-streams',
      'aws_route53_zone:data-sqs',
    ]);
    expect(held('nonprod')).toEqual([
      'aws_route53_zone:core-ecr-api',
      'aws_route53_zone:core-ecr-dkr',
      'aws_route53_zone:core-s3',
      'aws_route53_zone:core-sts',
    ]);
  });

  test('holds the hub zones, never the interface endpoints, and sets no resource_properties (provider 5.x, hashicorp/terraform-provider-aws #42489)', () => {
    for (const r of resourceList(hub, 'aws_route53profiles_resource_association')) {
      expect(r).not.toHaveProperty('resource_properties');
      expect(r.resource_arn).not.toMatch(/aws_vpc_endpoint/);
      expect(r.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    }
  });

  test('zone-associations: no profiles; zone-associations+profiles and profiles: the same hub stack', () => {
    const zones = synthText([withDns(prod, 'zone-associations')]);
    expect(JSON.parse(zones['prod-network-us-east-1']).resource.aws_route53profiles_profile).toBeUndefined();
    const both = synthText([withDns(prod, 'zone-associations+profiles')]);
    const profiles = synthText([withDns(prod, 'profiles')]);
    for (const id of ['prod-network-us-east-1', 'prod-network-eu-west-1']) expect(both[id]).toBe(profiles[id]);
  });

  test('a hub can override network.dns', () => {
    const env = structuredClone(prod) as EnvironmentConfig;
    (env.network.hubs['eu-west-1'] as { dns?: DnsMode }).dns = 'zone-associations';
    const s = synthJson(env);
    expect(resources(s['prod-network-eu-west-1'], 'aws_route53profiles_profile')).toEqual({});
    expect(resourceList(s['prod-network-us-east-1'], 'aws_route53profiles_profile')).toHaveLength(2);
    expect(resourceList(s['prod-consumer-ledger-eu-eu-west-1'], 'aws_route53_zone_association')).toHaveLength(4);
  });
});

describe('on-premises networks', () => {
  test('a VPN in the network account: customer gateway and connection on the TGW, associated with onprem, propagating into shared-services and the reached segments', () => {
    expect(resourceList(hub, 'aws_customer_gateway')).toEqual([
      expect.objectContaining({
        provider: 'aws.network-us-east-1',
        type: 'ipsec.1',
        ip_address: '203.0.113.10',
        bgp_asn: '65010',
      }),
    ]);
    expect(resourceList(hub, 'aws_vpn_connection')).toEqual([
      expect.objectContaining({
        provider: 'aws.network-us-east-1',
        type: 'ipsec.1',
        static_routes_only: false,
        transit_gateway_id: expect.stringMatching(/^\$\{aws_ec2_transit_gateway\./),
        tags: expect.objectContaining({ 'onprem-network': 'datacenter' }),
      }),
    ]);
    const attachment = (r: StackJson) => /aws_vpn_connection\.[^.]+\.transit_gateway_attachment_id/.test(r.transit_gateway_attachment_id);
    const table = (r: StackJson) => /tgw_rt-([a-z-]+)_/.exec(r.transit_gateway_route_table_id)?.[1];
    expect(resourceList(hub, 'aws_ec2_transit_gateway_route_table_association').filter(attachment).map(table)).toEqual(['onprem']);
    expect(resourceList(hub, 'aws_ec2_transit_gateway_route_table_propagation').filter(attachment).map(table).sort()).toEqual([
      'prod',
      'shared-services',
    ]);
    expect(resources(hub, 'aws_ec2_transit_gateway_route')).toEqual({}); // BGP: no static routes
  });

  test('static routing: a TGW route to each on-premises range in every table it propagates into', () => {
    const env = onPremises(prod, {
      office: {
        region: 'us-east-1',
        cidrs: ['192.168.10.0/24', '192.168.20.0/24'],
        vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 4200000001, staticRoutesOnly: true },
        reach: { segments: ['nonprod'] },
      },
    });
    const h = synthJson(env)['prod-network-us-east-1'];
    expect(resourceList(h, 'aws_customer_gateway')[0]).toMatchObject({ bgp_asn_extended: '4200000001' });
    expect(resourceList(h, 'aws_customer_gateway')[0].bgp_asn).toBeUndefined();
    expect(resourceList(h, 'aws_vpn_connection')[0].static_routes_only).toBe(true);
    expect(
      resourceList(h, 'aws_ec2_transit_gateway_route')
        .map((r) => [/tgw_rt-([a-z-]+)_/.exec(r.transit_gateway_route_table_id)?.[1], r.destination_cidr_block])
        .sort(),
    ).toEqual([
      ['nonprod', '192.168.10.0/24'],
      ['nonprod', '192.168.20.0/24'],
      ['shared-services', '192.168.10.0/24'],
      ['shared-services', '192.168.20.0/24'],
    ]);
  });

  test('Direct Connect: the gateway association advertises the allowed prefixes, its attachment read without making the id unknown on a prefix change', () => {
    const env = onPremises(prod, {
      colo: {
        region: 'us-east-1',
        cidrs: ['192.168.64.0/18'],
        directConnect: { gatewayId: '5f294f92-bafb-4011-916d-9b0b6e0a1c2d', allowedPrefixes: ['10.16.0.0/15', '10.0.0.0/21'] },
        reach: { segments: ['prod'] },
      },
    });
    const h = synthJson(env)['prod-network-us-east-1'];
    expect(resourceList(h, 'aws_dx_gateway_association')).toEqual([
      expect.objectContaining({
        dx_gateway_id: '5f294f92-bafb-4011-916d-9b0b6e0a1c2d',
        allowed_prefixes: ['10.0.0.0/21', '10.16.0.0/15'],
        associated_gateway_id: expect.stringMatching(/^\$\{aws_ec2_transit_gateway\./),
      }),
    ]);
    expect(resourceList(h, 'aws_dx_gateway_association')[0].proposal_id).toBeUndefined();
    const [data] = Object.values(h.data.aws_ec2_transit_gateway_dx_gateway_attachment) as StackJson[];
    expect(data.dx_gateway_id).toBe('5f294f92-bafb-4011-916d-9b0b6e0a1c2d');
    expect(data.transit_gateway_id).toMatch(
      /^\$\{\(length\(aws_dx_gateway_association\.[^.]+\.dx_gateway_association_id\) >= 1\) \? aws_dx_gateway_association\.[^.]+\.associated_gateway_id : aws_ec2_transit_gateway\.[^.]+\.id\}$/,
    );
    expect(data.depends_on).toBeUndefined();
    const attachment = (r: StackJson) =>
      /data\.aws_ec2_transit_gateway_dx_gateway_attachment\.[^.]+\.id/.test(r.transit_gateway_attachment_id);
    expect(resourceList(h, 'aws_ec2_transit_gateway_route_table_association').filter(attachment)).toHaveLength(1);
    expect(resourceList(h, 'aws_ec2_transit_gateway_route_table_propagation').filter(attachment)).toHaveLength(2);
    expect(resources(h, 'aws_vpn_connection')).toEqual({});
  });

  test('the hub VPC routes on-premises ranges outside the organization CIDR to the TGW (replies of the endpoints and the resolver)', () => {
    expect(
      resourceList(hub, 'aws_route')
        .map((r) => r.destination_cidr_block)
        .sort(),
    ).toEqual(['10.0.0.0/8', '172.16.0.0/16']);
    expect(resourceList(stacks['prod-network-eu-west-1'], 'aws_route').map((r) => r.destination_cidr_block)).toEqual(['10.0.0.0/8']);
  });

  test('Resolver inbound endpoint at fixed addresses (the last usable one of each hub subnet), admitting DNS from on-premises only', () => {
    const [inbound] = resourceList(hub, 'aws_route53_resolver_endpoint').filter((e) => e.direction === 'INBOUND');
    expect(inbound.ip_address.map((a: { ip: string }) => a.ip)).toEqual(resolverInboundIps(hubCfg).map((a) => a.ip));
    expect(resolverInboundIps(hubCfg)).toEqual([
      { az: 'use1-az1', ip: '10.0.0.254' },
      { az: 'use1-az2', ip: '10.0.1.254' },
      { az: 'use1-az4', ip: '10.0.3.254' },
    ]);
    for (const a of resolverInboundIps(hubCfg)) expect(cidrContainsIp(azSubnetCidr(hubCfg.cidr, a.az), a.ip)).toBe(true);
    const rules = resourceList(hub, 'aws_vpc_security_group_ingress_rule').filter((r) => /resolver_inbound-sg/.test(r.security_group_id));
    expect(rules.map((r) => [r.ip_protocol, r.from_port, r.cidr_ipv4]).sort()).toEqual([
      ['tcp', 53, '172.16.0.0/16'],
      ['udp', 53, '172.16.0.0/16'],
    ]);
  });

  test('forwarding rules: an outbound endpoint sending DNS to the on-premises servers only, one FORWARD rule per domain, never associated with the hub VPC', () => {
    const [outbound] = resourceList(hub, 'aws_route53_resolver_endpoint').filter((e) => e.direction === 'OUTBOUND');
    expect(outbound.ip_address).toHaveLength(3);
    expect(outbound.depends_on).toEqual([expect.stringMatching(/^aws_route53_resolver_endpoint\./)]);
    const egress = resourceList(hub, 'aws_vpc_security_group_egress_rule');
    expect(egress.map((r) => [r.ip_protocol, r.cidr_ipv4]).sort()).toEqual([
      ['tcp', '172.16.0.10/32'],
      ['tcp', '172.16.1.10/32'],
      ['udp', '172.16.0.10/32'],
      ['udp', '172.16.1.10/32'],
    ]);
    expect(resourceList(hub, 'aws_route53_resolver_rule')).toEqual([
      expect.objectContaining({
        domain_name: 'corp.example.com',
        rule_type: 'FORWARD',
        target_ip: [
          { ip: '172.16.0.10', port: 53 },
          { ip: '172.16.1.10', port: 53 },
        ],
      }),
    ]);
    expect(resources(hub, 'aws_route53_resolver_rule_association')).toEqual({});
  });

  test('a hub without on-premises networks has none of it', () => {
    const eu = stacks['prod-network-eu-west-1'];
    for (const type of ['aws_customer_gateway', 'aws_vpn_connection', 'aws_route53_resolver_endpoint', 'aws_route53_resolver_rule'])
      expect(resources(eu, type)).toEqual({});
  });
});
