/**
 * PrivateLink for VPC resources in the emulator (test/emulator/moto_ext/vpclattice.py, the RAM resource
 * types in ram.py, Resource-type VPC endpoints in ec2_privatelink.py), through the AWS SDK v3.
 * Owner account 333333333333 shares a resource configuration with consumer 444444444444 through RAM;
 * every test asserts real state (what is created is read back, what is deleted is gone).
 */
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointAssociationsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcEndpointCommand,
} from '@aws-sdk/client-ec2';
import {
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DisassociateResourceShareCommand,
  GetResourceSharesCommand,
  ListResourceSharePermissionsCommand,
  RAMClient,
} from '@aws-sdk/client-ram';
import {
  CreateResourceConfigurationCommand,
  CreateResourceGatewayCommand,
  DeleteResourceConfigurationCommand,
  DeleteResourceGatewayCommand,
  GetResourceConfigurationCommand,
  GetResourceGatewayCommand,
  ListResourceConfigurationsCommand,
  ListResourceGatewaysCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateResourceConfigurationCommand,
  UpdateResourceGatewayCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';

import { accountsOf, startEmulator, vpcWithSubnets, type Emulator } from './harness';

jest.setTimeout(60_000);

const OWNER = '333333333333';
const CONSUMER = '444444444444';
const OUTSIDER = '555555555555';

let emu: Emulator;
const accounts = accountsOf(() => emu, 'vpclattice-test');
const ec2 = (account: string, region?: string) => accounts.client(EC2Client, account, region);
const lattice = (account: string, region?: string) => accounts.client(VPCLatticeClient, account, region);
const ram = (account: string, region?: string) => accounts.client(RAMClient, account, region);

/** The error code (name) an SDK call is rejected with. */
async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { name: string }).name;
  }
  throw new Error('expected the call to fail');
}

interface Net {
  vpcId: string;
  subnets: string[];
  sg: string;
}

async function network(account: string, cidr: string, azs: string[], region = 'us-east-1'): Promise<Net> {
  const client = await ec2(account, region);
  const { vpcId, subnets } = await vpcWithSubnets(client, cidr, azs);
  const { GroupId } = await client.send(new CreateSecurityGroupCommand({ GroupName: `sg-${cidr}`, Description: 'test', VpcId: vpcId }));
  return { vpcId, subnets, sg: GroupId! };
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

async function gateway(net: Net, account = OWNER) {
  const client = await lattice(account);
  return client.send(
    new CreateResourceGatewayCommand({
      name: unique('gw'),
      vpcIdentifier: net.vpcId,
      subnetIds: net.subnets,
      securityGroupIds: [net.sg],
      tags: { Team: 'net' },
    }),
  );
}

async function dnsConfiguration(gatewayId: string, account = OWNER) {
  const client = await lattice(account);
  return client.send(
    new CreateResourceConfigurationCommand({
      name: unique('db'),
      type: 'SINGLE',
      portRanges: ['5432'],
      protocol: 'TCP',
      resourceGatewayIdentifier: gatewayId,
      resourceConfigurationDefinition: { dnsResource: { domainName: 'db.internal.example.com', ipAddressType: 'IPV4' } },
    }),
  );
}

/** Share a configuration with the consumer; returns the share ARN. */
async function share(configArn: string, principal = CONSUMER): Promise<string> {
  const client = await ram(OWNER);
  const { resourceShare } = await client.send(new CreateResourceShareCommand({ name: unique('share') }));
  await client.send(new AssociateResourceShareCommand({ resourceShareArn: resourceShare!.resourceShareArn!, resourceArns: [configArn] }));
  await client.send(new AssociateResourceShareCommand({ resourceShareArn: resourceShare!.resourceShareArn!, principals: [principal] }));
  return resourceShare!.resourceShareArn!;
}

let owner: Net;
let consumer: Net;

beforeAll(async () => {
  emu = await startEmulator();
  owner = await network(OWNER, '10.30.0.0/16', ['us-east-1a', 'us-east-1b']);
  consumer = await network(CONSUMER, '10.40.0.0/16', ['us-east-1a', 'us-east-1b']);
});
afterAll(async () => {
  await emu?.stop();
});

describe('VPC Lattice resource gateways', () => {
  test('CreateResourceGateway: in progress at once, validated against the VPC', async () => {
    const gw = await gateway(owner);
    expect(gw.id).toMatch(/^rgw-[0-9a-z]{17}$/);
    expect(gw.arn).toBe(`arn:aws:vpc-lattice:us-east-1:${OWNER}:resourcegateway/${gw.id}`);
    expect(gw.status).toBe('CREATE_IN_PROGRESS');
    expect(gw.vpcIdentifier).toBe(owner.vpcId);
    expect(gw.ipAddressType).toBe('IPV4');
    expect(gw.ipv4AddressesPerEni).toBe(16);
    expect(gw.resourceConfigDnsResolution).toBe('PUBLIC');

    const client = await lattice(OWNER);
    // a subnet of another VPC, an unknown VPC, a taken name, a bad name
    const other = await network(OWNER, '10.31.0.0/16', ['us-east-1a']);
    const base = { vpcIdentifier: owner.vpcId, subnetIds: owner.subnets };
    expect(await errorOf(client.send(new CreateResourceGatewayCommand({ ...base, name: 'gw-x', subnetIds: other.subnets })))).toBe(
      'ValidationException',
    );
    expect(
      await errorOf(client.send(new CreateResourceGatewayCommand({ ...base, name: 'gw-y', vpcIdentifier: 'vpc-0123456789abcdef0' }))),
    ).toBe('ValidationException');
    expect(await errorOf(client.send(new CreateResourceGatewayCommand({ ...base, name: gw.name! })))).toBe('ConflictException');
    expect(await errorOf(client.send(new CreateResourceGatewayCommand({ ...base, name: 'Bad_Name' })))).toBe('ValidationException');

    // no security group given -> the VPC's default group
    const bare = await client.send(new CreateResourceGatewayCommand({ ...base, name: unique('gw') }));
    expect(bare.securityGroupIds).toHaveLength(1);
    expect(bare.securityGroupIds![0]).not.toBe(owner.sg);
  });

  test('GetResourceGateway: ACTIVE, by id or ARN, not from another account', async () => {
    const gw = await gateway(owner);
    const client = await lattice(OWNER);
    for (const identifier of [gw.id!, gw.arn!]) {
      const got = await client.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: identifier }));
      expect(got).toMatchObject({
        id: gw.id,
        name: gw.name,
        status: 'ACTIVE',
        vpcId: owner.vpcId,
        subnetIds: owner.subnets,
        securityGroupIds: [owner.sg],
        ipAddressType: 'IPV4',
      });
      expect(got.createdAt).toBeInstanceOf(Date);
    }
    const other = await lattice(CONSUMER);
    expect(await errorOf(other.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gw.arn! })))).toBe(
      'ResourceNotFoundException',
    );
  });

  test('UpdateResourceGateway: security groups change', async () => {
    const gw = await gateway(owner);
    const client = await lattice(OWNER);
    const { GroupId } = await (
      await ec2(OWNER)
    ).send(new CreateSecurityGroupCommand({ GroupName: unique('sg'), Description: 'second', VpcId: owner.vpcId }));
    const updated = await client.send(
      new UpdateResourceGatewayCommand({ resourceGatewayIdentifier: gw.id!, securityGroupIds: [owner.sg, GroupId!] }),
    );
    expect(updated.status).toBe('UPDATE_IN_PROGRESS');
    const got = await client.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gw.id! }));
    expect(got.securityGroupIds).toEqual([owner.sg, GroupId]);
    expect(got.status).toBe('ACTIVE');
    expect(
      await errorOf(
        client.send(new UpdateResourceGatewayCommand({ resourceGatewayIdentifier: gw.id!, securityGroupIds: ['sg-0000000000000000a'] })),
      ),
    ).toBe('ValidationException');
  });

  test('ListResourceGateways: the caller’s gateways only', async () => {
    const gw = await gateway(owner);
    const mine = await (await lattice(OWNER)).send(new ListResourceGatewaysCommand({}));
    expect(mine.items!.map((g) => g.id)).toContain(gw.id);
    expect(mine.items!.find((g) => g.id === gw.id)).toMatchObject({ status: 'ACTIVE', vpcIdentifier: owner.vpcId });
    const theirs = await (await lattice(CONSUMER)).send(new ListResourceGatewaysCommand({}));
    expect(theirs.items!.map((g) => g.id)).not.toContain(gw.id);
  });

  test('DeleteResourceGateway: refused while a configuration uses it, then gone', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const client = await lattice(OWNER);
    expect(await errorOf(client.send(new DeleteResourceGatewayCommand({ resourceGatewayIdentifier: gw.id! })))).toBe('ConflictException');
    await client.send(new DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.id! }));
    const deleted = await client.send(new DeleteResourceGatewayCommand({ resourceGatewayIdentifier: gw.id! }));
    expect(deleted.status).toBe('DELETE_IN_PROGRESS');
    expect(await errorOf(client.send(new GetResourceGatewayCommand({ resourceGatewayIdentifier: gw.id! })))).toBe(
      'ResourceNotFoundException',
    );
    const list = await client.send(new ListResourceGatewaysCommand({}));
    expect(list.items!.map((g) => g.id)).not.toContain(gw.id);
  });
});

describe('VPC Lattice resource configurations', () => {
  test('CreateResourceConfiguration: SINGLE dns / ip, ARN, GROUP + CHILD, validation', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    expect(cfg).toMatchObject({
      type: 'SINGLE',
      status: 'CREATE_IN_PROGRESS',
      resourceGatewayId: gw.id,
      portRanges: ['5432'],
      protocol: 'TCP',
      allowAssociationToShareableServiceNetwork: false,
      resourceConfigurationDefinition: { dnsResource: { domainName: 'db.internal.example.com', ipAddressType: 'IPV4' } },
    });
    expect(cfg.arn).toBe(`arn:aws:vpc-lattice:us-east-1:${OWNER}:resourceconfiguration/${cfg.id}`);

    const client = await lattice(OWNER);
    const ip = await client.send(
      new CreateResourceConfigurationCommand({
        name: unique('ip'),
        type: 'SINGLE',
        portRanges: ['1-1024', '8443'],
        resourceGatewayIdentifier: gw.arn!,
        resourceConfigurationDefinition: { ipResource: { ipAddress: '10.30.0.50' } },
        allowAssociationToShareableServiceNetwork: true,
      }),
    );
    expect(ip).toMatchObject({ protocol: 'TCP', allowAssociationToShareableServiceNetwork: true, portRanges: ['1-1024', '8443'] });
    const arnType = await client.send(
      new CreateResourceConfigurationCommand({
        name: unique('rds'),
        type: 'ARN',
        resourceGatewayIdentifier: gw.id!,
        resourceConfigurationDefinition: { arnResource: { arn: `arn:aws:rds:us-east-1:${OWNER}:cluster:orders` } },
      }),
    );
    expect(arnType.resourceConfigurationDefinition).toEqual({ arnResource: { arn: `arn:aws:rds:us-east-1:${OWNER}:cluster:orders` } });
    // ... but not through a gateway that resolves DNS in its VPC
    const inVpc = await client.send(
      new CreateResourceGatewayCommand({
        name: unique('gw'),
        vpcIdentifier: owner.vpcId,
        subnetIds: owner.subnets,
        resourceConfigDnsResolution: 'IN_VPC',
      }),
    );
    expect(
      await errorOf(
        client.send(
          new CreateResourceConfigurationCommand({
            name: unique('rds'),
            type: 'ARN',
            resourceGatewayIdentifier: inVpc.id!,
            resourceConfigurationDefinition: { arnResource: { arn: `arn:aws:rds:us-east-1:${OWNER}:cluster:orders` } },
          }),
        ),
      ),
    ).toBe('ValidationException');
    const group = await client.send(
      new CreateResourceConfigurationCommand({
        name: unique('grp'),
        type: 'GROUP',
        portRanges: ['443'],
        resourceGatewayIdentifier: gw.id!,
      }),
    );
    const child = await client.send(
      new CreateResourceConfigurationCommand({
        name: unique('child'),
        type: 'CHILD',
        resourceConfigurationGroupIdentifier: group.id!,
        portRanges: ['443'],
        resourceConfigurationDefinition: { dnsResource: { domainName: 'api.internal.example.com', ipAddressType: 'IPV4' } },
      }),
    );
    expect(child).toMatchObject({ resourceConfigurationGroupId: group.id, resourceGatewayId: gw.id });

    const single = { type: 'SINGLE' as const, resourceGatewayIdentifier: gw.id!, portRanges: ['443'] };
    const dns = { dnsResource: { domainName: 'x.example.com', ipAddressType: 'IPV4' as const } };
    const rejected = [
      { ...single, name: unique('a'), portRanges: ['70000'], resourceConfigurationDefinition: dns }, // port out of range
      { ...single, name: unique('b'), portRanges: ['443-80'], resourceConfigurationDefinition: dns }, // reversed range
      { ...single, name: unique('c'), resourceConfigurationDefinition: { ipResource: { ipAddress: '8.8.8.8' } } }, // public IP
      { ...single, name: unique('d') }, // no definition
      {
        type: 'GROUP' as const,
        name: unique('e'),
        resourceGatewayIdentifier: gw.id!,
        portRanges: ['443'],
        customDomainName: 'g.example.com',
      },
    ];
    for (const input of rejected) {
      expect(await errorOf(client.send(new CreateResourceConfigurationCommand(input)))).toBe('ValidationException');
    }
    expect(
      await errorOf(
        client.send(
          new CreateResourceConfigurationCommand({
            ...single,
            name: unique('f'),
            resourceGatewayIdentifier: 'rgw-0123456789abcdef0',
            resourceConfigurationDefinition: dns,
          }),
        ),
      ),
    ).toBe('ResourceNotFoundException');
    expect(
      await errorOf(
        client.send(new CreateResourceConfigurationCommand({ ...single, name: cfg.name!, resourceConfigurationDefinition: dns })),
      ),
    ).toBe('ConflictException');
  });

  test('GetResourceConfiguration: ACTIVE; another account reads it only once shared', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const got = await (await lattice(OWNER)).send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.id! }));
    expect(got).toMatchObject({ id: cfg.id, status: 'ACTIVE', type: 'SINGLE', resourceGatewayId: gw.id, portRanges: ['5432'] });
    expect(got.lastUpdatedAt).toBeInstanceOf(Date);

    const theirs = await lattice(CONSUMER);
    const get = () => theirs.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.arn! }));
    expect(await errorOf(get())).toBe('ResourceNotFoundException');
    await share(cfg.arn!);
    expect((await get()).id).toBe(cfg.id);
  });

  test('UpdateResourceConfiguration: port ranges, definition and shareable-network flag', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const client = await lattice(OWNER);
    const updated = await client.send(
      new UpdateResourceConfigurationCommand({
        resourceConfigurationIdentifier: cfg.arn!,
        portRanges: ['5432', '6000-6010'],
        resourceConfigurationDefinition: { dnsResource: { domainName: 'db2.internal.example.com', ipAddressType: 'DUALSTACK' } },
        allowAssociationToShareableServiceNetwork: true,
      }),
    );
    expect(updated.status).toBe('UPDATE_IN_PROGRESS');
    const got = await client.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.id! }));
    expect(got).toMatchObject({
      status: 'ACTIVE',
      portRanges: ['5432', '6000-6010'],
      allowAssociationToShareableServiceNetwork: true,
      resourceConfigurationDefinition: { dnsResource: { domainName: 'db2.internal.example.com', ipAddressType: 'DUALSTACK' } },
    });
    expect(
      await errorOf(
        client.send(
          new UpdateResourceConfigurationCommand({
            resourceConfigurationIdentifier: cfg.id!,
            resourceConfigurationDefinition: { arnResource: { arn: `arn:aws:rds:us-east-1:${OWNER}:db:x` } },
          }),
        ),
      ),
    ).toBe('ValidationException');
  });

  test('ListResourceConfigurations: own and shared-with-me, gateway filter', async () => {
    const gw = await gateway(owner);
    const a = await dnsConfiguration(gw.id!);
    const b = await dnsConfiguration(gw.id!);
    const other = await gateway(owner);
    const c = await dnsConfiguration(other.id!);
    const mine = await (await lattice(OWNER)).send(new ListResourceConfigurationsCommand({ resourceGatewayIdentifier: gw.id! }));
    expect(mine.items!.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect(mine.items![0]).toMatchObject({ status: 'ACTIVE', resourceGatewayId: gw.id });

    await share(b.arn!);
    const theirs = await (await lattice(CONSUMER)).send(new ListResourceConfigurationsCommand({}));
    const ids = theirs.items!.map((i) => i.id);
    expect(ids).toContain(b.id);
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(c.id);
  });

  test('DeleteResourceConfiguration: gone from Get and List; a GROUP with children is refused', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const client = await lattice(OWNER);
    await client.send(new DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.arn! }));
    expect(await errorOf(client.send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.id! })))).toBe(
      'ResourceNotFoundException',
    );
    expect((await client.send(new ListResourceConfigurationsCommand({}))).items!.map((i) => i.id)).not.toContain(cfg.id);
    expect(await errorOf(client.send(new DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.id! })))).toBe(
      'ResourceNotFoundException',
    );

    const group = await client.send(
      new CreateResourceConfigurationCommand({
        name: unique('grp'),
        type: 'GROUP',
        portRanges: ['443'],
        resourceGatewayIdentifier: gw.id!,
      }),
    );
    await client.send(
      new CreateResourceConfigurationCommand({
        name: unique('child'),
        type: 'CHILD',
        resourceConfigurationGroupIdentifier: group.id!,
        portRanges: ['443'],
        resourceConfigurationDefinition: { ipResource: { ipAddress: '10.30.1.10' } },
      }),
    );
    expect(await errorOf(client.send(new DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: group.id! })))).toBe(
      'ConflictException',
    );
  });

  test('TagResource / UntagResource / ListTagsForResource on gateways and configurations', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const client = await lattice(OWNER);
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: gw.arn! }))).tags).toEqual({ Team: 'net' });
    await client.send(new TagResourceCommand({ resourceArn: cfg.arn!, tags: { Env: 'test', Owner: 'db' } }));
    await client.send(new UntagResourceCommand({ resourceArn: cfg.arn!, tagKeys: ['Owner'] }));
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: cfg.arn! }))).tags).toEqual({ Env: 'test' });
    await client.send(new DeleteResourceConfigurationCommand({ resourceConfigurationIdentifier: cfg.id! }));
    expect(await errorOf(client.send(new ListTagsForResourceCommand({ resourceArn: cfg.arn! })))).toBe('ResourceNotFoundException');
  });
});

describe('RAM resource types', () => {
  test('ListResourceSharePermissions: AWS managed default for vpc-lattice:ResourceConfiguration', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const shareArn = await share(cfg.arn!);
    const { permissions } = await (await ram(OWNER)).send(new ListResourceSharePermissionsCommand({ resourceShareArn: shareArn }));
    expect(permissions!.map((p) => [p.name, p.resourceType, p.arn, p.isResourceTypeDefault])).toEqual([
      [
        'AWSRAMPermissionVpcLatticeResourceConfiguration',
        'vpc-lattice:ResourceConfiguration',
        'arn:aws:ram::aws:permission/AWSRAMPermissionVpcLatticeResourceConfiguration',
        true,
      ],
    ]);
  });

  test('AssociateResourceShare: only an existing configuration of the sharing account', async () => {
    const client = await ram(OWNER);
    const { resourceShare } = await client.send(new CreateResourceShareCommand({ name: unique('share') }));
    const missing = `arn:aws:vpc-lattice:us-east-1:${OWNER}:resourceconfiguration/rcfg-0123456789abcdef0`;
    expect(
      await errorOf(
        client.send(new AssociateResourceShareCommand({ resourceShareArn: resourceShare!.resourceShareArn!, resourceArns: [missing] })),
      ),
    ).toBe('UnknownResourceException');
    const foreignGw = await gateway(consumer, CONSUMER);
    const foreign = await dnsConfiguration(foreignGw.id!, CONSUMER);
    expect(
      await errorOf(
        client.send(
          new AssociateResourceShareCommand({ resourceShareArn: resourceShare!.resourceShareArn!, resourceArns: [foreign.arn!] }),
        ),
      ),
    ).toBe('UnknownResourceException');
  });

  test('ListResourceSharePermissions: AWS managed default for route53profiles:Profile', async () => {
    // Route 53 Profiles has no SDK client in this repo: a signed REST-JSON call
    const res = await accounts.call<{ Profile: { Arn: string } }>(OWNER, {
      service: 'route53profiles',
      path: '/profile',
      body: { Name: unique('profile'), ClientToken: unique('token') },
    });
    expect(res.ok).toBe(true);
    const profileArn = res.json.Profile.Arn;
    expect(profileArn).toMatch(new RegExp(`^arn:aws:route53profiles:us-east-1:${OWNER}:profile/rp-`));
    const shareArn = await share(profileArn);
    const { permissions } = await (await ram(OWNER)).send(new ListResourceSharePermissionsCommand({ resourceShareArn: shareArn }));
    expect(permissions!.map((p) => [p.name, p.resourceType])).toEqual([
      ['AWSRAMPermissionRoute53ProfileAllowAssociation', 'route53profiles:Profile'],
    ]);
  });

  test('GetResourceShares OTHER-ACCOUNTS: the consumer sees the share, an outsider does not', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const shareArn = await share(cfg.arn!);
    const seen = await (
      await ram(CONSUMER)
    ).send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS', resourceShareArns: [shareArn] }));
    expect(seen.resourceShares!.map((s) => [s.resourceShareArn, s.owningAccountId, s.status])).toEqual([[shareArn, OWNER, 'ACTIVE']]);
    const outsider = await (
      await ram(OUTSIDER)
    ).send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS', resourceShareArns: [shareArn] }));
    expect(outsider.resourceShares).toEqual([]);
  });
});

describe('EC2 Resource VPC endpoints', () => {
  async function sharedConfiguration() {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const shareArn = await share(cfg.arn!);
    return { gw, cfg, shareArn };
  }

  test('CreateVpcEndpoint: a configuration shared through RAM; rejected when not shared, unknown, malformed or in another region', async () => {
    const gw = await gateway(owner);
    const cfg = await dnsConfiguration(gw.id!);
    const client = await ec2(CONSUMER);
    const create = (arn: string, subnets = consumer.subnets) =>
      client.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: 'Resource',
          VpcId: consumer.vpcId,
          SubnetIds: subnets,
          ResourceConfigurationArn: arn,
        }),
      );

    expect(await errorOf(create(cfg.arn!))).toBe('InvalidResourceConfigurationArn.NotFound'); // not shared yet
    const shareArn = await share(cfg.arn!);
    const { VpcEndpoint: ep } = await create(cfg.arn!);
    expect(ep).toMatchObject({
      VpcEndpointType: 'Resource',
      VpcId: consumer.vpcId,
      State: 'pending',
      ResourceConfigurationArn: cfg.arn,
      PrivateDnsEnabled: false,
      SubnetIds: consumer.subnets,
      OwnerId: CONSUMER,
    });
    expect(ep!.ServiceName).toBeUndefined();
    expect(ep!.PolicyDocument).toBeUndefined();
    expect(ep!.NetworkInterfaceIds).toHaveLength(2);
    expect(ep!.Groups).toHaveLength(1); // the VPC's default group

    // un-sharing: new endpoints are refused again
    await (await ram(OWNER)).send(new DisassociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }));
    expect(await errorOf(create(cfg.arn!))).toBe('InvalidResourceConfigurationArn.NotFound');

    const outsiderNet = await network(OUTSIDER, '10.50.0.0/16', ['us-east-1a']);
    const outsider = await ec2(OUTSIDER);
    expect(
      await errorOf(
        outsider.send(
          new CreateVpcEndpointCommand({
            VpcEndpointType: 'Resource',
            VpcId: outsiderNet.vpcId,
            SubnetIds: outsiderNet.subnets,
            ResourceConfigurationArn: cfg.arn!,
          }),
        ),
      ),
    ).toBe('InvalidResourceConfigurationArn.NotFound');
    expect(await errorOf(create(cfg.arn!.replace(/rcfg-\w+$/, 'rcfg-0123456789abcdef0')))).toBe('InvalidResourceConfigurationArn.NotFound');
    expect(await errorOf(create('arn:aws:vpc-lattice:us-east-1:333333333333:resourceconfiguration/nope'))).toBe(
      'InvalidResourceConfigurationArn.Malformed',
    );

    // same owner, shared, but the configuration lives in us-east-1 and the endpoint in eu-west-1
    const eu = await network(CONSUMER, '10.60.0.0/16', ['eu-west-1a'], 'eu-west-1');
    await share(cfg.arn!);
    const euClient = await ec2(CONSUMER, 'eu-west-1');
    expect(
      await errorOf(
        euClient.send(
          new CreateVpcEndpointCommand({
            VpcEndpointType: 'Resource',
            VpcId: eu.vpcId,
            SubnetIds: eu.subnets,
            ResourceConfigurationArn: cfg.arn!,
          }),
        ),
      ),
    ).toBe('InvalidResourceConfigurationArn.NotFound');
  });

  test('CreateVpcEndpoint: one subnet per AZ, an AZ shared with the gateway, not the gateway VPC, no route tables', async () => {
    const { cfg } = await sharedConfiguration();
    const client = await ec2(CONSUMER);
    const { Subnet } = await client.send(
      new CreateSubnetCommand({ VpcId: consumer.vpcId, CidrBlock: '10.40.9.0/24', AvailabilityZone: 'us-east-1a' }),
    );
    const base = { VpcEndpointType: 'Resource' as const, VpcId: consumer.vpcId, ResourceConfigurationArn: cfg.arn! };
    expect(await errorOf(client.send(new CreateVpcEndpointCommand({ ...base, SubnetIds: [consumer.subnets[0], Subnet!.SubnetId!] })))).toBe(
      'DuplicateSubnetsInSameZone',
    );
    const { Subnet: far } = await client.send(
      new CreateSubnetCommand({ VpcId: consumer.vpcId, CidrBlock: '10.40.10.0/24', AvailabilityZone: 'us-east-1d' }),
    );
    expect(await errorOf(client.send(new CreateVpcEndpointCommand({ ...base, SubnetIds: [far!.SubnetId!] })))).toBe('InvalidParameter');
    expect(
      await errorOf(
        client.send(new CreateVpcEndpointCommand({ ...base, SubnetIds: [consumer.subnets[0]], RouteTableIds: ['rtb-0123456789abcdef0'] })),
      ),
    ).toBe('InvalidParameter');
    // the owner's own endpoint in the gateway's VPC
    const own = await ec2(OWNER);
    expect(
      await errorOf(
        own.send(
          new CreateVpcEndpointCommand({
            VpcEndpointType: 'Resource',
            VpcId: owner.vpcId,
            SubnetIds: owner.subnets,
            ResourceConfigurationArn: cfg.arn!,
          }),
        ),
      ),
    ).toBe('InvalidParameter');
    // ... but from another VPC of the owner it works without RAM
    const second = await network(OWNER, '10.32.0.0/16', ['us-east-1b']);
    const { VpcEndpoint } = await own.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: 'Resource',
        VpcId: second.vpcId,
        SubnetIds: second.subnets,
        ResourceConfigurationArn: cfg.arn!,
      }),
    );
    expect(VpcEndpoint!.OwnerId).toBe(OWNER);
  });

  test('DescribeVpcEndpoints: available, ResourceConfigurationArn, no ServiceName, empty DnsEntries, ENIs in the subnets', async () => {
    const { cfg } = await sharedConfiguration();
    const client = await ec2(CONSUMER);
    const { VpcEndpoint } = await client.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: 'Resource',
        VpcId: consumer.vpcId,
        SubnetIds: consumer.subnets,
        SecurityGroupIds: [consumer.sg],
        ResourceConfigurationArn: cfg.arn!,
        TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 'db' }] }],
      }),
    );
    const { VpcEndpoints } = await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint!.VpcEndpointId!] }));
    const ep = VpcEndpoints![0];
    expect(ep).toMatchObject({
      State: 'available',
      VpcEndpointType: 'Resource',
      ResourceConfigurationArn: cfg.arn,
      Groups: [expect.objectContaining({ GroupId: consumer.sg })],
      Tags: [{ Key: 'Name', Value: 'db' }],
    });
    expect(ep.ServiceName).toBeUndefined();
    expect(ep.DnsEntries ?? []).toEqual([]);
    const { NetworkInterfaces } = await client.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ep.NetworkInterfaceIds }));
    expect(NetworkInterfaces!.map((n) => n.SubnetId).sort()).toEqual([...consumer.subnets].sort());
    const byType = await client.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-endpoint-type', Values: ['Resource'] }] }));
    expect(byType.VpcEndpoints!.map((e) => e.VpcEndpointId)).toContain(ep.VpcEndpointId);
  });

  test('DescribeVpcEndpointAssociations: the default DNS name of a resource endpoint', async () => {
    const { cfg, shareArn } = await sharedConfiguration();
    const client = await ec2(CONSUMER);
    const { VpcEndpoint } = await client.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: 'Resource',
        VpcId: consumer.vpcId,
        SubnetIds: consumer.subnets,
        ResourceConfigurationArn: cfg.arn!,
      }),
    );
    const id = VpcEndpoint!.VpcEndpointId!;
    const read = async () =>
      (await client.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [id] }))).VpcEndpointAssociations!;
    const [assoc] = await read();
    expect(assoc).toMatchObject({
      VpcEndpointId: id,
      AssociatedResourceArn: cfg.arn,
      AssociatedResourceAccessibility: 'Accessible',
      DnsEntry: { DnsName: `${id}.${cfg.id}.4232ccc.vpc-lattice-rsc.us-east-1.on.aws` },
    });
    expect(assoc.Id).toMatch(/^vpce-rsc-asc-[0-9a-f]{17}$/);
    expect(assoc.DnsEntry!.HostedZoneId).toMatch(/^Z[0-9A-Z]+$/);
    expect(assoc.PrivateDnsEntry).toBeUndefined();

    // the owner stops sharing: the association becomes inaccessible
    await (await ram(OWNER)).send(new DisassociateResourceShareCommand({ resourceShareArn: shareArn, resourceArns: [cfg.arn!] }));
    expect((await read())[0].AssociatedResourceAccessibility).toBe('Inaccessible');
  });

  test('ModifyVpcEndpoint: only the security groups of a resource endpoint change', async () => {
    const { cfg } = await sharedConfiguration();
    const client = await ec2(CONSUMER);
    const { VpcEndpoint } = await client.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: 'Resource',
        VpcId: consumer.vpcId,
        SubnetIds: [consumer.subnets[0]],
        SecurityGroupIds: [consumer.sg],
        ResourceConfigurationArn: cfg.arn!,
      }),
    );
    const id = VpcEndpoint!.VpcEndpointId!;
    const { GroupId } = await client.send(
      new CreateSecurityGroupCommand({ GroupName: unique('sg'), Description: 'x', VpcId: consumer.vpcId }),
    );
    await client.send(
      new ModifyVpcEndpointCommand({ VpcEndpointId: id, AddSecurityGroupIds: [GroupId!], RemoveSecurityGroupIds: [consumer.sg] }),
    );
    const { VpcEndpoints } = await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(VpcEndpoints![0].Groups!.map((g) => g.GroupId)).toEqual([GroupId]);
    expect(await errorOf(client.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, AddSubnetIds: [consumer.subnets[1]] })))).toBe(
      'InvalidParameter',
    );
    expect(await errorOf(client.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, PrivateDnsEnabled: true })))).toBe(
      'InvalidParameter',
    );
  });

  test('DeleteVpcEndpoints: the endpoint is deleted and its network interfaces are gone', async () => {
    const { cfg } = await sharedConfiguration();
    const client = await ec2(CONSUMER);
    const { VpcEndpoint } = await client.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: 'Resource',
        VpcId: consumer.vpcId,
        SubnetIds: consumer.subnets,
        ResourceConfigurationArn: cfg.arn!,
      }),
    );
    const id = VpcEndpoint!.VpcEndpointId!;
    const enis = VpcEndpoint!.NetworkInterfaceIds!;
    const { Unsuccessful } = await client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(Unsuccessful ?? []).toEqual([]);
    const { VpcEndpoints } = await client.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(VpcEndpoints![0].State).toBe('deleted');
    const { NetworkInterfaces } = await client.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'network-interface-id', Values: enis }] }),
    );
    expect(NetworkInterfaces).toEqual([]);
    expect((await client.send(new DescribeVpcEndpointAssociationsCommand({ VpcEndpointIds: [id] }))).VpcEndpointAssociations).toEqual([]);
  });
});
