/**
 * Exercises every operation added/fixed by test/emulator/moto_ext/ through the AWS SDK v3,
 * asserting real state (what is created is read back, what is deleted is gone).
 */
import {
  AcceptTransitGatewayPeeringAttachmentCommand,
  AcceptVpcEndpointConnectionsCommand,
  CreateTagsCommand,
  CreateTransitGatewayPeeringAttachmentCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayRouteTableCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointConnectionNotificationCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointConnectionNotificationsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DisableTransitGatewayRouteTablePropagationCommand,
  EnableTransitGatewayRouteTablePropagationCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  DescribeVpcEndpointConnectionNotificationsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcEndpointConnectionNotificationCommand,
  ModifyVpcEndpointCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DisassociateResourceShareCommand,
  GetResourceShareAssociationsCommand,
  GetResourceSharesCommand,
  ListResourceSharePermissionsCommand,
  RAMClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ram';
import {
  AssociateVPCWithHostedZoneCommand,
  CreateHostedZoneCommand,
  CreateVPCAssociationAuthorizationCommand,
  DeleteVPCAssociationAuthorizationCommand,
  DisassociateVPCFromHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesByVPCCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';

import { accountsOf, startEmulator, vpcWithSubnets, type Emulator } from './harness';

jest.setTimeout(60_000);

const NETWORK = '222222222222';
const PROVIDER = '333333333333';
const CONSUMER = '444444444444';
const CONSUMER_EU = '555555555555';
const ORG_ARN = 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5';

let emu: Emulator;
const accounts = accountsOf(() => emu, 'moto-ext-test');
const ec2 = (account: string, region?: string) => accounts.client(EC2Client, account, region);
const ram = (account: string) => accounts.client(RAMClient, account);
const r53 = (account: string) => accounts.client(Route53Client, account);

/** An internal network load balancer of `account` in these subnets: its ARN. */
async function nlb(account: string, name: string, subnets: string[]): Promise<string> {
  const elb = await accounts.client(ElasticLoadBalancingV2Client, account);
  const { LoadBalancers } = await elb.send(
    new CreateLoadBalancerCommand({ Name: name, Type: 'network', Scheme: 'internal', Subnets: subnets }),
  );
  return LoadBalancers![0].LoadBalancerArn!;
}

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

describe('RAM', () => {
  test('associate / list / permissions / disassociate with org and account principals', async () => {
    const net = await ram(NETWORK);
    const netEc2 = await ec2(NETWORK);
    const { TransitGateway } = await netEc2.send(new CreateTransitGatewayCommand({}));
    const tgwArn = `arn:aws:ec2:us-east-1:${NETWORK}:transit-gateway/${TransitGateway!.TransitGatewayId}`;
    const { resourceShare } = await net.send(new CreateResourceShareCommand({ name: 'tgw', allowExternalPrincipals: false }));
    const shareArn = resourceShare!.resourceShareArn!;
    await net.send(new CreateResourceShareCommand({ name: 'other' }));

    // only the requested share comes back
    const shares = await net.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [shareArn] }));
    expect(shares.resourceShares!.map((s) => s.name)).toEqual(['tgw']);
    expect(shares.resourceShares![0].allowExternalPrincipals).toBe(false);

    expect((await net.send(new ListResourceSharePermissionsCommand({ resourceShareArn: shareArn }))).permissions).toEqual([]);

    await net.send(new AssociateResourceShareCommand({ resourceShareArn: shareArn, resourceArns: [tgwArn] }));
    await net.send(new AssociateResourceShareCommand({ resourceShareArn: shareArn, principals: [ORG_ARN] }));
    await net.send(new AssociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }));

    const principals = await net.send(
      new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [shareArn] }),
    );
    expect(principals.resourceShareAssociations!.map((a) => [a.associatedEntity, a.status]).sort()).toEqual([
      [CONSUMER, 'ASSOCIATED'],
      [ORG_ARN, 'ASSOCIATED'],
    ]);
    const resources = await net.send(new GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', resourceArn: tgwArn }));
    expect(resources.resourceShareAssociations!.map((a) => a.associatedEntity)).toEqual([tgwArn]);
    const perms = await net.send(new ListResourceSharePermissionsCommand({ resourceShareArn: shareArn }));
    expect(perms.permissions!.map((p) => p.resourceType)).toEqual(['ec2:TransitGateway']);

    // the consumer sees the shared TGW and can attach its VPC; the owner sees the attachment
    const cons = await ec2(CONSUMER);
    const { vpcId, subnets } = await vpcWithSubnets(cons, '10.20.0.0/16', ['us-east-1a']);
    const { TransitGatewayVpcAttachment: att } = await cons.send(
      new CreateTransitGatewayVpcAttachmentCommand({
        TransitGatewayId: TransitGateway!.TransitGatewayId!,
        VpcId: vpcId,
        SubnetIds: subnets,
      }),
    );
    const seen = await netEc2.send(
      new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [att!.TransitGatewayAttachmentId!] }),
    );
    expect(seen.TransitGatewayAttachments![0].ResourceOwnerId).toBe(CONSUMER);

    await net.send(new DisassociateResourceShareCommand({ resourceShareArn: shareArn, principals: [CONSUMER] }));
    const after = await net.send(
      new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', principal: CONSUMER, resourceShareArns: [shareArn] }),
    );
    expect(after.resourceShareAssociations).toEqual([]);
  });
});

describe('Route 53', () => {
  test('private zone, VPC association authorization and cross-account association', async () => {
    const netEc2 = await ec2(NETWORK);
    const consEc2 = await ec2(CONSUMER);
    const netVpc = await vpcWithSubnets(netEc2, '10.10.0.0/16', []);
    const consVpc = await vpcWithSubnets(consEc2, '10.21.0.0/16', []);
    const net = await r53(NETWORK);
    const cons = await r53(CONSUMER);

    // created the provider's way: VPC given, no HostedZoneConfig.PrivateZone
    const { HostedZone } = await net.send(
      new CreateHostedZoneCommand({
        Name: 'sts.us-east-1.amazonaws.com',
        CallerReference: 'zone-1',
        VPC: { VPCId: netVpc.vpcId, VPCRegion: 'us-east-1' },
      }),
    );
    const zoneId = HostedZone!.Id!.replace('/hostedzone/', '');
    expect(HostedZone!.Config!.PrivateZone).toBe(true);

    // without authorization the consumer cannot associate
    await expect(
      cons.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: consVpc.vpcId, VPCRegion: 'us-east-1' } })),
    ).rejects.toThrow(/not authorized/i);

    await net.send(
      new CreateVPCAssociationAuthorizationCommand({ HostedZoneId: zoneId, VPC: { VPCId: consVpc.vpcId, VPCRegion: 'us-east-1' } }),
    );
    const auths = await net.send(new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: zoneId }));
    expect(auths.VPCs).toEqual([{ VPCId: consVpc.vpcId, VPCRegion: 'us-east-1' }]);

    await cons.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: consVpc.vpcId, VPCRegion: 'us-east-1' } }));
    const zone = await net.send(new GetHostedZoneCommand({ Id: zoneId }));
    expect(zone.VPCs!.map((v) => v.VPCId).sort()).toEqual([netVpc.vpcId, consVpc.vpcId].sort());
    const byVpc = await cons.send(new ListHostedZonesByVPCCommand({ VPCId: consVpc.vpcId, VPCRegion: 'us-east-1' }));
    expect(byVpc.HostedZoneSummaries!.map((z) => [z.HostedZoneId, z.Owner!.OwningAccount])).toEqual([[zoneId, NETWORK]]);

    await net.send(
      new DeleteVPCAssociationAuthorizationCommand({ HostedZoneId: zoneId, VPC: { VPCId: consVpc.vpcId, VPCRegion: 'us-east-1' } }),
    );
    expect((await net.send(new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: zoneId }))).VPCs).toEqual([]);

    await cons.send(
      new DisassociateVPCFromHostedZoneCommand({ HostedZoneId: zoneId, VPC: { VPCId: consVpc.vpcId, VPCRegion: 'us-east-1' } }),
    );
    const after = await net.send(new GetHostedZoneCommand({ Id: zoneId }));
    expect(after.VPCs!.map((v) => v.VPCId)).toEqual([netVpc.vpcId]);
  });
});

describe('EC2 PrivateLink', () => {
  test('AWS interface endpoint services table', async () => {
    const client = await ec2(NETWORK);
    const names = ['sts', 'ecr.api', 'ecr.dkr', 's3', 'dynamodb'].map((s) => `com.amazonaws.us-east-1.${s}`);
    const { ServiceDetails } = await client.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: names }));
    const byName = Object.fromEntries(ServiceDetails!.map((d) => [d.ServiceName, d]));
    expect(ServiceDetails).toHaveLength(5);
    expect(byName['com.amazonaws.us-east-1.sts'].PrivateDnsName).toBe('sts.us-east-1.amazonaws.com');
    expect(byName['com.amazonaws.us-east-1.ecr.api'].PrivateDnsName).toBe('api.ecr.us-east-1.amazonaws.com');
    expect(byName['com.amazonaws.us-east-1.ecr.dkr'].PrivateDnsName).toBe('*.dkr.ecr.us-east-1.amazonaws.com');
    expect(byName['com.amazonaws.us-east-1.s3'].ServiceType).toEqual([{ ServiceType: 'Interface' }]);
    expect(byName['com.amazonaws.us-east-1.sts'].VpcEndpointPolicySupported).toBe(true);
    expect(byName['com.amazonaws.us-east-1.sts'].AvailabilityZones!.length).toBeGreaterThanOrEqual(3);
  });

  test('endpoint service: permissions, cross-account/cross-region endpoints, accept, notifications', async () => {
    const prov = await ec2(PROVIDER);
    const { vpcId: _provVpc, subnets } = await vpcWithSubnets(prov, '10.30.0.0/16', ['us-east-1a', 'us-east-1b']);
    const lbArn = await nlb(PROVIDER, 'svc-nlb', subnets);
    const { ServiceConfiguration: svc } = await prov.send(
      new CreateVpcEndpointServiceConfigurationCommand({
        NetworkLoadBalancerArns: [lbArn],
        AcceptanceRequired: true,
        SupportedRegions: ['eu-west-1'],
      }),
    );
    const serviceId = svc!.ServiceId!;

    // permissions: ServicePermissionId returned and read back, filter by principal
    const added = await prov.send(
      new ModifyVpcEndpointServicePermissionsCommand({
        ServiceId: serviceId,
        AddAllowedPrincipals: [`arn:aws:iam::${CONSUMER}:root`, `arn:aws:iam::${CONSUMER_EU}:root`],
      }),
    );
    expect(added.AddedPrincipals![0].ServicePermissionId).toMatch(/^vpce-svc-perm-/);
    const perms = await prov.send(
      new DescribeVpcEndpointServicePermissionsCommand({
        ServiceId: serviceId,
        Filters: [{ Name: 'principal', Values: [`arn:aws:iam::${CONSUMER}:root`] }],
      }),
    );
    expect(perms.AllowedPrincipals!.map((p) => [p.Principal, p.PrincipalType])).toEqual([[`arn:aws:iam::${CONSUMER}:root`, 'Account']]);

    // connection notification CRUD
    const topic = `arn:aws:sns:us-east-1:${PROVIDER}:vpce`;
    const { ConnectionNotification: n } = await prov.send(
      new CreateVpcEndpointConnectionNotificationCommand({
        ServiceId: serviceId,
        ConnectionNotificationArn: topic,
        ConnectionEvents: ['Accept'],
      }),
    );
    await prov.send(
      new ModifyVpcEndpointConnectionNotificationCommand({
        ConnectionNotificationId: n!.ConnectionNotificationId!,
        ConnectionEvents: ['Accept', 'Reject'],
      }),
    );
    const described = await prov.send(
      new DescribeVpcEndpointConnectionNotificationsCommand({ ConnectionNotificationId: n!.ConnectionNotificationId! }),
    );
    expect(described.ConnectionNotificationSet![0]).toMatchObject({
      ServiceId: serviceId,
      ConnectionNotificationArn: topic,
      ConnectionEvents: ['Accept', 'Reject'],
    });

    // consumer endpoint in another account: pendingAcceptance until accepted
    const cons = await ec2(CONSUMER);
    const consVpc = await vpcWithSubnets(cons, '10.22.0.0/16', ['us-east-1a', 'us-east-1b']);
    const { VpcEndpoint: ep } = await cons.send(
      new CreateVpcEndpointCommand({
        VpcId: consVpc.vpcId,
        ServiceName: svc!.ServiceName!,
        VpcEndpointType: 'Interface',
        SubnetIds: consVpc.subnets,
        PrivateDnsEnabled: false,
      }),
    );
    expect(ep!.State).toBe('pendingAcceptance');
    expect(ep!.DnsEntries![0].DnsName).toContain(`${serviceId}.us-east-1.vpce.amazonaws.com`);

    // cross-region consumer (eu-west-1) with ServiceRegion
    const consEu = await ec2(CONSUMER_EU, 'eu-west-1');
    const euVpc = await vpcWithSubnets(consEu, '10.130.0.0/16', ['eu-west-1a']);
    const { VpcEndpoint: epEu } = await consEu.send(
      new CreateVpcEndpointCommand({
        VpcId: euVpc.vpcId,
        ServiceName: svc!.ServiceName!,
        ServiceRegion: 'us-east-1',
        VpcEndpointType: 'Interface',
        SubnetIds: euVpc.subnets,
      }),
    );
    expect(epEu!.ServiceRegion).toBe('us-east-1');

    const conns = await prov.send(new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'service-id', Values: [serviceId] }] }));
    expect(conns.VpcEndpointConnections!.map((c) => [c.VpcEndpointId, c.VpcEndpointOwner, c.VpcEndpointState]).sort()).toEqual(
      [
        [ep!.VpcEndpointId, CONSUMER, 'pendingAcceptance'],
        [epEu!.VpcEndpointId, CONSUMER_EU, 'pendingAcceptance'],
      ].sort(),
    );

    const accepted = await prov.send(
      new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [ep!.VpcEndpointId!] }),
    );
    expect(accepted.Unsuccessful).toEqual([]);
    const consView = await cons.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [ep!.VpcEndpointId!] }));
    expect(consView.VpcEndpoints![0].State).toBe('available');
    const provView = await prov.send(
      new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'vpc-endpoint-id', Values: [ep!.VpcEndpointId!] }] }),
    );
    expect(provView.VpcEndpointConnections![0].VpcEndpointState).toBe('available');

    await prov.send(new DeleteVpcEndpointConnectionNotificationsCommand({ ConnectionNotificationIds: [n!.ConnectionNotificationId!] }));
    await expect(
      prov.send(new DescribeVpcEndpointConnectionNotificationsCommand({ ConnectionNotificationId: n!.ConnectionNotificationId! })),
    ).rejects.toThrow(/does not exist/);
  });
});

describe('EC2 PrivateLink: a vendor service and private DNS', () => {
  test('a chosen service id (emulator:service-id), and private DNS refused until the vendor accepts', async () => {
    const vendor = await ec2('999999999999');
    const { subnets } = await vpcWithSubnets(vendor, '10.40.0.0/16', ['us-east-1a', 'us-east-1b']);
    const lbArn = await nlb('999999999999', 'vendor-nlb', subnets);
    const { ServiceConfiguration: svc } = await vendor.send(
      new CreateVpcEndpointServiceConfigurationCommand({
        NetworkLoadBalancerArns: [lbArn],
        AcceptanceRequired: true,
        PrivateDnsName: 'feed.vendor.example',
        TagSpecifications: [
          {
            ResourceType: 'vpc-endpoint-service',
            Tags: [
              { Key: 'emulator:service-id', Value: 'vpce-svc-0123456789abcdef0' },
              { Key: 'Name', Value: 'feed' },
            ],
          },
        ],
      }),
    );
    expect(svc).toMatchObject({
      ServiceId: 'vpce-svc-0123456789abcdef0',
      ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
    });
    const { ServiceConfigurations = [] } = await vendor.send(
      new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [svc!.ServiceId!] }),
    );
    expect(ServiceConfigurations[0].Tags?.find((t) => t.Key === 'Name')?.Value).toBe('feed');
    await vendor.send(
      new ModifyVpcEndpointServicePermissionsCommand({
        ServiceId: svc!.ServiceId,
        AddAllowedPrincipals: [`arn:aws:iam::${CONSUMER}:root`],
      }),
    );

    const consumer = await ec2(CONSUMER);
    const { vpcId, subnets: consumerSubnets } = await vpcWithSubnets(consumer, '10.41.0.0/16', ['us-east-1a', 'us-east-1b']);
    const request = { VpcId: vpcId, ServiceName: svc!.ServiceName, VpcEndpointType: 'Interface' as const, SubnetIds: consumerSubnets };
    // As AWS: private DNS cannot be asked for while the vendor has not accepted.
    await expect(consumer.send(new CreateVpcEndpointCommand({ ...request, PrivateDnsEnabled: true }))).rejects.toThrow(
      'Private DNS can only be enabled after the endpoint connection is accepted by the owner of com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
    );
    const { VpcEndpoint: ep } = await consumer.send(new CreateVpcEndpointCommand({ ...request, PrivateDnsEnabled: false }));
    expect(ep).toMatchObject({ State: 'pendingAcceptance', PrivateDnsEnabled: false });
    await expect(
      consumer.send(new ModifyVpcEndpointCommand({ VpcEndpointId: ep!.VpcEndpointId, PrivateDnsEnabled: true })),
    ).rejects.toThrow(/Private DNS can only be enabled after the endpoint connection is accepted/);
    const { VpcEndpoints: [failed] = [] } = await consumer.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [ep!.VpcEndpointId!] }));
    expect(failed.PrivateDnsEnabled).toBe(false);

    await vendor.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: svc!.ServiceId, VpcEndpointIds: [ep!.VpcEndpointId!] }));
    await consumer.send(new ModifyVpcEndpointCommand({ VpcEndpointId: ep!.VpcEndpointId, PrivateDnsEnabled: true }));
    const { VpcEndpoints: [accepted] = [] } = await consumer.send(
      new DescribeVpcEndpointsCommand({ VpcEndpointIds: [ep!.VpcEndpointId!] }),
    );
    expect(accepted).toMatchObject({ State: 'available', PrivateDnsEnabled: true });
    // A chosen id that is taken is refused.
    await expect(
      vendor.send(
        new CreateVpcEndpointServiceConfigurationCommand({
          NetworkLoadBalancerArns: [lbArn],
          TagSpecifications: [
            { ResourceType: 'vpc-endpoint-service', Tags: [{ Key: 'emulator:service-id', Value: 'vpce-svc-0123456789abcdef0' }] },
          ],
        }),
      ),
    ).rejects.toThrow(/malformed or taken/);
  });
});

describe('EC2 Transit Gateway', () => {
  test('defaults off: no default route table, tagged attachment, propagation into several tables', async () => {
    const net = await ec2(NETWORK);
    const { TransitGateway } = await net.send(
      new CreateTransitGatewayCommand({
        Options: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' },
      }),
    );
    const tgwId = TransitGateway!.TransitGatewayId!;
    const tables = async () =>
      (
        await net.send(
          new DescribeTransitGatewayRouteTablesCommand({
            Filters: [{ Name: 'transit-gateway-id', Values: [tgwId] }],
          }),
        )
      ).TransitGatewayRouteTables ?? [];
    expect(await tables()).toEqual([]);

    const { vpcId, subnets } = await vpcWithSubnets(net, '10.90.0.0/16', ['us-east-1a', 'us-east-1b']);
    const { TransitGatewayVpcAttachment: att } = await net.send(
      new CreateTransitGatewayVpcAttachmentCommand({
        TransitGatewayId: tgwId,
        VpcId: vpcId,
        SubnetIds: subnets,
        TagSpecifications: [{ ResourceType: 'transit-gateway-attachment', Tags: [{ Key: 'Name', Value: 'hub' }] }],
      }),
    );
    const attachmentId = att!.TransitGatewayAttachmentId!;
    const { TransitGatewayVpcAttachments = [] } = await net.send(
      new DescribeTransitGatewayVpcAttachmentsCommand({ TransitGatewayAttachmentIds: [attachmentId] }),
    );
    expect(TransitGatewayVpcAttachments[0].Tags).toEqual([{ Key: 'Name', Value: 'hub' }]);

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { TransitGatewayRouteTable } = await net.send(new CreateTransitGatewayRouteTableCommand({ TransitGatewayId: tgwId }));
      ids.push(TransitGatewayRouteTable!.TransitGatewayRouteTableId!);
      await net.send(
        new EnableTransitGatewayRouteTablePropagationCommand({
          TransitGatewayRouteTableId: ids.at(-1),
          TransitGatewayAttachmentId: attachmentId,
        }),
      );
    }
    const propagated = async (id: string) =>
      (
        (await net.send(new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: id })))
          .TransitGatewayRouteTablePropagations ?? []
      ).map((p) => p.TransitGatewayAttachmentId);
    for (const id of ids) expect(await propagated(id)).toEqual([attachmentId]);
    // Not associated anywhere until someone associates it.
    for (const id of ids) {
      const { Associations = [] } = await net.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: id }));
      expect(Associations).toEqual([]);
    }
    for (const id of ids) {
      await net.send(
        new DisableTransitGatewayRouteTablePropagationCommand({ TransitGatewayRouteTableId: id, TransitGatewayAttachmentId: attachmentId }),
      );
      expect(await propagated(id)).toEqual([]);
    }
  });
});

describe('EC2 Transit Gateway peering', () => {
  test('each side of a peering reads its own tags', async () => {
    const eu = await ec2(NETWORK, 'eu-west-1');
    const us = await ec2(NETWORK, 'us-east-1');
    const { TransitGateway: a } = await eu.send(new CreateTransitGatewayCommand({}));
    const { TransitGateway: b } = await us.send(new CreateTransitGatewayCommand({}));
    const { TransitGatewayPeeringAttachment: p } = await eu.send(
      new CreateTransitGatewayPeeringAttachmentCommand({
        TransitGatewayId: a!.TransitGatewayId,
        PeerTransitGatewayId: b!.TransitGatewayId,
        PeerAccountId: NETWORK,
        PeerRegion: 'us-east-1',
        TagSpecifications: [{ ResourceType: 'transit-gateway-attachment', Tags: [{ Key: 'side', Value: 'requester' }] }],
      }),
    );
    const id = p!.TransitGatewayAttachmentId!;
    await us.send(new AcceptTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: id }));
    await us.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'side', Value: 'accepter' }] }));
    const view = async (client: EC2Client) =>
      (
        await client.send(new DescribeTransitGatewayPeeringAttachmentsCommand({ TransitGatewayAttachmentIds: [id] }))
      ).TransitGatewayPeeringAttachments?.map((x) => ({ state: x.State, tags: x.Tags }));
    expect(await view(eu)).toEqual([{ state: 'available', tags: [{ Key: 'side', Value: 'requester' }] }]);
    expect(await view(us)).toEqual([{ state: 'available', tags: [{ Key: 'side', Value: 'accepter' }] }]);
  });
});

describe('RAM tags', () => {
  test('a share keeps its tags; TagResource and UntagResource change them', async () => {
    const client = await ram(NETWORK);
    const { resourceShare } = await client.send(new CreateResourceShareCommand({ name: 'tagged', tags: [{ key: 'env', value: 'dev' }] }));
    const arn = resourceShare!.resourceShareArn!;
    const tagsOf = async () =>
      (await client.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [arn] }))).resourceShares?.[0].tags;
    expect(await tagsOf()).toEqual([{ key: 'env', value: 'dev' }]);
    await client.send(new TagResourceCommand({ resourceShareArn: arn, tags: [{ key: 'owner', value: 'net' }] }));
    await client.send(new UntagResourceCommand({ resourceShareArn: arn, tagKeys: ['env'] }));
    expect(await tagsOf()).toEqual([{ key: 'owner', value: 'net' }]);
  });
});

describe('Route 53 changes', () => {
  test('are answered without a pending ChangeInfo, so clients need not wait', async () => {
    const client = await r53(NETWORK);
    const out = await client.send(new CreateHostedZoneCommand({ Name: 'nochange.example.com', CallerReference: `ref-${Date.now()}` }));
    expect(out.HostedZone?.Id).toBeDefined();
    expect(out.ChangeInfo).toBeUndefined();
  });
});
