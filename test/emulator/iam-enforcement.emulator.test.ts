/**
 * moto's IAM enforcement on the operations test/emulator/moto_ext/ adds or replaces
 * (moto_ext/iam_auth.py): with enforcement on (POST /moto-api/reset-auth, body `0`), an assumed role
 * is denied what its policies do not allow, with AccessDenied naming the IAM action, and allowed the
 * rest; one denied and one allowed call per service (RAM, Route 53, EC2 PrivateLink / TGW, ELBv2,
 * VPC Lattice, Route 53 Profiles), signed for real (moto checks SigV4 signatures once enforcing),
 * including GET calls and paths carrying an ARN; plus the permission-only vpce:AllowMultiRegion.
 */
import {
  AcceptVpcEndpointConnectionsCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateVpcCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeTransitGatewaysCommand,
  DescribeVpcEndpointConnectionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
  SetSecurityGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DeleteResourceShareCommand,
  GetResourceShareAssociationsCommand,
  RAMClient,
} from '@aws-sdk/client-ram';
import {
  CreateHostedZoneCommand,
  CreateVPCAssociationAuthorizationCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateResourceGatewayCommand,
  ListResourceGatewaysCommand,
  ListTagsForResourceCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';

import { assumeRole, jsonCall, startEmulator, TEST_CREDENTIALS as TEST, type Credentials, type Emulator } from './harness';

jest.setTimeout(60_000);

const ACCOUNT = '444444444444';
const REGION = 'us-east-1';

/** What the limited role may do: one call per service (plus what the multi-Region role adds). */
const ALLOWED = [
  'ram:GetResourceShareAssociations',
  'ram:DeleteResourceShare',
  'route53:ListVPCAssociationAuthorizations',
  'ec2:DescribeVpcEndpointConnections',
  'ec2:DescribeTransitGateways',
  'ec2:CreateVpcEndpointServiceConfiguration',
  'elasticloadbalancing:DescribeLoadBalancers',
  'vpc-lattice:ListResourceGateways',
  'vpc-lattice:ListTagsForResource',
  'route53profiles:GetProfile',
  'route53profiles:ListTagsForResource',
  's3:ListBucket',
];

let emu: Emulator;
let limited: Credentials;
let multiRegion: Credentials;
/** An IAM user of another account (the "CI" account) that may assume any role of ACCOUNT by its own policy. */
let ciUser: Credentials;
const CI_ACCOUNT = '111111111111';
const setup: Record<string, string> = {};

const assume = (credentials: Credentials, role: string, account = ACCOUNT) =>
  assumeRole(emu, credentials, `arn:aws:iam::${account}:role/${role}`, 'iam-test');

const clients = (credentials: Credentials) => ({
  ec2: new EC2Client({ endpoint: emu.endpoint, region: REGION, credentials }),
  elb: new ElasticLoadBalancingV2Client({ endpoint: emu.endpoint, region: REGION, credentials }),
  ram: new RAMClient({ endpoint: emu.endpoint, region: REGION, credentials }),
  r53: new Route53Client({ endpoint: emu.endpoint, region: REGION, credentials }),
  lattice: new VPCLatticeClient({ endpoint: emu.endpoint, region: REGION, credentials }),
  iam: new IAMClient({ endpoint: emu.endpoint, region: REGION, credentials }),
});

/** A signed REST-JSON call (there is no Route 53 Profiles SDK client in this repository). */
const signed = <T = unknown>(credentials: Credentials, service: string, method: string, path: string, body?: unknown) =>
  jsonCall<T>(emu.endpoint, credentials, { service, method, path, body });

/** The SDK error of a denied call: its name and the IAM action it names. */
const denied = (action: string) => ({
  message: expect.stringMatching(new RegExp(`assumed-role/limited/iam-test is not authorized to perform: ${action}$`)),
});

beforeAll(async () => {
  emu = await startEmulator();
  // Everything below runs before enforcement is switched on.
  const admin = clients(await assume(TEST, 'admin'));
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
  });
  for (const [role, actions] of [
    ['limited', ALLOWED],
    ['multi-region', ['ec2:CreateVpcEndpointServiceConfiguration', 'vpce:AllowMultiRegion']],
  ] as const) {
    await admin.iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust }));
    await admin.iam.send(
      new PutRolePolicyCommand({
        RoleName: role,
        PolicyName: 'p',
        // scoped to the account's ARNs, as a generated least-privilege policy would be
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: actions,
              Resource: [`arn:aws:*:*:${ACCOUNT}:*`, 'arn:aws:route53:::*', 'arn:aws:s3:::iam-state', 'arn:aws:s3:::iam-state/*'],
            },
          ],
        }),
      }),
    );
  }
  const { Vpc } = await admin.ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }));
  setup.vpc = Vpc!.VpcId!;
  const subnets = [];
  for (const [i, az] of ['us-east-1a', 'us-east-1b'].entries()) {
    subnets.push(
      (await admin.ec2.send(new CreateSubnetCommand({ VpcId: setup.vpc, CidrBlock: `10.60.${i}.0/24`, AvailabilityZone: az }))).Subnet!
        .SubnetId!,
    );
  }
  setup.nlb = (
    await admin.elb.send(new CreateLoadBalancerCommand({ Name: 'iam-nlb', Type: 'network', Scheme: 'internal', Subnets: subnets }))
  ).LoadBalancers![0].LoadBalancerArn!;
  setup.service = (
    await admin.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [setup.nlb] }))
  ).ServiceConfiguration!.ServiceId!;
  await admin.ec2.send(new CreateTransitGatewayCommand({}));
  setup.share = (await admin.ram.send(new CreateResourceShareCommand({ name: 'iam' }))).resourceShare!.resourceShareArn!;
  setup.share2 = (await admin.ram.send(new CreateResourceShareCommand({ name: 'iam-2' }))).resourceShare!.resourceShareArn!;
  setup.zone = (
    await admin.r53.send(
      new CreateHostedZoneCommand({ Name: 'iam.example', CallerReference: 'iam', VPC: { VPCId: setup.vpc, VPCRegion: REGION } }),
    )
  ).HostedZone!.Id!.replace('/hostedzone/', '');
  setup.gateway = (
    await admin.lattice.send(new CreateResourceGatewayCommand({ name: 'iam-gw', vpcIdentifier: setup.vpc, subnetIds: subnets }))
  ).arn!;
  const profile = (
    await signed<{ Profile: { Id: string; Arn: string } }>(await assume(TEST, 'admin'), 'route53profiles', 'POST', '/profile', {
      Name: 'iam',
      ClientToken: 'iam',
    })
  ).json.Profile;
  setup.profileId = profile.Id;
  setup.profileArn = profile.Arn;
  await new S3Client({ endpoint: emu.endpoint, region: REGION, credentials: await assume(TEST, 'admin'), forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: 'iam-state' }),
  );
  limited = await assume(TEST, 'limited');
  multiRegion = await assume(TEST, 'multi-region');

  // Trust: a CI user and a CI role in another account; `deployer` trusts the CI role only.
  const ciAdmin = clients(await assume(TEST, 'admin', CI_ACCOUNT));
  const assumeAny = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }],
  });
  await ciAdmin.iam.send(new CreateUserCommand({ UserName: 'ci' }));
  await ciAdmin.iam.send(new PutUserPolicyCommand({ UserName: 'ci', PolicyName: 'assume', PolicyDocument: assumeAny }));
  const key = (await ciAdmin.iam.send(new CreateAccessKeyCommand({ UserName: 'ci' }))).AccessKey!;
  ciUser = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const trustedBy = (principal: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] });
  await ciAdmin.iam.send(
    new CreateRoleCommand({ RoleName: 'ci-role', AssumeRolePolicyDocument: trustedBy(`arn:aws:iam::${CI_ACCOUNT}:user/ci`) }),
  );
  await ciAdmin.iam.send(new PutRolePolicyCommand({ RoleName: 'ci-role', PolicyName: 'assume', PolicyDocument: assumeAny }));
  await admin.iam.send(
    new CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: trustedBy(`arn:aws:iam::${CI_ACCOUNT}:role/ci-role`) }),
  );
  await admin.iam.send(
    new CreateRoleCommand({ RoleName: 'account-trust', AssumeRolePolicyDocument: trustedBy(`arn:aws:iam::${CI_ACCOUNT}:root`) }),
  );

  const res = await fetch(`${emu.endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await emu?.stop();
});

test('RAM (and an ARN in the query string)', async () => {
  const { ram } = clients(limited);
  const { resourceShareAssociations } = await ram.send(
    new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [setup.share] }),
  );
  expect(resourceShareAssociations).toEqual([]);
  expect((await ram.send(new DeleteResourceShareCommand({ resourceShareArn: setup.share2 }))).returnValue).toBe(true);
  await expect(
    ram.send(new AssociateResourceShareCommand({ resourceShareArn: setup.share, principals: ['555555555555'] })),
  ).rejects.toMatchObject({ name: 'AccessDeniedException', ...denied('ram:AssociateResourceShare') });
});

test('Route 53', async () => {
  const { r53 } = clients(limited);
  expect((await r53.send(new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: setup.zone }))).VPCs).toEqual([]);
  await expect(
    r53.send(
      new CreateVPCAssociationAuthorizationCommand({
        HostedZoneId: setup.zone,
        VPC: { VPCId: 'vpc-0123456789abcdef0', VPCRegion: REGION },
      }),
    ),
  ).rejects.toMatchObject({ name: 'AccessDenied', ...denied('route53:CreateVPCAssociationAuthorization') });
});

test('EC2 PrivateLink and Transit Gateway', async () => {
  const { ec2 } = clients(limited);
  expect((await ec2.send(new DescribeVpcEndpointConnectionsCommand({}))).VpcEndpointConnections).toEqual([]);
  expect((await ec2.send(new DescribeTransitGatewaysCommand({}))).TransitGateways!.length).toBe(1);
  await expect(
    ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: setup.service, VpcEndpointIds: ['vpce-0123456789abcdef0'] })),
  ).rejects.toMatchObject({ name: 'AccessDenied', ...denied('ec2:AcceptVpcEndpointConnections') });
});

test('EC2 PrivateLink: SupportedRegions needs the permission-only action vpce:AllowMultiRegion', async () => {
  const request = { NetworkLoadBalancerArns: [setup.nlb], SupportedRegions: ['eu-west-1'] };
  await expect(clients(limited).ec2.send(new CreateVpcEndpointServiceConfigurationCommand(request))).rejects.toMatchObject({
    name: 'AccessDenied',
    ...denied('vpce:AllowMultiRegion'),
  });
  // same Region only: the operation's own action is enough
  const own = await clients(limited).ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [setup.nlb] }));
  expect(own.ServiceConfiguration!.ServiceId).toMatch(/^vpce-svc-/);
  const multi = await clients(multiRegion).ec2.send(new CreateVpcEndpointServiceConfigurationCommand(request));
  expect(multi.ServiceConfiguration!.SupportedRegions!.map((r) => r.Region)).toEqual(['eu-west-1']);
});

test('ELBv2', async () => {
  const { elb } = clients(limited);
  expect((await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [setup.nlb] }))).LoadBalancers!.length).toBe(1);
  await expect(elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: setup.nlb, SecurityGroups: [] }))).rejects.toMatchObject({
    name: 'AccessDenied',
    ...denied('elasticloadbalancing:SetSecurityGroups'),
  });
});

test('VPC Lattice (GET, and an ARN in the path)', async () => {
  const { lattice } = clients(limited);
  expect((await lattice.send(new ListResourceGatewaysCommand({}))).items!.map((g) => g.arn)).toEqual([setup.gateway]);
  expect((await lattice.send(new ListTagsForResourceCommand({ resourceArn: setup.gateway }))).tags).toEqual({});
  await expect(
    lattice.send(
      new CreateResourceGatewayCommand({ name: 'denied-gw', vpcIdentifier: setup.vpc, subnetIds: ['subnet-0123456789abcdef0'] }),
    ),
  ).rejects.toMatchObject({ name: 'AccessDeniedException', ...denied('vpc-lattice:CreateResourceGateway') });
});

test('Route 53 Profiles (GET, and an ARN in the path)', async () => {
  const got = await signed<{ Profile?: { Id: string } }>(limited, 'route53profiles', 'GET', `/profile/${setup.profileId}`);
  expect([got.status, got.json.Profile?.Id]).toEqual([200, setup.profileId]);
  const tags = await signed(limited, 'route53profiles', 'GET', `/tags/${encodeURIComponent(setup.profileArn)}`);
  expect([tags.status, tags.json]).toEqual([200, { Tags: {} }]);
  const assoc = await signed(limited, 'route53profiles', 'POST', '/profileassociation', {
    Name: 'a',
    ProfileId: setup.profileId,
    ResourceId: setup.vpc,
  });
  expect(assoc.status).toBe(403);
  expect(assoc.json).toEqual({ __type: 'AccessDeniedException', ...denied('route53profiles:AssociateProfile') });
});

test("S3: a listing with an encoded prefix (the Terraform S3 backend's) is signed right, a write is denied", async () => {
  const s3 = new S3Client({ endpoint: emu.endpoint, region: REGION, credentials: limited, forcePathStyle: true });
  for (const Prefix of ['dev/', 'env:/'])
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'iam-state', Prefix }))).KeyCount).toBe(0);
  await expect(s3.send(new PutObjectCommand({ Bucket: 'iam-state', Key: 'dev/x.tfstate', Body: '{}' }))).rejects.toMatchObject({
    name: 'AccessDenied',
  });
});

test('a forged signature is refused in the service protocol', async () => {
  const res = await fetch(`${emu.endpoint}/profiles`, {
    headers: {
      'x-amz-date': '20250101T000000Z',
      'x-amz-security-token': limited.sessionToken!,
      authorization: `AWS4-HMAC-SHA256 Credential=${limited.accessKeyId}/20250101/${REGION}/route53profiles/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
    },
  });
  expect(res.status).toBe(403);
  expect(((await res.json()) as { __type: string }).__type).toBe('InvalidSignatureException');
});

test("trust policies are evaluated in the role's account: a role principal admits its sessions, nobody else", async () => {
  const deniedAssume = (who: string) => ({
    name: 'AccessDenied',
    message: expect.stringContaining(`${who} is not authorized to perform: sts:AssumeRole`),
  });
  // the CI user assumes its CI role (same account, user principal) ...
  const ciRole = await assume(ciUser, 'ci-role', CI_ACCOUNT);
  // ... whose sessions the deployer role of another account trusts
  expect((await assume(ciRole, 'deployer')).accessKeyId).toMatch(/^ASIA/);
  // an account principal admits every caller of that account whose own policy allows it
  expect((await assume(ciUser, 'account-trust')).accessKeyId).toMatch(/^ASIA/);
  // the user itself is not the trusted principal, although its own policy allows the call
  await expect(assume(ciUser, 'deployer')).rejects.toMatchObject(deniedAssume(`arn:aws:iam::${CI_ACCOUNT}:user/ci`));
  // a role that does not exist cannot be assumed
  await expect(assume(ciRole, 'no-such-role')).rejects.toMatchObject(deniedAssume('assumed-role/ci-role/iam-test'));
});
