/**
 * End to end, without an AWS account: every stack of an environment is deployed with `cdktf deploy`
 * to a local AWS emulator (moto, on loopback) the way README "First deploy" says, re-planned clean,
 * checked through the AWS SDK (not Terraform's own state) and the emulator's DNS answers, and
 * destroyed. The emulator enforces IAM from before the bootstrap (test/e2e/accounts.ts): the
 * bootstrap runs as an administrator of the management account, every deploy, plan and destroy as
 * the CI role, so each provider acts only through the deploy role the bootstrap generated from the
 * stacks, and one run without one generated permission fails with AccessDenied naming it.
 * dev resolves the hubs' names through zone associations, prod through Route 53 Profiles; prod's
 * datacenter is attached over a VPN, with the hub's Resolver and a forwarded domain. Each
 * environment is its own test file (dev.e2e.test.ts, prod.e2e.test.ts) with its own emulator, so
 * jest runs them in parallel.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import {
  DescribeFlowLogsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  type Filter,
} from '@aws-sdk/client-ec2';
import { GetResourceShareAssociationsCommand, GetResourceSharesCommand } from '@aws-sdk/client-ram';
import { ListResourceConfigurationsCommand, ListResourceGatewaysCommand } from '@aws-sdk/client-vpc-lattice';
import { GetHostedZoneCommand, ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { GetPolicyCommand, GetRoleCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetBucketEncryptionCommand, GetBucketVersioningCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import type { EnvironmentConfig, S3StateConfig } from '../../lib/config/types';
import { terraformEnv } from '../../lib/cli/terraform-cli';
import { interfaceEndpointDnsNames } from '../../lib/aws/catalog';
import {
  consumedServices,
  consumersOf,
  dnsModeOf,
  endpointServiceRegion,
  forwardingRulesOf,
  hubOf,
  onPremisesNetworks,
  onPremisesOf,
  reachSegments,
  resolverInboundIps,
  servicesOfKind,
  setReachesSegment,
  stackIds,
  supportedRegions,
  usesProfiles,
  usesZoneAssociations,
} from '../../lib/config/topology';
import { bootstrapSettings, roleBoundaryArn } from '../../lib/iam';
import { startEmulator, type Emulator, type Resolution } from '../emulator/harness';
import { EmulatedOrganization } from './accounts';
import { EmulatorAws } from './aws';
import { EnvironmentDriver, type Phase } from './driver';
import { VENDOR_ACCOUNT, VendorFixture } from './vendor';

/** A generated permission the run removes once, to show the deploy fails naming it: from which account, and the stack that needs it. */
export interface DeniedPermission {
  readonly accountId: string;
  readonly stack: string;
  readonly action: string;
}

const nameFilter = (name: string): Filter[] => [{ Name: 'tag:Name', Values: [name] }];

/** The answers of the Route 53 Profiles and Resolver operations the run reads, as far as it reads them (absent lists are empty). */
interface ListProfiles {
  readonly ProfileSummaries?: readonly { readonly Id: string; readonly Name: string }[];
}
interface ListProfileResourceAssociations {
  readonly ProfileResourceAssociations?: readonly { readonly ResourceType: string; readonly ResourceArn: string }[];
}
interface ListProfileAssociations {
  readonly ProfileAssociations?: readonly { readonly ProfileId: string }[];
}
interface ListResolverEndpoints {
  readonly ResolverEndpoints?: readonly { readonly Id: string; readonly Name: string; readonly Direction: string }[];
}
interface ListResolverEndpointIpAddresses {
  readonly IpAddresses?: readonly { readonly Ip: string }[];
}

/** The whole end-to-end run of one environment, in a test file of its own. */
export function describeEndToEnd(env: EnvironmentConfig, opts: { readonly denied?: DeniedPermission } = {}): void {
  jest.setTimeout(25 * 60_000);
  const workdir = mkdtempSync(join(tmpdir(), `pl-e2e-${env.name}-`));
  const baseEnv = terraformEnv(join(workdir, '.terraform-cli'));
  let emulator: Emulator;
  let org: EmulatedOrganization;
  let aws: EmulatorAws;
  let driver: EnvironmentDriver;
  const state = env.state as S3StateConfig;
  const stateAccount = bootstrapSettings(env)?.state?.accountId ?? env.network.accountId;

  /**
   * A Route 53 Profiles (REST-JSON) or Resolver (JSON 1.1) call in an account, as the SDK would make
   * it (SigV4, which the emulator checks once it enforces IAM): this project has neither SDK client.
   * `T` is the shape of its JSON answer that the test reads.
   */
  async function signedCall<T = unknown>(
    account: string,
    region: string,
    service: string,
    path: string,
    method: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<T> {
    const { credentials } = await aws.config(account, region);
    const url = new URL(emulator.endpoint + path);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const query = Object.fromEntries(url.searchParams);
    const signed = await new SignatureV4({ service, region, credentials, sha256: Sha256 }).sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host },
      body: payload,
    });
    const res = await fetch(url, { method, headers: signed.headers as Record<string, string>, body: payload });
    const text = await res.text();
    if (!res.ok) throw new Error(`${service} ${method} ${path} in ${account}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
  const profiles = <T = unknown>(account: string, region: string, method: string, path: string) =>
    signedCall<T>(account, region, 'route53profiles', path, method, { 'content-type': 'application/json' });
  const resolverApi = <T = unknown>(account: string, region: string, action: string, body: unknown) =>
    signedCall<T>(
      account,
      region,
      'route53resolver',
      '/',
      'POST',
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53Resolver.${action}` },
      body,
    );
  /** What Route 53 Resolver would answer for `name` from `vpc` (the emulator's GET /_emulator/resolve). */
  async function resolveFrom(vpc: string, region: string, name: string): Promise<Resolution> {
    const res = await fetch(`${emulator.endpoint}/_emulator/resolve?vpc=${vpc}&region=${region}&name=${encodeURIComponent(name)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Resolution;
  }

  afterAll(async () => {
    await emulator?.stop();
    const phases: Phase[] = ['bootstrap', 'synth', 'init', 'apply', 'plan', 'destroy'];
    const timings = driver?.timings ?? {};
    const values = phases.map((p) => timings[p] ?? 0);
    process.stdout.write(
      `\nEnd-to-end wall time of ${env.name} per phase (seconds): ${phases.map((p, i) => `${p} ${(values[i] / 1000).toFixed(1)}`).join(', ')}, ` +
        `total ${(values.reduce((a, b) => a + b, 0) / 1000).toFixed(1)}\n`,
    );
  });

  describe(`${env.name} end to end`, () => {
    const owned = [...servicesOfKind(env, 'published'), ...servicesOfKind(env, 'resource')];
    const regions = [
      ...new Set([...Object.keys(env.network.hubs), ...owned.map((s) => s.config.region), ...env.consumers.map((c) => c.region)]),
    ].sort();
    const accounts = [
      ...new Set([env.network.accountId, ...owned.map((s) => s.config.accountId), ...env.consumers.map((c) => c.accountId)]),
    ].sort();
    let vendors: VendorFixture[] = [];

    const vpcId = async (accountId: string, region: string, name: string): Promise<string> => {
      const { ec2 } = await aws.clients(accountId, region);
      const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: nameFilter(name) }));
      expect(Vpcs.map((v) => v.Tags?.find((t) => t.Key === 'Name')?.Value)).toEqual([name]);
      return Vpcs[0].VpcId!;
    };

    beforeAll(async () => {
      emulator = await startEmulator();
      const external = servicesOfKind(env, 'external');
      org = await EmulatedOrganization.prepare(emulator.endpoint, env, { outsideAccounts: external.length > 0 ? [VENDOR_ACCOUNT] : [] });
      aws = new EmulatorAws(emulator.endpoint, (account) => org.adminIn(account));
      driver = new EnvironmentDriver({ envName: env.name, emulatorEndpoint: emulator.endpoint, baseEnv, outdir: join(workdir, 'out') });
      // README "First deploy": the bootstrap as an administrator of the management account ...
      await driver.bootstrap(org.administrator);
      // ... then everything else as the CI role, through the deploy roles only.
      driver.runAs(await org.ciCredentials());
      await driver.synth();
      await driver.init();
      vendors = external.map((s) => new VendorFixture(aws, env, s.name));
      for (const vendor of vendors) await vendor.publish();
    });

    afterAll(async () => {
      // Still deployed when a step failed before the destroy test: clean up anyway.
      if (driver?.deployed) await driver.destroy().catch((e) => process.stderr.write(`${e}\n`));
      for (const vendor of vendors) await vendor.remove().catch((e) => process.stderr.write(`${e}\n`));
    });

    test('the bootstrap made the state bucket, the deploy roles with their boundary, and RAM sharing with the organization', async () => {
      const s3 = await aws.s3In(stateAccount, state.region);
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: state.bucket }))).Status).toBe('Enabled');
      const { ServerSideEncryptionConfiguration: sse } = await s3.send(new GetBucketEncryptionCommand({ Bucket: state.bucket }));
      expect(sse?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('aws:kms');
      for (const account of accounts) {
        const { credentials } = await aws.config(account, 'us-east-1');
        const iam = new IAMClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials });
        const { Role } = await iam.send(new GetRoleCommand({ RoleName: env.deployRoleName }));
        expect({ account, trust: JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement[0].Principal }).toEqual({
          account,
          trust: { AWS: (bootstrapSettings(env)!.trust as { arn: string }).arn },
        });
        expect((await iam.send(new ListRolePoliciesCommand({ RoleName: env.deployRoleName }))).PolicyNames!.length).toBeGreaterThan(0);
        await iam.send(new GetPolicyCommand({ PolicyArn: roleBoundaryArn(env.name, account) }));
      }
      const res = await fetch(`${emulator.endpoint}/_emulator/organization`);
      expect(((await res.json()) as { organizations: { id: string; sharingWithRamEnabled: boolean }[] }).organizations).toEqual([
        expect.objectContaining({ id: env.organization.id, sharingWithRamEnabled: true }),
      ]);
    });

    if (opts.denied) {
      const denied = opts.denied;
      test(`least privilege: without ${denied.action} in the deploy role of ${denied.accountId}, ${denied.stack} fails with AccessDenied naming it`, async () => {
        const output = await org.withoutAction(denied.accountId, denied.action, () => driver.failingApply(denied.stack));
        expect(output).toMatch(
          new RegExp(`assumed-role/${env.deployRoleName}/[^ ]+ is not authorized to perform: ${denied.action.replace('.', '\\.')}\\b`),
        );
        expect(output).toContain(`arn:aws:sts::${denied.accountId}:assumed-role/${env.deployRoleName}/`);
      });
    }

    test('cdktf deploy of every stack as the CI role, through the generated deploy roles', async () => {
      await driver.apply();
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
        const named = (e: { ServiceName?: string }) =>
          Object.values(svc.kind === 'external' ? svc.serviceNames : {}).includes(e.ServiceName!);
        for (const c of consumers) {
          const endpoints = (await consumerEndpoints(c)).filter(named);
          expect(endpoints.map((e) => ({ consumer: c.name, state: e.State, privateDns: e.PrivateDnsEnabled }))).toEqual([
            { consumer: c.name, state: 'pendingAcceptance', privateDns: false },
          ]);
        }
        expect((await vendor.connections()).map((x) => [x.owner, x.state])).toEqual(
          consumers.map((c) => [c.accountId, 'pendingAcceptance']).sort(),
        );
        await vendor.acceptAll();
        // Before the re-deploy, a plan of each of these consumers shows exactly the private DNS step.
        const stacks = consumers.map((c) => stackIds.consumer(env, c));
        const plans = await driver.plan(stacks);
        for (const id of stacks) {
          const changes = plans[id].output
            .split('\n')
            .filter((l) => /^\s*# \S+ (will|must) be /.test(l))
            .map((l) => l.trim().replace(/_[0-9A-F]{8}/, ''));
          expect({ id, code: plans[id].code, changes }).toEqual({
            id,
            code: 2,
            changes: [`# aws_vpc_endpoint_private_dns.external-${vendor.service}_private-dns will be updated in-place`],
          });
        }
        await driver.applyStacks(stacks);
        for (const c of consumers) {
          const endpoints = (await consumerEndpoints(c)).filter(named);
          expect(endpoints.map((e) => ({ consumer: c.name, state: e.State, privateDns: e.PrivateDnsEnabled }))).toEqual([
            { consumer: c.name, state: 'available', privateDns: true },
          ]);
        }
      }
    });

    test('a second plan of every stack has no changes', async () => {
      const plans = await driver.plan();
      expect(Object.keys(plans).sort()).toEqual(driver.stacks());
      for (const [id, { code, output }] of Object.entries(plans)) {
        // On a diff, show which resources would change (and the end of the output for errors).
        const changes = output
          .split('\n')
          .filter((l) => /^\s*# \S+ (will|must) be /.test(l))
          .map((l) => l.trim());
        expect({ id, code, changes, tail: code === 0 ? '' : output.slice(-1500) }).toEqual({ id, code: 0, changes: [], tail: '' });
      }
    });

    test('every stack state object is in the state bucket', async () => {
      const { Contents = [] } = await (
        await aws.s3In(stateAccount, state.region)
      ).send(new ListObjectsV2Command({ Bucket: state.bucket, Prefix: `${env.name}/` }));
      const keys = Contents.map((o) => o.Key!)
        .filter((k) => k.endsWith('.tfstate'))
        .sort();
      expect(keys).toEqual(driver.stacks().map((id) => `${env.name}/${id}.tfstate`));
    });

    test('each published service lives in its owner account: acceptance required, exactly its consumers allowed, their regions supported', async () => {
      for (const svc of servicesOfKind(env, 'published')) {
        const { ec2 } = await aws.clients(svc.config.accountId, svc.config.region);
        const { ServiceConfigurations = [] } = await ec2.send(
          new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: nameFilter(`${env.name}-${svc.name}`) }),
        );
        expect(ServiceConfigurations.map((c) => ({ service: svc.name, acceptance: c.AcceptanceRequired }))).toEqual([
          { service: svc.name, acceptance: true },
        ]);
        const [config] = ServiceConfigurations;
        const supported = (config.SupportedRegions ?? [])
          .map((r) => r.Region)
          .filter((r) => r !== svc.config.region)
          .sort();
        expect(supported).toEqual(supportedRegions(env, svc.config));
        const consumers = consumersOf(env, svc.name);
        for (const c of consumers.filter((x) => x.region !== svc.config.region)) expect(supported).toContain(c.region);
        const { AllowedPrincipals = [] } = await ec2.send(
          new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: config.ServiceId }),
        );
        expect({ service: svc.name, principals: AllowedPrincipals.map((p) => p.Principal).sort() }).toEqual({
          service: svc.name,
          principals: [...new Set(consumers.map((c) => `arn:aws:iam::${c.accountId}:root`))].sort(),
        });
      }
    });

    test("each resource configuration is shared with exactly its consumers' accounts, behind a resource gateway", async () => {
      for (const svc of servicesOfKind(env, 'resource')) {
        const { ram } = await aws.clients(svc.config.accountId, svc.config.region);
        const lattice = await aws.lattice(svc.config.accountId, svc.config.region);
        const { items: gateways = [] } = await lattice.send(new ListResourceGatewaysCommand({}));
        expect(gateways.filter((g) => g.name === `${env.name}-${svc.name}`).map((g) => g.status)).toEqual(['ACTIVE']);
        const { items: configs = [] } = await lattice.send(new ListResourceConfigurationsCommand({}));
        const config = configs.find((c) => c.name === `${env.name}-${svc.name}`);
        expect(config).toBeDefined();
        const { resourceShares = [] } = await ram.send(
          new GetResourceSharesCommand({ resourceOwner: 'SELF', name: `${env.name}-${svc.name}-resource` }),
        );
        const share = resourceShares.find((x) => x.status === 'ACTIVE')!;
        expect(share.allowExternalPrincipals).toBe(false);
        const associated = async (type: 'RESOURCE' | 'PRINCIPAL') =>
          (
            (
              await ram.send(
                new GetResourceShareAssociationsCommand({
                  associationType: type,
                  resourceShareArns: [share.resourceShareArn!],
                }),
              )
            ).resourceShareAssociations ?? []
          )
            .filter((a) => a.status === 'ASSOCIATED')
            .map((a) => a.associatedEntity)
            .sort();
        expect(await associated('RESOURCE')).toEqual([config!.arn]);
        expect({ service: svc.name, principals: await associated('PRINCIPAL') }).toEqual({
          service: svc.name,
          principals: [...new Set(consumersOf(env, svc.name).map((c) => c.accountId))].sort(),
        });
      }
    });

    test('each consumer has exactly one endpoint per consumed service, in its own account, of the right type and service region', async () => {
      const published: Record<string, string> = {};
      for (const svc of servicesOfKind(env, 'published')) {
        const { ec2 } = await aws.clients(svc.config.accountId, svc.config.region);
        const { ServiceConfigurations = [] } = await ec2.send(
          new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: nameFilter(`${env.name}-${svc.name}`) }),
        );
        published[ServiceConfigurations[0].ServiceName!] = svc.name;
      }
      const resources: Record<string, string> = {};
      for (const svc of servicesOfKind(env, 'resource')) {
        const lattice = await aws.lattice(svc.config.accountId, svc.config.region);
        const { items = [] } = await lattice.send(new ListResourceConfigurationsCommand({}));
        for (const item of items.filter((i) => i.name === `${env.name}-${svc.name}`)) resources[item.arn!] = svc.name;
      }
      const external: Record<string, string> = {};
      for (const svc of servicesOfKind(env, 'external'))
        for (const name of Object.values(svc.config.serviceNames)) external[name] = svc.name;
      for (const c of env.consumers) {
        const endpoints = await consumerEndpoints(c);
        const seen = endpoints
          .map((e) => {
            const name =
              e.VpcEndpointType === 'Resource'
                ? resources[e.ResourceConfigurationArn!]
                : (published[e.ServiceName!] ?? external[e.ServiceName!]);
            return {
              name,
              type: e.VpcEndpointType,
              owner: e.OwnerId,
              serviceRegion: e.VpcEndpointType === 'Resource' ? c.region : (e.ServiceRegion ?? c.region),
              state: e.State,
              subnets: e.SubnetIds?.length,
            };
          })
          .sort((a, b) => String(a.name).localeCompare(String(b.name)));
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
        const expected = Object.values(hub.endpointSets)
          .flatMap((s) => s.services)
          .map((s) => `com.amazonaws.${region}.${s}`)
          .sort();
        expect(VpcEndpoints.map((e) => e.ServiceName).sort()).toEqual(expected);
        for (const endpoint of VpcEndpoints) {
          expect(endpoint.PrivateDnsEnabled).toBe(false);
          const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: endpoint.SubnetIds }));
          expect(Subnets.map((s) => (/-az\d+$/.test(hub.azs[0]) ? s.AvailabilityZoneId : s.AvailabilityZone)).sort()).toEqual(
            [...hub.azs].sort(),
          );
        }
      }
    });

    test("each service's hosted zone is associated with the hub and, with zone associations, every spoke VPC of its segments", async () => {
      const { route53 } = await aws.clients(env.network.accountId, 'us-east-1');
      const { HostedZones = [] } = await route53.send(new ListHostedZonesCommand({}));
      const allSegments = Object.keys(env.segments);
      for (const [region, hub] of Object.entries(env.network.hubs)) {
        const hubVpc = await vpcId(env.network.accountId, region, `${env.name}-hub-${region}`);
        const direct = usesZoneAssociations(dnsModeOf(env, region));
        for (const [setName, set] of Object.entries(hub.endpointSets)) {
          const spokes = env.consumers.filter((c) => direct && c.region === region && (set.segments ?? allSegments).includes(c.segment));
          const expectedVpcs = [
            hubVpc,
            ...(await Promise.all(spokes.map((c) => vpcId(c.accountId, c.region, `${env.name}-${c.name}`)))),
          ].sort();
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

    test("with Route 53 Profiles, each hub has one profile per segment holding exactly its zones, and each spoke is associated with its segment's", async () => {
      for (const region of Object.keys(env.network.hubs).filter((r) => usesProfiles(dnsModeOf(env, r)))) {
        const { route53 } = await aws.clients(env.network.accountId, 'us-east-1');
        const { HostedZones = [] } = await route53.send(new ListHostedZonesCommand({}));
        const hubVpc = await vpcId(env.network.accountId, region, `${env.name}-hub-${region}`);
        const zoneIdOf: Record<string, string> = {};
        for (const z of HostedZones) {
          const { VPCs = [] } = await route53.send(new GetHostedZoneCommand({ Id: z.Id }));
          if (VPCs.some((v) => v.VPCId === hubVpc)) zoneIdOf[z.Name!.replace(/\.$/, '')] = z.Id!.replace('/hostedzone/', '');
        }
        const { ProfileSummaries = [] } = await profiles<ListProfiles>(env.network.accountId, region, 'GET', '/profiles');
        for (const segment of Object.keys(env.segments)) {
          const profile = ProfileSummaries.find((p: { Name: string }) => p.Name === `${env.name}-hub-${region}-${segment}`);
          expect({ region, segment, found: profile !== undefined }).toEqual({ region, segment, found: true });
          const profileId = profile!.Id; // found: checked just above
          const { ProfileResourceAssociations = [] } = await profiles<ListProfileResourceAssociations>(
            env.network.accountId,
            region,
            'GET',
            `/profileresourceassociations/profileid/${profileId}`,
          );
          const zones = ProfileResourceAssociations.filter((a: { ResourceType: string }) => a.ResourceType === 'PRIVATE_HOSTED_ZONE')
            .map((a: { ResourceArn: string }) => a.ResourceArn.split('/').pop())
            .sort();
          const hub = env.network.hubs[region];
          const expectedZones = Object.values(hub.endpointSets)
            .filter((set) => (set.segments ?? Object.keys(env.segments)).includes(segment))
            .flatMap((set) =>
              set.services.flatMap((svc) => interfaceEndpointDnsNames(svc, region).map((n) => zoneIdOf[n.replace(/^\*\./, '')])),
            )
            .sort();
          expect({ region, segment, zones }).toEqual({ region, segment, zones: expectedZones });
          const rules = ProfileResourceAssociations.filter((a: { ResourceType: string }) => a.ResourceType === 'RESOLVER_RULE').length;
          expect({ region, segment, rules }).toEqual({
            region,
            segment,
            rules: forwardingRulesOf(env, region).filter((r) => r.segments.includes(segment)).length,
          });
          for (const c of env.consumers.filter((x) => x.region === region)) {
            const vpc = await vpcId(c.accountId, region, `${env.name}-${c.name}`);
            const { ProfileAssociations = [] } = await profiles<ListProfileAssociations>(
              c.accountId,
              region,
              'GET',
              `/profileassociations?resourceId=${vpc}`,
            );
            if (c.segment === segment)
              expect({ consumer: c.name, profile: ProfileAssociations.map((a: { ProfileId: string }) => a.ProfileId) }).toEqual({
                consumer: c.name,
                profile: [profileId],
              });
          }
        }
      }
    });

    test("every spoke resolves each hub service name of its segment to the hub's endpoint (GET /_emulator/resolve)", async () => {
      for (const c of env.consumers) {
        const vpc = await vpcId(c.accountId, c.region, `${env.name}-${c.name}`);
        const source = usesZoneAssociations(dnsModeOf(env, c.region)) ? 'vpc' : 'profile';
        for (const set of Object.values(hubOf(env, c).endpointSets).filter((s) => setReachesSegment(s, c.segment))) {
          for (const name of set.services
            .flatMap((svc) => interfaceEndpointDnsNames(svc, c.region))
            .map((n) => n.replace(/^\*\./, 'any.'))) {
            const r = await resolveFrom(vpc, c.region, name);
            expect({
              consumer: c.name,
              name,
              rcode: r.rcode,
              source: r.zone?.source,
              endpoint: /\.vpce\.amazonaws\.com$/.test(r.answers?.[0]?.alias?.dnsName ?? ''),
            }).toEqual({ consumer: c.name, name, rcode: 'NOERROR', source, endpoint: true });
          }
        }
      }
    });

    test("on-premises: the VPN on each hub's TGW in the onprem table, its propagations, the Resolver at fixed addresses, forwarding for the spokes that reach it", async () => {
      for (const n of onPremisesNetworks(env)) {
        const region = n.config.region;
        const { ec2 } = await aws.clients(env.network.accountId, region);
        const { VpnConnections = [] } = await ec2.send(
          new DescribeVpnConnectionsCommand({ Filters: [{ Name: 'tag:onprem-network', Values: [n.name] }] }),
        );
        const live = VpnConnections.filter((v) => v.State !== 'deleted');
        expect(live.map((v) => ({ type: v.Type, static: v.Options?.StaticRoutesOnly ?? false }))).toEqual([
          { type: 'ipsec.1', static: n.config.vpn?.staticRoutesOnly ?? false },
        ]);
        const { TransitGatewayAttachments = [] } = await ec2.send(
          new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'resource-id', Values: [live[0].VpnConnectionId!] }] }),
        );
        const attachment = TransitGatewayAttachments.find((a) => a.State !== 'deleted')!.TransitGatewayAttachmentId!;
        const { TransitGatewayRouteTables = [] } = await ec2.send(
          new DescribeTransitGatewayRouteTablesCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [live[0].TransitGatewayId!] }] }),
        );
        const associated: string[] = [];
        const propagated: string[] = [];
        for (const t of TransitGatewayRouteTables) {
          const segment = t.Tags?.find((x) => x.Key === 'segment')?.Value ?? '?';
          const { Associations = [] } = await ec2.send(
            new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: t.TransitGatewayRouteTableId }),
          );
          if (Associations.some((a) => a.TransitGatewayAttachmentId === attachment)) associated.push(segment);
          const { TransitGatewayRouteTablePropagations = [] } = await ec2.send(
            new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: t.TransitGatewayRouteTableId }),
          );
          if (TransitGatewayRouteTablePropagations.some((p) => p.TransitGatewayAttachmentId === attachment)) propagated.push(segment);
        }
        expect({ network: n.name, associated, propagated: propagated.sort() }).toEqual({
          network: n.name,
          associated: ['onprem'],
          propagated: ['shared-services', ...reachSegments(n.config)].sort(),
        });

        // The inbound endpoint answers on-premises from the hub VPC's zones, at the addresses forwarders use.
        const { ResolverEndpoints = [] } = await resolverApi<ListResolverEndpoints>(
          env.network.accountId,
          region,
          'ListResolverEndpoints',
          {},
        );
        const inbound = ResolverEndpoints.filter(
          (e: { Direction: string; Name: string }) => e.Direction === 'INBOUND' && e.Name === `${env.name}-hub-${region}-inbound`,
        );
        expect(inbound).toHaveLength(1);
        const { IpAddresses = [] } = await resolverApi<ListResolverEndpointIpAddresses>(
          env.network.accountId,
          region,
          'ListResolverEndpointIpAddresses',
          {
            ResolverEndpointId: inbound[0].Id,
          },
        );
        expect(IpAddresses.map((a: { Ip: string }) => a.Ip).sort()).toEqual(
          resolverInboundIps(env.network.hubs[region])
            .map((a) => a.ip)
            .sort(),
        );
        const hubVpc = await vpcId(env.network.accountId, region, `${env.name}-hub-${region}`);
        for (const svc of Object.values(env.network.hubs[region].endpointSets).flatMap((set) => set.services)) {
          const name = interfaceEndpointDnsNames(svc, region)[0].replace(/^\*\./, 'any.');
          const r = await resolveFrom(hubVpc, region, name);
          expect({ name, rcode: r.rcode, source: r.zone?.source }).toEqual({ name, rcode: 'NOERROR', source: 'vpc' });
        }
        // Spokes of the reached segments forward the on-premises domains there; the others do not.
        for (const c of env.consumers.filter((x) => x.region === region)) {
          const vpc = await vpcId(c.accountId, region, `${env.name}-${c.name}`);
          for (const domain of n.config.forwardDomains ?? []) {
            const r = await resolveFrom(vpc, region, `host.${domain}`);
            const reached = reachSegments(n.config).includes(c.segment);
            expect({ consumer: c.name, rcode: r.rcode, targets: r.forward?.targetIps?.map((t: { ip: string }) => t.ip) }).toEqual({
              consumer: c.name,
              rcode: reached ? 'FORWARDED' : 'NO_PRIVATE_ZONE',
              targets: reached ? [...(n.config.dnsServers ?? [])].sort() : undefined,
            });
          }
        }
      }
    });

    test('each TGW is shared through RAM, and each attachment is associated with its segment route table and no other', async () => {
      for (const region of Object.keys(env.network.hubs)) {
        const { ec2, ram } = await aws.clients(env.network.accountId, region);
        const { TransitGateways = [] } = await ec2.send(
          new DescribeTransitGatewaysCommand({
            Filters: [...nameFilter(`${env.name}-hub-${region}`), { Name: 'state', Values: ['available'] }],
          }),
        );
        expect(TransitGateways).toHaveLength(1);
        const tgw = TransitGateways[0];

        const { resourceShares = [] } = await ram.send(
          new GetResourceSharesCommand({ resourceOwner: 'SELF', name: `${env.name}-hub-${region}-tgw` }),
        );
        const active = resourceShares.filter((s) => s.status === 'ACTIVE');
        expect(active.map((s) => s.allowExternalPrincipals)).toEqual([false]);
        const assoc = async (type: 'RESOURCE' | 'PRINCIPAL') =>
          (
            await ram.send(
              new GetResourceShareAssociationsCommand({
                associationType: type,
                resourceShareArns: [active[0].resourceShareArn!],
              }),
            )
          ).resourceShareAssociations
            ?.filter((a) => a.status === 'ASSOCIATED')
            .map((a) => a.associatedEntity) ?? [];
        expect(await assoc('RESOURCE')).toEqual([tgw.TransitGatewayArn]);
        expect(await assoc('PRINCIPAL')).toEqual([
          `arn:aws:organizations::${env.organization.managementAccountId}:organization/${env.organization.id}`,
        ]);

        const { TransitGatewayRouteTables = [] } = await ec2.send(
          new DescribeTransitGatewayRouteTablesCommand({ Filters: [{ Name: 'transit-gateway-id', Values: [tgw.TransitGatewayId!] }] }),
        );
        const tableOf: Record<string, string[]> = {};
        for (const table of TransitGatewayRouteTables) {
          const segment = table.Tags?.find((t) => t.Key === 'segment')?.Value ?? '?';
          const { Associations = [] } = await ec2.send(
            new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: table.TransitGatewayRouteTableId }),
          );
          for (const a of Associations) (tableOf[a.TransitGatewayAttachmentId!] ??= []).push(segment);
        }
        const onPremTable = onPremisesOf(env, region).length > 0 ? ['onprem'] : [];
        expect(TransitGatewayRouteTables.map((t) => t.Tags?.find((x) => x.Key === 'segment')?.Value).sort()).toEqual(
          [...Object.keys(env.segments), 'shared-services', ...onPremTable].sort(),
        );
        for (const c of env.consumers.filter((x) => x.region === region)) {
          const spoke = await aws.clients(c.accountId, region);
          const vpc = await vpcId(c.accountId, region, `${env.name}-${c.name}`);
          const { TransitGatewayAttachments = [] } = await spoke.ec2.send(
            new DescribeTransitGatewayAttachmentsCommand({ Filters: [{ Name: 'resource-id', Values: [vpc] }] }),
          );
          expect(TransitGatewayAttachments).toHaveLength(1);
          expect({ consumer: c.name, tables: tableOf[TransitGatewayAttachments[0].TransitGatewayAttachmentId!] }).toEqual({
            consumer: c.name,
            tables: [c.segment],
          });
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
            const { FlowLogs = [] } = await ec2.send(
              new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc.VpcId!] }] }),
            );
            expect({ vpc: vpc.VpcId, flowLogs: FlowLogs.length }).toEqual({ vpc: vpc.VpcId, flowLogs: 1 });
          }
        }
      }
      expect(vpcs).toBe(Object.keys(env.network.hubs).length + owned.length + env.consumers.length);
    });

    test('cdktf destroy removes everything the blueprint created', async () => {
      await driver.destroy();
      for (const account of accounts) {
        for (const region of regions) {
          const { ec2 } = await aws.clients(account, region);
          const where = `${account}/${region}`;
          const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:environment', Values: [env.name] }] }));
          expect({ where, vpcs: Vpcs.map((v) => v.VpcId) }).toEqual({ where, vpcs: [] });
          const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({}));
          expect({ where, endpoints: VpcEndpoints.filter((e) => !/deleted/i.test(e.State ?? '')).map((e) => e.VpcEndpointId) }).toEqual({
            where,
            endpoints: [],
          });
          const { ServiceConfigurations = [] } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
          expect({ where, services: ServiceConfigurations.map((s) => s.ServiceId) }).toEqual({ where, services: [] });
          const { TransitGateways = [] } = await ec2.send(new DescribeTransitGatewaysCommand({}));
          expect({ where, tgws: TransitGateways.filter((t) => t.State !== 'deleted').map((t) => t.TransitGatewayId) }).toEqual({
            where,
            tgws: [],
          });
          const { VpnConnections = [] } = await ec2.send(new DescribeVpnConnectionsCommand({}));
          expect({ where, vpns: VpnConnections.filter((v) => v.State !== 'deleted').map((v) => v.VpnConnectionId) }).toEqual({
            where,
            vpns: [],
          });
          const { ResolverEndpoints = [] } = await resolverApi<ListResolverEndpoints>(account, region, 'ListResolverEndpoints', {});
          expect({ where, resolvers: ResolverEndpoints.map((e: { Id: string }) => e.Id) }).toEqual({ where, resolvers: [] });
          const { ProfileSummaries = [] } = await profiles<ListProfiles>(account, region, 'GET', '/profiles');
          expect({
            where,
            profiles: ProfileSummaries.filter((p: { Name: string }) => p.Name.startsWith(`${env.name}-`)).map(
              (p: { Name: string }) => p.Name,
            ),
          }).toEqual({ where, profiles: [] });
          const lattice = await aws.lattice(account, region);
          const { items: gateways = [] } = await lattice.send(new ListResourceGatewaysCommand({}));
          const { items: configs = [] } = await lattice.send(new ListResourceConfigurationsCommand({}));
          expect({ where, gateways: gateways.map((g) => g.name), configs: configs.map((x) => x.name) }).toEqual({
            where,
            gateways: [],
            configs: [],
          });
        }
        const { route53 } = await aws.clients(account, 'us-east-1');
        const { HostedZones = [] } = await route53.send(new ListHostedZonesCommand({}));
        expect({ account, zones: HostedZones.map((z) => z.Name) }).toEqual({ account, zones: [] });
      }
    });
  });
}
