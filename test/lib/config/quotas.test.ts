/**
 * The DNS quotas at synth: 300 VPCs per private hosted zone with zone associations (also while
 * switching to profiles), and with Route 53 Profiles 5 profiles per account and region (one per
 * segment per hub) and 1,000 VPCs per profile, both adjustable through `quotas`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prod } from '../../../environments/prod';
import { generateEnvironment, PROFILES_FROM_SPOKES } from '../../../lib/config/generate-environment';
import type { DnsMode, EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment, type ConfigProblem } from '../../../lib/config/validate';
import { QUOTAS } from '../../../lib/config/validate/quotas';
import { disableTokenStackTraces } from '../../../lib/cdktf/internals';
import { synthesizeEnvironments } from '../../../stacks/synthesize';

jest.setTimeout(120_000);
// As main.ts does: token stack traces cost seconds at a thousand stacks.
disableTokenStackTraces();

const lines = (problems: readonly ConfigProblem[]): string[] =>
  problems.map((p) => `${p.severity === 'warning' ? 'warning: ' : ''}${p.path}: ${p.message}`);
const big = (dns: DnsMode | 'auto', consumers = 1000) => generateEnvironment({ consumers, regions: 1, services: 10, dns, name: 'big' });

describe('1,000 consumers in one region', () => {
  test('synthesize in profiles mode without a quota error', () => {
    let report = '';
    const ok = synthesizeEnvironments([big('profiles')], {
      outdir: mkdtempSync(join(tmpdir(), 'pl-big-')),
      report: (t) => {
        report += t;
      },
    });
    expect({ ok, report }).toEqual({ ok: true, report: '' });
  });

  test('fail at synth in zone-associations mode, with the 300-association message naming the hub and the segments', () => {
    let report = '';
    const ok = synthesizeEnvironments([big('zone-associations')], {
      outdir: mkdtempSync(join(tmpdir(), 'pl-big-')),
      report: (t) => {
        report += t;
      },
    });
    expect(ok).toBe(false);
    expect(report).toBe(
      [
        '2 configuration problems:',
        `big: network.hubs["us-east-1"].endpointSets["core"]: each private hosted zone of endpoint set 'core' of the hub in us-east-1 (the hub VPC, 500 spoke(s) of segment 'nonprod', 500 spoke(s) of segment 'prod') needs 1001 VPCs associated with a private hosted zone, past the quota of 300; switch the hub of us-east-1 to Route 53 Profiles (network.dns: 'profiles', through 'zone-associations+profiles') or move consumers of us-east-1 to another region (the quota is not adjustable)`,
        `big: network.hubs["us-east-1"].endpointSets["data"]: each private hosted zone of endpoint set 'data' of the hub in us-east-1 (the hub VPC, 500 spoke(s) of segment 'prod') needs 501 VPCs associated with a private hosted zone, past the quota of 300; switch the hub of us-east-1 to Route 53 Profiles (network.dns: 'profiles', through 'zone-associations+profiles') or move consumers of us-east-1 to another region (the quota is not adjustable)`,
        '',
      ].join('\n'),
    );
  });

  test('the transition holds the zone associations too, so it has the same limit', () => {
    expect(lines(validateEnvironment(big('zone-associations+profiles'))).map((l) => l.split(':')[0])).toEqual([
      'network.hubs["us-east-1"].endpointSets["core"]',
      'network.hubs["us-east-1"].endpointSets["data"]',
    ]);
  });

  test("the generator's auto mode gives profiles to a hub from 300 spokes (its zones would need 301 VPCs)", () => {
    expect(PROFILES_FROM_SPOKES).toBe(300);
    expect(big('auto').network.hubs['us-east-1'].dns).toBe('profiles');
    expect(big('auto', 299).network.hubs['us-east-1'].dns).toBeUndefined();
    expect(validateEnvironment(big('auto', 299)).filter((p) => p.severity !== 'warning')).toEqual([]);
    expect(validateEnvironment(big('auto'))).toEqual([]);
    // The bench's 1,000 consumers over 3 regions: 334 per region, every hub on profiles.
    const bench = generateEnvironment({ consumers: 1000, regions: 3, services: 10 });
    expect(Object.values(bench.network.hubs).map((h) => h.dns)).toEqual(['profiles', 'profiles', 'profiles']);
    expect(validateEnvironment(bench)).toEqual([]);
  });
});

describe('Route 53 Profiles quotas', () => {
  const segments = (n: number): EnvironmentConfig['segments'] =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`seg-${i + 1}`, { cidrs: [`10.${100 + i}.0.0/16`] }]));

  test('one profile per segment per hub: 5 per account and region, adjustable', () => {
    const six: EnvironmentConfig = { ...prod, segments: { ...prod.segments, ...segments(4) } };
    expect(lines(validateEnvironment(six))).toEqual([
      `network.dns: the network account in eu-west-1 (one Route 53 Profile per segment) needs 6 Route 53 Profiles per account and region, past the quota of 5; use fewer segments, or zone associations for the hub of eu-west-1, or request an increase of 'Route 53 Profiles per account and region' and declare it in quotas.profilesPerRegion`,
      `network.dns: the network account in us-east-1 (one Route 53 Profile per segment) needs 6 Route 53 Profiles per account and region, past the quota of 5; use fewer segments, or zone associations for the hub of us-east-1, or request an increase of 'Route 53 Profiles per account and region' and declare it in quotas.profilesPerRegion`,
    ]);
    expect(validateEnvironment({ ...six, quotas: { profilesPerRegion: 10 } })).toEqual([]);
    // A hub of zone associations holds no profile: only its own quota counts.
    const euZones = structuredClone(six) as EnvironmentConfig;
    (euZones.network.hubs['eu-west-1'] as { dns?: DnsMode }).dns = 'zone-associations';
    expect(lines(validateEnvironment(euZones)).map((l) => l.split(':')[0])).toEqual(['network.dns']);
    expect(lines(validateEnvironment(euZones))[0]).toContain('in us-east-1');
  });

  test('a warning from 4 segments (80% of 5)', () => {
    expect(lines(validateEnvironment({ ...prod, segments: { ...prod.segments, ...segments(2) } }))).toEqual([
      `warning: network.dns: the network account in eu-west-1 (one Route 53 Profile per segment) uses 4 of 5 Route 53 Profiles per account and region (quota); use fewer segments, or zone associations for the hub of eu-west-1 before it is reached, or request an increase of 'Route 53 Profiles per account and region' and declare it in quotas.profilesPerRegion`,
      `warning: network.dns: the network account in us-east-1 (one Route 53 Profile per segment) uses 4 of 5 Route 53 Profiles per account and region (quota); use fewer segments, or zone associations for the hub of us-east-1 before it is reached, or request an increase of 'Route 53 Profiles per account and region' and declare it in quotas.profilesPerRegion`,
    ]);
  });

  test("1,000 VPCs per profile (its segment's spokes in the region), adjustable", () => {
    const env = generateEnvironment({ consumers: 2002, regions: 1, services: 4, dns: 'profiles', name: 'huge' });
    expect(lines(validateEnvironment(env))).toEqual(
      [
        `segments["prod"]: the Route 53 Profile of segment 'prod' in us-east-1 needs 1001 VPCs associated with a Route 53 Profile, past the quota of 1000; move consumers of segment 'prod' in us-east-1 to another region or split the segment, or request an increase of 'VPCs associated with a Route 53 Profile' and declare it in quotas.profileVpcAssociations`,
        `segments["nonprod"]: the Route 53 Profile of segment 'nonprod' in us-east-1 needs 1001 VPCs associated with a Route 53 Profile, past the quota of 1000; move consumers of segment 'nonprod' in us-east-1 to another region or split the segment, or request an increase of 'VPCs associated with a Route 53 Profile' and declare it in quotas.profileVpcAssociations`,
      ].reverse(),
    );
    expect(validateEnvironment({ ...env, quotas: { profileVpcAssociations: 2000 } })).toEqual([]);
  });

  test('zone associations do not count against profiles, nor profiles against zones', () => {
    expect(
      lines(
        validateEnvironment({
          ...prod,
          network: { ...prod.network, dns: 'zone-associations' },
          segments: { ...prod.segments, ...segments(4) },
        }),
      ),
    ).toEqual([]);
  });

  test('one profile per VPC is not adjustable', () => {
    expect(QUOTAS.profilesPerVpc).toEqual({ limit: 1, adjustable: false, what: 'Route 53 Profiles associated with a VPC' });
    expect(lines(validateEnvironment({ ...prod, quotas: { profilesPerVpc: 2 } }))).toEqual([
      "quotas.profilesPerVpc: 'Route 53 Profiles associated with a VPC' is not adjustable (1); remove it",
    ]);
    expect(lines(validateEnvironment({ ...prod, quotas: { privateHostedZoneVpcAssociations: 600 } }))).toEqual([
      "quotas.privateHostedZoneVpcAssociations: 'VPCs associated with a private hosted zone' is not adjustable (300); remove it",
    ]);
  });
});
