/**
 * On-premises connectivity in the emulator: Site-to-Site VPN options on a Transit Gateway
 * (moto_ext/ec2_vpn.py), Route 53 Resolver rules shared through RAM and associated from another
 * account (moto_ext/route53resolver.py), and forwarding rules in GET /_emulator/resolve, directly
 * associated or through a Route 53 Profile (moto_ext/route53profiles.py).
 *
 * The npm registry reachable here has no @aws-sdk/client-route53resolver or client-route53profiles:
 * both are called as the SDK would, JSON 1.1 (Resolver) or REST-JSON (Profiles), signed with the
 * assumed role's credentials (awsJson in harness.ts).
 */
import {
  CreateCustomerGatewayCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateResourceShareCommand, RAMClient } from '@aws-sdk/client-ram';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';

import { accountsOf, startEmulator, type Emulator, type Resolution } from './harness';

jest.setTimeout(60_000);

const NETWORK = '222222222222';
const SPOKE = '444444444444';
const STRANGER = '555555555555';
const REGION = 'us-east-1';

let emu: Emulator;
const accounts = accountsOf(() => emu, 'hybrid-test');
const ec2 = (account: string) => accounts.client(EC2Client, account);
const ram = (account: string) => accounts.client(RAMClient, account);
const r53 = (account: string) => accounts.client(Route53Client, account);

/** The Route 53 Resolver and Profiles objects, as far as these tests read them. */
interface Identified {
  readonly Id: string;
  readonly Arn: string;
}
interface ResolverRule extends Identified {
  readonly ShareStatus: string;
}

/** One Route 53 Resolver call (JSON 1.1). */
const resolver = <T = unknown>(account: string, action: string, body: unknown) =>
  accounts.send<T>(account, { service: 'route53resolver', target: `Route53Resolver.${action}`, body });
/** One Route 53 Profiles call (REST-JSON). */
const profiles = <T = unknown>(account: string, method: string, path: string, body?: unknown) =>
  accounts.send<T>(account, { service: 'route53profiles', method, path, body });

async function vpcWithSubnets(account: string, cidr: string): Promise<{ vpc: string; subnets: string[]; sg: string }> {
  const client = await ec2(account);
  const { Vpc } = await client.send(new CreateVpcCommand({ CidrBlock: cidr }));
  const prefix = cidr.split('/')[0].split('.').slice(0, 3).join('.'); // a /24
  const subnets: string[] = [];
  for (const [i, az] of ['us-east-1a', 'us-east-1b'].entries()) {
    const { Subnet } = await client.send(
      new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `${prefix}.${i * 128}/25`, AvailabilityZone: az }),
    );
    subnets.push(Subnet!.SubnetId!);
  }
  const { GroupId } = await client.send(
    new CreateSecurityGroupCommand({ VpcId: Vpc!.VpcId, GroupName: `sg-${Math.random()}`, Description: 'resolver' }),
  );
  return { vpc: Vpc!.VpcId!, subnets, sg: GroupId! };
}

/** A FORWARD rule of the network account for `domain`, through an outbound endpoint in a new hub VPC (`hubCidr`). */
async function forwardingRule(name: string, hubCidr: string, domain: string, targetIp: string) {
  const hub = await vpcWithSubnets(NETWORK, hubCidr);
  const { ResolverEndpoint } = await resolver<{ ResolverEndpoint: Identified }>(NETWORK, 'CreateResolverEndpoint', {
    CreatorRequestId: `out-${name}`,
    Name: `out-${name}`,
    Direction: 'OUTBOUND',
    SecurityGroupIds: [hub.sg],
    IpAddresses: hub.subnets.map((s) => ({ SubnetId: s })),
  });
  const { ResolverRule: rule } = await resolver<{ ResolverRule: ResolverRule }>(NETWORK, 'CreateResolverRule', {
    CreatorRequestId: `rule-${name}`,
    Name: name,
    RuleType: 'FORWARD',
    DomainName: domain,
    ResolverEndpointId: ResolverEndpoint.Id,
    TargetIps: [{ Ip: targetIp, Port: 53 }],
  });
  return { hub, rule };
}

async function resolve(vpc: string, name: string): Promise<Resolution> {
  const res = await fetch(`${emu.endpoint}/_emulator/resolve?vpc=${vpc}&region=${REGION}&name=${encodeURIComponent(name)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Resolution;
}

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

describe('Site-to-Site VPN on a Transit Gateway', () => {
  test('CreateVpnConnection keeps its options (static routes, tunnel inside CIDRs) and AWS creates the TGW attachment', async () => {
    const client = await ec2(NETWORK);
    const { TransitGateway } = await client.send(new CreateTransitGatewayCommand({ Description: 'hub' }));
    const { CustomerGateway } = await client.send(
      new CreateCustomerGatewayCommand({ Type: 'ipsec.1', IpAddress: '198.51.100.7', BgpAsn: 65020 }),
    );
    const create = (Options?: Record<string, unknown>) =>
      client.send(
        new CreateVpnConnectionCommand({
          Type: 'ipsec.1',
          CustomerGatewayId: CustomerGateway!.CustomerGatewayId,
          TransitGatewayId: TransitGateway!.TransitGatewayId,
          Options,
        }),
      );
    const { VpnConnection: staticVpn } = await create({ StaticRoutesOnly: true, TunnelOptions: [{ TunnelInsideCidr: '169.254.10.0/30' }] });
    const { VpnConnection: bgpVpn } = await create();
    const { VpnConnections = [] } = await client.send(
      new DescribeVpnConnectionsCommand({ VpnConnectionIds: [staticVpn!.VpnConnectionId!, bgpVpn!.VpnConnectionId!] }),
    );
    const byId: Record<string, (typeof VpnConnections)[number]> = Object.fromEntries(VpnConnections.map((v) => [v.VpnConnectionId!, v]));
    expect(byId[staticVpn!.VpnConnectionId!].Options).toMatchObject({
      StaticRoutesOnly: true,
      EnableAcceleration: false,
      LocalIpv4NetworkCidr: '0.0.0.0/0',
      OutsideIpAddressType: 'PublicIpv4',
      TunnelInsideIpVersion: 'ipv4',
    });
    expect(byId[staticVpn!.VpnConnectionId!].Options!.TunnelOptions!.map((t) => t.TunnelInsideCidr)).toEqual([
      '169.254.10.0/30',
      expect.stringMatching(/^169\.254\.\d+\.\d+\/30$/),
    ]);
    expect(byId[bgpVpn!.VpnConnectionId!].Options).toMatchObject({ StaticRoutesOnly: false });
    expect(byId[bgpVpn!.VpnConnectionId!].TransitGatewayId).toBe(TransitGateway!.TransitGatewayId);
    const { TransitGatewayAttachments = [] } = await client.send(
      new DescribeTransitGatewayAttachmentsCommand({
        Filters: [
          { Name: 'resource-id', Values: [staticVpn!.VpnConnectionId!] },
          { Name: 'resource-type', Values: ['vpn'] },
        ],
      }),
    );
    expect(TransitGatewayAttachments.map((a) => [a.ResourceType, a.TransitGatewayId])).toEqual([['vpn', TransitGateway!.TransitGatewayId]]);
  });
});

describe('Route 53 Resolver rules shared through RAM', () => {
  let ruleId: string;
  let ruleArn: string;
  let spokeVpc: string;

  beforeAll(async () => {
    const { rule } = await forwardingRule('corp', '10.0.0.0/24', 'corp.example.com', '172.16.0.10');
    ruleId = rule.Id;
    ruleArn = rule.Arn;
    spokeVpc = (await vpcWithSubnets(SPOKE, '10.16.0.0/24')).vpc;
  });

  test("a rule not shared with the account cannot be associated; once shared it can, in the VPC owner's account", async () => {
    await expect(resolver(SPOKE, 'AssociateResolverRule', { ResolverRuleId: ruleId, VPCId: spokeVpc, Name: 'corp' })).rejects.toMatchObject(
      { name: 'ResourceNotFoundException' },
    );
    expect(
      (await resolver<{ ResolverRule: ResolverRule }>(NETWORK, 'GetResolverRule', { ResolverRuleId: ruleId })).ResolverRule.ShareStatus,
    ).toBe('NOT_SHARED');
    await (
      await ram(NETWORK)
    ).send(new CreateResourceShareCommand({ name: 'rules', resourceArns: [ruleArn], principals: [SPOKE], allowExternalPrincipals: false }));
    expect(
      (await resolver<{ ResolverRule: ResolverRule }>(NETWORK, 'GetResolverRule', { ResolverRuleId: ruleId })).ResolverRule.ShareStatus,
    ).toBe('SHARED_BY_ME');
    expect(
      (await resolver<{ ResolverRule: ResolverRule }>(SPOKE, 'GetResolverRule', { ResolverRuleId: ruleId })).ResolverRule,
    ).toMatchObject({
      Id: ruleId,
      OwnerId: NETWORK,
    });
    await expect(resolver(STRANGER, 'GetResolverRule', { ResolverRuleId: ruleId })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });

    const { ResolverRuleAssociation } = await resolver<{ ResolverRuleAssociation: Identified }>(SPOKE, 'AssociateResolverRule', {
      ResolverRuleId: ruleId,
      VPCId: spokeVpc,
      Name: 'corp',
    });
    expect(
      (
        await resolver<{ ResolverRuleAssociation: unknown }>(SPOKE, 'GetResolverRuleAssociation', {
          ResolverRuleAssociationId: ResolverRuleAssociation.Id,
        })
      ).ResolverRuleAssociation,
    ).toMatchObject({ ResolverRuleId: ruleId, VPCId: spokeVpc, Status: 'COMPLETE' });

    // The rule forwards the domain's names from the spoke; other names find no private zone.
    expect(await resolve(spokeVpc, 'db.corp.example.com')).toMatchObject({
      rcode: 'FORWARDED',
      zone: null,
      forward: { ruleId, domain: 'corp.example.com.', source: 'vpc', targetIps: [{ ip: '172.16.0.10', port: 53 }] },
    });
    expect((await resolve(spokeVpc, 'corp.example.org')).rcode).toBe('NO_PRIVATE_ZONE');
  });

  test("the owner cannot delete a rule another account's VPC still uses; after the disassociation it can", async () => {
    await expect(resolver(NETWORK, 'DeleteResolverRule', { ResolverRuleId: ruleId })).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
    await resolver(SPOKE, 'DisassociateResolverRule', { ResolverRuleId: ruleId, VPCId: spokeVpc });
    expect((await resolve(spokeVpc, 'db.corp.example.com')).rcode).toBe('NO_PRIVATE_ZONE');
    await resolver(NETWORK, 'DeleteResolverRule', { ResolverRuleId: ruleId });
    await expect(resolver(NETWORK, 'GetResolverRule', { ResolverRuleId: ruleId })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('forwarding rules through a Route 53 Profile', () => {
  test('a spoke associated with a profile holding a rule forwards its domain; a more specific private zone still answers', async () => {
    const { hub, rule } = await forwardingRule('branch', '10.0.1.0/24', 'branch.example.com', '192.168.10.10');
    const { Profile } = await profiles<{ Profile: Identified }>(NETWORK, 'POST', '/profile', { Name: 'prod', ClientToken: 'p-1' });
    await profiles(NETWORK, 'POST', '/profileresourceassociation', {
      ProfileId: Profile.Id,
      ResourceArn: rule.Arn,
      Name: 'branch',
    });
    const { HostedZone } = await (
      await r53(NETWORK)
    ).send(
      new CreateHostedZoneCommand({
        Name: 'api.branch.example.com',
        CallerReference: 'z-1',
        VPC: { VPCId: hub.vpc, VPCRegion: REGION },
      }),
    );
    await profiles(NETWORK, 'POST', '/profileresourceassociation', {
      ProfileId: Profile.Id,
      ResourceArn: `arn:aws:route53:::hostedzone/${HostedZone!.Id!.replace('/hostedzone/', '')}`,
      Name: 'api',
    });
    await (
      await ram(NETWORK)
    ).send(
      new CreateResourceShareCommand({ name: 'profile', resourceArns: [Profile.Arn], principals: [SPOKE], allowExternalPrincipals: false }),
    );
    const spoke = (await vpcWithSubnets(SPOKE, '10.16.1.0/24')).vpc;
    await profiles(SPOKE, 'POST', '/profileassociation', { ProfileId: Profile.Id, ResourceId: spoke, Name: 'spoke' });

    expect(await resolve(spoke, 'host.branch.example.com')).toMatchObject({
      rcode: 'FORWARDED',
      forward: { ruleId: rule.Id, source: 'profile', profileId: Profile.Id },
    });
    expect(await resolve(spoke, 'x.api.branch.example.com')).toMatchObject({
      zone: { name: 'api.branch.example.com.', source: 'profile' },
    });
  });
});
