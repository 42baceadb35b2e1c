/**
 * Route 53 Profiles (test/emulator/moto_ext/route53profiles.py), Route 53 ConflictingDomainExists
 * (moto_ext/route53.py) and the emulator-only DNS endpoint GET /_emulator/resolve.
 *
 * Every operation is asserted on real state: what is created is read back, what is deleted is gone.
 * Multi-account through STS AssumeRole of arn:aws:iam::<account>:role/privatelink-deploy.
 *
 * The npm registry reachable here has no @aws-sdk/client-route53profiles, so Route 53 Profiles is
 * called as the SDK would: REST-JSON signed with the assumed role's credentials (awsJson in
 * harness.ts; moto reads the account from the access key).
 */
import { CreateSubnetCommand, CreateVpcCommand, CreateVpcEndpointCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DisassociateResourceShareCommand,
  RAMClient,
} from '@aws-sdk/client-ram';
import {
  AssociateVPCWithHostedZoneCommand,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  CreateVPCAssociationAuthorizationCommand,
  DisassociateVPCFromHostedZoneCommand,
  GetHostedZoneCommand,
  Route53Client,
  type RRType,
} from '@aws-sdk/client-route-53';

import { accountsOf, startEmulator, type Emulator, type Resolution } from './harness';

jest.setTimeout(60_000);

const NETWORK = '222222222222';
const CONSUMER = '444444444444';
const OTHER = '555555555555';
const QUOTA = '666666666666';
// owners of further profiles (5 profiles per account and Region)
const HUB2 = '777777777777';
const HUB3 = '888888888888';
const REGION = 'us-east-1';

let emu: Emulator;
const accounts = accountsOf(() => emu, 'r53profiles-test');
const ec2 = (account: string) => accounts.client(EC2Client, account);
const ram = (account: string) => accounts.client(RAMClient, account);
const r53 = (account: string) => accounts.client(Route53Client, account);

/** The Route 53 Profiles API's objects, as far as these tests read them. */
interface Profile {
  readonly Id: string;
  readonly Arn: string;
  readonly Name: string;
  readonly ShareStatus: string;
  readonly CreationTime: number;
}
interface ProfileAssociation {
  readonly Id: string;
}
interface ProfileResourceAssociation {
  readonly Id: string;
  readonly Name: string;
  readonly ResourceType: string;
  /** JSON; absent for a hosted zone. */
  readonly ResourceProperties?: string;
}
/** The answers of the operations these tests read (each operation answers with one or two of these members). */
interface GetProfile {
  readonly Profile: Profile;
}
interface ListProfiles {
  readonly ProfileSummaries: readonly Pick<Profile, 'Arn' | 'Id' | 'Name' | 'ShareStatus'>[];
  readonly NextToken?: string;
}
interface GetProfileAssociation {
  readonly ProfileAssociation: ProfileAssociation;
}
interface ListProfileAssociations {
  readonly ProfileAssociations: readonly ProfileAssociation[];
}
interface GetProfileResourceAssociation {
  readonly ProfileResourceAssociation: ProfileResourceAssociation;
}
interface ListProfileResourceAssociations {
  readonly ProfileResourceAssociations: readonly ProfileResourceAssociation[];
}
interface ListTags {
  readonly Tags: Readonly<Record<string, string>>;
}

/** One Route 53 Profiles REST-JSON call; `T` is the shape of its JSON answer that the test reads. */
const rp = <T = unknown>(account: string, method: string, path: string, body?: unknown) =>
  accounts.send<T>(account, { service: 'route53profiles', method, path, body });
const enc = encodeURIComponent;
const zoneArn = (zoneId: string) => `arn:aws:route53:::hostedzone/${zoneId}`;

const createProfile = async (account: string, name: string, extra: Record<string, unknown> = {}) =>
  (await rp<GetProfile>(account, 'POST', '/profile', { Name: name, ClientToken: `${name}-${Math.random()}`, ...extra })).Profile;

async function newVpc(account: string, cidr: string): Promise<string> {
  const { Vpc } = await (await ec2(account)).send(new CreateVpcCommand({ CidrBlock: cidr }));
  return Vpc!.VpcId!;
}

async function privateZone(account: string, name: string, vpcId: string): Promise<string> {
  const { HostedZone } = await (
    await r53(account)
  ).send(
    new CreateHostedZoneCommand({ Name: name, CallerReference: `${name}-${Math.random()}`, VPC: { VPCId: vpcId, VPCRegion: REGION } }),
  );
  return HostedZone!.Id!.replace('/hostedzone/', '');
}

async function upsertA(account: string, zoneId: string, name: string, value: string, type: RRType = 'A') {
  await (
    await r53(account)
  ).send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: name, Type: type, TTL: 60, ResourceRecords: [{ Value: value }] } }],
      },
    }),
  );
}

async function shareProfile(owner: string, profileArn: string, principal: string): Promise<string> {
  const { resourceShare } = await (
    await ram(owner)
  ).send(
    new CreateResourceShareCommand({
      name: `share-${Math.random()}`,
      resourceArns: [profileArn],
      principals: [principal],
      allowExternalPrincipals: false,
    }),
  );
  return resourceShare!.resourceShareArn!;
}

/** GET /_emulator/resolve */
async function resolve(vpc: string, name: string, type = 'A'): Promise<Resolution> {
  const res = await fetch(`${emu.endpoint}/_emulator/resolve?vpc=${vpc}&region=${REGION}&name=${enc(name)}&type=${type}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Resolution;
}
const answerOf = (r: Resolution) => ({
  zone: r.zone?.id,
  source: r.zone?.source,
  owner: r.zone?.ownerAccount,
  rcode: r.rcode,
  values: r.answers?.[0]?.values,
});

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

describe('Route 53 Profiles: profiles', () => {
  test('CreateProfile / GetProfile: created profile reads back; ClientToken makes it idempotent', async () => {
    const body = { Name: 'hub-profile', ClientToken: 'token-1', Tags: [{ Key: 'env', Value: 'dev' }] };
    const { Profile: p } = await rp<GetProfile>(NETWORK, 'POST', '/profile', body);
    expect(p.Id).toMatch(/^rp-[0-9a-f]{16}$/);
    expect(p.Arn).toBe(`arn:aws:route53profiles:${REGION}:${NETWORK}:profile/${p.Id}`);
    expect(p).toMatchObject({
      Name: 'hub-profile',
      OwnerId: NETWORK,
      Status: 'COMPLETE',
      ShareStatus: 'NOT_SHARED',
      ClientToken: 'token-1',
    });
    expect(typeof p.CreationTime).toBe('number');

    const again = await rp<GetProfile>(NETWORK, 'POST', '/profile', body);
    expect(again.Profile.Id).toBe(p.Id);
    const { Profile: got } = await rp<GetProfile>(NETWORK, 'GET', `/profile/${p.Id}`);
    expect(got).toMatchObject({ Id: p.Id, Name: 'hub-profile', Status: 'COMPLETE' });
    expect((await rp<ListTags>(NETWORK, 'GET', `/tags/${enc(p.Arn)}`)).Tags).toEqual({ env: 'dev' });
  });

  test('ListProfiles: own profiles, and profiles shared with the caller through RAM', async () => {
    const p = await createProfile(NETWORK, 'listed');
    const own = (await rp<ListProfiles>(NETWORK, 'GET', '/profiles')).ProfileSummaries;
    expect(own).toContainEqual({ Arn: p.Arn, Id: p.Id, Name: 'listed', ShareStatus: 'NOT_SHARED' });
    expect((await rp<ListProfiles>(OTHER, 'GET', '/profiles')).ProfileSummaries).toEqual([]);

    await shareProfile(NETWORK, p.Arn, OTHER);
    expect((await rp<ListProfiles>(OTHER, 'GET', '/profiles')).ProfileSummaries).toEqual([
      { Arn: p.Arn, Id: p.Id, Name: 'listed', ShareStatus: 'SHARED_WITH_ME' },
    ]);
    expect((await rp<GetProfile>(NETWORK, 'GET', `/profile/${p.Id}`)).Profile.ShareStatus).toBe('SHARED_BY_ME');

    // pagination
    const page = await rp<ListProfiles>(NETWORK, 'GET', '/profiles?maxResults=1');
    expect(page.ProfileSummaries).toHaveLength(1);
    expect(page.NextToken).toBeDefined();
  });

  test('DeleteProfile: removes it (and its resource associations); a second delete is ResourceNotFound', async () => {
    const vpc = await newVpc(NETWORK, '10.90.0.0/16');
    const zoneId = await privateZone(NETWORK, 'delete-me.internal', vpc);
    const p = await createProfile(NETWORK, 'to-delete');
    const { ProfileResourceAssociation: ra } = await rp<GetProfileResourceAssociation>(NETWORK, 'POST', '/profileresourceassociation', {
      Name: 'z',
      ProfileId: p.Id,
      ResourceArn: zoneArn(zoneId),
    });
    const { Profile: deleted } = await rp<GetProfile>(NETWORK, 'DELETE', `/profile/${p.Id}`);
    expect(deleted.Id).toBe(p.Id);
    await expect(rp(NETWORK, 'GET', `/profile/${p.Id}`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(rp(NETWORK, 'GET', `/profileresourceassociation/${ra.Id}`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(rp(NETWORK, 'DELETE', `/profile/${p.Id}`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('rejections: name pattern and length, 5 profiles per account and Region', async () => {
    await expect(rp(QUOTA, 'POST', '/profile', { Name: '12345', ClientToken: 'a' })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(rp(QUOTA, 'POST', '/profile', { Name: 'bad/name', ClientToken: 'b' })).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(rp(QUOTA, 'POST', '/profile', { Name: 'x'.repeat(65), ClientToken: 'c' })).rejects.toMatchObject({
      name: 'ValidationException',
    });
    for (let i = 0; i < 5; i++) await createProfile(QUOTA, `quota ${i}`);
    await expect(createProfile(QUOTA, 'sixth')).rejects.toMatchObject({ name: 'LimitExceededException' });
    expect((await rp<ListProfiles>(QUOTA, 'GET', '/profiles')).ProfileSummaries).toHaveLength(5);
  });
});

describe('Route 53 Profiles: resource associations', () => {
  test('AssociateResourceToProfile / Get / List / Update / DisassociateResourceFromProfile for a private hosted zone', async () => {
    const vpc = await newVpc(NETWORK, '10.91.0.0/16');
    const zoneId = await privateZone(NETWORK, 'svc.internal', vpc);
    const p = await createProfile(NETWORK, 'resources');

    const { ProfileResourceAssociation: ra } = await rp<GetProfileResourceAssociation>(NETWORK, 'POST', '/profileresourceassociation', {
      Name: 'svc-zone',
      ProfileId: p.Id,
      ResourceArn: zoneArn(zoneId),
    });
    expect(ra.Id).toMatch(/^rpr-[0-9a-f]{16}$/);
    expect(ra).toMatchObject({ ProfileId: p.Id, OwnerId: NETWORK, ResourceType: 'PRIVATE_HOSTED_ZONE', Status: 'COMPLETE' });
    expect(ra.ResourceProperties).toBeUndefined(); // none for a hosted zone (provider 5.100.0 needs it absent)

    expect(
      (await rp<GetProfileResourceAssociation>(NETWORK, 'GET', `/profileresourceassociation/${ra.Id}`)).ProfileResourceAssociation,
    ).toMatchObject({
      Id: ra.Id,
      Name: 'svc-zone',
      ResourceArn: zoneArn(zoneId),
    });
    const listed = await rp<ListProfileResourceAssociations>(
      NETWORK,
      'GET',
      `/profileresourceassociations/profileid/${p.Id}?resourceType=PRIVATE_HOSTED_ZONE`,
    );
    expect(listed.ProfileResourceAssociations.map((x) => x.Id)).toEqual([ra.Id]);
    expect(
      (
        await rp<ListProfileResourceAssociations>(
          NETWORK,
          'GET',
          `/profileresourceassociations/profileid/${p.Id}?resourceType=RESOLVER_RULE`,
        )
      ).ProfileResourceAssociations,
    ).toEqual([]);

    const { ProfileResourceAssociation: upd } = await rp<GetProfileResourceAssociation>(
      NETWORK,
      'PATCH',
      `/profileresourceassociation/${ra.Id}`,
      { Name: 'renamed' },
    );
    expect(upd.Name).toBe('renamed');
    expect(
      (await rp<GetProfileResourceAssociation>(NETWORK, 'GET', `/profileresourceassociation/${ra.Id}`)).ProfileResourceAssociation.Name,
    ).toBe('renamed');

    await rp(NETWORK, 'DELETE', `/profileresourceassociation/profileid/${p.Id}/resourcearn/${enc(zoneArn(zoneId))}`);
    await expect(rp(NETWORK, 'GET', `/profileresourceassociation/${ra.Id}`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(
      (await rp<ListProfileResourceAssociations>(NETWORK, 'GET', `/profileresourceassociations/profileid/${p.Id}`))
        .ProfileResourceAssociations,
    ).toEqual([]);
    await expect(
      rp(NETWORK, 'DELETE', `/profileresourceassociation/profileid/${p.Id}/resourcearn/${enc(zoneArn(zoneId))}`),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('rejections: zone of another account, public zone, duplicate zone or zone name, consumer of a shared profile', async () => {
    const vpc = await newVpc(NETWORK, '10.92.0.0/16');
    const zoneId = await privateZone(NETWORK, 'dup.internal', vpc);
    const sameName = await privateZone(NETWORK, 'dup.internal', await newVpc(NETWORK, '10.93.0.0/16'));
    const otherVpc = await newVpc(OTHER, '10.94.0.0/16');
    const foreignZone = await privateZone(OTHER, 'foreign.internal', otherVpc);
    const { HostedZone: pub } = await (
      await r53(NETWORK)
    ).send(new CreateHostedZoneCommand({ Name: 'public.example.com', CallerReference: 'pub-1' }));
    const p = await createProfile(NETWORK, 'rejections');
    const assoc = (arn: string, account = NETWORK) =>
      rp(account, 'POST', '/profileresourceassociation', { Name: 'r', ProfileId: p.Id, ResourceArn: arn });

    await expect(assoc(zoneArn(foreignZone))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(assoc(zoneArn(pub!.Id!.replace('/hostedzone/', '')))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(assoc('arn:aws:s3:::some-bucket')).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await assoc(zoneArn(zoneId));
    await expect(assoc(zoneArn(zoneId))).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(assoc(zoneArn(sameName))).rejects.toMatchObject({ name: 'ConflictException' });

    // the default RAM permission lets a consumer associate VPCs, not resources
    await shareProfile(NETWORK, p.Arn, OTHER);
    await expect(assoc(zoneArn(foreignZone), OTHER)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(rp(OTHER, 'DELETE', `/profile/${p.Id}`)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    // but it can read them
    expect(
      (await rp<ListProfileResourceAssociations>(OTHER, 'GET', `/profileresourceassociations/profileid/${p.Id}`))
        .ProfileResourceAssociations,
    ).toHaveLength(1);
  });

  test('interface VPC endpoint: ResourceProperties name the service and its private DNS zone', async () => {
    const client = await ec2(NETWORK);
    const vpc = await newVpc(NETWORK, '10.95.0.0/16');
    const { Subnet } = await client.send(
      new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.95.0.0/24', AvailabilityZone: 'us-east-1a' }),
    );
    const { VpcEndpoint } = await client.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc,
        VpcEndpointType: 'Interface',
        ServiceName: `com.amazonaws.${REGION}.sts`,
        SubnetIds: [Subnet!.SubnetId!],
        PrivateDnsEnabled: true,
      }),
    );
    const arn = `arn:aws:ec2:${REGION}:${NETWORK}:vpc-endpoint/${VpcEndpoint!.VpcEndpointId}`;
    const p = await createProfile(NETWORK, 'endpoints');
    const { ProfileResourceAssociation: ra } = await rp<GetProfileResourceAssociation>(NETWORK, 'POST', '/profileresourceassociation', {
      Name: 'sts',
      ProfileId: p.Id,
      ResourceArn: arn,
    });
    expect(ra.ResourceType).toBe('INTERFACE_VPC_ENDPOINT');
    const props = JSON.parse(ra.ResourceProperties!) as Record<string, string>;
    expect(props.ServiceName).toBe(`com.amazonaws.${REGION}.sts.`);
    expect(Object.entries(props).filter(([k]) => k !== 'ServiceName')).toEqual([
      [expect.stringMatching(/^Z/), `sts.${REGION}.amazonaws.com.`],
    ]);

    // a VPC of another account associated with the (shared) profile resolves the service to the endpoint
    await shareProfile(NETWORK, p.Arn, CONSUMER);
    const spoke = await newVpc(CONSUMER, '10.96.0.0/16');
    await rp(CONSUMER, 'POST', '/profileassociation', { Name: 'spoke', ProfileId: p.Id, ResourceId: spoke });
    const r = await resolve(spoke, `sts.${REGION}.amazonaws.com`);
    expect(r.zone).toMatchObject({ name: `sts.${REGION}.amazonaws.com.`, source: 'profile', vpcEndpointId: VpcEndpoint!.VpcEndpointId });
    expect(r.answers[0].alias?.dnsName).toBe(VpcEndpoint!.DnsEntries![0].DnsName);
    await rp(CONSUMER, 'DELETE', `/profileassociation/Profileid/${p.Id}/resourceid/${spoke}`);
  });
});

describe('Route 53 Profiles: VPC associations (cross-account through RAM)', () => {
  test('AssociateProfile / GetProfileAssociation / ListProfileAssociations / DisassociateProfile, and the rules around them', async () => {
    const p = await createProfile(HUB2, 'shared hub');
    const spoke = await newVpc(CONSUMER, '10.20.0.0/16');
    const associate = (profileId: string, vpc: string, account = CONSUMER) =>
      rp<GetProfileAssociation>(account, 'POST', '/profileassociation', {
        Name: 'spoke-assoc',
        ProfileId: profileId,
        ResourceId: vpc,
        Tags: [{ Key: 'k', Value: 'v' }],
      });

    // not shared yet: the consumer cannot see the profile
    await expect(associate(p.Id, spoke)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const shareArn = await shareProfile(HUB2, p.Arn, CONSUMER);

    const { ProfileAssociation: a } = await associate(p.Id, spoke);
    expect(a.Id).toMatch(/^rpassoc-[0-9a-f]{16}$/);
    expect(a).toMatchObject({ ProfileId: p.Id, ResourceId: spoke, OwnerId: CONSUMER, Status: 'COMPLETE', Name: 'spoke-assoc' });
    expect((await rp<GetProfileAssociation>(CONSUMER, 'GET', `/profileassociation/${a.Id}`)).ProfileAssociation).toMatchObject({
      Id: a.Id,
      ResourceId: spoke,
    });
    expect(
      (await rp<ListProfileAssociations>(CONSUMER, 'GET', `/profileassociations?profileId=${p.Id}`)).ProfileAssociations.map((x) => x.Id),
    ).toEqual([a.Id]);
    expect(
      (await rp<ListProfileAssociations>(CONSUMER, 'GET', `/profileassociations?resourceId=${spoke}`)).ProfileAssociations.map((x) => x.Id),
    ).toEqual([a.Id]);
    expect(
      (await rp<ListProfileAssociations>(CONSUMER, 'GET', '/profileassociations?resourceId=vpc-00000000')).ProfileAssociations,
    ).toEqual([]);

    // one profile per VPC; the VPC must be the caller's
    const second = await createProfile(CONSUMER, 'own profile');
    await expect(associate(second.Id, spoke)).rejects.toMatchObject({ name: 'ResourceExistsException' });
    await expect(associate(p.Id, spoke)).rejects.toMatchObject({ name: 'ResourceExistsException' });
    const networkVpc = await newVpc(HUB2, '10.21.0.0/16');
    await expect(associate(p.Id, networkVpc)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(associate(p.Id, spoke, OTHER)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    // the owner cannot delete a profile that VPCs use
    await expect(rp(HUB2, 'DELETE', `/profile/${p.Id}`)).rejects.toMatchObject({ name: 'ConflictException' });

    await rp(CONSUMER, 'DELETE', `/profileassociation/Profileid/${p.Id}/resourceid/${spoke}`);
    await expect(rp(CONSUMER, 'GET', `/profileassociation/${a.Id}`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(rp(CONSUMER, 'DELETE', `/profileassociation/Profileid/${p.Id}/resourceid/${spoke}`)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });

    // unshared again: invisible to the consumer
    await (await ram(HUB2)).send(new DisassociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }));
    await expect(rp(CONSUMER, 'GET', `/profile/${p.Id}`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await rp(HUB2, 'DELETE', `/profile/${p.Id}`);
    await rp(CONSUMER, 'DELETE', `/profile/${second.Id}`);
  });

  test('TagResource / UntagResource / ListTagsForResource on a profile and a profile association', async () => {
    const p = await createProfile(CONSUMER, 'tagged', { Tags: [{ Key: 'a', Value: '1' }] });
    const vpc = await newVpc(CONSUMER, '10.22.0.0/16');
    const { ProfileAssociation: a } = await rp<GetProfileAssociation>(CONSUMER, 'POST', '/profileassociation', {
      Name: 'tagged-assoc',
      ProfileId: p.Id,
      ResourceId: vpc,
      Tags: [{ Key: 'b', Value: '2' }],
    });
    const assocArn = `arn:aws:route53profiles:${REGION}:${CONSUMER}:profile-association/${a.Id}`;
    expect((await rp<ListTags>(CONSUMER, 'GET', `/tags/${enc(assocArn)}`)).Tags).toEqual({ b: '2' });

    await rp(CONSUMER, 'POST', `/tags/${enc(p.Arn)}`, { Tags: { c: '3' } });
    await rp(CONSUMER, 'DELETE', `/tags/${enc(p.Arn)}?tagKeys=a`);
    expect((await rp<ListTags>(CONSUMER, 'GET', `/tags/${enc(p.Arn)}`)).Tags).toEqual({ c: '3' });
    await expect(rp(CONSUMER, 'GET', `/tags/${enc(p.Arn.replace(p.Id, 'rp-0000000000000000'))}`)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await rp(CONSUMER, 'DELETE', `/profileassociation/Profileid/${p.Id}/resourceid/${vpc}`);
    await rp(CONSUMER, 'DELETE', `/profile/${p.Id}`);
  });
});

describe('Route 53: ConflictingDomainExists', () => {
  test('a VPC cannot be associated with two private zones of the same name (any account)', async () => {
    const net = await r53(NETWORK);
    const vpc = await newVpc(NETWORK, '10.30.0.0/16');
    const other = await newVpc(NETWORK, '10.31.0.0/16');
    await privateZone(NETWORK, 'conflict.internal', vpc);
    const twin = await privateZone(NETWORK, 'conflict.internal.', other);

    await expect(
      net.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: twin, VPC: { VPCId: vpc, VPCRegion: REGION } })),
    ).rejects.toMatchObject({
      name: 'ConflictingDomainExists',
    });
    await expect(privateZone(NETWORK, 'CONFLICT.internal', vpc)).rejects.toMatchObject({ name: 'ConflictingDomainExists' });
    // re-associating the same zone is refused too
    await expect(
      net.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: twin, VPC: { VPCId: other, VPCRegion: REGION } })),
    ).rejects.toMatchObject({
      name: 'ConflictingDomainExists',
    });
    // overlapping but different names are allowed (the most specific one answers)
    await privateZone(NETWORK, 'sub.conflict.internal', vpc);

    // cross-account: a zone of the same name in another account
    const spoke = await newVpc(CONSUMER, '10.32.0.0/16');
    await privateZone(CONSUMER, 'conflict.internal', spoke);
    await net.send(new CreateVPCAssociationAuthorizationCommand({ HostedZoneId: twin, VPC: { VPCId: spoke, VPCRegion: REGION } }));
    await expect(
      (await r53(CONSUMER)).send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: twin, VPC: { VPCId: spoke, VPCRegion: REGION } })),
    ).rejects.toMatchObject({ name: 'ConflictingDomainExists' });
    expect((await net.send(new GetHostedZoneCommand({ Id: twin }))).VPCs!.map((v) => v.VPCId)).toEqual([other]);
  });

  test('a zone of the same name in the VPC profile is no conflict (the direct association takes precedence)', async () => {
    const hubVpc = await newVpc(HUB2, '10.33.0.0/16');
    const profileZone = await privateZone(HUB2, 'both.internal', hubVpc);
    const p = await createProfile(HUB2, 'both');
    await rp(HUB2, 'POST', '/profileresourceassociation', { Name: 'z', ProfileId: p.Id, ResourceArn: zoneArn(profileZone) });
    const spokeVpc = await newVpc(HUB2, '10.34.0.0/16');
    await rp(HUB2, 'POST', '/profileassociation', { Name: 'spoke', ProfileId: p.Id, ResourceId: spokeVpc });
    const local = await privateZone(HUB2, 'both.internal', spokeVpc);
    await upsertA(HUB2, profileZone, 'x.both.internal', '10.0.0.1');
    await upsertA(HUB2, local, 'x.both.internal', '10.0.0.2');
    expect(answerOf(await resolve(spokeVpc, 'x.both.internal'))).toEqual({
      zone: local,
      source: 'vpc',
      owner: HUB2,
      rcode: 'NOERROR',
      values: ['10.0.0.2'],
    });
  });
});

describe('GET /_emulator/resolve', () => {
  test('direct association: exact record, wildcard, CNAME, NODATA, NXDOMAIN, no private zone', async () => {
    const vpc = await newVpc(NETWORK, '10.40.0.0/16');
    const zoneId = await privateZone(NETWORK, 'direct.internal', vpc);
    await upsertA(NETWORK, zoneId, 'api.direct.internal', '10.40.0.10');
    await upsertA(NETWORK, zoneId, '*.apps.direct.internal', '10.40.0.20');
    await upsertA(NETWORK, zoneId, 'www.direct.internal', 'api.direct.internal', 'CNAME');

    const r = await resolve(vpc, 'api.direct.internal');
    expect(r.zone).toEqual({ id: zoneId, name: 'direct.internal.', ownerAccount: NETWORK, source: 'vpc' });
    expect(r.answers).toEqual([{ name: 'api.direct.internal.', type: 'A', ttl: 60, values: ['10.40.0.10'] }]);

    const wild = await resolve(vpc, 'a.b.apps.direct.internal');
    expect(wild).toMatchObject({ rcode: 'NOERROR', wildcard: '*.apps.direct.internal.' });
    expect(wild.answers[0]).toMatchObject({ name: 'a.b.apps.direct.internal.', values: ['10.40.0.20'] });
    // the wildcard does not answer for its own parent
    expect((await resolve(vpc, 'apps.direct.internal')).rcode).toBe('NXDOMAIN');

    const cname = await resolve(vpc, 'www.direct.internal');
    expect(cname.answers[0]).toMatchObject({ type: 'CNAME', values: ['api.direct.internal'] });
    expect(cname.cnameTarget?.answers[0].values).toEqual(['10.40.0.10']);

    expect(await resolve(vpc, 'api.direct.internal', 'AAAA')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(await resolve(vpc, 'nope.direct.internal')).toMatchObject({ rcode: 'NXDOMAIN', answers: [] });
    expect(await resolve(vpc, 'www.example.com')).toMatchObject({ rcode: 'NO_PRIVATE_ZONE', zone: null });

    // a VPC that is not associated sees nothing
    const stranger = await newVpc(NETWORK, '10.41.0.0/16');
    expect((await resolve(stranger, 'api.direct.internal')).rcode).toBe('NO_PRIVATE_ZONE');
    // parameter errors
    expect((await fetch(`${emu.endpoint}/_emulator/resolve?vpc=${vpc}`)).status).toBe(400);
    expect((await fetch(`${emu.endpoint}/_emulator/resolve?vpc=vpc-00000000000000000&name=a.b`)).status).toBe(404);
  });

  test('via profile: the zone of another account reaches the consumer VPC through the shared profile', async () => {
    const hubVpc = await newVpc(HUB3, '10.42.0.0/16');
    const zoneId = await privateZone(HUB3, 'shared.internal', hubVpc);
    await upsertA(HUB3, zoneId, 'db.shared.internal', '10.42.0.5');
    const p = await createProfile(HUB3, 'via-profile');
    const { ProfileResourceAssociation: ra } = await rp<GetProfileResourceAssociation>(HUB3, 'POST', '/profileresourceassociation', {
      Name: 'shared',
      ProfileId: p.Id,
      ResourceArn: zoneArn(zoneId),
    });
    await shareProfile(HUB3, p.Arn, CONSUMER);
    const spoke = await newVpc(CONSUMER, '10.43.0.0/16');
    expect((await resolve(spoke, 'db.shared.internal')).rcode).toBe('NO_PRIVATE_ZONE');

    const { ProfileAssociation: a } = await rp<GetProfileAssociation>(CONSUMER, 'POST', '/profileassociation', {
      Name: 'spoke',
      ProfileId: p.Id,
      ResourceId: spoke,
    });
    const r = await resolve(spoke, 'db.shared.internal');
    expect(r.zone).toEqual({
      id: zoneId,
      name: 'shared.internal.',
      ownerAccount: HUB3,
      source: 'profile',
      profileId: p.Id,
      profileAssociationId: a.Id,
      profileResourceAssociationId: ra.Id,
    });
    expect(r.answers[0].values).toEqual(['10.42.0.5']);

    // removing the zone from the profile removes the answer
    await rp(HUB3, 'DELETE', `/profileresourceassociation/profileid/${p.Id}/resourcearn/${enc(zoneArn(zoneId))}`);
    expect((await resolve(spoke, 'db.shared.internal')).rcode).toBe('NO_PRIVATE_ZONE');
  });

  test('precedence: most specific zone wins; equal names: the direct association beats the profile', async () => {
    const hubVpc = await newVpc(HUB3, '10.44.0.0/16');
    const parent = await privateZone(HUB3, 'corp.internal', hubVpc);
    const child = await privateZone(HUB3, 'test.corp.internal', hubVpc);
    await upsertA(HUB3, parent, 'a.test.corp.internal', '10.44.0.1');
    await upsertA(HUB3, child, 'a.test.corp.internal', '10.44.0.2');
    const p = await createProfile(HUB3, 'precedence');
    await rp(HUB3, 'POST', '/profileresourceassociation', { Name: 'child', ProfileId: p.Id, ResourceArn: zoneArn(child) });
    const spoke = await newVpc(HUB3, '10.45.0.0/16');
    await rp(HUB3, 'POST', '/profileassociation', { Name: 'spoke', ProfileId: p.Id, ResourceId: spoke });
    await (await r53(HUB3)).send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: parent, VPC: { VPCId: spoke, VPCRegion: REGION } }));

    // AWS: query test.example.com, profile rule test.example.com, VPC rule example.com -> Profile
    const specific = await resolve(spoke, 'a.test.corp.internal');
    expect(answerOf(specific)).toMatchObject({ zone: child, source: 'profile', values: ['10.44.0.2'] });
    expect(specific.candidates.map((c) => c.name).sort()).toEqual(['corp.internal.', 'test.corp.internal.']);
    // names outside the profile's zone are answered by the direct parent zone
    await upsertA(HUB3, parent, 'b.corp.internal', '10.44.0.3');
    expect(answerOf(await resolve(spoke, 'b.corp.internal'))).toMatchObject({ zone: parent, source: 'vpc', values: ['10.44.0.3'] });
  });

  test('migration: direct association -> profile added -> direct association removed; the name resolves at every step', async () => {
    // hub (network account) owns the zone and the profile; the spoke (consumer account) first uses a direct association
    const hubVpc = await newVpc(HUB3, '10.46.0.0/16');
    const zoneId = await privateZone(HUB3, 'sts.eu.internal', hubVpc);
    await upsertA(HUB3, zoneId, 'sts.eu.internal', '10.46.0.7');
    const spoke = await newVpc(CONSUMER, '10.47.0.0/16');
    const net = await r53(HUB3);
    await net.send(new CreateVPCAssociationAuthorizationCommand({ HostedZoneId: zoneId, VPC: { VPCId: spoke, VPCRegion: REGION } }));
    await (
      await r53(CONSUMER)
    ).send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: spoke, VPCRegion: REGION } }));
    const step = async () => answerOf(await resolve(spoke, 'sts.eu.internal'));

    expect(await step()).toEqual({ zone: zoneId, source: 'vpc', owner: HUB3, rcode: 'NOERROR', values: ['10.46.0.7'] });

    const p = await createProfile(HUB3, 'migration');
    await rp(HUB3, 'POST', '/profileresourceassociation', { Name: 'sts', ProfileId: p.Id, ResourceArn: zoneArn(zoneId) });
    await shareProfile(HUB3, p.Arn, CONSUMER);
    await rp(CONSUMER, 'POST', '/profileassociation', { Name: 'spoke', ProfileId: p.Id, ResourceId: spoke });
    // both: the direct association still answers
    expect(await step()).toEqual({ zone: zoneId, source: 'vpc', owner: HUB3, rcode: 'NOERROR', values: ['10.46.0.7'] });

    await (
      await r53(CONSUMER)
    ).send(new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: spoke, VPCRegion: REGION } }));
    expect(await step()).toEqual({ zone: zoneId, source: 'profile', owner: HUB3, rcode: 'NOERROR', values: ['10.46.0.7'] });

    // and re-associating directly while the profile holds the zone is allowed (no ConflictingDomainExists)
    await (
      await r53(CONSUMER)
    ).send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: spoke, VPCRegion: REGION } }));
    expect((await step()).source).toBe('vpc');
  });
});

// RAM: associating a profile with a share after creation
describe('RAM with a Route 53 Profile', () => {
  test('AssociateResourceShare of a profile ARN makes it visible to the principal', async () => {
    const p = await createProfile(HUB2, 'late share');
    const client = await ram(HUB2);
    const { resourceShare } = await client.send(new CreateResourceShareCommand({ name: 'late', principals: [OTHER] }));
    await expect(rp(OTHER, 'GET', `/profile/${p.Id}`)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await client.send(new AssociateResourceShareCommand({ resourceShareArn: resourceShare!.resourceShareArn!, resourceArns: [p.Arn] }));
    expect((await rp<GetProfile>(OTHER, 'GET', `/profile/${p.Id}`)).Profile.ShareStatus).toBe('SHARED_WITH_ME');
  });
});
