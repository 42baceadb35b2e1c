/**
 * End to end, without an AWS account: every stack of dev and prod is deployed with
 * `cdktf deploy` to a local AWS emulator (moto, on loopback), re-planned clean, checked
 * through the AWS SDK (not Terraform's own state), and destroyed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeFlowLogsCommand, DescribeSubnetsCommand, DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand, DescribeTransitGatewaysCommand, DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand,
  GetTransitGatewayRouteTableAssociationsCommand, type Filter,
} from '@aws-sdk/client-ec2';
import { GetResourceShareAssociationsCommand, GetResourceSharesCommand } from '@aws-sdk/client-ram';
import { ListResourceConfigurationsCommand, ListResourceGatewaysCommand } from '@aws-sdk/client-vpc-lattice';
import { GetHostedZoneCommand, ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { dev } from '../../environments/dev';
import { prod } from '../../environments/prod';
import type { EnvironmentConfig, S3StateConfig } from '../../lib/config/types';
import { terraformEnv } from '../../lib/cli/terraform-cli';
import { consumedServices, consumersOf, endpointServiceRegion, servicesOfKind, stackIds, supportedRegions } from '../../lib/config/topology';
import { createStateBucket, startEmulator, type Emulator } from '../emulator/harness';
import { EmulatorAws } from './aws';
import { EnvironmentDriver, type Phase } from './driver';
import { VendorFixture } from './vendor';

jest.setTimeout(20 * 60_000);

const ENVIRONMENTS: EnvironmentConfig[] = [dev, prod];
const workdir = mkdtempSync(join(tmpdir(), 'pl-e2e-'));
const baseEnv = terraformEnv(join(workdir, '.terraform-cli'));
let emulator: Emulator;
let aws: EmulatorAws;
const report: Array<{ env: string; timings: Partial<Record<Phase, number>> }> = [];

beforeAll(async () => {
  emulator = await startEmulator();
  aws = new EmulatorAws(emulator.endpoint, dev.deployRoleName);
  for (const env of ENVIRONMENTS) {
    const state = env.state as S3StateConfig;
    await createStateBucket(emulator.endpoint, state.bucket, state.region, state.kmsKeyId);
  }
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
  const phases: Phase[] = ['synth', 'init', 'apply', 'plan', 'destroy'];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(6) : c.padStart(9))).join('  ');
  const lines = [
    '', 'End-to-end wall time per phase (seconds):',
    row(['env', ...phases, 'total']),
    ...report.map(({ env, timings }) => {
      const values = phases.map((p) => timings[p] ?? 0);
      return row([env, ...values.map((v) => (v / 1000).toFixed(1)), (values.reduce((a, b) => a + b, 0) / 1000).toFixed(1)]);
    }),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
});

const nameFilter = (name: string): Filter[] => [{ Name: 'tag:Name', Values: [name] }];

describe.each(ENVIRONMENTS.map((e) => [e.name, e] as const))('%s end to end', (_, env) => {
  const driver = () => drivers[env.name];
  const drivers: Record<string, EnvironmentDriver> = {};
  const owned = [...servicesOfKind(env, 'published'), ...servicesOfKind(env, 'resource')];
  const regions = [...new Set([...Object.keys(env.network.hubs), ...owned.map((s) => s.config.region), ...env.consumers.map((c) => c.region)])].sort();
  const accounts = [...new Set([env.network.accountId, ...owned.map((s) => s.config.accountId), ...env.consumers.map((c) => c.accountId)])].sort();
  let vendors: VendorFixture[] = [];

  const vpcId = async (accountId: string, region: string, name: string): Promise<string> => {
    const { ec2 } = await aws.clients(accountId, region);
    const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: nameFilter(name) }));
    expect(Vpcs.map((v) => v.Tags?.find((t) => t.Key === 'Name')?.Value)).toEqual([name]);
    return Vpcs[0].VpcId!;
  };

  beforeAll(async () => {
    drivers[env.name] = new EnvironmentDriver({
      envName: env.name,
      emulatorEndpoint: emulator.endpoint,
      baseEnv,
      outdir: join(workdir, env.name),
    });
    report.push({ env: env.name, timings: driver().timings });
    await driver().synth();
    await driver().init();
    vendors = servicesOfKind(env, 'external').map((s) => new VendorFixture(aws, env, s.name));
    for (const vendor of vendors) await vendor.publish();
    await driver().apply();
  });

  afterAll(async () => {
    // Still deployed when a step failed before the destroy test: clean up anyway.
    if (driver()?.deployed) await driver().destroy().catch((e) => process.stderr.write(`${e}\n`));
    for (const vendor of vendors) await vendor.remove().catch((e) => process.stderr.write(`${e}\n`));
  });

  /** The endpoints of a consumer's VPC: type, service, state, private DNS, region of the service. */
  const consumerEndpoints = async (c: EnvironmentConfig['consumers'][number]) => {
    const { ec2 } = await aws.clients(c.accountId, c.region);
    const vpc = await vpcId(c.accountId, c.region, `${env.name}-${c.name}`);
    const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
    return VpcEndpoints.filter((e) => !/deleted/i.test(e.State ?? ''));
  };

  test('external services: pending until the vendor accepts, private DNS on at the next deploy after it does', async () => {
    for (const vendor of vendors) {
      const svc = env.services![vendor.service];
      const consumers = consumersOf(env, vendor.service);
      const named = (e: { ServiceName?: string }) => Object.values(svc.kind === 'external' ? svc.serviceNames : {}).includes(e.ServiceName!);
      for (const c of consumers) {
        const endpoints = (await consumerEndpoints(c)).filter(named);
        expect(endpoints.map((e) => ({ consumer: c.name, state: e.State, privateDns: e.PrivateDnsEnabled })))
          .toEqual([{ consumer: c.name, state: 'pendingAcceptance', privateDns: false }]);
      }
      expect((await vendor.connections()).map((x) => [x.owner, x.state])).toEqual(consumers.map((c) => [c.accountId, 'pendingAcceptance']).sort());
      await vendor.acceptAll();
      // Before the re-deploy, a plan of each of these consumers shows exactly the private DNS step.
      const stacks = consumers.map((c) => stackIds.consumer(env, c));
      const plans = await driver().plan(stacks);
      for (const id of stacks) {
        const changes = plans[id].output.split('\n').filter((l) => /^\s*# \S+ (will|must) be /.test(l)).map((l) => l.trim().replace(/_[0-9A-F]{8}/, ''));
        expect({ id, code: plans[id].code, changes }).toEqual({ id, code: 2, changes: [`# aws_vpc_endpoint_private_dns.external-${vendor.service}_private-dns will be updated in-place`] });
      }
      await driver().applyStacks(stacks);
      for (const c of consumers) {
        const endpoints = (await consumerEndpoints(c)).filter(named);
        expect(endpoints.map((e) => ({ consumer: c.name, state: e.State, privateDns: e.PrivateDnsEnabled })))
          .toEqual([{ consumer: c.name, state: 'available', privateDns: true }]);
      }
    }
  });

  test('a second plan of every stack has no changes', async () => {
    const plans = await driver().plan();
    expect(Object.keys(plans).sort()).toEqual(driver().stacks());
    for (const [id, { code, output }] of Object.entries(plans)) {
      // On a diff, show which resources would change (and the end of the output for errors).
      const changes = output.split('\n').filter((l) => /^\s*# \S+ (will|must) be /.test(l)).map((l) => l.trim());
      expect({ id, code, changes, tail: code === 0 ? '' : output.slice(-1500) }).toEqual({ id, code: 0, changes: [], tail: '' });
    }
  });

  test('every stack state object is in the state bucket', async () => {
    const state = env.state as S3StateConfig;
    const { Contents = [] } = await aws.s3(state.region).send(new ListObjectsV2Command({ Bucket: state.bucket, Prefix: `${env.name}/` }));
    const keys = Contents.map((o) => o.Key!).filter((k) => k.endsWith('.tfstate')).sort();
    expect(keys).toEqual(driver().stacks().map((id) => `${env.name}/${id}.tfstate`));
  });

  test('each published service lives in its owner account: acceptance required, exactly its consumers allowed, their regions supported', async () => {
    for (const svc of servicesOfKind(env, 'published')) {
      const { ec2 } = await aws.clients(svc.config.accountId, svc.config.region);
      const { ServiceConfigurations = [] } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: nameFilter(`${env.name}-${svc.name}`) }));
      expect(ServiceConfigurations.map((c) => ({ service: svc.name, acceptance: c.AcceptanceRequired }))).toEqual([{ service: svc.name, acceptance: true }]);
      const [config] = ServiceConfigurations;
      const supported = (config.SupportedRegions ?? []).map((r) => r.Region).filter((r) => r !== svc.config.region).sort();
      expect(supported).toEqual(supportedRegions(env, svc.config));
      const consumers = consumersOf(env, svc.name);
      for (const c of consumers.filter((x) => x.region !== svc.config.region)) expect(supported).toContain(c.region);
      const { AllowedPrincipals = [] } = await ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: config.ServiceId }));
      expect({ service: svc.name, principals: AllowedPrincipals.map((p) => p.Principal).sort() })
        .toEqual({ service: svc.name, principals: [...new Set(consumers.map((c) => `arn:aws:iam::${c.accountId}:root`))].sort() });
    }
  });

  test('each resource configuration is shared with exactly its consumers\' accounts, behind a resource gateway', async () => {
    for (const svc of servicesOfKind(env, 'resource')) {
      const { ram } = await aws.clients(svc.config.accountId, svc.config.region);
      const lattice = await aws.lattice(svc.config.accountId, svc.config.region);
      const { items: gateways = [] } = await lattice.send(new ListResourceGatewaysCommand({}));
      expect(gateways.filter((g) => g.name === `${env.name}-${svc.name}`).map((g) => g.status)).toEqual(['ACTIVE']);
      const { items: configs = [] } = await lattice.send(new ListResourceConfigurationsCommand({}));
      const config = configs.find((c) => c.name === `${env.name}-${svc.name}`);
      expect(config).toBeDefined();
      const { resourceShares = [] } = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', name: `${env.name}-${svc.name}-resource` }));
      const share = resourceShares.find((x) => x.status === 'ACTIVE')!;
      expect(share.allowExternalPrincipals).toBe(false);
      const associated = async (type: 'RESOURCE' | 'PRINCIPAL') => ((await ram.send(new GetResourceShareAssociationsCommand({
        associationType: type, resourceShareArns: [share.resourceShareArn!],
      }))).resourceShareAssociations ?? []).filter((a) => a.status === 'ASSOCIATED').map((a) => a.associatedEntity).sort();
      expect(await associated('RESOURCE')).toEqual([config!.arn]);
      expect({ service: svc.name, principals: await associated('PRINCIPAL') })
        .toEqual({ service: svc.name, principals: [...new Set(consumersOf(env, svc.name).map((c) => c.accountId))].sort() });
    }
  });

  test('each consumer has exactly one endpoint per consumed service, in its own account, of the right type and service region', async () => {
    const published: Record<string, string> = {};
    for (const svc of servicesOfKind(env, 'published')) {
      const { ec2 } = await aws.clients(svc.config.accountId, svc.config.region);
      const { ServiceConfigurations = [] } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: nameFilter(`${env.name}-${svc.name}`) }));
      published[ServiceConfigurations[0].ServiceName!] = svc.name;
    }
    const resources: Record<string, string> = {};
    for (const svc of servicesOfKind(env, 'resource')) {
      const lattice = await aws.lattice(svc.config.accountId, svc.config.region);
      const { items = [] } = await lattice.send(new ListResourceConfigurationsCommand({}));
      for (const item of items.filter((i) => i.name === `${env.name}-${svc.name}`)) resources[item.arn!] = svc.name;
    }
    const external: Record<string, string> = {};
    for (const svc of servicesOfKind(env, 'external')) for (const name of Object.values(svc.config.serviceNames)) external[name] = svc.name;
    for (const c of env.consumers) {
      const endpoints = await consumerEndpoints(c);
      const seen = endpoints.map((e) => {
        const name = e.VpcEndpointType === 'Resource' ? resources[e.ResourceConfigurationArn!] : published[e.ServiceName!] ?? external[e.ServiceName!];
        return { name, type: e.VpcEndpointType, owner: e.OwnerId, serviceRegion: e.VpcEndpointType === 'Resource' ? c.region : e.ServiceRegion ?? c.region, state: e.State, subnets: e.SubnetIds?.length };
      }).sort((a, b) => String(a.name).localeCompare(String(b.name)));
      const expected = consumedServices(env, c).map((svc) => ({
        name: svc.name,
        type: svc.config.kind === 'resource' ? 'Resource' : 'Interface',
        owner: c.accountId,
        serviceRegion: endpointServiceRegion(svc.config, c.region),
        state: 'available',
        subnets: c.azs.length,
      }));
      expect({ consumer: c.name, endpoints: seen }).toEqual({ consumer: c.name, endpoints: expected });
    }
  });

  test('each hub has one endpoint per centralized service in each hub AZ', async () => {
    for (const [region, hub] of Object.entries(env.network.hubs)) {
      const { ec2 } = await aws.clients(env.network.accountId, region);
      const vpc = await vpcId(env.network.accountId, region, `${env.name}-hub-${region}`);
      const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }));
      const expected = Object.values(hub.endpointSets).flatMap((s) => s.services).map((s) => `com.amazonaws.${region}.${s}`).sort();
      expect(VpcEndpoints.map((e) => e.ServiceName).sort()).toEqual(expected);
      for (const endpoint of VpcEndpoints) {
        expect(endpoint.PrivateDnsEnabled).toBe(false);
        const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: endpoint.SubnetIds }));
        expect(Subnets.map((s) => s.AvailabilityZone).sort()).toEqual([...hub.azs].sort());
      }
    }
  });

  test("each service's hosted zone is associated with the hub and every spoke VPC of its segments", async () => {
    const { route53 } = await aws.clients(env.network.accountId, 'us-east-1');
    const { HostedZones = [] } = await route53.send(new ListHostedZonesCommand({}));
    const allSegments = Object.keys(env.segments);
    for (const [region, hub] of Object.entries(env.network.hubs)) {
      const hubVpc = await vpcId(env.network.accountId, region, `${env.name}-hub-${region}`);
      for (const [setName, set] of Object.entries(hub.endpointSets)) {
        const spokes = env.consumers.filter((c) => c.region === region && (set.segments ?? allSegments).includes(c.segment));
        const expectedVpcs = [hubVpc, ...(await Promise.all(spokes.map((c) => vpcId(c.accountId, c.region, `${env.name}-${c.name}`))))].sort();
        for (const service of set.services) {
          const candidates = HostedZones.filter((z) => z.Config?.Comment === `Centralized ${service} endpoint (${setName})`);
          const zones = await Promise.all(candidates.map((z) => route53.send(new GetHostedZoneCommand({ Id: z.Id }))));
          const inRegion = zones.filter((z) => (z.VPCs ?? []).some((v) => v.VPCId === hubVpc));
          expect(inRegion.map((z) => ({ service, private: z.HostedZone?.Config?.PrivateZone }))).toEqual([{ service, private: true }]);
          expect(inRegion[0].VPCs!.map((v) => v.VPCId).sort()).toEqual(expectedVpcs);
        }
      }
    }
  });

  test('each TGW is shared through RAM, and each attachment is associated with its segment route table and no other', async () => {
    for (const region of Object.keys(env.network.hubs)) {
      const { ec2, ram } = await aws.clients(env.network.accountId, region);
      const { TransitGateways = [] } = await ec2.send(new DescribeTransitGatewaysCommand({ Filters: [...nameFilter(`${env.name}-hub-${region}`), { Name: 'state', Values: ['available'] }] }));
      expect(TransitGateways).toHaveLength(1);
      const tgw = TransitGateways[0];

      const { resourceShares = [] } = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', name: `${env.name}-hub-${region}-tgw` }));
      const active = resourceShares.filter((s) => s.status === 'ACTIVE');
      expect(active.map((s) => s.allowExternalPrincipals)).toEqual([false]);
      const assoc = async (type: 'RESOURCE' | 'PRINCIPAL') => (await ram.send(new GetResourceShareAssociationsCommand({
        associationType: type, resourceShareArns: [active[0].resourceShareArn!],
      }))).resourceShareAssociations?.filter((a) => a.status === 'ASSOCIATED').map((a) => a.associatedEntity) ?? [];
      expect(await assoc('RESOURCE')).toEqual([tgw.TransitGatewayArn]);
      expect(await assoc('PRINCIPAL')).toEqual([`arn:aws:organizations::${env.organization.managementAccountId}:organization/${env.organization.id}`]);

      const { TransitGatewayRouteTables = [] } = await ec2.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [tgw.TransitGatewayId!] }] }));
      const tableOf: Record<string, string[]> = {};
      for (const table of TransitGatewayRouteTables) {
        const segment = table.Tags?.find((t) => t.Key === 'segment')?.Value ?? '?';
        const { Associations = [] } = await ec2.send(new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: table.TransitGatewayRouteTableId }));
        for (const a of Associations) (tableOf[a.TransitGatewayAttachmentId!] ??= []).push(segment);
      }
      expect(TransitGatewayRouteTables.map((t) => t.Tags?.find((x) => x.Key === 'segment')?.Value).sort()).toEqual([...Object.keys(env.segments), 'shared-services'].sort());
      for (const c of env.consumers.filter((x) => x.region === region)) {
        const spoke = await aws.clients(c.accountId, region);
        const vpc = await vpcId(c.accountId, region, `${env.name}-${c.name}`);
        const { TransitGatewayAttachments = [] } = await spoke.ec2.send(new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc] }] }));
        expect(TransitGatewayAttachments).toHaveLength(1);
        expect({ consumer: c.name, tables: tableOf[TransitGatewayAttachments[0].TransitGatewayAttachmentId!] }).toEqual({ consumer: c.name, tables: [c.segment] });
      }
    }
  });

  test('every VPC has flow logs', async () => {
    let vpcs = 0;
    for (const account of accounts) {
      for (const region of regions) {
        const { ec2 } = await aws.clients(account, region);
        const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:environment', Values: [env.name] }] }));
        for (const vpc of Vpcs) {
          vpcs++;
          const { FlowLogs = [] } = await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc.VpcId!] }] }));
          expect({ vpc: vpc.VpcId, flowLogs: FlowLogs.length }).toEqual({ vpc: vpc.VpcId, flowLogs: 1 });
        }
      }
    }
    expect(vpcs).toBe(Object.keys(env.network.hubs).length + owned.length + env.consumers.length);
  });

  test('cdktf destroy removes everything the blueprint created', async () => {
    await driver().destroy();
    for (const account of accounts) {
      for (const region of regions) {
        const { ec2 } = await aws.clients(account, region);
        const where = `${account}/${region}`;
        const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:environment', Values: [env.name] }] }));
        expect({ where, vpcs: Vpcs.map((v) => v.VpcId) }).toEqual({ where, vpcs: [] });
        const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({}));
        expect({ where, endpoints: VpcEndpoints.filter((e) => !/deleted/i.test(e.State ?? '')).map((e) => e.VpcEndpointId) }).toEqual({ where, endpoints: [] });
        const { ServiceConfigurations = [] } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
        expect({ where, services: ServiceConfigurations.map((s) => s.ServiceId) }).toEqual({ where, services: [] });
        const { TransitGateways = [] } = await ec2.send(new DescribeTransitGatewaysCommand({}));
        expect({ where, tgws: TransitGateways.filter((t) => t.State !== 'deleted').map((t) => t.TransitGatewayId) }).toEqual({ where, tgws: [] });
        const lattice = await aws.lattice(account, region);
        const { items: gateways = [] } = await lattice.send(new ListResourceGatewaysCommand({}));
        const { items: configs = [] } = await lattice.send(new ListResourceConfigurationsCommand({}));
        expect({ where, gateways: gateways.map((g) => g.name), configs: configs.map((x) => x.name) }).toEqual({ where, gateways: [], configs: [] });
      }
      const { route53 } = await aws.clients(account, 'us-east-1');
      const { HostedZones = [] } = await route53.send(new ListHostedZonesCommand({}));
      expect({ account, zones: HostedZones.map((z) => z.Name) }).toEqual({ account, zones: [] });
    }
  });
});
