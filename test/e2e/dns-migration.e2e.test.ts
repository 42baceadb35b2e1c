/**
 * The switch from zone associations to Route 53 Profiles on the emulator, with its own emulator
 * and a small environment (dev trimmed: one hub with two centralized services, two spokes, no
 * catalog service, and an on-premises office over a static VPN whose domain the spokes forward):
 *
 *   zone-associations → zone-associations+profiles → profiles
 *
 * Each step is deployed as a user deploys it (the hub stack first, then the consumers), planned
 * again without changes, and checked through GET /_emulator/resolve: every spoke resolves every
 * hub service name and forwards the office's domain, after each step and all through the applies
 * (a poller asks while Terraform works). Route 53's ConflictingDomainExists is checked on the way:
 * a second zone of a hub name cannot join a VPC that holds the hub's zone directly, while a VPC
 * that gets it through its profile can hold a local zone of that name (which then wins).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { CreateHostedZoneCommand, DeleteHostedZoneCommand, GetHostedZoneCommand, ListHostedZonesCommand } from '@aws-sdk/client-route-53';
import { dev } from '../../environments/dev';
import { mapLimit, run } from '../../lib/cli/run';
import { stackIds } from '../../lib/config/topology';
import type { DnsMode, EnvironmentConfig, S3StateConfig } from '../../lib/config/types';
import { assertValid } from '../../lib/config/validate';
import { synthText } from '../support/synth';
import { createStateBucket, emulatorToolEnv, startEmulator, type Emulator, type Resolution } from '../emulator/harness';
import { EmulatorAws } from './aws';

jest.setTimeout(15 * 60_000);

const REGION = 'us-east-1';
/** dev trimmed to the DNS: no catalog service, two centralized services (one with a wildcard name), an on-premises office. */
function environment(dns: DnsMode): EnvironmentConfig {
  return {
    ...dev,
    name: 'dnsmig',
    state: { kind: 's3', bucket: 'pl-dnsmig-tfstate', region: REGION },
    network: {
      ...dev.network,
      dns,
      hubs: { [REGION]: { ...dev.network.hubs[REGION], endpointSets: { core: { services: ['sts', 's3'] } } } },
      onPremises: {
        office: {
          region: REGION,
          cidrs: ['192.168.10.0/24'],
          vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 65020, staticRoutesOnly: true },
          reach: { segments: ['nonprod'] },
          forwardDomains: ['corp.example.com'],
          dnsServers: ['192.168.10.10'],
        },
      },
    },
    services: {},
    consumers: dev.consumers.map((c) => ({ ...c, consumes: [] })),
  };
}

/** What a spoke must resolve at every moment: the hub's names (apex and wildcard) and the office's domain. */
const NAMES = ['sts.us-east-1.amazonaws.com', 's3.us-east-1.amazonaws.com', 'my-bucket.s3.us-east-1.amazonaws.com'];
const FORWARDED = 'fileserver.corp.example.com';

const workdir = mkdtempSync(join(tmpdir(), 'pl-dnsmig-'));
const outdir = join(workdir, 'out');
let emulator: Emulator;
let aws: EmulatorAws;
let tfEnv: NodeJS.ProcessEnv;
const spokeVpcs: Record<string, string> = {};
const timings: [string, number][] = [];
const base = environment('zone-associations');
const hubStack = stackIds.network(base, REGION);
const consumerStacks = base.consumers.map((c) => stackIds.consumer(base, c));

async function terraform(stack: string, args: string[], timeoutMs = 600_000) {
  return run('terraform', [...args, '-input=false', '-no-color'], { cwd: join(outdir, 'stacks', stack), env: tfEnv, timeoutMs });
}

async function must(stack: string, args: string[]): Promise<string> {
  const r = await terraform(stack, args);
  if (r.code !== 0) throw new Error(`${stack}: terraform ${args[0]} failed (${r.code}):\n${(r.stdout + r.stderr).slice(-5000)}`);
  return r.stdout;
}

/** Synthesizes the environment in a DNS mode and deploys it: the hub, then the consumers. */
async function deploy(dns: DnsMode): Promise<void> {
  const env = environment(dns);
  assertValid([env]);
  const started = Date.now();
  synthText([env], outdir, { emulator: { endpoint: emulator.endpoint, maxRetries: 3 } });
  for (const id of [hubStack, ...consumerStacks]) await must(id, ['init']);
  await must(hubStack, ['apply', '-auto-approve']);
  await mapLimit(consumerStacks, 2, (id) => must(id, ['apply', '-auto-approve']));
  timings.push([`deploy ${dns}`, Date.now() - started]);
}

/** `terraform plan -detailed-exitcode` of every stack: the resources that would change (none). */
async function changes(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const started = Date.now();
  await mapLimit([hubStack, ...consumerStacks], 2, async (id) => {
    const r = await terraform(id, ['plan', '-detailed-exitcode', '-lock-timeout=30s']);
    out[id] =
      r.code === 0
        ? []
        : [
            `exit ${r.code}`,
            ...(r.stdout + r.stderr)
              .split('\n')
              .filter((l) => /^\s*# \S+ (will|must) be /.test(l) || /Error/.test(l))
              .map((l) => l.trim()),
          ];
  });
  timings.push(['plan', Date.now() - started]);
  return out;
}

async function resolve(vpc: string, name: string): Promise<Resolution> {
  const res = await fetch(`${emulator.endpoint}/_emulator/resolve?vpc=${vpc}&region=${REGION}&name=${encodeURIComponent(name)}`);
  if (res.status !== 200) throw new Error(`resolve ${name} from ${vpc}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Resolution;
}

/** How each spoke resolves each name now: `<rcode> <zone or rule source>`. */
async function answers(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [consumer, vpc] of Object.entries(spokeVpcs)) {
    for (const name of NAMES) {
      const r = await resolve(vpc, name);
      const target = r.answers?.[0]?.alias?.dnsName ?? '';
      out[`${consumer} ${name}`] = `${r.rcode} ${r.zone?.source ?? '-'}${/\.vpce\.amazonaws\.com$/.test(target) ? ' endpoint' : ''}`;
    }
    const f = await resolve(vpc, FORWARDED);
    out[`${consumer} ${FORWARDED}`] =
      `${f.rcode} ${f.forward?.source ?? '-'} ${(f.forward?.targetIps ?? []).map((t: { ip: string }) => t.ip).join(',')}`;
  }
  return out;
}

const expected = (source: 'vpc' | 'profile'): Record<string, string> =>
  Object.fromEntries(
    Object.keys(spokeVpcs).flatMap((c) => [
      ...NAMES.map((n) => [`${c} ${n}`, `NOERROR ${source} endpoint`]),
      [`${c} ${FORWARDED}`, `FORWARDED ${source} 192.168.10.10`],
    ]),
  );

/** Runs `during` while asking every spoke for every name, and returns each answer that was not one. */
async function withoutGap(during: () => Promise<void>): Promise<string[]> {
  const gaps: string[] = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      for (const [key, value] of Object.entries(await answers()))
        if (!/^(NOERROR \w+ endpoint|FORWARDED \w+ 192\.168\.10\.10)$/.test(value)) gaps.push(`${key}: ${value}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  try {
    await during();
  } finally {
    done = true;
    await poll;
  }
  return gaps;
}

async function hubZoneVpcs(): Promise<Record<string, number>> {
  const { route53 } = await aws.clients(base.network.accountId, REGION);
  const { HostedZones = [] } = await route53.send(new ListHostedZonesCommand({}));
  const out: Record<string, number> = {};
  for (const z of HostedZones.filter((x) => /^Centralized /.test(x.Config?.Comment ?? ''))) {
    out[z.Name!.replace(/\.$/, '')] = ((await route53.send(new GetHostedZoneCommand({ Id: z.Id }))).VPCs ?? []).length;
  }
  return out;
}

/** A private zone of a hub name, created in a spoke's account with the spoke VPC. */
async function localZone(consumer: string, name: string): Promise<{ id?: string; error?: string }> {
  const c = base.consumers.find((x) => x.name === consumer)!;
  const { route53 } = await aws.clients(c.accountId, REGION);
  try {
    const { HostedZone } = await route53.send(
      new CreateHostedZoneCommand({
        Name: name,
        CallerReference: `${consumer}-${Date.now()}`,
        VPC: { VPCId: spokeVpcs[consumer], VPCRegion: REGION },
      }),
    );
    return { id: HostedZone!.Id };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

beforeAll(async () => {
  emulator = await startEmulator();
  aws = new EmulatorAws(emulator.endpoint, base.deployRoleName);
  await createStateBucket(emulator.endpoint, (base.state as S3StateConfig).bucket, REGION);
  tfEnv = {
    ...emulatorToolEnv(emulator.endpoint, join(workdir, '.terraform-cli')),
  };
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
  process.stdout.write(
    `\nDNS migration on the emulator, wall time per step (seconds):\n${timings.map(([s, ms]) => `  ${s.padEnd(36)}${(ms / 1000).toFixed(1).padStart(7)}`).join('\n')}\n`,
  );
});

describe('zone-associations → zone-associations+profiles → profiles, without a gap', () => {
  test('zone-associations: every spoke resolves the hub names from the zones associated with it, and forwards the office domain', async () => {
    await deploy('zone-associations');
    for (const c of base.consumers) {
      const { ec2 } = await aws.clients(c.accountId, REGION);
      const { Vpcs = [] } = await ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [`${base.name}-${c.name}`] }] }),
      );
      spokeVpcs[c.name] = Vpcs[0].VpcId!;
    }
    expect(Object.keys(spokeVpcs)).toEqual(['web', 'batch']);
    expect(await answers()).toEqual(expected('vpc'));
    expect(await hubZoneVpcs()).toEqual({ 'sts.us-east-1.amazonaws.com': 3, 's3.us-east-1.amazonaws.com': 3 });
    expect(await changes()).toEqual({ [hubStack]: [], [consumerStacks[0]]: [], [consumerStacks[1]]: [] });
  });

  test("Route 53 refuses a second zone of a hub name in a VPC that holds the hub's zone directly (ConflictingDomainExists)", async () => {
    const { error } = await localZone('web', 'sts.us-east-1.amazonaws.com');
    expect(error).toMatch(
      /^ConflictingDomainExists: .*already associated with another private hosted zone that has an overlapping name space/,
    );
  });

  test('zone-associations+profiles: profiles added, the zones stay associated; answers never stop, the directly associated zone still answers', async () => {
    const gaps = await withoutGap(() => deploy('zone-associations+profiles'));
    expect(gaps).toEqual([]);
    expect(await answers()).toEqual(expected('vpc'));
    for (const vpc of Object.values(spokeVpcs)) {
      const r = await resolve(vpc, 'sts.us-east-1.amazonaws.com');
      // The profile holds the same zone: it is a candidate, the local association wins.
      expect(r.candidates.map((c: { source: string; id: string }) => c.source).sort()).toEqual(['profile', 'vpc']);
      expect(new Set(r.candidates.map((c: { id: string }) => c.id)).size).toBe(1);
    }
    expect(await changes()).toEqual({ [hubStack]: [], [consumerStacks[0]]: [], [consumerStacks[1]]: [] });
  });

  test('profiles: the zone associations go, the profile answers; answers never stop', async () => {
    const gaps = await withoutGap(() => deploy('profiles'));
    expect(gaps).toEqual([]);
    expect(await answers()).toEqual(expected('profile'));
    // Only the hub VPC is still associated directly (the Resolver inbound endpoint answers on-premises from it).
    expect(await hubZoneVpcs()).toEqual({ 'sts.us-east-1.amazonaws.com': 1, 's3.us-east-1.amazonaws.com': 1 });
    expect(await changes()).toEqual({ [hubStack]: [], [consumerStacks[0]]: [], [consumerStacks[1]]: [] });
  });

  test('through a profile a spoke may hold a local zone of a hub name: no conflict, and the local zone wins', async () => {
    const { id, error } = await localZone('batch', 'sts.us-east-1.amazonaws.com');
    expect(error).toBeUndefined();
    const r = await resolve(spokeVpcs.batch, 'sts.us-east-1.amazonaws.com');
    expect({ source: r.zone?.source, owner: r.zone?.ownerAccount }).toEqual({ source: 'vpc', owner: base.consumers[1].accountId });
    const { route53 } = await aws.clients(base.consumers[1].accountId, REGION);
    await route53.send(new DeleteHostedZoneCommand({ Id: id }));
    expect((await resolve(spokeVpcs.batch, 'sts.us-east-1.amazonaws.com')).zone?.source).toBe('profile');
  });

  test('destroy: the consumers, then the hub', async () => {
    const started = Date.now();
    await mapLimit(consumerStacks, 2, (id) => must(id, ['destroy', '-auto-approve']));
    await must(hubStack, ['destroy', '-auto-approve']);
    timings.push(['destroy', Date.now() - started]);
    expect(await hubZoneVpcs()).toEqual({});
  });
});
