/**
 * `npm run bench:onboarding`: what onboarding one more consumer account costs with one state per
 * account (this blueprint) against one state holding every consumer (the monolith of the public
 * hub-and-spoke samples), measured on the local AWS emulator (issue 13).
 *
 * For each size N (default 5 and 40), in a fresh emulator (IAM not enforced, the organization
 * declared with RAM sharing on, as the bootstrap leaves it), from ONE generated environment
 * (`generateEnvironment`: one region, one hub with one centralized service, one published service,
 * `dns: 'zone-associations'`):
 *
 * - per-account state: the hub, the service and N consumer stacks are deployed (`terraform init` +
 *   `terraform apply` in the synthesized stack directories, `--parallel` at a time); then, per run,
 *   one NEW consumer stack is onboarded with `terraform init`, `terraform plan -out` and
 *   `terraform apply <plan>` in its directory (each timed), and another NEW consumer with the
 *   command an operator runs, `npm run deploy -- --env <env> --config <file> --consumer <name>
 *   --auto-approve --skip-synth` (the upstream and lock checks, then `cdktf deploy` of that one
 *   stack), timed as a whole;
 * - one state: a Terraform root directory generated from the synthesized stacks of OTHER consumers
 *   of the same environment (`monolithOf`): one `module` per consumer stack (its JSON without its
 *   backend and provider blocks), the provider configurations hoisted to the root and deduplicated
 *   (one per account and region, as a hand-written monolith has them), its state in the emulator's
 *   S3 next to the stacks'. Its N modules are applied; then, per run, the module of one NEW consumer
 *   is added and `terraform init`, `terraform plan -out` and `terraform apply <plan>` are timed. The
 *   modules' remote-state data sources still read the hub's and the service's own states.
 *
 * Every onboarded consumer is in the same segment and zones (each adds the same 23 resources), the
 * two paths never share an account or a CIDR, and the runs interleave the three onboardings so
 * that changes of load hit them alike. Each command is timed in wall time and, with GNU time, in
 * CPU time (user + system of the command and every process it waited for: Terraform's provider
 * plugins, cdktf's Terraform). Reported per size and step: the median of `--runs` runs, the
 * resources in the state that was planned, what the plan and the apply did; and, per step, the
 * ratio of the largest size's median to the smallest's. The synthesis of the per-stack
 * configuration is timed once per size (a fresh process), which `npm run deploy` without
 * `--skip-synth` adds, and which grows with N.
 *
 * Exit code: 0 when the per-account path stays flat: the wall-time median of each of its plan,
 * apply and `npm run deploy` at the largest size within `FLAT_LIMIT` times the smallest size's; 1
 * when one is not, or a step fails; 2 on a bad command line. The 1/5/15-minute load average is
 * recorded at the start and the end: on a loaded machine every wall time stretches, CPU time much
 * less.
 *
 * Usage: npm run bench:onboarding -- [--sizes 5,40] [--runs 3] [--parallel 2] [--json] [--keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnableSharingWithAwsOrganizationCommand, RAMClient } from '@aws-sdk/client-ram';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { parseArgs, runMain } from '../lib/cli/args';
import { mapLimit, run, type RunOptions, type RunResult } from '../lib/cli/run';
import { formatTable } from '../lib/cli/table';
import { EMULATOR_ENV_VAR, emulatorFromEnvironment } from '../lib/cdktf/emulator';
import { generateEnvironment } from '../lib/config/generate-environment';
import type { EnvironmentConfig, S3StateConfig } from '../lib/config/types';
import { isObject, list, obj, type JsonObject } from '../lib/reports/connectivity/json';
import { reapNow } from '../lib/ops/reaper';
import { S3StateStore, s3BackendOf } from '../lib/ops/state-store';
import { prepareWorkspace, type Workspace } from '../lib/ops/workspace';
import { createStateBucket, emulatorToolEnv, startEmulator, type Emulator } from '../test/emulator/harness';

const ROOT = path.resolve(__dirname, '..');
const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.js');
const SELF = path.join(ROOT, 'scripts', 'onboarding-bench.ts');

/** The per-stack path stays flat: each of its medians at the largest size at most this times the smallest size's. */
export const FLAT_LIMIT = 1.2;

// ---------------------------------------------------------------------------------------------
// Arguments

export const USAGE = 'usage: npm run bench:onboarding -- [--sizes 5,40] [--runs 3] [--parallel 2] [--json] [--keep]';

export interface Options {
  /** Consumers already deployed before each onboarding, smallest first. */
  readonly sizes: readonly number[];
  /** Onboardings per path and size (the median is reported). */
  readonly runs: number;
  /** Stacks deployed at once while setting up (not while timing). */
  readonly parallel: number;
  readonly json: boolean;
  /** Keep the temp directory (stack directories, monolith, logs). */
  readonly keep: boolean;
}

const OPTIONS = {
  sizes: { kind: 'ints' },
  runs: { kind: 'int' },
  parallel: { kind: 'int' },
  json: { kind: 'flag' },
  keep: { kind: 'flag' },
} as const;

export function parseOptions(argv: readonly string[]): Options {
  const a = parseArgs(argv, OPTIONS, USAGE);
  return { sizes: a.sizes ?? [5, 40], runs: a.runs ?? 3, parallel: a.parallel ?? 2, json: a.json, keep: a.keep };
}

// ---------------------------------------------------------------------------------------------
// The environment and who goes where

/** Which generated consumers (indices) each path deploys first, and which each run onboards. */
export interface Layout {
  /** Consumers to generate. */
  readonly total: number;
  readonly perStackBase: readonly number[];
  readonly monolithBase: readonly number[];
  /** Per run: the consumer onboarded with terraform in its stack, the one with `npm run deploy`, the monolith's. */
  readonly runs: readonly { readonly terraform: number; readonly deploy: number; readonly monolith: number }[];
}

/**
 * N consumers for each path's base, then the onboarded ones at EVEN indices only: generated
 * consumers alternate between the segments (and their zone order) by index parity, so every
 * onboarded consumer has the same resources.
 */
export function consumerLayout(n: number, runs: number): Layout {
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  const next = (j: number) => 2 * n + 2 * j;
  return {
    total: 2 * n + 6 * runs - 1,
    perStackBase: range(0, n),
    monolithBase: range(n, n),
    runs: range(0, runs).map((r) => ({ terraform: next(3 * r), deploy: next(3 * r + 1), monolith: next(3 * r + 2) })),
  };
}

/** The generated environment of a size: one region, one hub with one centralized service, one published service. */
export function benchEnvironment(n: number, runs: number): EnvironmentConfig {
  return generateEnvironment({
    consumers: consumerLayout(n, runs).total,
    regions: ['us-east-1'],
    services: ['sts'],
    published: 1,
    dns: 'zone-associations',
    name: `onb${n}`,
  });
}

/** The environment with only the consumers at `indices` (hub, services and everything else unchanged). */
export function withConsumers(env: EnvironmentConfig, indices: readonly number[]): EnvironmentConfig {
  return { ...env, consumers: indices.map((i) => env.consumers[i]) };
}

// ---------------------------------------------------------------------------------------------
// The single-state variant, generated from the synthesized stacks

export interface SynthesizedStack {
  readonly id: string;
  /** Its `cdk.tf.json`. */
  readonly json: JsonObject;
}

export interface MonolithOptions {
  /** The monolith's name: the `stack` default tag of the provider configurations the modules share. */
  readonly name: string;
  /** The root's `terraform.backend` block (for example `{ s3: {...} }`); none: local state. */
  readonly backend?: JsonObject;
  /** Where the module directories are, relative to the root. @default 'modules' */
  readonly modulesDir?: string;
}

export interface Monolith {
  /** The root module (`main.tf.json`). */
  readonly root: JsonObject;
  /** Each stack's module (`<modulesDir>/<id>/cdk.tf.json`), by stack id. */
  readonly modules: Readonly<Record<string, JsonObject>>;
}

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A provider configuration with its `default_tags` `stack` tag set (or removed with `undefined`). */
function withStackTag(config: JsonObject, stack: string | undefined): JsonObject {
  if (!('default_tags' in config)) return config;
  const defaultTags = list(config.default_tags).map((d) => {
    const tags = { ...obj(obj(d).tags) };
    if (stack === undefined) delete tags.stack;
    else tags.stack = stack;
    return { ...obj(d), tags };
  });
  return { ...config, default_tags: defaultTags };
}

/** The configurations of a stack's `provider` block, as cdktf writes it (`{ aws: [ {...}, ... ] }`), or single objects. */
function providerConfigs(json: JsonObject): { type: string; alias?: string; config: JsonObject }[] {
  return Object.entries(obj(json.provider)).flatMap(([type, v]) =>
    (Array.isArray(v) ? v : [v]).filter(isObject).map((c) => {
      const { alias, ...config } = c;
      return { type, alias: typeof alias === 'string' ? alias : undefined, config };
    }),
  );
}

const providerRef = (type: string, alias: string | undefined) => (alias === undefined ? type : `${type}.${alias}`);

/**
 * One Terraform root holding the given stacks as modules, for one state:
 *
 * - each module is the stack's JSON without `terraform.backend` and without `provider` blocks; its
 *   `required_providers` declare the aliases it uses as `configuration_aliases`, and the root passes
 *   them in (`providers`), so the module keeps every resource address and reference of the stack;
 * - the root holds the provider configurations, deduplicated: configurations equal but for their
 *   alias and the `stack` default tag are one (the hub's and the service owner's account, shared by
 *   every consumer), tagged `stack = <name>`; a configuration of one stack only (its consumer
 *   account) keeps its alias when no other configuration claims it, else gets `<alias>--<stack id>`;
 * - every module keeps its other blocks (resources, data sources, remote-state reads of the
 *   upstream stacks, outputs, locals).
 */
export function monolithOf(stacks: readonly SynthesizedStack[], opts: MonolithOptions): Monolith {
  const modulesDir = opts.modulesDir ?? 'modules';
  interface Shared {
    readonly type: string;
    readonly alias: string | undefined;
    readonly config: JsonObject;
    readonly users: { readonly stack: string; readonly alias: string | undefined }[];
  }
  const byKey = new Map<string, Shared>();
  const keyOf = new Map<string, string>(); // `${stack}\0${type}.${alias}` -> key
  for (const s of stacks) {
    for (const p of providerConfigs(s.json)) {
      const key = `${p.type}\u0000${canonicalJson(withStackTag(p.config, undefined))}`;
      const entry = byKey.get(key) ?? { type: p.type, alias: p.alias, config: p.config, users: [] };
      entry.users.push({ stack: s.id, alias: p.alias });
      byKey.set(key, entry);
      keyOf.set(`${s.id}\u0000${providerRef(p.type, p.alias)}`, key);
    }
  }
  // Root aliases: the stacks' alias when only one configuration claims it, else suffixed with its first stack.
  const claims = new Map<string, number>();
  for (const e of byKey.values())
    for (const a of new Set(e.users.map((u) => providerRef(e.type, u.alias)))) claims.set(a, (claims.get(a) ?? 0) + 1);
  const rootAlias = new Map<string, string | undefined>();
  for (const [key, e] of byKey) {
    const aliases = [...new Set(e.users.map((u) => u.alias))];
    const only = aliases.length === 1 ? aliases[0] : undefined;
    const free = aliases.length === 1 && claims.get(providerRef(e.type, only)) === 1;
    rootAlias.set(key, free ? only : `${only ?? aliases[0] ?? 'default'}--${e.users[0].stack}`);
  }

  const rootProviders: Record<string, JsonObject[]> = {};
  for (const [key, e] of byKey) {
    const shared = new Set(e.users.map((u) => u.stack)).size > 1;
    const alias = rootAlias.get(key);
    const config = shared ? withStackTag(e.config, opts.name) : e.config;
    (rootProviders[e.type] ??= []).push(alias === undefined ? config : { alias, ...config });
  }

  const modules: Record<string, JsonObject> = {};
  const moduleBlocks: Record<string, JsonObject> = {};
  const requiredProviders: Record<string, JsonObject> = {};
  for (const s of stacks) {
    const { provider: _provider, terraform, ...rest } = s.json;
    const { backend: _backend, ...tf } = obj(terraform);
    const used = providerConfigs(s.json);
    const required: Record<string, JsonObject> = {};
    for (const [type, req] of Object.entries(obj(tf.required_providers))) {
      requiredProviders[type] ??= obj(req);
      const aliases = [
        ...new Set(used.filter((u) => u.type === type && u.alias !== undefined).map((u) => providerRef(type, u.alias))),
      ].sort();
      required[type] = aliases.length > 0 ? { ...obj(req), configuration_aliases: aliases } : obj(req);
    }
    for (const u of used)
      if (!(u.type in required)) required[u.type] = u.alias === undefined ? {} : { configuration_aliases: [providerRef(u.type, u.alias)] };
    modules[s.id] = { ...rest, terraform: { ...tf, required_providers: required } };
    const providers: Record<string, string> = {};
    for (const u of used)
      providers[providerRef(u.type, u.alias)] = providerRef(
        u.type,
        rootAlias.get(keyOf.get(`${s.id}\u0000${providerRef(u.type, u.alias)}`)!),
      );
    moduleBlocks[s.id] = { source: `./${modulesDir}/${s.id}`, providers };
  }

  return {
    root: {
      terraform: { required_providers: requiredProviders, ...(opts.backend ? { backend: opts.backend } : {}) },
      ...(Object.keys(rootProviders).length > 0 ? { provider: rootProviders } : {}),
      ...(Object.keys(moduleBlocks).length > 0 ? { module: moduleBlocks } : {}),
    },
    modules,
  };
}

/** Writes the monolith into `dir` (`main.tf.json`, one directory per module), replacing the module list. */
export function writeMonolith(dir: string, m: Monolith, modulesDir = 'modules'): void {
  fs.mkdirSync(path.join(dir, modulesDir), { recursive: true });
  for (const [id, json] of Object.entries(m.modules)) {
    const file = path.join(dir, modulesDir, id, 'cdk.tf.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  }
  fs.writeFileSync(path.join(dir, 'main.tf.json'), `${JSON.stringify(m.root, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Reading Terraform's output

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

/** What a plan or apply reported: `Plan: 23 to add, 0 to change, 0 to destroy.`, `Resources: 23 added, ...`, or `No changes.` */
export function planCounts(output: string): PlanCounts | undefined {
  const plan = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(output);
  if (plan) return { add: Number(plan[1]), change: Number(plan[2]), destroy: Number(plan[3]) };
  const applied = /Resources: (\d+) added, (\d+) changed, (\d+) destroyed/.exec(output);
  if (applied) return { add: Number(applied[1]), change: Number(applied[2]), destroy: Number(applied[3]) };
  if (/No changes\./.test(output)) return { add: 0, change: 0, destroy: 0 };
  return undefined;
}

export const formatCounts = (c: PlanCounts | undefined): string => (c ? `+${c.add} ~${c.change} -${c.destroy}` : '?');

// ---------------------------------------------------------------------------------------------
// Measurements and the verdict

/** A timed command: wall time, and CPU time (user + system) of it and every process it waited for (`/usr/bin/time`), when available. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs?: number;
}

export interface PerStackRun {
  readonly consumer: string;
  readonly stack: string;
  /** Managed resources in the state that was planned (a new stack: 0). */
  readonly stateResources: number;
  readonly init: Timing;
  readonly plan: Timing;
  readonly planned?: PlanCounts;
  readonly apply: Timing;
  readonly applied?: PlanCounts;
}

export interface DeployRun {
  readonly consumer: string;
  readonly stack: string;
  readonly stateResources: number;
  /** `npm run deploy -- ... --consumer <name> --auto-approve --skip-synth`, the whole command. */
  readonly deploy: Timing;
  readonly applied?: PlanCounts;
}

export interface MonolithRun {
  readonly consumer: string;
  /** Modules in the root before this one was added. */
  readonly modulesBefore: number;
  readonly stateResources: number;
  /** Provider configurations of the root after adding the module (each a provider process in every Terraform run). */
  readonly providerConfigs: number;
  readonly init: Timing;
  readonly plan: Timing;
  readonly planned?: PlanCounts;
  readonly apply: Timing;
  readonly applied?: PlanCounts;
}

export interface SizeResult {
  readonly n: number;
  readonly environment: string;
  /** A fresh process synthesizing the per-stack configuration (N + 2 x runs consumers). */
  readonly synth: Timing;
  readonly stacksSynthesized: number;
  /** Deploying the hub, the service and the N per-stack consumers (setup, not an onboarding). */
  readonly setupPerStackMs: number;
  /** Applying the single state of N consumers (setup). */
  readonly setupMonolithMs: number;
  readonly perStack: readonly PerStackRun[];
  readonly deploy: readonly DeployRun[];
  readonly monolith: readonly MonolithRun[];
}

export type Path = 'per-account state' | 'one state';

export interface Metric {
  readonly id: string;
  readonly path: Path;
  readonly step: string;
  /** Gated: the per-account path must stay flat (wall-time median within FLAT_LIMIT). */
  readonly gated: boolean;
  readonly samples: (
    r: SizeResult,
  ) => readonly { readonly timing: Timing; readonly stateResources: number; readonly counts?: PlanCounts }[];
}

export const METRICS: readonly Metric[] = [
  {
    id: 'per-stack-init',
    path: 'per-account state',
    step: 'terraform init (new stack)',
    gated: false,
    samples: (r) => r.perStack.map((x) => ({ timing: x.init, stateResources: x.stateResources })),
  },
  {
    id: 'per-stack-plan',
    path: 'per-account state',
    step: 'terraform plan -out (new stack)',
    gated: true,
    samples: (r) => r.perStack.map((x) => ({ timing: x.plan, stateResources: x.stateResources, counts: x.planned })),
  },
  {
    id: 'per-stack-apply',
    path: 'per-account state',
    step: 'terraform apply <plan> (new stack)',
    gated: true,
    samples: (r) => r.perStack.map((x) => ({ timing: x.apply, stateResources: x.stateResources, counts: x.applied })),
  },
  {
    id: 'per-stack-deploy',
    path: 'per-account state',
    step: 'npm run deploy --consumer (cdktf deploy)',
    gated: true,
    samples: (r) => r.deploy.map((x) => ({ timing: x.deploy, stateResources: x.stateResources, counts: x.applied })),
  },
  {
    id: 'monolith-init',
    path: 'one state',
    step: 'terraform init (module added)',
    gated: false,
    samples: (r) => r.monolith.map((x) => ({ timing: x.init, stateResources: x.stateResources })),
  },
  {
    id: 'monolith-plan',
    path: 'one state',
    step: 'terraform plan -out (module added)',
    gated: false,
    samples: (r) => r.monolith.map((x) => ({ timing: x.plan, stateResources: x.stateResources, counts: x.planned })),
  },
  {
    id: 'monolith-apply',
    path: 'one state',
    step: 'terraform apply <plan>',
    gated: false,
    samples: (r) => r.monolith.map((x) => ({ timing: x.apply, stateResources: x.stateResources, counts: x.applied })),
  },
];

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export interface Summary {
  readonly wallMs: number;
  readonly wallMinMs: number;
  readonly wallMaxMs: number;
  /** NaN when CPU time was not measured. */
  readonly cpuMs: number;
  readonly stateResources: number;
  /** Every distinct plan/apply result of the runs (`+23 ~0 -0`). */
  readonly counts: readonly string[];
}

/** The medians of one metric at one size. */
export function summarize(metric: Metric, r: SizeResult): Summary {
  const samples = metric.samples(r);
  const walls = samples.map((x) => x.timing.wallMs);
  const cpus = samples.map((x) => x.timing.cpuMs).filter((x): x is number => x !== undefined);
  return {
    wallMs: median(walls),
    wallMinMs: Math.min(...walls),
    wallMaxMs: Math.max(...walls),
    cpuMs: cpus.length === samples.length ? median(cpus) : NaN,
    stateResources: median(samples.map((x) => x.stateResources)),
    counts: [...new Set(samples.flatMap((x) => (x.counts ? [formatCounts(x.counts)] : [])))],
  };
}

export interface Growth {
  readonly metric: string;
  readonly path: Path;
  readonly step: string;
  readonly from: Summary;
  readonly to: Summary;
  /** Wall-time median at the largest size / at the smallest. */
  readonly ratio: number;
  /** The same of the CPU time (NaN without it). */
  readonly cpuRatio: number;
  readonly gated: boolean;
  readonly status: 'PASS' | 'FAIL' | 'INFO';
}

/** Largest size against smallest, per metric (init steps left out); the gated ones pass within FLAT_LIMIT. */
export function growthOf(results: readonly SizeResult[]): Growth[] {
  if (results.length < 2) return [];
  const [first, last] = [results[0], results[results.length - 1]];
  return METRICS.filter((m) => !m.id.endsWith('-init')).map((m) => {
    const [from, to] = [summarize(m, first), summarize(m, last)];
    const ratio = to.wallMs / from.wallMs;
    return {
      metric: m.id,
      path: m.path,
      step: m.step,
      from,
      to,
      ratio,
      cpuRatio: to.cpuMs / from.cpuMs,
      gated: m.gated,
      status: !m.gated ? 'INFO' : ratio <= FLAT_LIMIT ? 'PASS' : 'FAIL',
    };
  });
}

export interface Report {
  readonly machine: {
    readonly cpus: number;
    readonly node: string;
    readonly terraform: string;
    readonly cpuTime: boolean;
    readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  };
  readonly options: Options;
  readonly sizes: readonly SizeResult[];
  readonly growth: readonly Growth[];
  readonly exitCode: number;
}

const sec = (ms: number): string => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : '-');
const ratioText = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '-');

export function render(r: Report): string {
  const header = ['N', 'path', 'step', 'resources in the planned state', 'wall s', '(min-max)', 'CPU s', 'plan / apply'];
  const rows = r.sizes.flatMap((x) =>
    METRICS.map((m) => {
      const v = summarize(m, x);
      return [
        String(x.n),
        m.path,
        m.step,
        String(v.stateResources),
        sec(v.wallMs),
        `(${sec(v.wallMinMs)}-${sec(v.wallMaxMs)})`,
        sec(v.cpuMs),
        v.counts.join(' '),
      ];
    }),
  );
  const m = r.machine;
  const lines = [
    `Onboarding one consumer account: per-account state vs one state, on the emulator; median of ${r.options.runs} run(s) per step and size ` +
      `(${m.cpus} CPUs, node ${m.node}, ${m.terraform}; CPU time ${m.cpuTime ? 'from /usr/bin/time, the command and every process it waited for' : 'not measured (no /usr/bin/time)'}; ` +
      `load average ${m.loadAverage.start.join(' ')} at start, ${m.loadAverage.end.join(' ')} at end)`,
    '',
    formatTable(header, rows, { align: ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'left'] }),
    '',
    ...r.sizes.map(
      (x) =>
        `Setup at N=${x.n} (not timed as onboarding): hub + service + ${x.n} consumer stacks ${sec(x.setupPerStackMs)} s; ` +
        `one state of ${x.n} modules ${sec(x.setupMonolithMs)} s (${x.monolith.map((y) => y.providerConfigs).join('/')} provider configurations after each addition); ` +
        `synth of the per-stack configuration (${x.stacksSynthesized} stacks) ${sec(x.synth.wallMs)} s wall, ${sec(x.synth.cpuMs ?? NaN)} s CPU`,
    ),
  ];
  if (r.growth.length > 0) {
    const [a, b] = [r.sizes[0].n, r.sizes[r.sizes.length - 1].n];
    lines.push('', `Growth from N=${a} to N=${b}, medians (the per-account path must stay within ${FLAT_LIMIT}x in wall time):`);
    lines.push(
      formatTable(
        ['verdict', 'path', 'step', `N=${a} s`, `N=${b} s`, 'wall ratio', 'CPU ratio'],
        r.growth.map((g) => [g.status, g.path, g.step, sec(g.from.wallMs), sec(g.to.wallMs), ratioText(g.ratio), ratioText(g.cpuRatio)]),
        { align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'] },
      ),
    );
  }
  lines.push(
    '',
    r.exitCode === 0
      ? r.growth.length > 0
        ? 'The per-account path stays flat.'
        : 'One size only: no growth verdict.'
      : `PER-ACCOUNT PATH NOT FLAT (exit ${r.exitCode}): ${r.growth
          .filter((g) => g.status === 'FAIL')
          .map((g) => g.metric)
          .join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Running it

const loadAverage = (): number[] => os.loadavg().map((l) => Math.round(l * 100) / 100);

class StepFailed extends Error {}

/** The onboarding's saved plan: `terraform apply` of it does not refresh again, as a pipeline applies what was reviewed. */
const PLAN_FILE = 'onboarding.tfplan';

const TIME_BIN = '/usr/bin/time';
let gnuTime: boolean | undefined;

/** Whether GNU time is there to measure CPU time (of the command and the processes it waited for). */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    const r = fs.existsSync(TIME_BIN) ? spawnSync(TIME_BIN, ['-f', '%U %S', 'true'], { encoding: 'utf8' }) : undefined;
    gnuTime = r !== undefined && r.status === 0 && /^[\d.]+ [\d.]+$/.test(r.stderr.trim().split('\n').pop() ?? '');
  }
  return gnuTime;
}

interface TimedResult extends RunResult {
  readonly timing: Timing;
}

/** `run`, under /usr/bin/time when it exists: wall time and CPU time (user + system of the command and what it waited for). */
async function timedRun(command: string, args: readonly string[], opts: RunOptions, scratch: string): Promise<TimedResult> {
  if (!hasGnuTime()) {
    const r = await run(command, args, opts);
    return { ...r, timing: { wallMs: r.ms } };
  }
  const file = path.join(scratch, `time-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  const r = await run(TIME_BIN, ['-o', file, '-f', '%U %S', command, ...args], opts);
  let cpuMs: number | undefined;
  try {
    const last = fs.readFileSync(file, 'utf8').trim().split('\n').pop() ?? '';
    const m = /^([\d.]+) ([\d.]+)$/.exec(last);
    if (m) cpuMs = Math.round((Number(m[1]) + Number(m[2])) * 1000);
    fs.rmSync(file, { force: true });
  } catch {
    /* killed before time wrote it */
  }
  return { ...r, timing: { wallMs: r.ms, ...(cpuMs !== undefined ? { cpuMs } : {}) } };
}

function check<T extends RunResult>(what: string, r: T): T {
  if (r.code === 0 && !r.timedOut) return r;
  const out = `${r.stdout}\n${r.stderr}`;
  const errors = out
    .split('\n')
    .filter((l) => /Error|error:/.test(l))
    .slice(0, 20)
    .join('\n');
  throw new StepFailed(
    `${what}: ${r.timedOut ? 'timed out' : `exit code ${r.code ?? r.signal}`}\n${errors}\n--- last output ---\n${out.slice(-3000)}`,
  );
}

const timingText = (t: Timing): string => `${sec(t.wallMs)} s${t.cpuMs !== undefined ? ` (CPU ${sec(t.cpuMs)} s)` : ''}`;

/** One size: its own emulator, environment, configuration files and directories. */
class SizeRun {
  readonly env: EnvironmentConfig;
  readonly layout: Layout;
  readonly dir: string;
  readonly perStackConfig: EnvironmentConfig;
  readonly monolithConfig: EnvironmentConfig;
  readonly procEnv: NodeJS.ProcessEnv;
  private monolithModules: string[] = [];

  constructor(
    readonly n: number,
    readonly opts: Options,
    readonly emulator: Emulator,
    tmp: string,
    private readonly say: (msg: string) => void,
  ) {
    this.layout = consumerLayout(n, opts.runs);
    this.env = benchEnvironment(n, opts.runs);
    this.dir = path.join(tmp, `n${n}`);
    fs.mkdirSync(this.dir, { recursive: true });
    const runs = this.layout.runs;
    this.perStackConfig = withConsumers(this.env, [...this.layout.perStackBase, ...runs.flatMap((r) => [r.terraform, r.deploy])]);
    this.monolithConfig = withConsumers(this.env, [...this.layout.monolithBase, ...runs.map((r) => r.monolith)]);
    fs.writeFileSync(this.configFile('per-stack'), `${JSON.stringify(this.perStackConfig, null, 2)}\n`);
    fs.writeFileSync(this.configFile('monolith'), `${JSON.stringify(this.monolithConfig, null, 2)}\n`);
    this.procEnv = {
      ...emulatorToolEnv(emulator.endpoint, path.join(tmp, '.terraform-cli')),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: 'true',
      CHECKPOINT_DISABLE: '1',
      CI: '1',
      FORCE_COLOR: '0',
    };
  }

  configFile(kind: 'per-stack' | 'monolith'): string {
    return path.join(this.dir, `${kind}.json`);
  }

  outdir(kind: 'per-stack' | 'monolith'): string {
    return path.join(this.dir, `out-${kind}`);
  }

  get monolithDir(): string {
    return path.join(this.dir, 'monolith');
  }

  get monolithName(): string {
    return `${this.env.name}-consumers-monolith`;
  }

  consumerName(i: number): string {
    return this.env.consumers[i].name;
  }

  private log(title: string, r: RunResult): void {
    fs.appendFileSync(path.join(this.dir, 'commands.log'), `\n===== ${title} (${r.ms} ms, exit ${r.code})\n${r.stdout}\n${r.stderr}`);
  }

  /** `terraform <args>` in a directory, timed; a failure stops the bench with Terraform's errors. */
  async terraform(cwd: string, args: readonly string[], what: string, timeoutMs = 3_600_000): Promise<TimedResult> {
    // Flags before the positional arguments (a saved plan): Terraform stops reading flags at the first.
    const argv = [args[0], '-input=false', '-no-color', ...args.slice(1)];
    const r = await timedRun('terraform', argv, { cwd, env: this.procEnv, timeoutMs }, this.dir);
    this.log(`${what}: terraform ${args.join(' ')}`, r);
    return check(`${what}: terraform ${args.join(' ')}`, r);
  }

  /** Synthesizes a configuration in a fresh process (as `npm run deploy` without --skip-synth does), timed. */
  async synth(kind: 'per-stack' | 'monolith'): Promise<{ timing: Timing; ws: Workspace }> {
    const args = [RUN_TS, SELF, '--synth-child', '--config', this.configFile(kind), '--outdir', this.outdir(kind)];
    const r = check(
      `synth of the ${kind} configuration`,
      await timedRun(process.execPath, args, { cwd: ROOT, env: this.procEnv, timeoutMs: 600_000 }, this.dir),
    );
    const env = kind === 'per-stack' ? this.perStackConfig : this.monolithConfig;
    return { timing: r.timing, ws: prepareWorkspace(env, { outdir: this.outdir(kind), skipSynth: true }) };
  }

  /** Managed resources in a state object (0 when it does not exist). */
  async stateResources(stackJson: JsonObject, key?: string): Promise<number> {
    const backend = s3BackendOf(stackJson);
    if (!backend) throw new Error('no S3 backend in the synthesized stack');
    const store = new S3StateStore({ ...backend, ...(key ? { key } : {}), accessKey: 'test', secretKey: 'test' });
    try {
      return (await store.read(key ?? backend.key))?.objects.length ?? 0;
    } finally {
      store.destroy();
    }
  }

  /** init + apply of stacks in dependency order, `parallel` at a time. */
  async deployStacks(ws: Workspace, ids: readonly string[]): Promise<void> {
    const done = new Set(ws.stacks.map((x) => x.id).filter((id) => !ids.includes(id)));
    let left = [...ids];
    while (left.length > 0) {
      const ready = left.filter((id) => ws.dependencies(id).every((d) => done.has(d)));
      if (ready.length === 0) throw new Error(`no stack of ${left.join(', ')} has its upstream deployed`);
      let count = done.size;
      await mapLimit(ready, this.opts.parallel, async (id) => {
        await this.terraform(ws.dir(id), ['init'], id, 600_000);
        await this.terraform(ws.dir(id), ['apply', '-auto-approve', '-lock-timeout=60s'], id);
        count++;
        this.say(`    deployed ${id} (${count - (ws.stacks.length - ids.length)}/${ids.length}, load ${loadAverage()[0]})`);
      });
      ready.forEach((id) => done.add(id));
      left = left.filter((id) => !done.has(id));
    }
  }

  monolithStateKey(ws: Workspace): string {
    const s3 = obj(obj(obj(ws.json(ws.stacks[0].id).terraform).backend).s3);
    return `${String(s3.key).replace(/[^/]*$/, '')}${this.monolithName}.tfstate`;
  }

  /** Regenerates the single state's root and module directories for these consumer stacks; its provider configurations. */
  writeMonolith(ws: Workspace, stackIdsOfModules: readonly string[]): number {
    const s3 = obj(obj(obj(ws.json(ws.stacks[0].id).terraform).backend).s3);
    const m = monolithOf(
      stackIdsOfModules.map((id) => ({ id, json: ws.json(id) })),
      { name: this.monolithName, backend: { s3: { ...s3, key: this.monolithStateKey(ws) } } },
    );
    fs.rmSync(path.join(this.monolithDir, 'modules'), { recursive: true, force: true });
    writeMonolith(this.monolithDir, m);
    this.monolithModules = [...stackIdsOfModules];
    return list(obj(m.root.provider).aws).length;
  }

  async measure(): Promise<SizeResult> {
    const { n, layout } = this;
    const state = this.env.state as S3StateConfig;
    await createStateBucket(this.emulator.endpoint, state.bucket, state.region);
    await declareOrganization(this.emulator.endpoint, this.env);

    this.say(
      `  N=${n}: synthesizing ${this.perStackConfig.consumers.length} + ${this.monolithConfig.consumers.length} consumers (${this.env.name})`,
    );
    const { timing: synth, ws: psWs } = await this.synth('per-stack');
    const { ws: moWs } = await this.synth('monolith');
    const stackOf = (ws: Workspace, i: number) => ws.stacks.find((x) => x.role === 'consumer' && x.name === this.consumerName(i))!.id;

    this.say(`  N=${n}: deploying the hub, the service and ${n} consumer stacks, ${this.opts.parallel} at a time`);
    let started = Date.now();
    const upstream = psWs.stacks.filter((x) => x.role !== 'consumer').map((x) => x.id);
    await this.deployStacks(psWs, [...upstream, ...layout.perStackBase.map((i) => stackOf(psWs, i))]);
    const setupPerStackMs = Date.now() - started;

    this.say(`  N=${n}: applying one state with ${n} consumer modules`);
    started = Date.now();
    this.writeMonolith(
      moWs,
      layout.monolithBase.map((i) => stackOf(moWs, i)),
    );
    await this.terraform(this.monolithDir, ['init'], 'one state', 600_000);
    await this.terraform(this.monolithDir, ['apply', '-auto-approve', '-lock-timeout=60s'], 'one state');
    const setupMonolithMs = Date.now() - started;
    this.say(`  N=${n}: setup done (${sec(setupPerStackMs)} s + ${sec(setupMonolithMs)} s); onboarding, ${this.opts.runs} run(s)`);

    const perStack: PerStackRun[] = [];
    const deploy: DeployRun[] = [];
    const monolith: MonolithRun[] = [];
    for (const [r, next] of layout.runs.entries()) {
      // Per-account state: terraform in the new stack's directory.
      {
        const id = stackOf(psWs, next.terraform);
        const dir = psWs.dir(id);
        const stateResources = await this.stateResources(psWs.json(id));
        const init = await this.terraform(dir, ['init'], id, 600_000);
        const plan = await this.terraform(dir, ['plan', '-lock-timeout=60s', `-out=${PLAN_FILE}`], id);
        const apply = await this.terraform(dir, ['apply', '-lock-timeout=60s', PLAN_FILE], id);
        const [planned, applied] = [planCounts(plan.stdout), planCounts(apply.stdout)];
        perStack.push({
          consumer: this.consumerName(next.terraform),
          stack: id,
          stateResources,
          init: init.timing,
          plan: plan.timing,
          planned,
          apply: apply.timing,
          applied,
        });
        this.say(
          `    run ${r + 1}: per-account state, ${id}: init ${timingText(init.timing)}, plan ${timingText(plan.timing)} ${formatCounts(planned)}, apply ${timingText(apply.timing)} (load ${loadAverage()[0]})`,
        );
      }
      // Per-account state: the operator's command.
      {
        const name = this.consumerName(next.deploy);
        const id = stackOf(psWs, next.deploy);
        const stateResources = await this.stateResources(psWs.json(id));
        const args = [
          '--env',
          this.env.name,
          '--config',
          this.configFile('per-stack'),
          '--outdir',
          this.outdir('per-stack'),
          '--consumer',
          name,
          '--auto-approve',
          '--skip-synth',
        ];
        const res = await timedRun(
          process.execPath,
          [RUN_TS, path.join(ROOT, 'scripts', 'deploy.ts'), ...args],
          { cwd: ROOT, env: this.procEnv, timeoutMs: 3_600_000 },
          this.dir,
        );
        this.log(`npm run deploy -- ${args.join(' ')}`, res);
        check(`npm run deploy -- ${args.join(' ')}`, res);
        const after = await this.stateResources(psWs.json(id));
        if (after === 0) throw new StepFailed(`npm run deploy of ${name} exited 0 but ${id} has no resources in its state`);
        deploy.push({ consumer: name, stack: id, stateResources, deploy: res.timing, applied: planCounts(res.stdout) });
        this.say(
          `    run ${r + 1}: per-account state, npm run deploy --consumer ${name}: ${timingText(res.timing)}, ${after} resources (load ${loadAverage()[0]})`,
        );
      }
      // One state: add the module.
      {
        const id = stackOf(moWs, next.monolith);
        const stateResources = await this.stateResources(moWs.json(id), this.monolithStateKey(moWs));
        const modulesBefore = this.monolithModules.length;
        const providerConfigs = this.writeMonolith(moWs, [...this.monolithModules, id]);
        const init = await this.terraform(this.monolithDir, ['init'], 'one state', 600_000);
        const plan = await this.terraform(this.monolithDir, ['plan', '-lock-timeout=60s', `-out=${PLAN_FILE}`], 'one state');
        const apply = await this.terraform(this.monolithDir, ['apply', '-lock-timeout=60s', PLAN_FILE], 'one state');
        const [planned, applied] = [planCounts(plan.stdout), planCounts(apply.stdout)];
        monolith.push({
          consumer: this.consumerName(next.monolith),
          modulesBefore,
          stateResources,
          providerConfigs,
          init: init.timing,
          plan: plan.timing,
          planned,
          apply: apply.timing,
          applied,
        });
        this.say(
          `    run ${r + 1}: one state (${modulesBefore} modules, ${stateResources} resources) + ${id}: init ${timingText(init.timing)}, plan ${timingText(plan.timing)} ${formatCounts(planned)}, apply ${timingText(apply.timing)} (load ${loadAverage()[0]})`,
        );
      }
    }
    return {
      n,
      environment: this.env.name,
      synth,
      stacksSynthesized: psWs.stacks.length,
      setupPerStackMs,
      setupMonolithMs,
      perStack,
      deploy,
      monolith,
    };
  }
}

/** Declares the organization in the emulator (RAM shares with it), as the end-to-end tests do, without switching IAM enforcement on. */
async function declareOrganization(endpoint: string, env: EnvironmentConfig): Promise<void> {
  const mgmt = env.organization.managementAccountId;
  const accounts = [
    ...new Set([
      env.network.accountId,
      ...Object.values(env.services ?? {}).flatMap((svc) => ('accountId' in svc ? [svc.accountId] : [])),
      ...env.consumers.map((c) => c.accountId),
    ]),
  ].filter((a) => a !== mgmt);
  const res = await fetch(`${endpoint}/_emulator/organization`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: env.organization.id, managementAccountId: mgmt, accounts }),
  });
  if (res.status !== 200) throw new Error(`declaring the organization failed: ${res.status} ${await res.text()}`);
  // What the bootstrap does in the management account: RAM sharing with the organization.
  const region = (env.state as S3StateConfig).region;
  const sts = new STSClient({ endpoint, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const ram = new RAMClient({
    endpoint,
    region,
    credentials: async () => {
      const { Credentials: c } = await sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${mgmt}:role/onboarding-bench`, RoleSessionName: 'onboarding-bench' }),
      );
      return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
    },
  });
  try {
    await ram.send(new EnableSharingWithAwsOrganizationCommand({}));
  } finally {
    ram.destroy();
    sts.destroy();
  }
}

function terraformVersion(): string {
  try {
    return execFileSync('terraform', ['version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    })
      .split('\n')[0]
      .trim();
  } catch {
    return 'terraform (version unknown)';
  }
}

async function runBench(opts: Options): Promise<Report> {
  const say = (msg: string) => {
    if (!opts.json) process.stderr.write(`${msg}\n`);
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'privatelink-onboarding-'));
  let emulator: Emulator | undefined;
  const cleanup = () => {
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  // On SIGINT/SIGTERM: end everything this process started (terraform, cdktf, providers, the emulator), then the temp dir.
  const onSignal = (signal: NodeJS.Signals) => {
    reapNow({ descendantsOf: process.pid });
    cleanup();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => [sig, () => onSignal(sig)] as const);
  for (const [sig, h] of handlers) process.on(sig, h);

  const start = loadAverage();
  const sizes: SizeResult[] = [];
  try {
    say(`onboarding bench: sizes ${opts.sizes.join(', ')}, ${opts.runs} run(s) per path; load average ${start.join(' ')}; temp dir ${tmp}`);
    for (const n of opts.sizes) {
      emulator = await startEmulator();
      try {
        sizes.push(await new SizeRun(n, opts, emulator, tmp, say).measure());
      } finally {
        await emulator.stop();
        emulator = undefined;
      }
    }
  } finally {
    for (const [sig, h] of handlers) process.removeListener(sig, h);
    if (emulator) await emulator.stop();
    cleanup();
  }
  const growth = growthOf(sizes);
  return {
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      terraform: terraformVersion(),
      cpuTime: hasGnuTime(),
      loadAverage: { start, end: loadAverage() },
    },
    options: opts,
    sizes,
    growth,
    exitCode: growth.some((g) => g.status === 'FAIL') ? 1 : 0,
  };
}

/** The child that synthesizes a configuration file into an outdir (emulator mode from the environment). */
function synthChild(argv: readonly string[]): number {
  const a = parseArgs(
    argv,
    { config: { kind: 'string' }, outdir: { kind: 'string' } },
    'usage: onboarding-bench.ts --synth-child --config <file> --outdir <dir>',
  );
  const env = JSON.parse(fs.readFileSync(a.config!, 'utf8')) as EnvironmentConfig;
  if (!emulatorFromEnvironment(process.env)) throw new Error(`${EMULATOR_ENV_VAR} is not set`);
  prepareWorkspace(env, { outdir: a.outdir, processEnv: process.env });
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--synth-child') return synthChild(argv.slice(1));
  const opts = parseOptions(argv);
  // The SDK clients are pinned (package.json): their notice about future Node versions is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let report: Report;
  try {
    report = await runBench(opts);
  } catch (error) {
    if (error instanceof StepFailed) {
      process.stderr.write(`onboarding bench: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
  return report.exitCode;
}

// run-ts.js sets process.argv[1] to this file; importing the module runs nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) void runMain(() => main(process.argv.slice(2)));
