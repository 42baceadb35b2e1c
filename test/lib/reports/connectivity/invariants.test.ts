/**
 * Each invariant of the connectivity check fires on a broken variant of prod: the synthesized
 * JSON edited (or the config changed under unchanged stacks), with the exact violation.
 */
import { dev } from '../../../../environments/dev';
import { prod } from '../../../../environments/prod';
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { analyzeConnectivity, type ConnectivityReport } from '../../../../lib/reports/connectivity';
import { add, copy, nameOf, ref, remoteRef, remove, resource, synthEnvironments, type Stacks } from './json-edit';

/** prod with its datacenter over Direct Connect instead, advertising the hub CIDR only (not the prod segment it reaches). */
const prodDx: EnvironmentConfig = {
  ...prod,
  name: 'proddx',
  network: {
    ...prod.network,
    hubs: { ...prod.network.hubs, 'us-east-1': { ...prod.network.hubs['us-east-1'], asn: 64520 } },
    onPremises: {
      datacenter: {
        region: 'us-east-1',
        cidrs: ['172.16.0.0/16'],
        reach: { segments: ['prod'] },
        directConnect: { gatewayId: '5f294f92-bafb-4011-916d-9b0b6e0a1c2d', allowedPrefixes: ['10.0.0.0/21'] },
      },
    },
  },
};
const synthesized = synthEnvironments(
  dev,
  prod,
  { ...prod, name: 'prodza', network: { ...prod.network, dns: 'zone-associations' } },
  prodDx,
);
const shipped = synthesized.prod;
const CHECKOUT = 'prod-consumer-checkout-us-east-1';
const LEDGER_EU = 'prod-consumer-ledger-eu-eu-west-1';
const STAGING = 'prod-consumer-staging-us-east-1';
const HUB = 'prod-network-us-east-1';
const PAYMENTS = 'prod-provider-payments-us-east-1';

/** The report of prod (or `env`) after `edit` changed a copy of its stacks. */
function broken(edit: (stacks: Stacks) => void, env: EnvironmentConfig = prod): ConnectivityReport {
  const stacks = copy(synthesized[env.name]);
  edit(stacks);
  return analyzeConnectivity(env, stacks);
}

/** The provider alias of a consumer account's resources in us-east-1. */
const CONSUMER_PROVIDER = 'aws.consumer-us-east-1';

test('the shipped prod has no violation (each variant below breaks one thing)', () => {
  expect(analyzeConnectivity(prod, copy(shipped)).violations).toEqual([]);
});

describe('each consumer reaches exactly the services it consumes', () => {
  test('an endpoint to a service the consumer does not consume', () => {
    const report = broken((s) => {
      add(s, STAGING, 'aws_security_group', 'extra-sg', { provider: CONSUMER_PROVIDER, vpc_id: ref(s, STAGING, 'aws_vpc', 'vpc') });
      add(s, STAGING, 'aws_vpc_security_group_ingress_rule', 'extra-in', {
        provider: CONSUMER_PROVIDER,
        security_group_id: '${aws_security_group.extra-sg.id}',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '10.18.0.0/21',
      });
      add(s, STAGING, 'aws_vpc_endpoint', 'extra', {
        provider: CONSUMER_PROVIDER,
        vpc_id: ref(s, STAGING, 'aws_vpc', 'vpc'),
        vpc_endpoint_type: 'Interface',
        service_name: 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718',
        security_group_ids: ['${aws_security_group.extra-sg.id}'],
      });
    });
    expect(report.cells['consumer:staging']['service:market-data']).toMatchObject({
      reach: 'yes',
      ports: [{ protocol: 'tcp', from: 443, to: 443 }],
    });
    expect(report.violations).toEqual([
      'consumer staging reaches service market-data, which it does not consume (yes): PrivateLink via ' +
        `${STAGING}/aws_vpc_endpoint.extra; acceptance is the vendor's (Example Market Data Ltd.)`,
    ]);
  });

  test('a consumer whose config no longer consumes a service its stack still reaches', () => {
    const env: EnvironmentConfig = {
      ...prod,
      consumers: prod.consumers.map((c) => (c.name === 'checkout' ? { ...c, consumes: ['payments', 'market-data'] } : c)),
    };
    const report = broken(() => undefined, env);
    expect(report.violations).toEqual([
      'consumer checkout reaches service ledger-db, which it does not consume (yes): resource endpoint via ' +
        `${CHECKOUT}/aws_vpc_endpoint.resource-ledger-db_endpoint; shared through RAM: prod-resource-ledger-db-us-east-1/aws_ram_resource_share.resource_share`,
    ]);
  });

  test('a published service whose connection is never accepted', () => {
    const report = broken((s) => remove(s, CHECKOUT, 'aws_vpc_endpoint_connection_accepter', 'service-payments_accept'));
    expect(report.cells['consumer:checkout']['service:payments'].reach).toBe('no');
    expect(report.violations).toEqual([
      `consumer checkout cannot reach service payments, which it consumes: ${CHECKOUT}/aws_vpc_endpoint.service-payments_endpoint: ` +
        'the connection is never accepted (acceptance required, no accepter)',
    ]);
    // Other consumers keep their own accepted connections.
    expect(report.cells['consumer:staging']['service:payments'].reach).toBe('yes');
  });

  test('a published service that requires no acceptance needs no accepter', () => {
    const report = broken((s) => {
      remove(s, CHECKOUT, 'aws_vpc_endpoint_connection_accepter', 'service-payments_accept');
      resource(s, PAYMENTS, 'aws_vpc_endpoint_service', 'service').acceptance_required = false;
    });
    expect(report.cells['consumer:checkout']['service:payments'].reach).toBe('yes');
    expect(report.violations).toEqual([]);
  });

  test('a published service that does not allow the consumer account', () => {
    const report = broken((s) => remove(s, CHECKOUT, 'aws_vpc_endpoint_service_allowed_principal', 'service-payments_allowed-principal'));
    expect(report.violations).toEqual([
      `consumer checkout cannot reach service payments, which it consumes: ${CHECKOUT}/aws_vpc_endpoint.service-payments_endpoint: ` +
        'the service does not allow account 444444444444',
    ]);
  });

  test('a cross-region endpoint without service_region, to a service that does not support its region', () => {
    const report = broken((s) => {
      delete resource(s, LEDGER_EU, 'aws_vpc_endpoint', 'service-payments_endpoint').service_region;
      resource(s, PAYMENTS, 'aws_vpc_endpoint_service', 'service').supported_regions = [];
    });
    expect(report.violations).toEqual([
      `consumer ledger-eu cannot reach service payments, which it consumes: ${LEDGER_EU}/aws_vpc_endpoint.service-payments_endpoint: ` +
        'the endpoint in eu-west-1 does not name service_region us-east-1; the service does not support eu-west-1 (supported_regions)',
    ]);
  });

  test("the NLB's security group, filtering PrivateLink traffic, must admit the client", () => {
    const report = broken((s) => {
      resource(s, PAYMENTS, 'aws_vpc_security_group_ingress_rule', 'service_nlb-in-443-prod-10-16-0-0-15').cidr_ipv4 = '10.16.0.0/21';
      resource(s, PAYMENTS, 'aws_vpc_security_group_ingress_rule', 'service_nlb-in-443-nonprod-10-18-0-0-15').cidr_ipv4 = '10.16.0.0/21';
    });
    expect(report.cells['consumer:checkout']['service:payments'].reach).toBe('yes');
    expect(report.violations).toEqual([
      `consumer ledger-eu cannot reach service payments, which it consumes: ${LEDGER_EU}/aws_vpc_endpoint.service-payments_endpoint: ` +
        `the NLB's security group (${PAYMENTS}/aws_security_group.service_nlb-sg) does not admit 10.17.0.0/21 on 443`,
      `consumer staging cannot reach service payments, which it consumes: ${STAGING}/aws_vpc_endpoint.service-payments_endpoint: ` +
        `the NLB's security group (${PAYMENTS}/aws_security_group.service_nlb-sg) does not admit 10.18.0.0/21 on 443`,
    ]);
  });

  test('a published service whose stack is missing', () => {
    const report = broken((s) => {
      delete s['prod-provider-fx-rates-eu-west-1'];
    });
    expect(report.cells['provider:fx-rates']['service:fx-rates']).toEqual({
      reach: 'no',
      why: 'no VPC in prod-provider-fx-rates-eu-west-1',
    });
    expect(report.violations).toEqual([
      'consumer ledger-eu cannot reach service fx-rates, which it consumes: no aws_vpc_endpoint_service in prod-provider-fx-rates-eu-west-1',
    ]);
  });

  test("a RAM share without the consumer's account", () => {
    const report = broken((s) => {
      resource(s, CHECKOUT, 'aws_ram_principal_association', 'resource-ledger-db_share').principal = '999999999999';
    });
    expect(report.cells['consumer:checkout']['service:ledger-db'].reach).toBe('no');
    expect(report.violations).toEqual([
      `consumer checkout cannot reach service ledger-db, which it consumes: ${CHECKOUT}/aws_vpc_endpoint.resource-ledger-db_endpoint: ` +
        'account 444444444444 is not a principal of a RAM share holding the resource configuration ' +
        '(prod-resource-ledger-db-us-east-1/aws_ram_resource_share.resource_share)',
    ]);
  });

  test('a RAM share with the whole organization includes the consumer account', () => {
    const report = broken((s) => {
      resource(s, CHECKOUT, 'aws_ram_principal_association', 'resource-ledger-db_share').principal =
        'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5';
    });
    expect(report.cells['consumer:checkout']['service:ledger-db'].reach).toBe('yes');
    expect(report.violations).toEqual([]);
  });

  test('a RAM share that does not hold the resource configuration', () => {
    const report = broken((s) =>
      remove(s, 'prod-resource-ledger-db-us-east-1', 'aws_ram_resource_association', 'resource_share-configuration'),
    );
    expect(report.violations).toEqual([
      `consumer checkout cannot reach service ledger-db, which it consumes: ${CHECKOUT}/aws_vpc_endpoint.resource-ledger-db_endpoint: ` +
        'no RAM share holds the resource configuration',
    ]);
  });
});

describe('endpoints admit exactly the service ports', () => {
  test('an extra port on the resource endpoint', () => {
    const report = broken((s) => {
      add(s, CHECKOUT, 'aws_vpc_security_group_ingress_rule', 'ssh', {
        provider: CONSUMER_PROVIDER,
        security_group_id: ref(s, CHECKOUT, 'aws_security_group', 'resource-ledger-db_sg'),
        ip_protocol: 'tcp',
        from_port: 22,
        to_port: 22,
        cidr_ipv4: '10.16.0.0/21',
      });
    });
    expect(report.cells['consumer:checkout']['service:ledger-db']).toMatchObject({
      reach: 'yes',
      ports: [
        { protocol: 'tcp', from: 22, to: 22 },
        { protocol: 'tcp', from: 5432, to: 5432 },
      ],
    });
    expect(report.violations).toEqual([
      `the endpoint of consumer:checkout to resource service ledger-db admits 22 from 10.16.0.0/21 (${CHECKOUT}/aws_vpc_security_group_ingress_rule.ssh), ` +
        "outside the resource's port ranges (5432)",
    ]);
  });

  test('a resource endpoint rule wider than the port range, and one for every protocol', () => {
    const report = broken((s) => {
      resource(s, CHECKOUT, 'aws_vpc_security_group_ingress_rule', 'resource-ledger-db_sg_in-vpc-tcp-5432').to_port = 5440;
      add(s, CHECKOUT, 'aws_vpc_security_group_ingress_rule', 'any', {
        provider: CONSUMER_PROVIDER,
        security_group_id: ref(s, CHECKOUT, 'aws_security_group', 'resource-ledger-db_sg'),
        ip_protocol: '-1',
        cidr_ipv4: '10.0.0.0/21',
      });
    });
    const rule = nameOf(copy(shipped), CHECKOUT, 'aws_vpc_security_group_ingress_rule', 'resource-ledger-db_sg_in-vpc-tcp-5432').replace(
      /_[0-9A-F]{8}$/,
      '',
    );
    expect(report.violations).toEqual([
      `the endpoint of consumer:checkout to resource service ledger-db admits 5433-5440 from 10.16.0.0/21 (${CHECKOUT}/aws_vpc_security_group_ingress_rule.${rule}), ` +
        "outside the resource's port ranges (5432)",
      `the endpoint of consumer:checkout to resource service ledger-db admits all from 10.0.0.0/21 (${CHECKOUT}/aws_vpc_security_group_ingress_rule.any), ` +
        "outside the resource's port ranges (5432)",
    ]);
  });

  test("a port of the resource's ranges missing on the endpoint", () => {
    const ledger = prod.services?.['ledger-db'];
    if (ledger?.kind !== 'resource') throw new Error('prod ledger-db is a resource service');
    const env: EnvironmentConfig = {
      ...prod,
      services: { ...prod.services, 'ledger-db': { ...ledger, portRanges: ['5432', '6432-6433'] } },
    };
    const report = broken(() => undefined, env);
    expect(report.violations).toEqual([
      'consumer checkout reaches service ledger-db without port 6432-6433: its endpoint admits 5432 from 10.16.0.0/21, ' +
        "the resource's port ranges are 5432, 6432-6433",
    ]);
  });

  test('a published endpoint on another port than the listener', () => {
    const report = broken((s) => {
      const rule = resource(s, STAGING, 'aws_vpc_security_group_ingress_rule', 'service-payments_sg_in-vpc-tcp-443');
      rule.from_port = 8443;
      rule.to_port = 8443;
    });
    expect(report.cells['consumer:staging']['service:payments'].reach).toBe('no');
    expect(report.violations).toEqual([
      `consumer staging cannot reach service payments, which it consumes: ${STAGING}/aws_vpc_endpoint.service-payments_endpoint: ` +
        "its security group admits 8443 from 10.18.0.0/21, none of the service's ports (443)",
      `the endpoint of consumer:staging to published service payments admits 8443 from 10.18.0.0/21 (${STAGING}/aws_vpc_security_group_ingress_rule.service-payments_sg_in-vpc-tcp-443), ` +
        "outside the service's ports (443)",
    ]);
  });

  test('an endpoint in the default security group', () => {
    const report = broken((s) => {
      delete resource(s, LEDGER_EU, 'aws_vpc_endpoint', 'external-market-data_endpoint').security_group_ids;
    });
    expect(report.cells['consumer:ledger-eu']['service:market-data']).toMatchObject({
      reach: 'yes',
      ports: [{ protocol: 'all', from: 0, to: 65535 }],
    });
    expect(report.violations).toEqual([
      "the endpoint of consumer:ledger-eu to external service market-data is in its VPC's default security group, which admits every port from the VPC; " +
        "the service's ports are 443",
    ]);
  });
});

describe('nothing opens connections into a consumer', () => {
  test('a TGW route leaking a prod spoke into the nonprod table', () => {
    const report = broken((s) => {
      add(s, CHECKOUT, 'aws_ec2_transit_gateway_route', 'leak', {
        provider: 'aws.network-us-east-1',
        transit_gateway_route_table_id: remoteRef(s, HUB, 'tgw_rt-nonprod'),
        destination_cidr_block: '10.16.0.0/21',
        transit_gateway_attachment_id: ref(s, CHECKOUT, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw_attachment'),
      });
    });
    expect(report.cells['consumer:staging']['consumer:checkout']).toEqual({
      reach: 'one-way',
      why: `return path: TGW route table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-prod has no route to 10.18.0.0/21`,
    });
    expect(report.violations).toEqual([
      'consumer staging (segment nonprod) reaches consumer checkout (segment prod) (one-way): ' +
        `return path: TGW route table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-prod has no route to 10.18.0.0/21`,
    ]);
  });

  test("spokes of two segments propagated into each other's tables", () => {
    const report = broken((s) => {
      add(s, CHECKOUT, 'aws_ec2_transit_gateway_route_table_propagation', 'into-nonprod', {
        provider: 'aws.network-us-east-1',
        transit_gateway_route_table_id: remoteRef(s, HUB, 'tgw_rt-nonprod'),
        transit_gateway_attachment_id: ref(s, CHECKOUT, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw_attachment'),
      });
      add(s, STAGING, 'aws_ec2_transit_gateway_route_table_propagation', 'into-prod', {
        provider: 'aws.network-us-east-1',
        transit_gateway_route_table_id: remoteRef(s, HUB, 'tgw_rt-prod'),
        transit_gateway_attachment_id: ref(s, STAGING, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw_attachment'),
      });
    });
    expect(report.cells['consumer:staging']['consumer:checkout'].reach).toBe('yes');
    expect(report.violations).toEqual([
      `consumer staging (segment nonprod) reaches consumer checkout (segment prod) (yes): TGW table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-nonprod`,
      `consumer checkout (segment prod) reaches consumer staging (segment nonprod) (yes): TGW table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-prod`,
    ]);
  });

  test('spokes of a segment with spokeToSpoke off propagated into its table (dev)', () => {
    const DEV_HUB = 'dev-network-us-east-1';
    const propagateBoth = (s: Stacks) => {
      for (const stack of ['dev-consumer-web-us-east-1', 'dev-consumer-batch-us-east-1']) {
        add(s, stack, 'aws_ec2_transit_gateway_route_table_propagation', 'into-nonprod', {
          provider: 'aws.network-us-east-1',
          transit_gateway_route_table_id: remoteRef(s, DEV_HUB, 'tgw_rt-nonprod'),
          transit_gateway_attachment_id: ref(s, stack, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw_attachment'),
        });
      }
    };
    const via = `TGW table ${DEV_HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-nonprod`;
    expect(broken(propagateBoth, dev).violations).toEqual([
      `consumer batch reaches consumer web (yes) although segment nonprod has spokeToSpoke off: ${via}`,
      `consumer web reaches consumer batch (yes) although segment nonprod has spokeToSpoke off: ${via}`,
    ]);
    // The same routes are fine where the segment allows spoke-to-spoke traffic.
    expect(broken(propagateBoth, { ...dev, segments: { nonprod: { ...dev.segments.nonprod, spokeToSpoke: true } } }).violations).toEqual(
      [],
    );
  });

  test('a hub that holds something able to open connections', () => {
    const report = broken((s) => {
      add(s, HUB, 'aws_instance', 'jump', {
        provider: 'aws.network-us-east-1',
        ami: 'ami-0123456789abcdef0',
        instance_type: 't3.micro',
        subnet_id: ref(s, HUB, 'aws_subnet', 'vpc_subnet-use1-az1'),
      });
    });
    expect(report.cells['hub:us-east-1']['consumer:checkout'].reach).toBe('yes');
    expect(report.violations).toEqual([
      `hub:us-east-1 can open connections into consumer checkout (yes): TGW table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-shared-services; ` +
        `opened by ${HUB}/aws_instance.jump`,
      `hub:us-east-1 can open connections into consumer staging (yes): TGW table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-shared-services; ` +
        `opened by ${HUB}/aws_instance.jump`,
    ]);
  });

  test('a service VPC attached to the hub', () => {
    const report = broken((s) => {
      const provider = 'aws.provider-us-east-1';
      add(s, PAYMENTS, 'aws_ec2_transit_gateway_vpc_attachment', 'attach', {
        provider,
        vpc_id: ref(s, PAYMENTS, 'aws_vpc', 'vpc'),
        transit_gateway_id: remoteRef(s, HUB, 'aws_ec2_transit_gatewaytgw'),
        subnet_ids: [ref(s, PAYMENTS, 'aws_subnet', 'vpc_subnet-use1-az1')],
      });
      // Associated like the hub (its table knows every spoke), propagated into the prod table.
      add(s, PAYMENTS, 'aws_ec2_transit_gateway_route_table_association', 'assoc', {
        provider,
        transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.attach.id}',
        transit_gateway_route_table_id: remoteRef(s, HUB, 'tgw_rt-shared-services'),
      });
      add(s, PAYMENTS, 'aws_ec2_transit_gateway_route_table_propagation', 'prop', {
        provider,
        transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.attach.id}',
        transit_gateway_route_table_id: remoteRef(s, HUB, 'tgw_rt-prod'),
      });
      add(s, PAYMENTS, 'aws_route', 'to-org', {
        provider,
        route_table_id: ref(s, PAYMENTS, 'aws_route_table', 'vpc_private'),
        destination_cidr_block: '10.0.0.0/8',
        transit_gateway_id: remoteRef(s, HUB, 'aws_ec2_transit_gatewaytgw'),
      });
    });
    expect(report.violations).toEqual([
      `provider:payments can open connections into consumer checkout (yes): TGW table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-shared-services`,
      `provider:payments can open connections into consumer staging (one-way): return path: TGW route table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-nonprod has no route to 10.1.0.0/21`,
    ]);
  });
});

describe('hub endpoints and zones', () => {
  test('a hub without its return route to the spokes is caught as one-way', () => {
    const report = broken((s) => remove(s, HUB, 'aws_route', 'tgw_hub-to-spokes'));
    expect(report.cells['consumer:checkout']['endpoints:us-east-1'].reach).toBe('one-way');
    expect(report.violations).toEqual([
      `consumer checkout cannot reach the centralized endpoints of us-east-1 (one-way): return path: ${HUB}/aws_vpc.vpc has no route to 10.16.0.0/21`,
      `consumer staging cannot reach the centralized endpoints of us-east-1 (one-way): return path: ${HUB}/aws_vpc.vpc has no route to 10.18.0.0/21`,
    ]);
  });

  test('zone associations: a zone reserved for another segment, and a zone missing', () => {
    const env: EnvironmentConfig = { ...prod, name: 'prodza', network: { ...prod.network, dns: 'zone-associations' } };
    const stacks = copy(synthesized.prodza);
    const staging = 'prodza-consumer-staging-us-east-1';
    const hub = 'prodza-network-us-east-1';
    expect(analyzeConnectivity(env, copy(synthesized.prodza)).violations).toEqual([]);
    add(stacks, staging, 'aws_route53_zone_association', 'data-sqs', {
      provider: 'aws.consumer-us-east-1',
      zone_id: remoteRef(stacks, hub, 'endpoints_data-sqs-zone'),
      vpc_id: ref(stacks, staging, 'aws_vpc', 'vpc'),
    });
    remove(stacks, 'prodza-consumer-checkout-us-east-1', 'aws_route53_zone_association', 'hub-zones_core-sts-association');
    const report = analyzeConnectivity(env, stacks);
    expect(report.cells['consumer:staging']['endpoints:us-east-1'].zones).toBe('5/6');
    expect(report.violations).toEqual([
      'consumer checkout does not get the hub zone of core/sts its segment prod receives',
      'consumer staging gets the hub zone of data/sqs, reserved for segments other than nonprod',
    ]);
  });

  test('profiles: a zone put into the profile of another segment, a zone missing from a profile, and a spoke without its profile', () => {
    const report = broken((s) => {
      add(s, HUB, 'aws_route53profiles_resource_association', 'nonprod-data-sqs', {
        provider: 'aws.network-us-east-1',
        name: 'nonprod-data-sqs',
        profile_id: ref(s, HUB, 'aws_route53profiles_profile', 'dns-profiles_profile-nonprod'),
        resource_arn: ref(s, HUB, 'aws_route53_zone', 'endpoints_data-sqs-zone', 'arn'),
      });
      remove(s, HUB, 'aws_route53profiles_resource_association', 'dns-profiles_prod-zone-core-sts');
      remove(s, LEDGER_EU, 'aws_route53profiles_association', 'hub-dns-profile_association');
    });
    expect(report.cells['consumer:staging']['endpoints:us-east-1'].zones).toBe('5/6');
    expect(report.cells['consumer:ledger-eu']['endpoints:eu-west-1'].zones).toBe('0/4');
    expect(report.violations).toEqual([
      'consumer checkout does not get the hub zone of core/sts its segment prod receives',
      'consumer ledger-eu does not get the hub zone of core/sts its segment prod receives',
      'consumer ledger-eu does not get the hub zone of core/ecr.api its segment prod receives',
      'consumer ledger-eu does not get the hub zone of core/ecr.dkr its segment prod receives',
      'consumer ledger-eu does not get the hub zone of core/s3 its segment prod receives',
      'consumer staging gets the hub zone of data/sqs, reserved for segments other than nonprod',
    ]);
  });
});

describe('on-premises networks', () => {
  test("the datacenter reaches its hub's endpoints and the prod spoke of us-east-1 both ways, and nothing else", () => {
    const report = analyzeConnectivity(prod, copy(shipped));
    const row = report.cells['onprem:datacenter'];
    expect(row['endpoints:us-east-1'].reach).toBe('yes');
    expect(row['endpoints:eu-west-1'].reach).toBe('no');
    expect([row['consumer:checkout'].reach, report.cells['consumer:checkout']['onprem:datacenter'].reach]).toEqual(['yes', 'yes']);
    for (const c of ['staging', 'ledger-eu']) {
      expect([c, row[`consumer:${c}`].reach, report.cells[`consumer:${c}`]['onprem:datacenter'].reach]).toEqual([c, 'no', 'no']);
    }
    // The hub's outbound resolver sends DNS to the datacenter: the hub opens connections there, and only there.
    expect(report.cells['hub:us-east-1']['onprem:datacenter'].reach).toBe('yes');
    expect(report.cells['hub:us-east-1']['consumer:checkout'].reach).toBe('routed');
    expect(row.internet.reach).toBe('no');
  });

  test('a spoke of a segment the datacenter does not reach, propagating into onprem', () => {
    const report = broken((s) => {
      add(s, STAGING, 'aws_ec2_transit_gateway_route_table_propagation', 'onprem', {
        provider: 'aws.network-us-east-1',
        transit_gateway_attachment_id: ref(s, STAGING, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw_attachment'),
        transit_gateway_route_table_id: remoteRef(s, HUB, 'tgw_rt-onprem'),
      });
      add(s, STAGING, 'aws_route', 'onprem', {
        provider: 'aws.consumer-us-east-1',
        route_table_id: ref(s, STAGING, 'aws_route_table', 'vpc_private'),
        destination_cidr_block: '172.16.0.0/16',
        transit_gateway_id: remoteRef(s, HUB, 'aws_ec2_transit_gatewaytgw_'),
      });
    });
    expect(report.violations).toEqual([
      `on-premises network datacenter reaches consumer staging (one-way), outside the segments it reaches: return path: TGW route table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-nonprod has no route to 172.16.0.0/16`,
    ]);
  });

  test('over Direct Connect on-premises learns only the allowed prefixes: without the prod range, the prod spoke is unreachable from there', () => {
    const report = analyzeConnectivity(prodDx, copy(synthesized.proddx));
    expect(report.cells['onprem:datacenter']['endpoints:us-east-1'].reach).toBe('yes');
    expect(report.cells['onprem:datacenter']['consumer:checkout']).toEqual({
      reach: 'no',
      why: 'onprem:datacenter does not learn 10.16.0.0/21: outside the Direct Connect allowed prefixes',
    });
    expect(report.cells['consumer:checkout']['onprem:datacenter'].reach).toBe('one-way');
    expect(report.violations).toEqual([
      'on-premises network datacenter cannot reach consumer checkout of segment prod, which it reaches (no): onprem:datacenter does not learn 10.16.0.0/21: outside the Direct Connect allowed prefixes',
      'consumer checkout cannot reach on-premises network datacenter (one-way): return path: onprem:datacenter does not learn 10.16.0.0/21: outside the Direct Connect allowed prefixes',
    ]);
  });

  test('the datacenter without its propagation into the prod table, and the hub without its propagation into onprem', () => {
    const report = broken((s) => {
      remove(s, HUB, 'aws_ec2_transit_gateway_route_table_propagation', 'onprem-datacenter_propagation-prod');
      remove(s, HUB, 'aws_ec2_transit_gateway_route_table_propagation', 'tgw_hub-propagation-onprem');
    });
    expect(report.violations).toEqual([
      `on-premises network datacenter cannot reach the centralized endpoints of us-east-1 (no): TGW route table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-onprem has no route to 10.0.0.0/21`,
      `on-premises network datacenter cannot reach consumer checkout of segment prod, which it reaches (one-way): return path: TGW route table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-prod has no route to 172.16.0.0/16`,
      `consumer checkout cannot reach on-premises network datacenter (no): TGW route table ${HUB}/aws_ec2_transit_gateway_route_table.tgw_rt-prod has no route to 172.16.0.0/16`,
    ]);
  });
});

test('a default route to an internet gateway', () => {
  const report = broken((s) => {
    add(s, STAGING, 'aws_internet_gateway', 'igw', { provider: 'aws.consumer-us-east-1', vpc_id: ref(s, STAGING, 'aws_vpc', 'vpc') });
    add(s, STAGING, 'aws_route', 'default', {
      provider: 'aws.consumer-us-east-1',
      route_table_id: ref(s, STAGING, 'aws_route_table', 'vpc_private'),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: '${aws_internet_gateway.igw.id}',
    });
  });
  expect(report.cells['consumer:staging'].internet.reach).toBe('yes');
  expect(report.violations).toEqual([
    `consumer:staging reaches the internet: ${STAGING}/aws_vpc.vpc routes 0.0.0.0/0 to an internet/NAT gateway`,
  ]);
});
