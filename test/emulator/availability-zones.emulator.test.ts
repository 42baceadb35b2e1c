/**
 * Availability Zones of interface endpoints, as AWS checks them (test/emulator/moto_ext/ec2_privatelink.py,
 * moto_ext/ec2_availability_zones.py):
 * - same Region: every endpoint subnet must be in an AZ id where the service's NLB has subnets;
 * - cross-Region (ServiceRegion): no subnet in an AZ id AWS excludes from remote access;
 * - CreateSubnet: only the caller Region's AZs, by name or by AvailabilityZoneId;
 * - with `server.py --per-account-az-ids`: each account maps AZ names to ids its own way, so the
 *   same AZ name in two accounts can be two different zones, and AZ ids are what match.
 */
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicesCommand,
  EC2Client,
  ModifyVpcEndpointCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

import { accountsOf, startEmulator, vpcWithSubnets, type Emulator } from './harness';

jest.setTimeout(60_000);

const PROVIDER = '333333333333';
const CONSUMER = '444444444444';

/** SDK clients for one emulator, per account (STS AssumeRole) and Region. */
function clientsFor(emu: () => Emulator) {
  const accounts = accountsOf(emu, 'az-test');
  const ec2 = (account: string, region?: string) => accounts.client(EC2Client, account, region);
  const elb = (account: string, region?: string) => accounts.client(ElasticLoadBalancingV2Client, account, region);

  /** A VPC with one subnet per AZ (given by name, or by id as { id }). */
  const vpc = async (account: string, cidr: string, azs: (string | { id: string })[], region = 'us-east-1') =>
    vpcWithSubnets(await ec2(account, region), cidr, azs);

  /** An endpoint service behind an NLB in the given AZs of `account`, allowing `consumers`. */
  const service = async (
    account: string,
    cidr: string,
    azs: string[],
    consumers: string[],
    region = 'us-east-1',
    supportedRegions?: string[],
  ) => {
    const { subnets } = await vpc(account, cidr, azs, region);
    const { LoadBalancers } = await (
      await elb(account, region)
    ).send(new CreateLoadBalancerCommand({ Name: `nlb-${cidr.split('.')[1]}`, Type: 'network', Scheme: 'internal', Subnets: subnets }));
    const client = await ec2(account, region);
    const { ServiceConfiguration } = await client.send(
      new CreateVpcEndpointServiceConfigurationCommand({
        NetworkLoadBalancerArns: [LoadBalancers![0].LoadBalancerArn!],
        AcceptanceRequired: false,
        SupportedRegions: supportedRegions,
      }),
    );
    await client.send(
      new ModifyVpcEndpointServicePermissionsCommand({
        ServiceId: ServiceConfiguration!.ServiceId!,
        AddAllowedPrincipals: consumers.map((c) => `arn:aws:iam::${c}:root`),
      }),
    );
    return ServiceConfiguration!;
  };

  const zones = async (account: string, region = 'us-east-1') =>
    Object.fromEntries(
      ((await (await ec2(account, region)).send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? []).map((z) => [
        z.ZoneName!,
        z.ZoneId!,
      ]),
    );

  return { ec2, vpc, service, zones };
}

describe('moto mapping (default): same AZ ids for every account', () => {
  let emu: Emulator;
  const { ec2, vpc, service, zones } = clientsFor(() => emu);
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu?.stop();
  });

  test('every account sees one mapping; CreateSubnet by AvailabilityZoneId; other Regions refused', async () => {
    const a = await zones(PROVIDER);
    expect(await zones(CONSUMER)).toEqual(a);
    expect(a['us-east-1a']).toBe('use1-az6'); // moto's table

    const client = await ec2(CONSUMER);
    const {
      subnets: [byId],
    } = await vpc(CONSUMER, '10.1.0.0/16', [{ id: 'use1-az2' }]);
    const { Subnets: [subnet] = [] } = await client.send(new DescribeSubnetsCommand({ SubnetIds: [byId] }));
    expect([subnet.AvailabilityZone, subnet.AvailabilityZoneId]).toEqual(['us-east-1c', 'use1-az2']);

    const { Vpc } = await client.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }));
    await expect(
      client.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.2.0.0/24', AvailabilityZone: 'eu-west-1a' })),
    ).rejects.toThrow(
      'Value (eu-west-1a) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.',
    );
    await expect(
      client.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.2.0.0/24', AvailabilityZoneId: 'euw1-az1' })),
    ).rejects.toThrow(/Value \(euw1-az1\) for parameter availabilityZoneId is invalid/);
  });

  test('same Region: endpoint subnets must be in AZ ids where the service NLB has subnets', async () => {
    const svc = await service(PROVIDER, '10.10.0.0/16', ['us-east-1a', 'us-east-1b'], [CONSUMER]);
    const prov = await ec2(PROVIDER);
    const { ServiceConfigurations: [own] = [] } = await prov.send(
      new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [svc.ServiceId!] }),
    );
    expect(own.AvailabilityZoneIds).toEqual(['use1-az6', 'use1-az1']);

    const cons = await ec2(CONSUMER);
    const { ServiceDetails: [seen] = [] } = await cons.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [svc.ServiceName!] }));
    expect([seen.AvailabilityZones, seen.AvailabilityZoneIds]).toEqual([
      ['us-east-1a', 'us-east-1b'],
      ['use1-az6', 'use1-az1'],
    ]);

    const {
      vpcId,
      subnets: [a, c],
    } = await vpc(CONSUMER, '10.11.0.0/16', ['us-east-1a', 'us-east-1c']);
    const request = { VpcId: vpcId, ServiceName: svc.ServiceName!, VpcEndpointType: 'Interface' as const, PrivateDnsEnabled: false };
    await expect(cons.send(new CreateVpcEndpointCommand({ ...request, SubnetIds: [a, c] }))).rejects.toMatchObject({
      name: 'InvalidParameter',
      message: `The VPC endpoint service ${svc.ServiceName} does not support the availability zone of the subnet: ${c}.`,
    });
    const { VpcEndpoint } = await cons.send(new CreateVpcEndpointCommand({ ...request, SubnetIds: [a] }));
    expect(VpcEndpoint!.SubnetIds).toEqual([a]);
    await expect(cons.send(new ModifyVpcEndpointCommand({ VpcEndpointId: VpcEndpoint!.VpcEndpointId, AddSubnetIds: [c] }))).rejects.toThrow(
      `does not support the availability zone of the subnet: ${c}.`,
    );
  });

  test('cross-Region: subnets in AZ ids excluded from remote access are refused', async () => {
    // a service in eu-west-1 offered to us-east-1, consumed from us-east-1 (us-east-1e is use1-az3 here)
    const svc = await service(PROVIDER, '10.20.0.0/16', ['eu-west-1a', 'eu-west-1b'], [CONSUMER], 'eu-west-1', ['us-east-1']);
    const {
      vpcId,
      subnets: [a, e],
    } = await vpc(CONSUMER, '10.21.0.0/16', ['us-east-1a', 'us-east-1e']);
    const cons = await ec2(CONSUMER);
    const request = {
      VpcId: vpcId,
      ServiceName: svc.ServiceName!,
      ServiceRegion: 'eu-west-1',
      VpcEndpointType: 'Interface' as const,
      PrivateDnsEnabled: false,
    };
    await expect(cons.send(new CreateVpcEndpointCommand({ ...request, SubnetIds: [a, e] }))).rejects.toMatchObject({
      name: 'InvalidParameter',
      message: 'Only the following availability zones are supported for remote access: use1-az6, use1-az1, use1-az2, use1-az4, use1-az5',
    });
    // Cross-Region needs no AZ in common with the provider's NLB.
    const { VpcEndpoint } = await cons.send(new CreateVpcEndpointCommand({ ...request, SubnetIds: [a] }));
    expect(VpcEndpoint!.ServiceRegion).toBe('eu-west-1');
  });
});

describe('per-account AZ ids (server.py --per-account-az-ids)', () => {
  let emu: Emulator;
  const { ec2, vpc, service, zones } = clientsFor(() => emu);
  beforeAll(async () => {
    emu = await startEmulator({ args: ['--per-account-az-ids'] });
  });
  afterAll(async () => {
    await emu?.stop();
  });

  /** Two accounts whose us-east-1a are different zones (the mapping is a deterministic hash). */
  async function accountsWithDifferentMappings(): Promise<[string, string]> {
    const candidates = [PROVIDER, CONSUMER, '555555555555', '666666666666', '777777777777', '888888888888'];
    const maps = await Promise.all(candidates.map((a) => zones(a)));
    for (let i = 0; i < candidates.length; i++) {
      for (let j = i + 1; j < candidates.length; j++) {
        if (maps[i]['us-east-1a'] !== maps[j]['us-east-1a'] && maps[i]['us-east-1b'] !== maps[j]['us-east-1b']) {
          return [candidates[i], candidates[j]];
        }
      }
    }
    throw new Error('no two accounts with different AZ mappings');
  }

  test('DescribeAvailabilityZones, subnets and CreateSubnet by id follow the account mapping', async () => {
    const [p, c] = await accountsWithDifferentMappings();
    const mp = await zones(p);
    const mc = await zones(c);
    // same names, same ids, different pairing
    expect(Object.keys(mp).sort()).toEqual(Object.keys(mc).sort());
    expect(Object.values(mp).sort()).toEqual(Object.values(mc).sort());
    expect(mp['us-east-1a']).not.toBe(mc['us-east-1a']);
    // eu-west-1 too
    expect(Object.keys(await zones(p, 'eu-west-1')).sort()).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);

    const {
      subnets: [byName],
    } = await vpc(c, '10.30.0.0/16', ['us-east-1a']);
    const {
      subnets: [byId],
    } = await vpc(c, '10.31.0.0/16', [{ id: mp['us-east-1a'] }]);
    const { Subnets = [] } = await (await ec2(c)).send(new DescribeSubnetsCommand({ SubnetIds: [byName, byId] }));
    const got = Object.fromEntries(Subnets.map((s) => [s.SubnetId, [s.AvailabilityZone, s.AvailabilityZoneId]]));
    expect(got[byName]).toEqual(['us-east-1a', mc['us-east-1a']]);
    const nameOfProvidersA = Object.keys(mc).find((n) => mc[n] === mp['us-east-1a']);
    expect(got[byId]).toEqual([nameOfProvidersA, mp['us-east-1a']]);
  });

  test("an endpoint placed by AZ name in the provider's AZs fails; placed by AZ id it works", async () => {
    const [p, c] = await accountsWithDifferentMappings();
    const mp = await zones(p);
    const mc = await zones(c);
    const svc = await service(p, '10.40.0.0/16', ['us-east-1a', 'us-east-1b'], [c]);
    const cons = await ec2(c);

    // What the consumer sees: the provider's AZ ids, and its own names for them.
    const { ServiceDetails: [seen] = [] } = await cons.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [svc.ServiceName!] }));
    const ids = [mp['us-east-1a'], mp['us-east-1b']];
    expect(seen.AvailabilityZoneIds).toEqual(ids);
    expect(seen.AvailabilityZones).toEqual(ids.map((id) => Object.keys(mc).find((n) => mc[n] === id)));

    // Same names as the provider: other zones in this account (what the blueprint does today).
    const byName = await vpc(c, '10.41.0.0/16', ['us-east-1a', 'us-east-1b']);
    const request = { ServiceName: svc.ServiceName!, VpcEndpointType: 'Interface' as const, PrivateDnsEnabled: false };
    await expect(cons.send(new CreateVpcEndpointCommand({ ...request, VpcId: byName.vpcId, SubnetIds: byName.subnets }))).rejects.toThrow(
      /does not support the availability zone of the subnet: subnet-/,
    );

    // Placed by AZ id (aws_subnet.availability_zone_id): accepted.
    const byId = await vpc(
      c,
      '10.42.0.0/16',
      ids.map((id) => ({ id })),
    );
    const { VpcEndpoint } = await cons.send(new CreateVpcEndpointCommand({ ...request, VpcId: byId.vpcId, SubnetIds: byId.subnets }));
    expect(VpcEndpoint!.SubnetIds).toEqual(byId.subnets);
  });
});
