/**
 * Private DNS names of AWS interface endpoint services (the table AWS_INTERFACE_SERVICES in
 * test/emulator/moto_ext/ec2_privatelink.py; sources per entry there and in the README), and what
 * follows from a service without one (DynamoDB): private DNS cannot be turned on.
 */
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeVpcEndpointServicesCommand,
  EC2Client,
  ModifyVpcEndpointCommand,
  type ServiceDetail,
} from '@aws-sdk/client-ec2';

import { startEmulator, TEST_CREDENTIALS, type Emulator } from './harness';

jest.setTimeout(60_000);

let emu: Emulator;
const ec2 = (region: string) => new EC2Client({ endpoint: emu.endpoint, region, credentials: TEST_CREDENTIALS });

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

async function services(region: string, names: string[]): Promise<Record<string, ServiceDetail>> {
  const { ServiceDetails = [] } = await ec2(region).send(
    new DescribeVpcEndpointServicesCommand({ ServiceNames: names.map((n) => `com.amazonaws.${region}.${n}`) }),
  );
  return Object.fromEntries(ServiceDetails.map((d) => [d.ServiceName!.split('.').slice(3).join('.'), d]));
}

const names = (d: ServiceDetail) => [d.PrivateDnsName, (d.PrivateDnsNames ?? []).map((n) => n.PrivateDnsName)];

test('PrivateDnsName / PrivateDnsNames as AWS publishes them', async () => {
  for (const r of ['us-east-1', 'eu-west-1']) {
    const d = await services(r, [
      'kinesis-streams',
      'kinesis-firehose',
      's3',
      'ecr.dkr',
      'ecr.api',
      'monitoring',
      'email-smtp',
      'cassandra',
      'sts',
    ]);
    expect(names(d['kinesis-streams'])).toEqual([`kinesis.${r}.amazonaws.com`, [`kinesis.${r}.amazonaws.com`]]);
    expect(names(d['kinesis-firehose'])).toEqual([`firehose.${r}.amazonaws.com`, [`firehose.${r}.amazonaws.com`]]);
    expect(names(d.s3)).toEqual([
      `*.s3.${r}.amazonaws.com`,
      [`*.s3.${r}.amazonaws.com`, `*.s3-accesspoint.${r}.amazonaws.com`, `*.s3-control.${r}.amazonaws.com`],
    ]);
    expect(d['ecr.dkr'].PrivateDnsName).toBe(`*.dkr.ecr.${r}.amazonaws.com`);
    expect(d['ecr.api'].PrivateDnsName).toBe(`api.ecr.${r}.amazonaws.com`);
    expect(names(d.monitoring)).toEqual([
      `monitoring.${r}.amazonaws.com`,
      [`monitoring.${r}.amazonaws.com`, `monitoring.${r}.api.aws`, `monitoring-fips.${r}.amazonaws.com`, `monitoring-fips.${r}.api.aws`],
    ]);
    expect(d['email-smtp'].PrivateDnsName).toBe(`email-smtp.${r}.amazonaws.com`);
    expect(d.cassandra.PrivateDnsName).toBe(`cassandra.${r}.amazonaws.com`);
    expect(d.sts.PrivateDnsName).toBe(`sts.${r}.amazonaws.com`);
    expect(d.sts.AvailabilityZoneIds!.length).toBe(d.sts.AvailabilityZones!.length);
  }
});

test('DynamoDB interface endpoints have no private DNS name, so private DNS cannot be turned on', async () => {
  const { dynamodb } = await services('us-east-1', ['dynamodb']);
  expect(dynamodb.ServiceType).toEqual([{ ServiceType: 'Interface' }]);
  expect(dynamodb.PrivateDnsName).toBeUndefined();
  expect(dynamodb.PrivateDnsNames ?? []).toEqual([]);

  const client = ec2('us-east-1');
  const { Vpc } = await client.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }));
  const { Subnet } = await client.send(
    new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: '10.9.0.0/24', AvailabilityZone: 'us-east-1a' }),
  );
  const request = {
    VpcId: Vpc!.VpcId!,
    ServiceName: 'com.amazonaws.us-east-1.dynamodb',
    VpcEndpointType: 'Interface' as const,
    SubnetIds: [Subnet!.SubnetId!],
  };
  await expect(client.send(new CreateVpcEndpointCommand({ ...request, PrivateDnsEnabled: true }))).rejects.toMatchObject({
    name: 'InvalidParameter',
    message: "Private DNS can't be enabled because the service com.amazonaws.us-east-1.dynamodb does not provide a private DNS name.",
  });
  // Not asked for: off (AWS's default "true" applies only where there is a name).
  const { VpcEndpoint } = await client.send(new CreateVpcEndpointCommand(request));
  expect(VpcEndpoint!.PrivateDnsEnabled).toBe(false);
  await expect(
    client.send(new ModifyVpcEndpointCommand({ VpcEndpointId: VpcEndpoint!.VpcEndpointId, PrivateDnsEnabled: true })),
  ).rejects.toThrow(
    "Private DNS can't be enabled because the service com.amazonaws.us-east-1.dynamodb does not provide a private DNS name.",
  );
});
