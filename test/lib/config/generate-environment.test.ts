import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { INTERFACE_ENDPOINT_SERVICES, REGION_AZ_LETTERS, azIdPrefix } from '../../../lib/aws/catalog';
import { cidrContains, cidrsOverlap, parseCidr } from '../../../lib/net/cidr';
import { BENCH_CATALOG, consumerCidr, generateEnvironment, MAX_GENERATED_CONSUMERS } from '../../../lib/config/generate-environment';
import { buildEnvironment } from '../../../stacks/environment';
import { validateEnvironment } from '../../../lib/config/validate';

const SIZES = [10, 50, 200];
const generated = new Map(SIZES.map((n) => [n, generateEnvironment({ consumers: n, regions: 3, services: 10, ...BENCH_CATALOG })]));

function vpcCidrs(env: EnvironmentConfig): { owner: string; cidr: string }[] {
  return [
    ...Object.entries(env.network.hubs).map(([region, hub]) => ({ owner: `hub ${region}`, cidr: hub.cidr })),
    ...Object.entries(env.services ?? {}).flatMap(([name, svc]) =>
      svc.kind === 'external' ? [] : [{ owner: `service ${name}`, cidr: svc.cidr }],
    ),
    ...env.consumers.map((c) => ({ owner: `consumer ${c.name}`, cidr: c.cidr })),
  ];
}

describe.each(SIZES)('generateEnvironment with %i consumers, 3 regions, 10 services and the bench catalog', (n) => {
  const env = generated.get(n)!;

  it('passes validation', () => {
    expect(validateEnvironment(env)).toEqual([]);
  });

  it('has the requested shape', () => {
    expect(env.consumers).toHaveLength(n);
    expect(Object.keys(env.network.hubs)).toHaveLength(3);
    expect(Object.keys(env.segments)).toHaveLength(2);
    for (const hub of Object.values(env.network.hubs)) {
      const services = Object.values(hub.endpointSets).flatMap((s) => s.services);
      expect(services).toHaveLength(10);
      expect(new Set(services).size).toBe(10);
      for (const s of services) expect(INTERFACE_ENDPOINT_SERVICES).toContain(s);
    }
    // Consumers spread over every region and both segments.
    expect(new Set(env.consumers.map((c) => c.region))).toEqual(new Set(Object.keys(env.network.hubs)));
    expect(new Set(env.consumers.map((c) => c.segment))).toEqual(new Set(Object.keys(env.segments)));
  });

  it('has the bench catalog, each consumer consuming 3 services of its reach (a resource only in its region)', () => {
    const kinds = Object.values(env.services ?? {}).map((svc) => svc.kind);
    expect(kinds.filter((k) => k === 'published')).toHaveLength(BENCH_CATALOG.published);
    expect(kinds.filter((k) => k === 'external')).toHaveLength(BENCH_CATALOG.external);
    expect(kinds.filter((k) => k === 'resource')).toHaveLength(BENCH_CATALOG.resources);
    for (const c of env.consumers) {
      expect(c.consumes).toHaveLength(BENCH_CATALOG.consumesPerConsumer);
      for (const name of c.consumes ?? []) {
        const svc = env.services![name];
        if (svc.kind === 'resource') expect(svc.region).toBe(c.region);
      }
    }
  });

  it('gives every VPC its own CIDR inside the organization CIDR', () => {
    const vpcs = vpcCidrs(env);
    for (const v of vpcs) expect(cidrContains(env.organization.cidr, v.cidr)).toBe(true);
    // Sorted by network address, only neighbours can overlap (blocks are aligned, none nests another).
    const sorted = [...vpcs].sort((a, b) => parseCidr(a.cidr)!.network - parseCidr(b.cidr)!.network);
    for (let i = 1; i < sorted.length; i++) {
      expect([sorted[i - 1].owner, sorted[i].owner, cidrsOverlap(sorted[i - 1].cidr, sorted[i].cidr)]).toEqual([
        sorted[i - 1].owner,
        sorted[i].owner,
        false,
      ]);
    }
  });

  it('names consumers uniquely with DNS-safe names and distinct 12-digit account ids', () => {
    const names = env.consumers.map((c) => c.name);
    expect(new Set(names).size).toBe(n);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    const accounts = [env.organization.managementAccountId, env.network.accountId, ...env.consumers.map((c) => c.accountId)];
    for (const a of accounts) expect(a).toMatch(/^\d{12}$/);
    expect(new Set(accounts).size).toBe(accounts.length);
  });

  it('uses only availability zones of each VPC region, at least 2 each', () => {
    const check = (region: string, azs: readonly string[]) => {
      expect(azs.length).toBeGreaterThanOrEqual(2);
      expect(new Set(azs).size).toBe(azs.length);
      // AZ ids of the region (ids name the same zone in every account), within its number of zones.
      for (const az of azs) {
        expect(az).toMatch(new RegExp(`^${azIdPrefix(region)}-az[1-${REGION_AZ_LETTERS[region].length}]$`));
      }
    };
    for (const [region, hub] of Object.entries(env.network.hubs)) check(region, hub.azs);
    for (const svc of Object.values(env.services ?? {})) if (svc.kind !== 'external') check(svc.region, svc.azs);
    for (const c of env.consumers) check(c.region, c.azs);
  });
});

describe('generateEnvironment options', () => {
  it('is deterministic', () => {
    expect(generateEnvironment({ consumers: 50, ...BENCH_CATALOG })).toEqual(generated.get(50));
  });

  it('accepts explicit regions and services', () => {
    const env = generateEnvironment({ consumers: 4, regions: ['eu-central-1', 'us-west-2'], services: ['sts', 'logs'], name: 'scale' });
    expect(env.name).toBe('scale');
    expect(Object.keys(env.network.hubs)).toEqual(['eu-central-1', 'us-west-2']);
    expect(env.network.hubs['eu-central-1'].endpointSets).toEqual({ core: { services: ['sts', 'logs'] } });
    expect(validateEnvironment(env)).toEqual([]);
  });

  it("packs each segment's consumers into its range without gaps, alternating segments", () => {
    expect(consumerCidr(0)).toBe('10.16.0.0/22');
    expect(consumerCidr(1)).toBe('10.32.0.0/22');
    expect(consumerCidr(2)).toBe('10.16.4.0/22');
    expect(consumerCidr(MAX_GENERATED_CONSUMERS - 2)).toBe('10.31.252.0/22');
    expect(consumerCidr(MAX_GENERATED_CONSUMERS - 1)).toBe('10.47.252.0/22');
  });

  it('rejects sizes that do not fit', () => {
    expect(() => generateEnvironment({ consumers: MAX_GENERATED_CONSUMERS + 1 })).toThrow(
      /at most 2048 consumers fit in the segments' ranges/,
    );
    expect(() => generateEnvironment({ consumers: -1 })).toThrow(/consumers must be an integer/);
    expect(() => generateEnvironment({ consumers: 1, regions: 0 })).toThrow(/regions must be a positive integer/);
    expect(() => generateEnvironment({ consumers: 1, regions: ['us-nowhere-1'] })).toThrow(/not in lib\/aws\/catalog\.ts/);
  });
});

describe('a generated environment of 10 consumers synthesizes', () => {
  it('into one stack per hub, hub pair, published or resource service, and consumer', () => {
    const env = generated.get(10)!;
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'generate-environment-test-'));
    try {
      const app = new App({ outdir });
      buildEnvironment(app, env);
      app.synth();
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
      // 3 hubs, 3 peerings (every pair of 3 regions), 20 published and 5 resource services, 10 consumers.
      expect(Object.keys(manifest.stacks)).toHaveLength(3 + 3 + 20 + 5 + 10);
      expect(Object.keys(manifest.stacks)).toContain('bench-consumer-team-001-us-east-1');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 15000);
});
