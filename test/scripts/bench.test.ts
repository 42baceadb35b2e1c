import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../lib/cli/args';
import { BENCH_CATALOG, generateEnvironment } from '../../lib/config/generate-environment';
import { synthesizeEnvironments } from '../../stacks/synthesize';
import {
  buildReport,
  countOutput,
  evaluateTargets,
  exitCodeOf,
  floorPlan,
  parseOptions,
  render,
  sameWorkload,
  sizesOf,
  TARGETS,
  timeValidation,
  type Measurements,
  type Options,
  type Row,
  type TargetResult,
  type TargetSpec,
} from '../../scripts/bench';
import { synthesizeFloor } from '../../scripts/bench-floor';

describe('parseOptions', () => {
  it('defaults to the sizes the targets need, 3 runs, 3 regions, 10 services, the CLI row', () => {
    expect(parseOptions([])).toEqual({
      sizes: [10, 50, 200, 1000],
      runs: 3,
      regions: 3,
      services: 10,
      json: false,
      cli: true,
      profile: false,
      keep: false,
    });
  });

  it('reads every option, sorting and deduplicating the sizes', () => {
    expect(
      parseOptions([
        '--sizes',
        '200,10,50,10',
        '--runs=1',
        '--regions',
        '2',
        '--services',
        '4',
        '--json',
        '--no-cli',
        '--profile',
        '--keep',
      ]),
    ).toEqual({
      sizes: [10, 50, 200],
      runs: 1,
      regions: 2,
      services: 4,
      json: true,
      cli: false,
      profile: true,
      keep: true,
    });
  });

  it.each([
    [['--size', '10'], "unknown argument '--size'"],
    [['--runs', '0'], "--runs must be a positive integer, got '0'"],
    [['--sizes', '10,x'], "--sizes must be a positive integer, got 'x'"],
    [['--sizes'], '--sizes needs a value'],
    [['--json=yes'], '--json takes no value'],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

describe('TARGETS', () => {
  it('holds the thresholds of the issue, each in one row', () => {
    const limits = Object.fromEntries(
      TARGETS.map((t) => [t.id, t.kind === 'vs-floor' ? t.max : t.kind === 'growth' ? t.maxDrift : t.maxMs]),
    );
    expect(limits).toEqual({
      'wall-vs-floor-200': 1.5,
      'rss-vs-floor-200': 1.5,
      'wall-vs-floor-1000': 1.25,
      'rss-vs-floor-1000': 1.25,
      'growth-50-200-1000': 0.1,
      'growth-10-50-200': 0.2,
      'validate-2000': 500,
      'cli-synth': 5000,
    });
    expect(new Set(TARGETS.map((t) => t.id)).size).toBe(TARGETS.length);
  });

  it('derives the default sizes from the targets', () => {
    expect(sizesOf(TARGETS)).toEqual([10, 50, 200, 1000]);
    expect(
      sizesOf([
        { id: 'x', kind: 'growth', sizes: [5, 1, 3], maxDrift: 0.1 },
        { id: 'y', kind: 'vs-floor', metric: 'rss', consumers: 3, max: 2 },
      ]),
    ).toEqual([1, 3, 5]);
  });
});

// ---------------------------------------------------------------------------------------------
// Verdicts from given samples

function row(kind: Row['kind'], consumers: number | undefined, wallMs: number, rssMiB: number): Row {
  return {
    kind,
    consumers,
    stacks: 0,
    resources: 0,
    dataSources: 0,
    remoteStates: 0,
    outputs: 0,
    wallMs,
    wallMinMs: wallMs,
    wallMaxMs: wallMs,
    cpuMs: wallMs,
    rssMiB,
    spans: {},
  };
}

/** A run where every target passes: 10 ms per added consumer throughout, the blueprint 1.2x the floor. */
function passing(): { rows: Row[]; validation: NonNullable<Measurements['validation']> } {
  const wall = (n: number) => 900 + 10 * n;
  const rows = [10, 50, 200, 1000].flatMap((n) => [
    row('blueprint', n, wall(n), 120 + n / 10),
    row('floor', n, wall(n) / 1.2, 110 + n / 10),
  ]);
  rows.push(row('cli', undefined, 3000, 270));
  return { rows, validation: { consumers: 2000, warmups: 1, runs: 5, medianMs: 40, minMs: 35, maxMs: 60 } };
}

const statuses = (results: readonly TargetResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status]));

/** `rows` with the blueprint's wall time at `consumers` changed. */
function withWall(rows: readonly Row[], consumers: number, wallMs: number, kind: Row['kind'] = 'blueprint'): Row[] {
  return rows.map((r) => (r.kind === kind && r.consumers === consumers ? { ...r, wallMs } : r));
}

describe('evaluateTargets and exitCodeOf', () => {
  it('passes every target of a good run, exit code 0', () => {
    const results = evaluateTargets(TARGETS, passing());
    expect(Object.values(statuses(results))).toEqual(TARGETS.map(() => 'PASS'));
    expect(exitCodeOf(results)).toBe(0);
    const wall1000 = results.find((r) => r.id === 'wall-vs-floor-1000')!;
    expect(wall1000.value).toBeCloseTo(1.2);
    expect(wall1000.measured).toBe('1.20x (10900 / 9083 ms)');
    expect(wall1000.limit).toBe('<= 1.25x floor');
  });

  it('fails the 1,000-consumer wall target above 1.25x the floor (and passes at exactly 1.25x), exit code 1', () => {
    const m = passing();
    const floor1000 = m.rows.find((r) => r.kind === 'floor' && r.consumers === 1000)!.wallMs;
    const at = (ratio: number) => evaluateTargets(TARGETS, { ...m, rows: withWall(m.rows, 1000, floor1000 * ratio) });
    expect(statuses(at(1.25))['wall-vs-floor-1000']).toBe('PASS');
    const failed = at(1.3);
    expect(statuses(failed)['wall-vs-floor-1000']).toBe('FAIL');
    expect(exitCodeOf(failed)).toBe(1);
  });

  it('fails the 200-consumer RSS target above 1.5x the floor', () => {
    const m = passing();
    const rows = m.rows.map((r) => (r.kind === 'blueprint' && r.consumers === 200 ? { ...r, rssMiB: 300 } : r));
    const results = evaluateTargets(TARGETS, { ...m, rows });
    expect(statuses(results)['rss-vs-floor-200']).toBe('FAIL');
    expect(results.find((r) => r.id === 'rss-vs-floor-200')!.measured).toBe('2.31x (300 / 130 MiB)');
  });

  it('holds time per added consumer 200->1000 within 10% of 50->200', () => {
    const m = passing();
    // 50->200 is 10 ms per consumer; 200->1000 at 10.9 passes, at 11.5 (15% more) fails, as does 8.5.
    const at = (msPerConsumer: number) => {
      const wall200 = m.rows.find((r) => r.kind === 'blueprint' && r.consumers === 200)!.wallMs;
      return evaluateTargets(TARGETS, { ...m, rows: withWall(m.rows, 1000, wall200 + 800 * msPerConsumer) });
    };
    expect(statuses(at(10.9))['growth-50-200-1000']).toBe('PASS');
    expect(statuses(at(11.5))['growth-50-200-1000']).toBe('FAIL');
    expect(statuses(at(8.5))['growth-50-200-1000']).toBe('FAIL');
    expect(at(11.5).find((r) => r.id === 'growth-50-200-1000')!.measured).toBe('1.15x (11.5 vs 10.0 ms)');
  });

  it('keeps the 20% target between 10->50 and 50->200', () => {
    const m = passing();
    // 10->50 at 8.5 ms per consumer: 50->200 (10 ms) is 1.18x of it, within 20%; at 8 ms it is 1.25x.
    const wall50 = m.rows.find((r) => r.kind === 'blueprint' && r.consumers === 50)!.wallMs;
    expect(statuses(evaluateTargets(TARGETS, { ...m, rows: withWall(m.rows, 10, wall50 - 40 * 8.5) }))['growth-10-50-200']).toBe('PASS');
    expect(statuses(evaluateTargets(TARGETS, { ...m, rows: withWall(m.rows, 10, wall50 - 40 * 8) }))['growth-10-50-200']).toBe('FAIL');
  });

  it('fails validation at or above 0.5 s, and the CLI at or above 5 s', () => {
    const m = passing();
    const results = evaluateTargets(TARGETS, {
      rows: withWall(m.rows, undefined as unknown as number, 5000, 'cli'),
      validation: { ...m.validation, medianMs: 500 },
    });
    expect(statuses(results)).toMatchObject({ 'validate-2000': 'FAIL', 'cli-synth': 'FAIL' });
  });

  it('skips targets whose sizes or rows were not run; skips alone do not fail', () => {
    const m = passing();
    const results = evaluateTargets(TARGETS, { rows: m.rows.filter((r) => r.consumers !== 1000 && r.kind !== 'cli') });
    expect(statuses(results)).toEqual({
      'wall-vs-floor-200': 'PASS',
      'rss-vs-floor-200': 'PASS',
      'wall-vs-floor-1000': 'SKIP',
      'rss-vs-floor-1000': 'SKIP',
      'growth-50-200-1000': 'SKIP',
      'growth-10-50-200': 'PASS',
      'validate-2000': 'SKIP',
      'cli-synth': 'SKIP',
    });
    expect(results.filter((r) => r.status === 'SKIP').every((r) => r.value === null)).toBe(true);
    expect(exitCodeOf(results)).toBe(0);
  });

  it('evaluates any target table given', () => {
    const targets: TargetSpec[] = [{ id: 'tight', kind: 'vs-floor', metric: 'wall', consumers: 200, max: 1.1 }];
    expect(statuses(evaluateTargets(targets, passing()))).toEqual({ tight: 'FAIL' });
  });
});

describe('the report', () => {
  const opts: Options = { ...parseOptions([]), runs: 1 };
  const load = { start: [1.5, 2, 2.5], end: [1, 1, 1] };

  it('carries every target with its threshold and verdict in --json, and the exit code', () => {
    const m = passing();
    const failing = { ...m, rows: withWall(m.rows, 1000, 20000) };
    const json = JSON.parse(JSON.stringify(buildReport(opts, failing, undefined, load))) as ReturnType<typeof buildReport>;
    expect(json.targets.map((t) => t.id)).toEqual(TARGETS.map((t) => t.id));
    for (const t of json.targets)
      expect(Object.keys(t).sort()).toEqual(['id', 'limit', 'measured', 'name', 'status', 'threshold', 'value']);
    expect(json.targets.find((t) => t.id === 'wall-vs-floor-1000')).toMatchObject({ status: 'FAIL', threshold: 1.25 });
    expect(json).toMatchObject({ ok: false, exitCode: 1, machine: { loadAverage: load } });
    expect(json.workload.catalog).toEqual(BENCH_CATALOG);
  });

  it('prints the rows, the validation row and the verdicts', () => {
    const text = render(buildReport(opts, passing(), undefined, load));
    expect(text).toMatch(/^blueprint +1000 /m);
    expect(text).toMatch(/^floor \(bare cdktf\) +1000 /m);
    expect(text).toContain('validateEnvironment, 2000 consumers, in process: median 40 ms of 5 runs');
    expect(text).toMatch(/^PASS +wall time vs floor at 1000 consumers +1\.20x/m);
    expect(text).toContain('load average 1.5 2 2.5 at start');
    expect(text).toContain('Every target met.');
  });
});

// ---------------------------------------------------------------------------------------------
// The floor mirrors the blueprint

describe('the floor of a small generated environment', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("has the blueprint's stacks, providers, resources and data sources per type, remote states and outputs", () => {
    const env = generateEnvironment({ consumers: 3, regions: 3, services: 10, ...BENCH_CATALOG });
    let problems = '';
    expect(
      synthesizeEnvironments([env], {
        outdir: path.join(tmp, 'blueprint'),
        report: (t) => {
          problems += t;
        },
      }),
    ).toBe(true);
    expect(problems).toBe('');
    const blueprint = countOutput(path.join(tmp, 'blueprint'));
    // 3 hubs, 3 hub peerings, 20 published and 5 resource services, 3 consumers.
    expect(blueprint.stacks).toHaveLength(3 + 3 + BENCH_CATALOG.published + BENCH_CATALOG.resources + 3);
    const consumer = blueprint.stacks.find((s) => s.id === 'bench-consumer-team-001-us-east-1')!;
    expect(consumer.remoteStates).toBeGreaterThan(0);
    expect(consumer.providers).toBeGreaterThan(1);
    expect(consumer.resources.get('aws_vpc_endpoint')).toBeGreaterThan(0);
    expect(blueprint.stacks.some((s) => s.resources.has('aws_vpclattice_resource_gateway'))).toBe(true);

    synthesizeFloor(floorPlan(blueprint), path.join(tmp, 'floor'));
    const floor = countOutput(path.join(tmp, 'floor'));
    expect(sameWorkload(blueprint, floor)).toBeUndefined();
    // The floor's JSON holds no references: every `${...}` became a literal.
    for (const s of fs.readdirSync(path.join(tmp, 'floor', 'stacks'))) {
      const text = fs.readFileSync(path.join(tmp, 'floor', 'stacks', s, 'cdk.tf.json'), 'utf8');
      expect(text.match(/\$\{(?!terraform\.workspace)/g)).toBeNull();
    }

    // And the comparison notices a difference.
    const fewer = { ...floor, stacks: floor.stacks.map((s) => (s.id === consumer.id ? { ...s, remoteStates: s.remoteStates - 1 } : s)) };
    expect(sameWorkload(blueprint, fewer)).toMatch(/^stack bench-consumer-team-001-us-east-1 differs/);
    expect(sameWorkload(blueprint, { ...floor, stacks: floor.stacks.slice(1) })).toMatch(/stacks$/);
  }, 30000);
});

describe('timeValidation', () => {
  it('times validateEnvironment of a valid generated environment after a warm-up', () => {
    const v = timeValidation(20, 3, 10, 3);
    expect(v).toMatchObject({ consumers: 20, warmups: 1, runs: 3 });
    expect(v.minMs).toBeLessThanOrEqual(v.medianMs);
    expect(v.medianMs).toBeLessThanOrEqual(v.maxMs);
  });
});
