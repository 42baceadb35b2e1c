/**
 * On-premises connectivity in the emulator: Site-to-Site VPN options on a Transit Gateway
 * (moto_ext/ec2_vpn.py), Route 53 Resolver rules shared through RAM and associated from another
 * account (moto_ext/route53resolver.py), and forwarding rules in GET /_emulator/resolve, directly
 * associated or through a Route 53 Profile (moto_ext/route53profiles.py).
 *
 * The npm registry reachable here has no @aws-sdk/client-route53resolver or client-route53profiles:
 * both are called as the SDK would, JSON 1.1 (Resolver) or REST-JSON (Profiles) with a
 * SigV4-shaped Authorization header naming the service and the assumed role's access key.
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
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

import { startEmulator, type Emulator } from './harness';

jest.setTimeout(60_000);

const NETWORK = '222222222222';
const SPOKE = '444444444444';
const STRANGER = '555555555555';
const REGION = 'us-east-1';
const TEST = { accessKeyId: 'test', secretAccessKey: 'test' };

let emu: Emulator;
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const creds = new Map<string, Creds>();

async function as(account: string): Promise<Creds> {
  if (!creds.has(account)) {
    const sts = new STSClient({ endpoint: emu.endpoint, region: REGION, credentials: TEST });
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/privatelink-deploy`, RoleSessionName: 'hybrid-test' }),
    );
    creds.set(account, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken });
  }
  return creds.get(account)!;
}
const ec2 = async (account: string) => new EC2Client({ endpoint: emu.endpoint, region: REGION, credentials: await as(account) });
const ram = async (account: string) => new RAMClient({ endpoint: emu.endpoint, region: REGION, credentials: await as(account) });
const r53 = async (account: string) => new Route53Client({ endpoint: emu.endpoint, region: REGION, credentials: await as(account) });

class AwsError extends Error {
  constructor(
    public readonly name: string,
    message: string,
  ) {
    super(`${name}: ${message}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the service, read as the tests need
async function call(
  account: string,
  service: string,
  init: { path: string; method: string; headers?: Record<string, string>; body: unknown },
): Promise<any> {
  const c = await as(account);
  const res = await fetch(emu.endpoint + init.path, {
    method: init.method,
    headers: {
      ...init.headers,
      'x-amz-security-token': c.sessionToken ?? '',
      authorization: `AWS4-HMAC-SHA256 Credential=${c.accessKeyId}/20250101/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=00`,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok)
    throw new AwsError(
      (res.headers.get('x-amzn-errortype') ?? json.__type ?? 'UnknownError').split(':')[0].split('#').pop(),
      json.Message ?? json.message ?? text,
    );
  return json;
}
/** One Route 53 Resolver call (JSON 1.1). */
const resolver = (account: string, action: string, body: unknown) =>
  call(account, 'route53resolver', {
    path: '/',
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53Resolver.${action}` },
    body,
  });
/** One Route 53 Profiles call (REST-JSON). */
const profiles = (account: string, method: string, path: string, body?: unknown) =>
  call(account, 'route53profiles', { path, method, headers: { 'content-type': 'application/json' }, body });

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the emulator's JSON answer
async function resolve(vpc: string, name: string): Promise<any> {
  const res = await fetch(`${emu.endpoint}/_emulator/resolve?vpc=${vpc}&region=${REGION}&name=${encodeURIComponent(name)}`);
  expect(res.status).toBe(200);
  return res.json();
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
    const hub = await vpcWithSubnets(NETWORK, '10.0.0.0/24');
    const { ResolverEndpoint } = await resolver(NETWORK, 'CreateResolverEndpoint', {
      CreatorRequestId: 'out-1',
      Name: 'out',
      Direction: 'OUTBOUND',
      SecurityGroupIds: [hub.sg],
      IpAddresses: hub.subnets.map((s) => ({ SubnetId: s })),
    });
    const { ResolverRule } = await resolver(NETWORK, 'CreateResolverRule', {
      CreatorRequestId: 'rule-1',
      Name: 'corp',
      RuleType: 'FORWARD',
      DomainName: 'corp.example.com',
      ResolverEndpointId: ResolverEndpoint.Id,
      TargetIps: [{ Ip: '172.16.0.10', Port: 53 }],
    });
    ruleId = ResolverRule.Id;
    ruleArn = ResolverRule.Arn;
    spokeVpc = (await vpcWithSubnets(SPOKE, '10.16.0.0/24')).vpc;
  });

  test("a rule not shared with the account cannot be associated; once shared it can, in the VPC owner's account", async () => {
    await expect(resolver(SPOKE, 'AssociateResolverRule', { ResolverRuleId: ruleId, VPCId: spokeVpc, Name: 'corp' })).rejects.toMatchObject(
      { name: 'ResourceNotFoundException' },
    );
    expect((await resolver(NETWORK, 'GetResolverRule', { ResolverRuleId: ruleId })).ResolverRule.ShareStatus).toBe('NOT_SHARED');
    await (
      await ram(NETWORK)
    ).send(new CreateResourceShareCommand({ name: 'rules', resourceArns: [ruleArn], principals: [SPOKE], allowExternalPrincipals: false }));
    expect((await resolver(NETWORK, 'GetResolverRule', { ResolverRuleId: ruleId })).ResolverRule.ShareStatus).toBe('SHARED_BY_ME');
    expect((await resolver(SPOKE, 'GetResolverRule', { ResolverRuleId: ruleId })).ResolverRule).toMatchObject({
      Id: ruleId,
      OwnerId: NETWORK,
    });
    await expect(resolver(STRANGER, 'GetResolverRule', { ResolverRuleId: ruleId })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });

    const { ResolverRuleAssociation } = await resolver(SPOKE, 'AssociateResolverRule', {
      ResolverRuleId: ruleId,
      VPCId: spokeVpc,
      Name: 'corp',
    });
    expect(
      (await resolver(SPOKE, 'GetResolverRuleAssociation', { ResolverRuleAssociationId: ResolverRuleAssociation.Id }))
        .ResolverRuleAssociation,
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
    const hub = await vpcWithSubnets(NETWORK, '10.0.1.0/24');
    const { ResolverEndpoint } = await resolver(NETWORK, 'CreateResolverEndpoint', {
      CreatorRequestId: 'out-2',
      Name: 'out2',
      Direction: 'OUTBOUND',
      SecurityGroupIds: [hub.sg],
      IpAddresses: hub.subnets.map((s) => ({ SubnetId: s })),
    });
    const { ResolverRule } = await resolver(NETWORK, 'CreateResolverRule', {
      CreatorRequestId: 'rule-2',
      Name: 'branch',
      RuleType: 'FORWARD',
      DomainName: 'branch.example.com',
      ResolverEndpointId: ResolverEndpoint.Id,
      TargetIps: [{ Ip: '192.168.10.10', Port: 53 }],
    });
    const { Profile } = await profiles(NETWORK, 'POST', '/profile', { Name: 'prod', ClientToken: 'p-1' });
    await profiles(NETWORK, 'POST', '/profileresourceassociation', {
      ProfileId: Profile.Id,
      ResourceArn: ResolverRule.Arn,
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
      forward: { ruleId: ResolverRule.Id, source: 'profile', profileId: Profile.Id },
    });
    expect(await resolve(spoke, 'x.api.branch.example.com')).toMatchObject({
      zone: { name: 'api.branch.example.com.', source: 'profile' },
    });
  });
});
