import { prod } from '../../environments/prod';
import type { DnsMode, EnvironmentConfig } from '../../lib/config/types';
import { resourceList, resources, synthJson, type StackJson } from '../support/synth';

const withDns = (env: EnvironmentConfig, dns: DnsMode): EnvironmentConfig => ({ ...env, network: { ...env.network, dns } });

/** The resource of `type` whose construct path starts with `key` (`service-payments` → `service-payments_endpoint_…`). */
function byKey(stack: StackJson, type: string, key: string, leaf = type === 'aws_vpc_endpoint' ? 'endpoint' : ''): StackJson {
  const found = Object.entries(resources(stack, type)).filter(([name]) => name.startsWith(`${key}_${leaf}`));
  if (found.length !== 1) throw new Error(`${found.length} ${type} for ${key} in ${Object.keys(resources(stack, type)).join(', ')}`);
  return found[0][1];
}

const stacks = synthJson(prod);
const checkout = stacks['prod-consumer-checkout-us-east-1'];
const ledger = stacks['prod-consumer-ledger-eu-eu-west-1'];
const staging = stacks['prod-consumer-staging-us-east-1'];

const remote = (stack: string) => `data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.`;

describe('consumer stack', () => {
  test('one provider per account it touches: consumer, network (same region), each consumed service owner', () => {
    const providers = (ledger.provider.aws as Array<{ alias: string; region: string; allowed_account_ids: string[] }>).map((p) => [
      p.alias,
      p.region,
      p.allowed_account_ids[0],
    ]);
    expect(providers).toEqual([
      ['consumer-eu-west-1', 'eu-west-1', '555555555555'],
      ['network-eu-west-1', 'eu-west-1', '222222222222'],
      ['owner-777777777777-eu-west-1', 'eu-west-1', '777777777777'],
      ['owner-333333333333-us-east-1', 'us-east-1', '333333333333'],
    ]);
  });

  test('one endpoint per consumed service, in the consumer account, keyed by the service name', () => {
    const endpoints = (s: typeof checkout) =>
      Object.keys(resources(s, 'aws_vpc_endpoint'))
        .map((k) => k.replace(/_endpoint_[0-9A-F]{8}$/, ''))
        .sort();
    expect(endpoints(checkout)).toEqual(['external-market-data', 'resource-ledger-db', 'service-payments']);
    expect(endpoints(ledger)).toEqual(['external-market-data', 'service-fx-rates', 'service-payments']);
    expect(endpoints(staging)).toEqual(['service-payments']);
    for (const e of resourceList(checkout, 'aws_vpc_endpoint')) expect(e.provider).toBe('aws.consumer-us-east-1');
  });

  test('same-region published service: interface endpoint without service_region', () => {
    const endpoint = byKey(checkout, 'aws_vpc_endpoint', 'service-payments');
    expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Interface', provider: 'aws.consumer-us-east-1' });
    expect(endpoint.service_region).toBeUndefined();
    expect(endpoint.service_name).toContain(remote('prod-provider-payments-us-east-1'));
    expect(endpoint.subnet_ids).toHaveLength(2);
  });

  test('cross-region published service: endpoint in eu-west-1 with service_region us-east-1; same-region fx-rates without', () => {
    expect(byKey(ledger, 'aws_vpc_endpoint', 'service-payments')).toMatchObject({
      provider: 'aws.consumer-eu-west-1',
      service_region: 'us-east-1',
    });
    expect(byKey(ledger, 'aws_vpc_endpoint', 'service-fx-rates').service_region).toBeUndefined();
  });

  test("owner side of a published service: this account allowed, this endpoint accepted, in the owner's account", () => {
    const principals = resourceList(ledger, 'aws_vpc_endpoint_service_allowed_principal');
    expect(principals.map((p) => [p.provider, p.principal_arn]).sort()).toEqual([
      ['aws.owner-333333333333-us-east-1', 'arn:aws:iam::555555555555:root'],
      ['aws.owner-777777777777-eu-west-1', 'arn:aws:iam::555555555555:root'],
    ]);
    const accepter = byKey(ledger, 'aws_vpc_endpoint_connection_accepter', 'service-payments', 'accept');
    expect(accepter.provider).toBe('aws.owner-333333333333-us-east-1');
    expect(accepter.vpc_endpoint_id).toMatch(/^\$\{aws_vpc_endpoint\.service-payments_endpoint_/);
    expect(byKey(ledger, 'aws_vpc_endpoint', 'service-payments').depends_on).toEqual([
      expect.stringMatching(/^aws_vpc_endpoint_service_allowed_principal\.service-payments_/),
    ]);
  });

  test('each endpoint security group admits its service ports from the consumer VPC only', () => {
    const rules = resourceList(checkout, 'aws_vpc_security_group_ingress_rule').map((r) => [
      /^\$\{aws_security_group\.([a-z-]+)_sg/.exec(r.security_group_id)?.[1],
      r.cidr_ipv4,
      r.from_port,
      r.to_port,
    ]);
    expect(rules.sort()).toEqual([
      ['external-market-data', '10.16.0.0/21', 443, 443],
      ['resource-ledger-db', '10.16.0.0/21', 5432, 5432],
      ['service-payments', '10.16.0.0/21', 443, 443],
    ]);
    expect(resourceList(checkout, 'aws_security_group').every((g) => g.egress === undefined)).toBe(true);
  });

  test('no private DNS name on a published service: a private zone in the spoke aliases the endpoint', () => {
    expect(resourceList(staging, 'aws_route53_zone').map((z) => z.name)).toEqual(['payments.prod.privatelink.internal']);
    const record = byKey(checkout, 'aws_route53_record', 'service-payments', 'alias');
    expect(record.alias.name).toMatch(/aws_vpc_endpoint\.service-payments_endpoint_.*dns_entry\[0\]\.dns_name/);
    expect(byKey(checkout, 'aws_vpc_endpoint', 'service-payments').private_dns_enabled).toBe(false);
  });

  test('external service: endpoint to the vendor name (cross-region with service_region), no owner side, private DNS once accepted', () => {
    const inRegion = byKey(checkout, 'aws_vpc_endpoint', 'external-market-data');
    expect(inRegion).toMatchObject({
      service_name: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718',
      private_dns_enabled: false,
      lifecycle: { ignore_changes: ['private_dns_enabled'] },
    });
    expect(inRegion.service_region).toBeUndefined();
    expect(inRegion.depends_on).toBeUndefined();
    expect(byKey(ledger, 'aws_vpc_endpoint', 'external-market-data')).toMatchObject({
      service_name: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718',
      service_region: 'us-east-1',
    });
    const [step] = resourceList(checkout, 'aws_vpc_endpoint_private_dns');
    expect(step).toMatchObject({
      provider: 'aws.consumer-us-east-1',
      vpc_endpoint_id: expect.stringMatching(/^\$\{aws_vpc_endpoint\.external-market-data_endpoint_[0-9A-F]+\.id\}$/),
      private_dns_enabled: expect.stringMatching(
        /^\$\{\(aws_vpc_endpoint\.external-market-data_endpoint_[0-9A-F]+\.state == "available"\)\}$/,
      ),
    });
    expect(Object.keys(resources(checkout, 'aws_vpc_endpoint_connection_accepter')).filter((k) => k.startsWith('external'))).toEqual([]);
  });

  test('external service without a private DNS name: a zone with the vendor records aliasing the endpoint', () => {
    const env = structuredClone(prod) as typeof prod;
    const md = env.services!['market-data'] as { privateDnsName?: string; dns?: unknown };
    delete md.privateDnsName;
    md.dns = { zoneName: 'privatelink.market-data.example', records: ['', '*', 'eu.feed'] };
    const s = synthJson(env)['prod-consumer-checkout-us-east-1'];
    const zones = resourceList(s, 'aws_route53_zone')
      .map((z) => z.name)
      .sort();
    expect(zones).toEqual(['ledger-db.prod.privatelink.internal', 'payments.prod.privatelink.internal', 'privatelink.market-data.example']);
    const names = resourceList(s, 'aws_route53_record')
      .filter((r) => /market-data/.test(r.alias?.name))
      .map((r) => r.name)
      .sort();
    expect(names).toEqual([
      '*.privatelink.market-data.example',
      'eu.feed.privatelink.market-data.example',
      'privatelink.market-data.example',
    ]);
    expect(resourceList(s, 'aws_vpc_endpoint_private_dns')).toEqual([]);
  });

  test('a published service with a private DNS name: private DNS turned on after the acceptance', () => {
    const env = structuredClone(prod) as typeof prod;
    Object.assign(env.services!.payments, { privateDnsName: 'payments.example.com' });
    const s = synthJson(env)['prod-consumer-staging-us-east-1'];
    expect(resourceList(s, 'aws_route53_zone')).toEqual([]);
    expect(resourceList(s, 'aws_vpc_endpoint_private_dns')).toEqual([
      expect.objectContaining({
        private_dns_enabled: true,
        vpc_endpoint_id: expect.stringMatching(
          /^\$\{aws_vpc_endpoint_connection_accepter\.service-payments_accept_[0-9A-F]+\.vpc_endpoint_id\}$/,
        ),
      }),
    ]);
  });

  test('resource service: the owner adds this account to the RAM share, then a Resource endpoint on the configuration', () => {
    const [share] = resourceList(checkout, 'aws_ram_principal_association');
    expect(share).toMatchObject({ provider: 'aws.owner-333333333333-us-east-1', principal: '444444444444' });
    expect(share.resource_share_arn).toContain(remote('prod-resource-ledger-db-us-east-1'));
    const endpoint = byKey(checkout, 'aws_vpc_endpoint', 'resource-ledger-db');
    // Private DNS only for ARN (RDS) configurations: AWS makes no name of an IP resource resolve.
    expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Resource', private_dns_enabled: false, provider: 'aws.consumer-us-east-1' });
    expect(endpoint.resource_configuration_arn).toContain(remote('prod-resource-ledger-db-us-east-1'));
    expect(endpoint.service_name).toBeUndefined();
    expect(endpoint.depends_on).toEqual([expect.stringMatching(/^aws_ram_principal_association\.resource-ledger-db_share_/)]);
    // Its name: a private zone answering with the endpoint's addresses (its dns_entry is empty, #41765).
    const zone = resourceList(checkout, 'aws_route53_zone').find((z) => z.name === 'ledger-db.prod.privatelink.internal');
    expect(zone).toBeDefined();
    expect(byKey(checkout, 'aws_route53_record', 'resource-ledger-db', 'addresses')).toMatchObject({
      name: 'ledger-db.prod.privatelink.internal',
      type: 'A',
      ttl: 60,
      records: expect.stringMatching(
        /^\$\{\[for s in aws_vpc_endpoint\.resource-ledger-db_endpoint_[0-9A-F]+\.subnet_configuration : s\.ipv4\]\}$/,
      ),
    });
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

  test('propagation follows the segment rules: prod spokes into shared-services (and onprem, reaching the datacenter), nonprod also into nonprod', () => {
    const tables = (s: typeof checkout) =>
      resourceList(s, 'aws_ec2_transit_gateway_route_table_propagation')
        .map((p) => /rt-([a-z-]+)_/.exec(p.transit_gateway_route_table_id)?.[1])
        .sort();
    expect(tables(checkout)).toEqual(['onprem', 'shared-services']);
    expect(tables(staging)).toEqual(['nonprod', 'shared-services']);
    expect(tables(ledger)).toEqual(['shared-services']);
    // The spoke's propagation into onprem lives in its own stack, in the network account.
    expect(
      resourceList(checkout, 'aws_ec2_transit_gateway_route_table_propagation').every((p) => p.provider === 'aws.network-us-east-1'),
    ).toBe(true);
  });

  test('spoke routes the organization CIDR to the TGW after the attachment exists, and the on-premises ranges outside it when it reaches them', () => {
    const routes = (s: typeof checkout) => resourceList(s, 'aws_route').map((r) => [r.destination_cidr_block, r.depends_on]);
    const after = [expect.stringMatching(/^aws_ec2_transit_gateway_vpc_attachment\./)];
    expect(routes(staging)).toEqual([['10.0.0.0/8', after]]);
    expect(routes(checkout).sort()).toEqual([
      ['10.0.0.0/8', after],
      ['172.16.0.0/16', after],
    ]);
  });

  test('hub zones for its segment are authorized by the network account and associated by the consumer (zone-associations)', () => {
    const s = synthJson(withDns(prod, 'zone-associations'));
    const c = s['prod-consumer-checkout-us-east-1'];
    const auth = resourceList(c, 'aws_route53_vpc_association_authorization');
    const assoc = resourceList(c, 'aws_route53_zone_association');
    // prod segment in us-east-1: core (4 services) + data (2, prod only); nonprod gets core only.
    expect(auth).toHaveLength(6);
    expect(assoc).toHaveLength(6);
    expect(auth.every((a) => a.provider === 'aws.network-us-east-1' && a.vpc_region === 'us-east-1')).toBe(true);
    expect(assoc.every((a) => a.provider === 'aws.consumer-us-east-1')).toBe(true);
    expect(resourceList(s['prod-consumer-staging-us-east-1'], 'aws_route53_zone_association')).toHaveLength(4);
    expect(resourceList(s['prod-consumer-ledger-eu-eu-west-1'], 'aws_route53_zone_association')).toHaveLength(4);
    expect(resources(c, 'aws_route53profiles_association')).toEqual({});
    // The datacenter's forwarding rule, shared through RAM, associated by the consumer of the segment it reaches.
    expect(resourceList(c, 'aws_route53_resolver_rule_association')).toEqual([
      expect.objectContaining({
        provider: 'aws.consumer-us-east-1',
        resolver_rule_id: expect.stringContaining(remote('prod-network-us-east-1')),
      }),
    ]);
    expect(resources(s['prod-consumer-staging-us-east-1'], 'aws_route53_resolver_rule_association')).toEqual({});
  });

  test("profiles: each spoke associates its segment's profile, and no zone or rule", () => {
    for (const [stack, segment] of [
      [checkout, 'prod'],
      [staging, 'nonprod'],
      [ledger, 'prod'],
    ] as const) {
      expect(resourceList(stack, 'aws_route53profiles_association')).toEqual([
        expect.objectContaining({
          provider: stack === ledger ? 'aws.consumer-eu-west-1' : 'aws.consumer-us-east-1',
          profile_id: expect.stringMatching(new RegExp(`route53profiles_profiledns-profiles_profile-${segment}_`)),
          resource_id: expect.stringMatching(/^\$\{aws_vpc\./),
        }),
      ]);
      expect(resources(stack, 'aws_route53_zone_association')).toEqual({});
      expect(resources(stack, 'aws_route53_vpc_association_authorization')).toEqual({});
      expect(resources(stack, 'aws_route53_resolver_rule_association')).toEqual({});
    }
    expect(resourceList(checkout, 'aws_route53profiles_association')[0]).not.toHaveProperty('resource_properties');
  });

  test('zone-associations+profiles: the spoke holds both, under the construct ids of each mode alone', () => {
    const names = (s: Record<string, StackJson>, type: string) =>
      Object.keys(resources(s['prod-consumer-checkout-us-east-1'], type)).sort();
    const zones = synthJson(withDns(prod, 'zone-associations'));
    const both = synthJson(withDns(prod, 'zone-associations+profiles'));
    for (const type of [
      'aws_route53_zone_association',
      'aws_route53_vpc_association_authorization',
      'aws_route53_resolver_rule_association',
    ]) {
      expect(names(both, type)).toEqual(names(zones, type));
    }
    expect(names(both, 'aws_route53profiles_association')).toEqual(Object.keys(resources(checkout, 'aws_route53profiles_association')));
  });

  test('TGW and profiles shared with listed accounts: each consumer stack adds its own account to their shares', () => {
    const env = structuredClone(prod) as typeof prod;
    (env.network as { shareWith?: string }).shareWith = 'accounts';
    const s = synthJson(env);
    expect(s['prod-network-us-east-1'].resource.aws_ram_principal_association).toBeUndefined();
    const assoc = resourceList(s['prod-consumer-checkout-us-east-1'], 'aws_ram_principal_association').filter(
      (a) => a.provider === 'aws.network-us-east-1',
    );
    expect(assoc.map((a) => [a.principal, /aws_ram_resource_share([\w-]+?)_[0-9A-F]{8}/.exec(a.resource_share_arn)?.[1]]).sort()).toEqual([
      ['444444444444', 'dns-profiles_share-prod'],
      ['444444444444', 'tgw_share'],
    ]);
    expect(resourceList(s['prod-consumer-checkout-us-east-1'], 'aws_ec2_transit_gateway_vpc_attachment')[0].depends_on).toEqual([
      expect.stringMatching(/^aws_ram_principal_association\./),
    ]);
    expect(resourceList(s['prod-consumer-checkout-us-east-1'], 'aws_route53profiles_association')[0].depends_on).toEqual([
      expect.stringMatching(/^aws_ram_principal_association\./),
    ]);
  });
});
