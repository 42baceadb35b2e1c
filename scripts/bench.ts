/**
 * `npm run bench`: how synthesis scales with the number of consumer accounts.
 *
 * For each size (default 10, 50 and 200 consumers over 3 hub regions with 10 centralized
 * services) it generates an environment in memory (`lib/config/generate-environment.ts`), validates
 * it like `main.ts` does, and synthesizes it in a FRESH child process
 * (`node scripts/run-ts.js scripts/bench.ts --child ...`) into a temp dir; then it runs the
 * FLOOR (`scripts/bench-floor.ts`): a bare cdktf program with the same stacks, providers and
 * resource counts per provider class, and no blueprint logic. Each measurement is the median
 * of 3 runs: wall time of the whole process (node start to exit) and its peak RSS
 * (`/usr/bin/time -f %M`, else the child's own `process.resourceUsage().maxRSS`).
 * Finally it times `npx cdktf synth` of the shipped environments through the CLI.
 *
 * Usage: npm run bench -- [--sizes 10,50,200] [--runs 3] [--regions 3] [--services 10]
 *                          [--json] [--no-cli] [--profile] [--keep]
 * --profile: one extra CPU-profiled run of the largest size, summarized (where the time goes).
 * Exits 0 when a target misses (it is a benchmark, not a test); 1 only when a run fails.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { phaseTimer, type FloorPlan, type FloorStackPlan } from './bench-floor';

const ROOT = path.resolve(__dirname, '..');
const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.js');
const SELF = path.join(ROOT, 'scripts', 'bench.ts');
const FLOOR = path.join(ROOT, 'scripts', 'bench-floor.ts');
const TIME_BIN = '/usr/bin/time';

/** The targets of the issue, on the 2-core reference machine. */
export const TARGETS = {
  size: 200,
  maxWallVsFloor: 1.5,
  maxRssVsFloor: 1.5,
  maxWallMs: 4000,
  maxRssMiB: 400,
  maxPerConsumerDrift: 0.2,
  maxCliWallMs: 5000,
};

// ---------------------------------------------------------------------------------------------
// Arguments

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly regions: number;
  readonly services: number;
  readonly json: boolean;
  readonly cli: boolean;
  readonly profile: boolean;
  readonly keep: boolean;
}

function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be an integer >= 0, got '${v}'`);
  return n;
}

export function parseOptions(argv: readonly string[]): Options {
  const known = new Set(['--sizes', '--runs', '--regions', '--services', '--json', '--no-cli', '--profile', '--keep']);
  for (let i = 0; i < argv.length; i++) {
    if (!known.has(argv[i])) throw new Error(`unknown argument '${argv[i]}'`);
    if (['--sizes', '--runs', '--regions', '--services'].includes(argv[i])) i++;
  }
  const sizesArg = argValue(argv, '--sizes');
  const sizes = sizesArg === undefined
    ? [10, 50, 200]
    : [...new Set(sizesArg.split(',').map((s) => positiveInt('--sizes', s.trim(), 0)))].sort((a, b) => a - b);
  if (sizes.length === 0) throw new Error('--sizes lists no size');
  return {
    sizes,
    runs: Math.max(1, positiveInt('--runs', argValue(argv, '--runs'), 3)),
    regions: Math.max(1, positiveInt('--regions', argValue(argv, '--regions'), 3)),
    services: Math.max(1, positiveInt('--services', argValue(argv, '--services'), 10)),
    json: argv.includes('--json'),
    cli: !argv.includes('--no-cli'),
    profile: argv.includes('--profile'),
    keep: argv.includes('--keep'),
  };
}

// ---------------------------------------------------------------------------------------------
// Child: synthesize one generated environment (runs in its own process)

/** Synthesizes a generated environment the way main.ts does (`synthesizeEnvironments`), timing each phase. */
function runChild(argv: readonly string[]): void {
  const { spans, mark } = phaseTimer();
  const consumers = positiveInt('--consumers', argValue(argv, '--consumers'), 10);
  const regions = positiveInt('--regions', argValue(argv, '--regions'), 3);
  const services = positiveInt('--services', argValue(argv, '--services'), 10);
  const outdir = argValue(argv, '--outdir');
  if (!outdir) throw new Error('--child needs --outdir');

  /* eslint-disable @typescript-eslint/no-require-imports */
  const { synthesizeEnvironments } = require('../stacks/synthesize') as typeof import('../stacks/synthesize');
  const { generateEnvironment } = require('../lib/config/generate-environment') as typeof import('../lib/config/generate-environment');
  /* eslint-enable @typescript-eslint/no-require-imports */
  mark('load');
  const env = generateEnvironment({ consumers, regions, services });
  mark('generate');
  let problems = '';
  const ok = synthesizeEnvironments([env], { outdir, report: (text) => { problems += text; }, onPhase: mark });
  if (!ok) throw new Error(`the generated environment did not synthesize:\n${problems}`);
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ spans, maxRssKiB })}\n`);
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
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) {
        reject(new Error(`'${command.join(' ')}' exited with ${code}:\n${stderr.slice(-4000)}${stdout.slice(-2000)}`));
        return;
      }
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      const result = line ? JSON.parse(line.slice('BENCH_RESULT '.length)) as { spans: Record<string, number>; maxRssKiB: number } : undefined;
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

interface StackCount {
  readonly id: string;
  readonly providers: number;
  readonly resources: Map<string, number>;
  readonly data: Map<string, number>;
  readonly remoteStates: number;
  readonly outputs: number;
}

interface OutputCount {
  readonly stacks: StackCount[];
  /** First instance of each type (`aws_vpc`, `data.aws_…`), as synthesized. */
  readonly samples: Record<string, Record<string, unknown>>;
}

type Json = Record<string, unknown>;

export function countOutput(outdir: string): OutputCount {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
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
      if (type === 'terraform_remote_state') {
        remoteStates += Object.keys(instances).length;
        continue;
      }
      data.set(type, Object.keys(instances).length);
      samples[`data.${type}`] ??= Object.values(instances)[0] as Json;
    }
    const providers = Object.values((tf.provider ?? {}) as Record<string, unknown>)
      .reduce<number>((n, p) => n + (Array.isArray(p) ? p.length : 1), 0);
    stacks.push({ id, providers, resources, data, remoteStates, outputs: Object.keys((tf.output ?? {}) as Json).length });
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
    return Object.fromEntries(Object.entries(value as Json).filter(([k]) => k !== '//').map(([k, v]) => [k, literalize(v)]));
  }
  return value;
}

/** The floor's workload: the blueprint's stacks, providers and per-class counts, with literal samples. */
export function floorPlan(c: OutputCount): FloorPlan {
  const stacks: FloorStackPlan[] = c.stacks.map((s) => ({
    id: s.id,
    providers: s.providers,
    resources: [...s.resources.entries()].sort(),
    data: [...s.data.entries()].sort(),
  }));
  const samples = Object.fromEntries(Object.entries(c.samples).map(([k, v]) => [k, literalize(v) as Json]));
  return { stacks, samples };
}

/** Whether two outputs hold the same stacks and the same count per resource and data type. */
function sameWorkload(a: OutputCount, b: OutputCount): string | undefined {
  const key = (s: StackCount) => JSON.stringify([[...s.resources].sort(), [...s.data].sort(), s.providers]);
  const bm = new Map(b.stacks.map((s) => [s.id, key(s)]));
  if (a.stacks.length !== b.stacks.length) return `${a.stacks.length} vs ${b.stacks.length} stacks`;
  for (const s of a.stacks) if (bm.get(s.id) !== key(s)) return `stack ${s.id} differs`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// CPU profile summary (--profile)

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

export function summarizeProfile(file: string, top = 25): { totalMs: number; byPackage: [string, number][]; inclusive: [string, number][] } {
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
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/.*node_modules\//, '')}:${n.callFrame.lineNumber + 1}`;
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
    inclusive: ms(inclusive).filter(([k]) => !/^\((root|program|idle)\)|run_main|Module\.|require |loader:|helpers:/.test(k)).slice(0, top),
  };
}

// ---------------------------------------------------------------------------------------------
// The benchmark

interface Row {
  readonly kind: 'blueprint' | 'floor' | 'cli';
  readonly consumers: number | undefined;
  readonly stacks: number;
  readonly resources: number;
  readonly dataSources: number;
  readonly remoteStates: number;
  readonly wallMs: number;
  readonly wallMinMs: number;
  readonly wallMaxMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  /** Median of the child's phase times (ms). */
  readonly spans: Record<string, number>;
}

interface Target {
  readonly name: string;
  readonly status: 'PASS' | 'FAIL' | 'SKIP';
  readonly measured: string;
  readonly limit: string;
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

async function runBench(opts: Options): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-bench-'));
  const node = process.execPath;
  const rows: Row[] = [];
  let profile: ReturnType<typeof summarizeProfile> | undefined;
  try {
    log(opts, `bench: ${opts.sizes.join(', ')} consumers x ${opts.regions} regions x ${opts.services} services, median of ${opts.runs} fresh processes; peak RSS from ${hasGnuTime() ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS in the child'}; temp dir ${tmp}`);
    for (const n of opts.sizes) {
      const blueprint: Sample[] = [];
      let count: OutputCount | undefined;
      for (let r = 0; r < opts.runs; r++) {
        const outdir = path.join(tmp, `blueprint-${n}-${r}`);
        blueprint.push(await measure([node, RUN_TS, SELF, '--child', '--consumers', String(n), '--regions', String(opts.regions), '--services', String(opts.services), '--outdir', outdir], tmp));
        if (!count) count = countOutput(outdir);
        if (!opts.keep) fs.rmSync(outdir, { recursive: true, force: true });
        log(opts, `  blueprint ${n}: run ${r + 1} ${blueprint[r].wallMs.toFixed(0)} ms ${(blueprint[r].rssKiB / 1024).toFixed(0)} MiB`);
      }
      rows.push(toRow('blueprint', n, blueprint, count!));

      const planFile = path.join(tmp, `floor-plan-${n}.json`);
      fs.writeFileSync(planFile, JSON.stringify(floorPlan(count!)));
      const floor: Sample[] = [];
      let floorCount: OutputCount | undefined;
      for (let r = 0; r < opts.runs; r++) {
        const outdir = path.join(tmp, `floor-${n}-${r}`);
        floor.push(await measure([node, RUN_TS, FLOOR, '--plan', planFile, '--outdir', outdir], tmp));
        if (!floorCount) floorCount = countOutput(outdir);
        if (!opts.keep) fs.rmSync(outdir, { recursive: true, force: true });
        log(opts, `  floor     ${n}: run ${r + 1} ${floor[r].wallMs.toFixed(0)} ms ${(floor[r].rssKiB / 1024).toFixed(0)} MiB`);
      }
      const mismatch = sameWorkload(count!, floorCount!);
      if (mismatch) throw new Error(`the floor's workload differs from the blueprint's at ${n} consumers: ${mismatch}`);
      rows.push(toRow('floor', n, floor, floorCount!));
    }

    if (opts.cli) {
      const cli: Sample[] = [];
      let count: OutputCount | undefined;
      for (let r = 0; r < opts.runs; r++) {
        const outdir = path.join(tmp, `cli-${r}`);
        cli.push(await measure(['npx', 'cdktf', 'synth', '--output', outdir], tmp, { CHECKPOINT_DISABLE: '1', CI: '1' }));
        if (!count) count = countOutput(outdir);
        if (!opts.keep) fs.rmSync(outdir, { recursive: true, force: true });
        log(opts, `  cli synth: run ${r + 1} ${cli[r].wallMs.toFixed(0)} ms ${(cli[r].rssKiB / 1024).toFixed(0)} MiB`);
      }
      rows.push(toRow('cli', undefined, cli, count!));
    }

    if (opts.profile) {
      const n = opts.sizes[opts.sizes.length - 1];
      const dir = path.join(tmp, 'profile');
      await measure([node, '--cpu-prof', '--cpu-prof-dir', dir, RUN_TS, SELF, '--child', '--consumers', String(n), '--regions', String(opts.regions), '--services', String(opts.services), '--outdir', path.join(tmp, 'profile-out')], tmp);
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        profile = summarizeProfile(path.join(dir, file));
        if (opts.keep) log(opts, `  cpu profile: ${path.join(dir, file)}`);
      }
    }
  } finally {
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  }

  const report = evaluate(opts, rows, profile);
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(render(report));
}

function perConsumer(rows: readonly Row[]): { from: number; to: number; msPerConsumer: number }[] {
  const out: { from: number; to: number; msPerConsumer: number }[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1];
    const b = rows[i];
    out.push({ from: a.consumers!, to: b.consumers!, msPerConsumer: (b.wallMs - a.wallMs) / (b.consumers! - a.consumers!) });
  }
  return out;
}

function evaluate(opts: Options, rows: Row[], profile: ReturnType<typeof summarizeProfile> | undefined) {
  const blueprint = rows.filter((r) => r.kind === 'blueprint');
  const floor = rows.filter((r) => r.kind === 'floor');
  const cli = rows.find((r) => r.kind === 'cli');
  const growth = { blueprint: perConsumer(blueprint), floor: perConsumer(floor) };
  const largest = blueprint[blueprint.length - 1];
  const largestFloor = floor[floor.length - 1];
  const at = largest.consumers === TARGETS.size ? `${TARGETS.size} consumers` : `${largest.consumers} consumers (targets are set at ${TARGETS.size})`;
  const check = (ok: boolean): Target['status'] => (ok ? 'PASS' : 'FAIL');
  const targets: Target[] = [
    {
      name: `wall time vs floor at ${at}`,
      status: check(largest.wallMs <= TARGETS.maxWallVsFloor * largestFloor.wallMs),
      measured: `${(largest.wallMs / largestFloor.wallMs).toFixed(2)}x (${largest.wallMs.toFixed(0)} / ${largestFloor.wallMs.toFixed(0)} ms)`,
      limit: `<= ${TARGETS.maxWallVsFloor}x`,
    },
    {
      name: `peak RSS vs floor at ${at}`,
      status: check(largest.rssMiB <= TARGETS.maxRssVsFloor * largestFloor.rssMiB),
      measured: `${(largest.rssMiB / largestFloor.rssMiB).toFixed(2)}x (${largest.rssMiB.toFixed(0)} / ${largestFloor.rssMiB.toFixed(0)} MiB)`,
      limit: `<= ${TARGETS.maxRssVsFloor}x`,
    },
    { name: `wall time at ${at}`, status: check(largest.wallMs < TARGETS.maxWallMs), measured: `${largest.wallMs.toFixed(0)} ms`, limit: `< ${TARGETS.maxWallMs} ms` },
    { name: `peak RSS at ${at}`, status: check(largest.rssMiB < TARGETS.maxRssMiB), measured: `${largest.rssMiB.toFixed(0)} MiB`, limit: `< ${TARGETS.maxRssMiB} MiB` },
  ];
  if (growth.blueprint.length >= 2) {
    const [a, b] = growth.blueprint.slice(-2);
    const ratio = b.msPerConsumer / a.msPerConsumer;
    targets.push({
      name: `linear growth: ms/consumer ${b.from}->${b.to} vs ${a.from}->${a.to}`,
      status: check(Math.abs(ratio - 1) <= TARGETS.maxPerConsumerDrift),
      measured: `${ratio.toFixed(2)}x (${b.msPerConsumer.toFixed(1)} vs ${a.msPerConsumer.toFixed(1)} ms)`,
      limit: `within ${TARGETS.maxPerConsumerDrift * 100}% (0.8x-1.2x)`,
    });
  } else {
    targets.push({ name: 'linear growth', status: 'SKIP', measured: 'needs 3 sizes', limit: `within ${TARGETS.maxPerConsumerDrift * 100}%` });
  }
  targets.push(cli
    ? { name: 'npx cdktf synth (shipped environments)', status: check(cli.wallMs < TARGETS.maxCliWallMs), measured: `${cli.wallMs.toFixed(0)} ms`, limit: `< ${TARGETS.maxCliWallMs} ms` }
    : { name: 'npx cdktf synth (shipped environments)', status: 'SKIP', measured: '--no-cli', limit: `< ${TARGETS.maxCliWallMs} ms` });
  return {
    machine: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.release()}`, rssSource: hasGnuTime() ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS' },
    workload: { sizes: opts.sizes, regions: opts.regions, services: opts.services, runs: opts.runs },
    rows,
    perConsumerMs: growth,
    targets,
    profile,
  };
}

function pad(s: string, n: number, left = false): string {
  return left ? s.padStart(n) : s.padEnd(n);
}

function render(report: ReturnType<typeof evaluate>): string {
  const lines: string[] = [];
  const { machine, workload } = report;
  lines.push(`Synthesis benchmark: ${workload.regions} regions, ${workload.services} centralized services, median of ${workload.runs} fresh processes (node ${machine.node}, ${machine.cpus} CPUs)`);
  lines.push('');
  const header = ['run', 'consumers', 'stacks', 'resources', 'data', 'wall ms', '(min-max)', 'CPU ms', 'peak RSS MiB', 'ms/consumer', 'phases in the child (median ms)'];
  const widths = [26, 9, 6, 9, 4, 7, 13, 6, 12, 17, 0];
  lines.push(header.map((h, i) => pad(h, widths[i], i > 0 && i < 10)).join('  '));
  const growth = new Map(report.perConsumerMs.blueprint.map((g) => [`blueprint ${g.to}`, g]));
  for (const g of report.perConsumerMs.floor) growth.set(`floor ${g.to}`, g);
  for (const r of report.rows) {
    const g = growth.get(`${r.kind} ${r.consumers}`);
    const name = r.kind === 'cli' ? 'npx cdktf synth (shipped)' : r.kind === 'floor' ? 'floor (bare cdktf)' : 'blueprint';
    const phases = Object.entries(r.spans).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    lines.push([
      pad(name, widths[0]),
      pad(r.consumers === undefined ? '-' : String(r.consumers), widths[1], true),
      pad(String(r.stacks), widths[2], true),
      pad(String(r.resources), widths[3], true),
      pad(String(r.dataSources), widths[4], true),
      pad(r.wallMs.toFixed(0), widths[5], true),
      pad(`(${r.wallMinMs.toFixed(0)}-${r.wallMaxMs.toFixed(0)})`, widths[6], true),
      pad(Number.isFinite(r.cpuMs) ? r.cpuMs.toFixed(0) : '-', widths[7], true),
      pad(r.rssMiB.toFixed(0), widths[8], true),
      pad(g ? `${g.msPerConsumer.toFixed(1)} (${g.from}->${g.to})` : '', widths[9], true),
      phases,
    ].join('  '));
  }
  lines.push('');
  lines.push('Targets:');
  for (const t of report.targets) lines.push(`  ${t.status.padEnd(4)}  ${t.name}: ${t.measured} (target ${t.limit})`);
  if (report.profile) {
    lines.push('');
    lines.push(`CPU profile of the largest blueprint run (${report.profile.totalMs.toFixed(0)} ms sampled), self time by package:`);
    for (const [k, v] of report.profile.byPackage.slice(0, 10)) lines.push(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
    lines.push('Inclusive time, top functions:');
    for (const [k, v] of report.profile.inclusive) lines.push(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    runChild(argv.slice(1));
    return;
  }
  let opts: Options;
  try {
    opts = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\nusage: npm run bench -- [--sizes 10,50,200] [--runs 3] [--regions 3] [--services 10] [--json] [--no-cli] [--profile] [--keep]\n`);
    process.exit(2);
  }
  runBench(opts).catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

// run-ts.js sets process.argv[1] to this file; importing the module runs nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) main();
