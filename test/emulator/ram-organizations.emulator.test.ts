/**
 * RAM and AWS Organizations (test/emulator/moto_ext/ram.py, moto_ext/organizations.py).
 *
 * Without a declared organization RAM behaves as before (everything shared is visible at once).
 * Once `POST /_emulator/organization` declares one, RAM applies AWS's rules:
 * - organization / OU principals only after EnableSharingWithAwsOrganization (management account);
 * - account principals inside the organization with sharing enabled: associated at once;
 * - other account principals: an invitation (GetResourceShareInvitations, PENDING); the account sees
 *   nothing shared (TGW, resource configuration, Route 53 Profile) until it accepts;
 * - outside the organization only when the share has allowExternalPrincipals = true.
 * Declaring one also creates OrganizationAccountAccessRole in its member accounts, as CreateAccount does.
 */
import {
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateVpcCommand,
  DescribeTransitGatewaysCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AcceptResourceShareInvitationCommand,
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DisassociateResourceShareCommand,
  EnableSharingWithAwsOrganizationCommand,
  GetResourceShareAssociationsCommand,
  GetResourceShareInvitationsCommand,
  GetResourceSharesCommand,
  ListPendingInvitationResourcesCommand,
  ListResourcesCommand,
  RAMClient,
  RejectResourceShareInvitationCommand,
} from '@aws-sdk/client-ram';
import {
  CreateResourceConfigurationCommand,
  CreateResourceGatewayCommand,
  GetResourceConfigurationCommand,
  ListResourceConfigurationsCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';

import { accountsOf, startEmulator, type Emulator } from './harness';

jest.setTimeout(60_000);

const ORG_ID = 'o-a1b2c3d4e5';
const MGMT = '111111111111';
const NETWORK = '222222222222'; // shares
const MEMBER = '444444444444'; // in the organization and in the OU
const MEMBER2 = '666666666666'; // in the organization, not in the OU
const OUTSIDE = '555555555555'; // not in the organization
const OU = 'ou-ab12-cdef3456';
const ORG_ARN = `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`;
const OU_ARN = `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/${OU}`;
const REGION = 'us-east-1';

let emu: Emulator;
const accounts = accountsOf(() => emu, 'ram-org-test');
const ec2 = (a: string) => accounts.client(EC2Client, a);
const ram = (a: string) => accounts.client(RAMClient, a);
const lattice = (a: string) => accounts.client(VPCLatticeClient, a);
const iam = (a: string) => accounts.client(IAMClient, a);

/** GET or POST /_emulator/organization; `T` is the shape of its JSON answer that the test reads. */
async function organization<T = unknown>(method: string, body?: unknown, query = ''): Promise<{ status: number; json: T }> {
  const res = await fetch(`${emu.endpoint}/_emulator/organization${query}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

const tgw = async (): Promise<{ id: string; arn: string }> => {
  const { TransitGateway } = await (await ec2(NETWORK)).send(new CreateTransitGatewayCommand({}));
  const id = TransitGateway!.TransitGatewayId!;
  return { id, arn: `arn:aws:ec2:${REGION}:${NETWORK}:transit-gateway/${id}` };
};
const seesTgw = async (account: string, id: string) =>
  ((await (await ec2(account)).send(new DescribeTransitGatewaysCommand({}))).TransitGateways ?? []).some((t) => t.TransitGatewayId === id);
let shareCount = 0;
const share = async (allowExternalPrincipals: boolean, resourceArns: string[] = []) =>
  (
    await (
      await ram(NETWORK)
    ).send(new CreateResourceShareCommand({ name: `share-${++shareCount}`, allowExternalPrincipals, resourceArns }))
  ).resourceShare!.resourceShareArn!;
const associate = async (arn: string, principal: string) =>
  (await (await ram(NETWORK)).send(new AssociateResourceShareCommand({ resourceShareArn: arn, principals: [principal] })))
    .resourceShareAssociations![0];
const principalStatus = async (arn: string, principal: string) =>
  (
    (
      await (
        await ram(NETWORK)
      ).send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [arn], principal }))
    ).resourceShareAssociations ?? []
  ).map((a) => [a.status, a.external]);
const invitations = async (account: string, shareArn: string) =>
  (await (await ram(account)).send(new GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn] }))).resourceShareInvitations ??
  [];

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

test('without a declared organization: as before, an organization principal shares with every account at once', async () => {
  expect((await organization('GET')).json).toEqual({ organizations: [] });
  const t = await tgw();
  const arn = await share(false, [t.arn]);
  expect(await associate(arn, ORG_ARN)).toMatchObject({ status: 'ASSOCIATED' });
  expect(await seesTgw(OUTSIDE, t.id)).toBe(true);
});

test('POST /_emulator/organization declares membership (validated)', async () => {
  const body = { id: ORG_ID, managementAccountId: MGMT, accounts: [NETWORK, MEMBER, MEMBER2], organizationalUnits: { [OU]: [MEMBER] } };
  const { status, json } = await organization('POST', body);
  expect(status).toBe(200);
  expect(json).toMatchObject({ id: ORG_ID, arn: ORG_ARN, accounts: [MGMT, NETWORK, MEMBER, MEMBER2], sharingWithRamEnabled: false });
  expect((await organization('POST', { id: 'o-zzzzzzzzzz', managementAccountId: '999999999999', accounts: [MEMBER] })).status).toBe(400);
  expect((await organization('POST', { id: 'bad', managementAccountId: MGMT })).status).toBe(400);
});

test('declaring an organization creates OrganizationAccountAccessRole in each member account, trusted by the management account', async () => {
  for (const account of [NETWORK, MEMBER, MEMBER2]) {
    const { Role } = await (await iam(account)).send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }));
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${MGMT}:root` } },
    ]);
  }
  await expect((await iam(MGMT)).send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }))).rejects.toMatchObject({
    name: 'NoSuchEntityException',
  });
  await expect((await iam(OUTSIDE)).send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }))).rejects.toMatchObject({
    name: 'NoSuchEntityException',
  });
});

test('sharing with the organization not enabled: no org principal, invitations for accounts in it', async () => {
  const t = await tgw();
  const internalOnly = await share(false, [t.arn]);
  await expect(associate(internalOnly, ORG_ARN)).rejects.toMatchObject({
    name: 'UnknownResourceException',
    message: `Organization ${ORG_ID} could not be found.`,
  });
  await expect(associate(internalOnly, MEMBER)).rejects.toMatchObject({
    name: 'OperationNotPermittedException',
    message: expect.stringContaining(
      'can only be shared within your AWS Organization. This error may also occur if you have not enabled sharing',
    ),
  });

  const open = await share(true, [t.arn]);
  expect(await associate(open, MEMBER)).toMatchObject({ status: 'ASSOCIATING', external: false });
  const [invitation] = await invitations(MEMBER, open);
  expect(invitation).toMatchObject({ status: 'PENDING', senderAccountId: NETWORK, receiverAccountId: MEMBER, resourceShareArn: open });
  // nothing visible before the account accepts
  expect(await seesTgw(MEMBER, t.id)).toBe(false);
  const other = await (
    await ram(MEMBER)
  ).send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS', resourceShareArns: [open] }));
  expect(other.resourceShares).toEqual([]);
  const pending = await (
    await ram(MEMBER)
  ).send(new ListPendingInvitationResourcesCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn }));
  expect(pending.resources!.map((r) => [r.arn, r.type])).toEqual([[t.arn, 'ec2:TransitGateway']]);

  const member = await ram(MEMBER);
  const { resourceShareInvitation } = await member.send(
    new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn }),
  );
  expect(resourceShareInvitation!.status).toBe('ACCEPTED');
  expect(await principalStatus(open, MEMBER)).toEqual([['ASSOCIATED', false]]);
  expect(await seesTgw(MEMBER, t.id)).toBe(true);
  const listed = await member.send(new ListResourcesCommand({ resourceOwner: 'OTHER-ACCOUNTS', resourceShareArns: [open] }));
  expect(listed.resources!.map((r) => r.arn)).toEqual([t.arn]);
  await expect(
    member.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn })),
  ).rejects.toMatchObject({ name: 'ResourceShareInvitationAlreadyAcceptedException' });

  // only the management account can enable sharing with the organization
  await expect((await ram(NETWORK)).send(new EnableSharingWithAwsOrganizationCommand({}))).rejects.toMatchObject({
    name: 'OperationNotPermittedException',
  });
});

test('EnableSharingWithAwsOrganization from the management account: trusted access and service-linked role', async () => {
  expect((await (await ram(MGMT)).send(new EnableSharingWithAwsOrganizationCommand({}))).returnValue).toBe(true);
  expect(
    (await organization<{ organizations: { sharingWithRamEnabled: boolean }[] }>('GET')).json.organizations[0].sharingWithRamEnabled,
  ).toBe(true);
  // what aws_ram_sharing_with_organization reads back
  const { Role } = await (await iam(MGMT)).send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForResourceAccessManager' }));
  expect(Role!.Path).toBe('/aws-service-role/ram.amazonaws.com/');
  const access = await accounts.call<{ EnabledServicePrincipals: { ServicePrincipal: string }[] }>(MGMT, {
    service: 'organizations',
    target: 'AWSOrganizationsV20161128.ListAWSServiceAccessForOrganization',
    body: {},
  });
  expect(access.json.EnabledServicePrincipals.map((p) => p.ServicePrincipal)).toContain('ram.amazonaws.com');
});

test('sharing enabled: org / OU / member principals at once; outside accounts only with allowExternalPrincipals and an invitation', async () => {
  const t = await tgw();
  const orgShare = await share(false, [t.arn]);
  expect(await associate(orgShare, ORG_ARN)).toMatchObject({ status: 'ASSOCIATED' });
  expect([await seesTgw(MEMBER2, t.id), await seesTgw(OUTSIDE, t.id)]).toEqual([true, false]);
  await expect(associate(orgShare, OUTSIDE)).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: `Principal ${OUTSIDE} is not in your AWS organization. You do not have permission to add external AWS accounts to a resource share.`,
  });

  const t2 = await tgw();
  const ouShare = await share(false, [t2.arn]);
  await expect(associate(ouShare, `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/ou-zz99-zzzzzzzz`)).rejects.toMatchObject({
    name: 'UnknownResourceException',
  });
  expect(await associate(ouShare, OU_ARN)).toMatchObject({ status: 'ASSOCIATED' });
  expect([await seesTgw(MEMBER, t2.id), await seesTgw(MEMBER2, t2.id)]).toEqual([true, false]);

  const t3 = await tgw();
  const accountShare = await share(false, [t3.arn]);
  expect(await associate(accountShare, MEMBER2)).toMatchObject({ status: 'ASSOCIATED', external: false });
  expect(await invitations(MEMBER2, accountShare)).toEqual([]);
  expect(await seesTgw(MEMBER2, t3.id)).toBe(true);
});

test('an account outside the organization sees a shared TGW, resource configuration and Profile only after accepting', async () => {
  // resources of the network account
  const t = await tgw();
  const net = await ec2(NETWORK);
  const { Vpc } = await net.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }));
  const subnets = [];
  for (const [i, az] of ['us-east-1a', 'us-east-1b'].entries()) {
    subnets.push(
      (await net.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `10.50.${i}.0/24`, AvailabilityZone: az }))).Subnet!
        .SubnetId!,
    );
  }
  const vl = await lattice(NETWORK);
  const gw = await vl.send(new CreateResourceGatewayCommand({ name: 'org-test-gw', vpcIdentifier: Vpc!.VpcId, subnetIds: subnets }));
  const rcfg = await vl.send(
    new CreateResourceConfigurationCommand({
      name: 'org-test-db',
      type: 'SINGLE',
      portRanges: ['5432'],
      resourceGatewayIdentifier: gw.id,
      resourceConfigurationDefinition: { dnsResource: { domainName: 'db.internal.example.com', ipAddressType: 'IPV4' } },
    }),
  );
  const profile = (
    await accounts.call<{ Profile: { Id: string; Arn: string } }>(NETWORK, {
      service: 'route53profiles',
      path: '/profile',
      body: { Name: 'org-test', ClientToken: 'org-test' },
    })
  ).json.Profile;

  const arn = await share(true, [t.arn, rcfg.arn!, profile.Arn]);
  expect(await associate(arn, OUTSIDE)).toMatchObject({ status: 'ASSOCIATING', external: true });
  expect(await principalStatus(arn, OUTSIDE)).toEqual([['ASSOCIATING', true]]);

  const sees = async () => ({
    tgw: await seesTgw(OUTSIDE, t.id),
    configurations: ((await (await lattice(OUTSIDE)).send(new ListResourceConfigurationsCommand({}))).items ?? []).map((i) => i.arn),
    configuration: await (
      await lattice(OUTSIDE)
    )
      .send(new GetResourceConfigurationCommand({ resourceConfigurationIdentifier: rcfg.arn }))
      .then(
        () => true,
        () => false,
      ),
    profile: (await accounts.call(OUTSIDE, { service: 'route53profiles', method: 'GET', path: `/profile/${profile.Id}` })).status === 200,
  });
  expect(await sees()).toEqual({ tgw: false, configurations: [], configuration: false, profile: false });

  const [invitation] = await invitations(OUTSIDE, arn);
  await (
    await ram(OUTSIDE)
  ).send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn }));
  expect(await sees()).toEqual({ tgw: true, configurations: [rcfg.arn], configuration: true, profile: true });
  const other = await (
    await ram(OUTSIDE)
  ).send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS', resourceShareArns: [arn] }));
  expect(other.resourceShares!.map((s) => s.owningAccountId)).toEqual([NETWORK]);

  // the account leaves the share (what aws_ram_resource_share_accepter's destroy does)
  await (await ram(OUTSIDE)).send(new DisassociateResourceShareCommand({ resourceShareArn: arn, principals: [OUTSIDE] }));
  expect(await sees()).toEqual({ tgw: false, configurations: [], configuration: false, profile: false });
  expect(await principalStatus(arn, OUTSIDE)).toEqual([]);
});

test('a rejected invitation removes the principal', async () => {
  const t = await tgw();
  const arn = await share(true, [t.arn]);
  await associate(arn, OUTSIDE);
  const [invitation] = await invitations(OUTSIDE, arn);
  const { resourceShareInvitation } = await (
    await ram(OUTSIDE)
  ).send(new RejectResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn }));
  expect(resourceShareInvitation!.status).toBe('REJECTED');
  expect(await principalStatus(arn, OUTSIDE)).toEqual([]);
  expect(await seesTgw(OUTSIDE, t.id)).toBe(false);
  await expect(
    (await ram(OUTSIDE)).send(
      new GetResourceShareInvitationsCommand({ resourceShareInvitationArns: [`${invitation.resourceShareInvitationArn}x`] }),
    ),
  ).rejects.toMatchObject({ name: 'ResourceShareInvitationArnNotFoundException' });
});
