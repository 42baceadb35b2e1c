/**
 * `npm run bench`: how synthesis scales with the number of consumer accounts, gated on targets.
 *
 * For each size (default 10, 50, 200 and 1,000 consumers over 3 hub regions with 10 centralized
 * services and the service catalog `BENCH_CATALOG`: 20 published, 5 external and 5 resource
 * services, 3 consumed per consumer) it generates an environment in memory
 * (`lib/config/generate-environment.ts`) and synthesizes it as `main.ts` does (validation, build,
 * rules, synth, token stack traces off) in a FRESH child process
 * (`node scripts/run-ts.js scripts/bench.ts --child ...`) into a temp dir; then it runs the
 * FLOOR (`scripts/bench-floor.ts`): a bare cdktf program with the same stacks, providers,
 * resources and data sources per provider class, remote-state reads and outputs, and no
 * blueprint logic. Each measurement is the median of `--runs` runs: wall time of the whole
 * process (node start to exit) and its peak RSS (`/usr/bin/time -f %M`, else the child's own
 * `process.resourceUsage().maxRSS`). It also times `validateEnvironment` of a generated
 * 2,000-consumer environment in this process (median after a warm-up), and `npx cdktf synth` of
 * the shipped environments through the CLI.
 *
 * Every target is one row of `TARGETS` below; the verdicts are printed with the results (and in
 * `--json`). Exit code: 0 when every target passes (or is skipped because its sizes were not
 * run), 1 when a target misses or a run fails, 2 on a bad command line.
 *
 * Usage: npm run bench -- [--sizes 10,50,200,1000] [--runs 3] [--regions 3] [--services 10]
 *                          [--json] [--no-cli] [--profile] [--keep]
 * --profile: one extra CPU-profiled run of the largest size, summarized (where the time goes).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, runMain, UsageError } from '../lib/cli/args';
import type * as Internals from '../lib/cdktf/internals';
import { formatTable } from '../lib/cli/table';
import type * as GenerateEnvironment from '../lib/config/generate-environment';
import type * as Validate from '../lib/config/validate';
import type * as Synthesize from '../stacks/synthesize';
import { OUTPUT_SAMPLE, phaseTimer, PROVIDER_SAMPLE, REMOTE_STATE_SAMPLE, type FloorPlan, type FloorStackPlan } from './bench-floor';

const ROOT = path.resolve(__dirname, '..');
const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.js');
const SELF = path.join(ROOT, 'scripts', 'bench.ts');
const FLOOR = path.join(ROOT, 'scripts', 'bench-floor.ts');
const TIME_BIN = '/usr/bin/time';

// ---------------------------------------------------------------------------------------------
// Targets: the one place their thresholds are defined (on the 2-core reference machine)

export type TargetSpec =
  /** The blueprint's wall time or peak RSS at `consumers`, at most `max` times the floor's. */
  | { readonly id: string; readonly kind: 'vs-floor'; readonly metric: 'wall' | 'rss'; readonly consumers: number; readonly max: number }
  /**
   * Linear growth: the blueprint's wall time per added consumer from `sizes[1]` to `sizes[2]`
   * within `maxDrift` (a fraction) of the time per added consumer from `sizes[0]` to `sizes[1]`.
   */
  | { readonly id: string; readonly kind: 'growth'; readonly sizes: readonly [number, number, number]; readonly maxDrift: number }
  /** `validateEnvironment` of a generated environment of `consumers`, in process, median under `maxMs`. */
  | { readonly id: string; readonly kind: 'validate'; readonly consumers: number; readonly maxMs: number }
  /** `npx cdktf synth` of the shipped environments, median wall time under `maxMs`. */
  | { readonly id: string; readonly kind: 'cli'; readonly maxMs: number };

export const TARGETS: readonly TargetSpec[] = [
  { id: 'wall-vs-floor-200', kind: 'vs-floor', metric: 'wall', consumers: 200, max: 1.5 },
  { id: 'rss-vs-floor-200', kind: 'vs-floor', metric: 'rss', consumers: 200, max: 1.5 },
  { id: 'wall-vs-floor-1000', kind: 'vs-floor', metric: 'wall', consumers: 1000, max: 1.25 },
  { id: 'rss-vs-floor-1000', kind: 'vs-floor', metric: 'rss', consumers: 1000, max: 1.25 },
  { id: 'growth-50-200-1000', kind: 'growth', sizes: [50, 200, 1000], maxDrift: 0.1 },
  { id: 'growth-10-50-200', kind: 'growth', sizes: [10, 50, 200], maxDrift: 0.2 },
  { id: 'validate-2000', kind: 'validate', consumers: 2000, maxMs: 500 },
  { id: 'cli-synth', kind: 'cli', maxMs: 5000 },
];

/** The consumer counts the targets need, smallest first: the default `--sizes`. */
export function sizesOf(targets: readonly TargetSpec[]): number[] {
  const sizes = targets.flatMap((t) => (t.kind === 'vs-floor' ? [t.consumers] : t.kind === 'growth' ? [...t.sizes] : []));
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** The validation row: warm-up runs (not timed), then at least `minRuns` timed runs (more with a larger `--runs`). */
export const VALIDATION = { warmups: 1, minRuns: 5 } as const;

/**
 * Loads a module when called, not when this file is imported: the child times loading the
 * blueprint as its own phase (`load`), and the parent loads only what it uses. A synchronous
 * `require`, not `import()`, so that its callers stay synchronous.
 */
function loadModule<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate run-time load, see above
  return require(id) as T;
}

/** The service catalog of every generated environment (`BENCH_CATALOG`), loaded when first needed. */
function benchCatalog(): typeof GenerateEnvironment.BENCH_CATALOG {
  return loadModule<typeof GenerateEnvironment>('../lib/config/generate-environment').BENCH_CATALOG;
}

/** The environments the bench generates: `generateEnvironment({ consumers, regions, services, ...BENCH_CATALOG })`. */
export function benchEnvironmentOptions(consumers: number, regions: number, services: number) {
  return { consumers, regions, services, ...benchCatalog() };
}

// ---------------------------------------------------------------------------------------------
// Arguments

export const USAGE =
  'usage: npm run bench -- [--sizes 10,50,200,1000] [--runs 3] [--regions 3] [--services 10] [--json] [--no-cli] [--profile] [--keep]';

export interface Options {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly regions: number;
  readonly services: number;
  readonly json: boolean;
  readonly cli: boolean;
  readonly profile: boolean;
  readonly keep: boolean;
}

const OPTIONS = {
  sizes: { kind: 'ints' },
  runs: { kind: 'int' },
  regions: { kind: 'int' },
  services: { kind: 'int' },
  json: { kind: 'flag' },
  'no-cli': { kind: 'flag' },
  profile: { kind: 'flag' },
  keep: { kind: 'flag' },
} as const;

/** The bench's options; a bad command line throws a UsageError (exit 2). */
export function parseOptions(argv: readonly string[]): Options {
  const args = parseArgs(argv, OPTIONS, USAGE);
  return {
    sizes: args.sizes ?? sizesOf(TARGETS),
    runs: args.runs ?? 3,
    regions: args.regions ?? 3,
    services: args.services ?? 10,
    json: args.json,
    cli: !args['no-cli'],
    profile: args.profile,
    keep: args.keep,
  };
}

// ---------------------------------------------------------------------------------------------
// Child: synthesize one generated environment (runs in its own process)

const CHILD_USAGE = 'usage: node scripts/run-ts.js scripts/bench.ts --child --consumers <n> --regions <n> --services <n> --outdir <dir>';

/** Synthesizes a generated environment the way main.ts does (`synthesizeEnvironments`), timing each phase. */
function runChild(argv: readonly string[]): number {
  const { spans, mark } = phaseTimer();
  const args = parseArgs(
    argv,
    { consumers: { kind: 'int' }, regions: { kind: 'int' }, services: { kind: 'int' }, outdir: { kind: 'string' } },
    CHILD_USAGE,
  );
  if (args.consumers === undefined || args.regions === undefined || args.services === undefined || args.outdir === undefined) {
    throw new UsageError('--consumers, --regions, --services and --outdir are required', CHILD_USAGE);
  }

  // Loaded here, not on import, so that the `load` phase times them.
  const { synthesizeEnvironments } = loadModule<typeof Synthesize>('../stacks/synthesize');
  const { disableTokenStackTraces } = loadModule<typeof Internals>('../lib/cdktf/internals');
  const { generateEnvironment } = loadModule<typeof GenerateEnvironment>('../lib/config/generate-environment');
  // As main.ts does: cdktf's token stack traces off.
  disableTokenStackTraces();
  mark('load');
  const env = generateEnvironment(benchEnvironmentOptions(args.consumers, args.regions, args.services));
  mark('generate');
  let problems = '';
  const ok = synthesizeEnvironments([env], {
    outdir: args.outdir,
    report: (text) => {
      problems += text;
    },
    onPhase: mark,
  });
  if (!ok) throw new Error(`the generated environment did not synthesize:\n${problems}`);
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ spans, maxRssKiB })}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Measuring a fresh process

interface Sample {
  readonly wallMs: number;
  /** User + system CPU time of the process tree (NaN without GNU time); less sensitive to a busy machine. */
  readonly cpuMs: number;
  readonly rssKiB: number;
  /** Phase times reported by the child (ms); empty for the CLI. */
  readonly spans: Record<string, number>;
}

let gnuTime: boolean | undefined;
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    const r = fs.existsSync(TIME_BIN) ? spawnSync(TIME_BIN, ['-f', '%M %U %S', 'true'], { encoding: 'utf8' }) : undefined;
    gnuTime = r !== undefined && r.status === 0 && /^\d+ [\d.]+ [\d.]+\s*$/.test(r.stderr.trim().split('\n').pop() ?? '');
  }
  return gnuTime;
}

function measure(command: readonly string[], tmp: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Sample> {
  const rssFile = path.join(tmp, `rss-${process.hrtime.bigint()}.txt`);
  const [cmd, ...args] = hasGnuTime() ? [TIME_BIN, '-f', '%M %U %S', '-o', rssFile, ...command] : command;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...extraEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) {
        reject(new Error(`'${command.join(' ')}' exited with ${code}:\n${stderr.slice(-4000)}${stdout.slice(-2000)}`));
        return;
      }
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      const result = line
        ? (JSON.parse(line.slice('BENCH_RESULT '.length)) as { spans: Record<string, number>; maxRssKiB: number })
        : undefined;
      let rssKiB = result?.maxRssKiB ?? Number.NaN;
      let cpuMs = Number.NaN;
      if (fs.existsSync(rssFile)) {
        const [rss, user, sys] = (fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        if (Number.isFinite(rss)) rssKiB = rss;
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
        fs.rmSync(rssFile, { force: true });
      }
      resolve({ wallMs, cpuMs, rssKiB, spans: result?.spans ?? {} });
    });
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------------------------------------
// Reading synthesized output

export interface StackCount {
  readonly id: string;
  readonly providers: number;
  readonly resources: Map<string, number>;
  readonly data: Map<string, number>;
  readonly remoteStates: number;
  readonly outputs: number;
}

export interface OutputCount {
  readonly stacks: StackCount[];
  /** First instance of each element type (`aws_vpc`, `data.aws_…`, the AWS provider, a remote state, an output), as synthesized. */
  readonly samples: Record<string, Record<string, unknown>>;
}

type Json = Record<string, unknown>;

/** The stacks of a cdktf output directory, counted per element type. */
export function countOutput(outdir: string): OutputCount {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const stacks: StackCount[] = [];
  const samples: Record<string, Json> = {};
  for (const [id, entry] of Object.entries(manifest.stacks)) {
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), 'utf8')) as Json;
    const resources = new Map<string, number>();
    const data = new Map<string, number>();
    let remoteStates = 0;
    for (const [type, instances] of Object.entries((tf.resource ?? {}) as Record<string, Json>)) {
      resources.set(type, Object.keys(instances).length);
      samples[type] ??= Object.values(instances)[0] as Json;
    }
    for (const [type, instances] of Object.entries((tf.data ?? {}) as Record<string, Json>)) {
      samples[`data.${type}`] ??= Object.values(instances)[0] as Json;
      if (type === 'terraform_remote_state') remoteStates += Object.keys(instances).length;
      else data.set(type, Object.keys(instances).length);
    }
    let providers = 0;
    for (const [name, blocks] of Object.entries((tf.provider ?? {}) as Record<string, unknown>)) {
      const list = Array.isArray(blocks) ? (blocks as Json[]) : [blocks as Json];
      providers += list.length;
      if (list.length > 0) samples[`provider.${name}`] ??= list[0];
    }
    const outputs = Object.values((tf.output ?? {}) as Record<string, Json>);
    if (outputs.length > 0) samples[OUTPUT_SAMPLE] ??= outputs[0];
    stacks.push({ id, providers, resources, data, remoteStates, outputs: outputs.length });
  }
  return { stacks, samples };
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
function totals(c: OutputCount) {
  return {
    stacks: c.stacks.length,
    resources: c.stacks.reduce((n, s) => n + sum(s.resources), 0),
    dataSources: c.stacks.reduce((n, s) => n + sum(s.data), 0),
    remoteStates: c.stacks.reduce((n, s) => n + s.remoteStates, 0),
    outputs: c.stacks.reduce((n, s) => n + s.outputs, 0),
  };
}

/** Replaces every `${...}` reference by a literal of similar length (the floor has no references). */
function literalize(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('${') ? `literal-${'x'.repeat(Math.max(0, Math.min(value.length - 8, 64)))}` : value;
  if (Array.isArray(value)) return value.map(literalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Json)
        .filter(([k]) => k !== '//')
        .map(([k, v]) => [k, literalize(v)]),
    );
  }
  return value;
}

/** The floor's workload: the blueprint's stacks, providers, per-class counts, remote states and outputs, with literal samples. */
export function floorPlan(c: OutputCount): FloorPlan {
  const stacks: FloorStackPlan[] = c.stacks.map((s) => ({
    id: s.id,
    providers: s.providers,
    resources: [...s.resources.entries()].sort(),
    data: [...s.data.entries()].sort(),
    remoteStates: s.remoteStates,
    outputs: s.outputs,
  }));
  const wanted = (k: string) =>
    k.startsWith('aws_') || k.startsWith('data.aws_') || k === PROVIDER_SAMPLE || k === REMOTE_STATE_SAMPLE || k === OUTPUT_SAMPLE;
  const samples = Object.fromEntries(
    Object.entries(c.samples)
      .filter(([k]) => wanted(k))
      .map(([k, v]) => [k, literalize(v) as Json]),
  );
  return { stacks, samples };
}

/**
 * Why two outputs are not the same workload (undefined when they are): the same stack ids and,
 * per stack, the same providers, count per resource and data type, remote states and outputs.
 */
export function sameWorkload(a: OutputCount, b: OutputCount): string | undefined {
  const key = (s: StackCount) =>
    JSON.stringify({
      providers: s.providers,
      resources: [...s.resources].sort(),
      data: [...s.data].sort(),
      remoteStates: s.remoteStates,
      outputs: s.outputs,
    });
  const bm = new Map(b.stacks.map((s) => [s.id, key(s)]));
  if (a.stacks.length !== b.stacks.length) return `${a.stacks.length} vs ${b.stacks.length} stacks`;
  for (const s of a.stacks) {
    const other = bm.get(s.id);
    if (other === undefined) return `stack ${s.id} is missing`;
    if (other !== key(s)) return `stack ${s.id} differs: ${key(s)} vs ${other}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// CPU profile summary (--profile)

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export function summarizeProfile(
  file: string,
  top = 25,
): { totalMs: number; byPackage: [string, number][]; inclusive: [string, number][] } {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const d = p.timeDeltas[i] ?? 0;
    total += d;
    self.set(id, (self.get(id) ?? 0) + d);
  });
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url
      .replace(/^file:\/\//, '')
      .replace(`${ROOT}/`, '')
      .replace(/.*node_modules\//, '')}:${n.callFrame.lineNumber + 1}`;
  const group = (url: string, fn: string) => {
    if (url.includes('node_modules/cdktf/')) return 'cdktf';
    if (url.includes('node_modules/@cdktf/provider-aws/')) return '@cdktf/provider-aws';
    if (url.includes('node_modules/constructs/')) return 'constructs';
    if (url.includes('node_modules/esbuild/')) return 'esbuild (run-ts transpile)';
    if (url.startsWith('node:')) return 'node internals (module loading, fs, stack traces)';
    if (url.includes(ROOT)) return 'project code (stacks/, modules/, lib/)';
    if (url === '') return fn || '(native)';
    return 'other';
  };
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const g = group(n.callFrame.url, n.callFrame.functionName);
    byPackage.set(g, (byPackage.get(g) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + t);
    }
  }
  const ms = (m: Map<string, number>) => [...m].map(([k, v]) => [k, v / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total / 1000,
    byPackage: ms(byPackage),
    inclusive: ms(inclusive)
      .filter(([k]) => !/^\((root|program|idle)\)|run_main|Module\.|require |loader:|helpers:/.test(k))
      .slice(0, top),
  };
}

// ---------------------------------------------------------------------------------------------
// Validation-only row (in this process)

export interface ValidationResult {
  readonly consumers: number;
  readonly warmups: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * Times `validateEnvironment` of a generated environment of `consumers` in this process:
 * `VALIDATION.warmups` untimed runs (module loading, JIT), then `runs` timed ones. Throws when
 * the generated environment has an error (the timing would not be of a valid environment).
 */
export function timeValidation(consumers: number, regions: number, services: number, runs: number): ValidationResult {
  const { generateEnvironment } = loadModule<typeof GenerateEnvironment>('../lib/config/generate-environment');
  const { formatProblems, isError, validateEnvironment } = loadModule<typeof Validate>('../lib/config/validate');
  const env = generateEnvironment(benchEnvironmentOptions(consumers, regions, services));
  for (let i = 0; i < VALIDATION.warmups; i++) validateEnvironment(env);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const problems = validateEnvironment(env);
    times.push(performance.now() - start);
    if (problems.some(isError)) throw new Error(`the generated ${consumers}-consumer environment is invalid:\n${formatProblems(problems)}`);
  }
  return { consumers, warmups: VALIDATION.warmups, runs, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

// ---------------------------------------------------------------------------------------------
// The benchmark

export interface Row {
  readonly kind: 'blueprint' | 'floor' | 'cli';
  readonly consumers: number | undefined;
  readonly stacks: number;
  readonly resources: number;
  readonly dataSources: number;
  readonly remoteStates: number;
  readonly outputs: number;
  readonly wallMs: number;
  readonly wallMinMs: number;
  readonly wallMaxMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  /** Median of the child's phase times (ms). */
  readonly spans: Record<string, number>;
}

function toRow(kind: Row['kind'], consumers: number | undefined, samples: Sample[], count: OutputCount): Row {
  const walls = samples.map((s) => s.wallMs);
  const spanNames = Object.keys(samples[0].spans);
  return {
    kind,
    consumers,
    ...totals(count),
    wallMs: median(walls),
    wallMinMs: Math.min(...walls),
    wallMaxMs: Math.max(...walls),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    rssMiB: median(samples.map((s) => s.rssKiB)) / 1024,
    spans: Object.fromEntries(spanNames.map((n) => [n, median(samples.map((s) => s.spans[n] ?? 0))])),
  };
}

function log(opts: Options, msg: string): void {
  if (!opts.json) process.stderr.write(`${msg}\n`);
}

const loadAverage = (): number[] => os.loadavg().map((l) => Math.round(l * 100) / 100);

async function runBench(opts: Options): Promise<Report> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-bench-'));
  const node = process.execPath;
  const rows: Row[] = [];
  const loadAtStart = loadAverage();
  let validation: ValidationResult | undefined;
  let profile: ReturnType<typeof summarizeProfile> | undefined;
  const childArgs = (n: number, outdir: string) => [
    RUN_TS,
    SELF,
    '--child',
    '--consumers',
    String(n),
    '--regions',
    String(opts.regions),
    '--services',
    String(opts.services),
    '--outdir',
    outdir,
  ];
  try {
    log(
      opts,
      `bench: ${opts.sizes.join(', ')} consumers x ${opts.regions} regions x ${opts.services} services with the bench catalog, median of ${opts.runs} fresh processes; peak RSS from ${hasGnuTime() ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS in the child'}; load average ${loadAtStart.join(' ')}; temp dir ${tmp}`,
    );
    for (const n of opts.sizes) {
      const blueprint: Sample[] = [];
      let count: OutputCount | undefined;
      for (let r = 0; r < opts.runs; r++) {
        const outdir = path.join(tmp, `blueprint-${n}-${r}`);
        blueprint.push(await measure([node, ...childArgs(n, outdir)], tmp));
        count ??= countOutput(outdir);
        if (!opts.keep) fs.rmSync(outdir, { recursive: true, force: true });
        log(
          opts,
          `  blueprint ${n}: run ${r + 1} ${blueprint[r].wallMs.toFixed(0)} ms ${(blueprint[r].rssKiB / 1024).toFixed(0)} MiB (load ${loadAverage()[0]})`,
        );
      }
      rows.push(toRow('blueprint', n, blueprint, count!));

      const planFile = path.join(tmp, `floor-plan-${n}.json`);
      fs.writeFileSync(planFile, JSON.stringify(floorPlan(count!)));
      const floor: Sample[] = [];
      let floorCount: OutputCount | undefined;
      for (let r = 0; r < opts.runs; r++) {
        const outdir = path.join(tmp, `floor-${n}-${r}`);
        floor.push(await measure([node, RUN_TS, FLOOR, '--plan', planFile, '--outdir', outdir], tmp));
        floorCount ??= countOutput(outdir);
        if (!opts.keep) fs.rmSync(outdir, { recursive: true, force: true });
        log(
          opts,
          `  floor     ${n}: run ${r + 1} ${floor[r].wallMs.toFixed(0)} ms ${(floor[r].rssKiB / 1024).toFixed(0)} MiB (load ${loadAverage()[0]})`,
        );
      }
      const mismatch = sameWorkload(count!, floorCount!);
      if (mismatch) throw new Error(`the floor's workload differs from the blueprint's at ${n} consumers: ${mismatch}`);
      rows.push(toRow('floor', n, floor, floorCount!));
    }

    for (const t of TARGETS) {
      if (t.kind !== 'validate') continue;
      validation = timeValidation(t.consumers, opts.regions, opts.services, Math.max(VALIDATION.minRuns, opts.runs));
      log(opts, `  validateEnvironment ${t.consumers}: median ${validation.medianMs.toFixed(0)} ms of ${validation.runs} runs`);
    }

    if (opts.cli) {
      const cli: Sample[] = [];
      let count: OutputCount | undefined;
      for (let r = 0; r < opts.runs; r++) {
        const outdir = path.join(tmp, `cli-${r}`);
        cli.push(await measure(['npx', 'cdktf', 'synth', '--output', outdir], tmp, { CHECKPOINT_DISABLE: '1', CI: '1' }));
        count ??= countOutput(outdir);
        if (!opts.keep) fs.rmSync(outdir, { recursive: true, force: true });
        log(opts, `  cli synth: run ${r + 1} ${cli[r].wallMs.toFixed(0)} ms ${(cli[r].rssKiB / 1024).toFixed(0)} MiB`);
      }
      rows.push(toRow('cli', undefined, cli, count!));
    }

    if (opts.profile) {
      const n = opts.sizes[opts.sizes.length - 1];
      const dir = path.join(tmp, 'profile');
      await measure([node, '--cpu-prof', '--cpu-prof-dir', dir, ...childArgs(n, path.join(tmp, 'profile-out'))], tmp);
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        profile = summarizeProfile(path.join(dir, file));
        if (opts.keep) log(opts, `  cpu profile: ${path.join(dir, file)}`);
      }
    }
  } finally {
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return buildReport(opts, { rows, validation }, profile, { start: loadAtStart, end: loadAverage() });
}

// ---------------------------------------------------------------------------------------------
// Verdicts

export interface Measurements {
  readonly rows: readonly Row[];
  readonly validation?: ValidationResult;
}

export interface TargetResult {
  readonly id: string;
  readonly name: string;
  readonly status: 'PASS' | 'FAIL' | 'SKIP';
  /** The measured number compared with `threshold` (a ratio, or ms); null when skipped. */
  readonly value: number | null;
  readonly measured: string;
  readonly threshold: number;
  readonly limit: string;
}

/** Wall time per added consumer of the blueprint from `from` to `to` consumers, when both were run. */
function msPerConsumer(rows: readonly Row[], from: number, to: number, kind: Row['kind'] = 'blueprint'): number | undefined {
  const a = rows.find((r) => r.kind === kind && r.consumers === from);
  const b = rows.find((r) => r.kind === kind && r.consumers === to);
  return a && b ? (b.wallMs - a.wallMs) / (to - from) : undefined;
}

/** The verdict of every target on the measurements; a target whose sizes were not run is skipped. */
export function evaluateTargets(targets: readonly TargetSpec[], m: Measurements): TargetResult[] {
  const verdict = (ok: boolean): TargetResult['status'] => (ok ? 'PASS' : 'FAIL');
  return targets.map((t): TargetResult => {
    switch (t.kind) {
      case 'vs-floor': {
        const name = `${t.metric === 'wall' ? 'wall time' : 'peak RSS'} vs floor at ${t.consumers} consumers`;
        const limit = `<= ${t.max}x floor`;
        const b = m.rows.find((r) => r.kind === 'blueprint' && r.consumers === t.consumers);
        const f = m.rows.find((r) => r.kind === 'floor' && r.consumers === t.consumers);
        if (!b || !f)
          return {
            id: t.id,
            name,
            status: 'SKIP',
            value: null,
            measured: `not run (--sizes without ${t.consumers})`,
            threshold: t.max,
            limit,
          };
        const [x, y, unit] = t.metric === 'wall' ? [b.wallMs, f.wallMs, 'ms'] : [b.rssMiB, f.rssMiB, 'MiB'];
        const ratio = x / y;
        return {
          id: t.id,
          name,
          status: verdict(ratio <= t.max),
          value: ratio,
          measured: `${ratio.toFixed(2)}x (${x.toFixed(0)} / ${y.toFixed(0)} ${unit})`,
          threshold: t.max,
          limit,
        };
      }
      case 'growth': {
        const [a, b, c] = t.sizes;
        const name = `time per added consumer ${b}->${c} vs ${a}->${b}`;
        const limit = `within ${Math.round(t.maxDrift * 100)}% (${(1 - t.maxDrift).toFixed(2)}x-${(1 + t.maxDrift).toFixed(2)}x)`;
        const first = msPerConsumer(m.rows, a, b);
        const second = msPerConsumer(m.rows, b, c);
        if (first === undefined || second === undefined)
          return {
            id: t.id,
            name,
            status: 'SKIP',
            value: null,
            measured: `not run (needs ${t.sizes.join(', ')} consumers)`,
            threshold: t.maxDrift,
            limit,
          };
        const ratio = second / first;
        // A small tolerance so that a ratio printed as the limit (1.10x) is not a miss.
        const ok = first > 0 && Math.abs(ratio - 1) <= t.maxDrift + 1e-9;
        return {
          id: t.id,
          name,
          status: verdict(ok),
          value: ratio,
          measured: `${ratio.toFixed(2)}x (${second.toFixed(1)} vs ${first.toFixed(1)} ms)`,
          threshold: t.maxDrift,
          limit,
        };
      }
      case 'validate': {
        const name = `validateEnvironment at ${t.consumers} consumers (in process, median)`;
        const limit = `< ${t.maxMs} ms`;
        const v = m.validation;
        if (!v || v.consumers !== t.consumers)
          return { id: t.id, name, status: 'SKIP', value: null, measured: 'not run', threshold: t.maxMs, limit };
        return {
          id: t.id,
          name,
          status: verdict(v.medianMs < t.maxMs),
          value: v.medianMs,
          measured: `${v.medianMs.toFixed(0)} ms (${v.runs} runs after ${v.warmups} warm-up, ${v.minMs.toFixed(0)}-${v.maxMs.toFixed(0)} ms)`,
          threshold: t.maxMs,
          limit,
        };
      }
      case 'cli': {
        const name = 'npx cdktf synth (shipped environments)';
        const limit = `< ${t.maxMs} ms`;
        const cli = m.rows.find((r) => r.kind === 'cli');
        if (!cli) return { id: t.id, name, status: 'SKIP', value: null, measured: 'not run (--no-cli)', threshold: t.maxMs, limit };
        return {
          id: t.id,
          name,
          status: verdict(cli.wallMs < t.maxMs),
          value: cli.wallMs,
          measured: `${cli.wallMs.toFixed(0)} ms`,
          threshold: t.maxMs,
          limit,
        };
      }
    }
  });
}

/** 1 when any target missed, else 0 (skipped targets do not fail the run). */
export function exitCodeOf(results: readonly TargetResult[]): number {
  return results.some((r) => r.status === 'FAIL') ? 1 : 0;
}

function perConsumer(rows: readonly Row[], kind: Row['kind']): { from: number; to: number; msPerConsumer: number }[] {
  const sizes = rows.filter((r) => r.kind === kind).map((r) => r.consumers!);
  return sizes.slice(1).map((to, i) => ({ from: sizes[i], to, msPerConsumer: msPerConsumer(rows, sizes[i], to, kind)! }));
}

export type Report = ReturnType<typeof buildReport>;

/** Everything the bench prints (`--json` as is): machine, workload, rows, validation, growth, target verdicts, exit code. */
export function buildReport(
  opts: Options,
  m: Measurements,
  profile: ReturnType<typeof summarizeProfile> | undefined,
  load: { start: number[]; end: number[] },
) {
  const targets = evaluateTargets(TARGETS, m);
  const exitCode = exitCodeOf(targets);
  return {
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      platform: `${os.platform()} ${os.release()}`,
      rssSource: hasGnuTime() ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS',
      /** 1, 5 and 15 minute load averages when the bench started and ended. */
      loadAverage: load,
    },
    workload: { sizes: opts.sizes, regions: opts.regions, services: opts.services, catalog: benchCatalog(), runs: opts.runs },
    rows: m.rows,
    validation: m.validation,
    perConsumerMs: { blueprint: perConsumer(m.rows, 'blueprint'), floor: perConsumer(m.rows, 'floor') },
    targets,
    ok: exitCode === 0,
    exitCode,
    profile,
  };
}

// ---------------------------------------------------------------------------------------------
// Text output

export function render(r: Report): string {
  const { machine, workload } = r;
  const c = workload.catalog;
  const lines: string[] = [
    `Synthesis benchmark: ${workload.regions} regions, ${workload.services} centralized services, catalog of ${c.published} published, ${c.external} external and ${c.resources} resource services (${c.consumesPerConsumer} per consumer); median of ${workload.runs} fresh processes (node ${machine.node}, ${machine.cpus} CPUs, load average ${machine.loadAverage.start.join(' ')} at start, ${machine.loadAverage.end.join(' ')} at end)`,
    '',
  ];
  const growth = new Map<string, { from: number; to: number; msPerConsumer: number }>();
  for (const g of r.perConsumerMs.blueprint) growth.set(`blueprint ${g.to}`, g);
  for (const g of r.perConsumerMs.floor) growth.set(`floor ${g.to}`, g);
  const header = [
    'run',
    'consumers',
    'stacks',
    'resources',
    'data',
    'remote states',
    'outputs',
    'wall ms',
    '(min-max)',
    'CPU ms',
    'peak RSS MiB',
    'ms/consumer',
    'phases in the child (median ms)',
  ];
  const rows = r.rows.map((row) => {
    const g = growth.get(`${row.kind} ${row.consumers}`);
    return [
      row.kind === 'cli' ? 'npx cdktf synth (shipped)' : row.kind === 'floor' ? 'floor (bare cdktf)' : 'blueprint',
      row.consumers === undefined ? '-' : String(row.consumers),
      String(row.stacks),
      String(row.resources),
      String(row.dataSources),
      String(row.remoteStates),
      String(row.outputs),
      row.wallMs.toFixed(0),
      `(${row.wallMinMs.toFixed(0)}-${row.wallMaxMs.toFixed(0)})`,
      Number.isFinite(row.cpuMs) ? row.cpuMs.toFixed(0) : '-',
      row.rssMiB.toFixed(0),
      g ? `${g.msPerConsumer.toFixed(1)} (${g.from}->${g.to})` : '',
      Object.entries(row.spans)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', '),
    ];
  });
  lines.push(
    formatTable(header, rows, {
      align: header.map((_, i) => (i > 0 && i < header.length - 1 ? 'right' : 'left')),
      unpadded: [header.length - 1],
    }),
  );
  if (r.validation) {
    const v = r.validation;
    lines.push(
      '',
      `validateEnvironment, ${v.consumers} consumers, in process: median ${v.medianMs.toFixed(0)} ms of ${v.runs} runs after ${v.warmups} warm-up (${v.minMs.toFixed(0)}-${v.maxMs.toFixed(0)} ms)`,
    );
  }
  lines.push('', 'Targets (TARGETS in scripts/bench.ts):');
  lines.push(
    formatTable(
      ['verdict', 'target', 'measured', 'limit'],
      r.targets.map((t) => [t.status, t.name, t.measured, t.limit]),
    ),
  );
  lines.push(
    '',
    r.ok
      ? 'Every target met.'
      : `TARGETS MISSED: ${r.targets
          .filter((t) => t.status === 'FAIL')
          .map((t) => t.id)
          .join(', ')} (exit ${r.exitCode})`,
  );
  if (r.profile) {
    lines.push('', `CPU profile of the largest blueprint run (${r.profile.totalMs.toFixed(0)} ms sampled), self time by package:`);
    for (const [k, v] of r.profile.byPackage.slice(0, 10)) lines.push(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
    lines.push('Inclusive time, top functions:');
    for (const [k, v] of r.profile.inclusive) lines.push(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--child') return runChild(argv.slice(1));
  const opts = parseOptions(argv);
  const r = await runBench(opts);
  process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : render(r));
  return r.exitCode;
}

// run-ts.js sets process.argv[1] to this file; importing the module runs nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) void runMain(() => main(process.argv.slice(2)));
