/**
 * The FLOOR of `npm run bench`: a bare cdktf program that synthesizes the same workload as
 * the blueprint — the same stacks, and in each stack the same number of AWS providers,
 * resources and data sources of the same provider classes (loaded through the same deep
 * imports, `@cdktf/provider-aws/lib/<name>`), the same number of cross-stack reads
 * (`terraform_remote_state` data sources) and cross-stack outputs — with no blueprint logic:
 * no validation, no constructs, no rules, no references between elements; every prop is a literal.
 * Like the blueprint's app it turns cdktf's token stack traces off (`disableTokenStackTraces`), so
 * that both run cdktf with the same settings. What the blueprint costs beyond this floor is its
 * own overhead.
 *
 * The workload comes from a plan file that `scripts/bench.ts` derives from the blueprint's
 * synthesized JSON (see `FloorPlan`); each element type (resource, data source, provider,
 * remote state, output) also carries one sample of the blueprint's attributes with every
 * `${...}` reference replaced by a literal string, so the floor writes JSON of about the same size.
 *
 * Usage: node scripts/run-ts.js scripts/bench-floor.ts --plan <plan.json> --outdir <dir>
 * Prints one line `BENCH_RESULT {json}` on stdout: phase times (ms) and maxRSS (KiB).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as AwsProviderModule from '@cdktf/provider-aws/lib/provider';
import type * as Cdktf from 'cdktf';
import { parseArgs, runMain, UsageError } from '../lib/cli/args';
import type * as Internals from '../lib/cdktf/internals';

/** One stack of the workload. */
export interface FloorStackPlan {
  readonly id: string;
  /** AWS providers in the stack. */
  readonly providers: number;
  /** Resource instances by Terraform type, e.g. `["aws_vpc", 1]`. */
  readonly resources: readonly (readonly [string, number])[];
  /** Data sources by Terraform type (provider classes only, e.g. `aws_vpc_endpoint_service`). */
  readonly data: readonly (readonly [string, number])[];
  /** Cross-stack reads: `terraform_remote_state` data sources. */
  readonly remoteStates: number;
  /** Outputs (the values other stacks read). */
  readonly outputs: number;
}

export interface FloorPlan {
  readonly stacks: readonly FloorStackPlan[];
  /**
   * Literal attributes per element type, snake_case as synthesized: `aws_vpc`, `data.aws_…`,
   * and {@link PROVIDER_SAMPLE}, {@link REMOTE_STATE_SAMPLE}, {@link OUTPUT_SAMPLE}.
   */
  readonly samples: Readonly<Record<string, Record<string, unknown>>>;
}

/** Sample keys of the elements that are not provider-class resources or data sources. */
export const PROVIDER_SAMPLE = 'provider.aws';
export const REMOTE_STATE_SAMPLE = 'data.terraform_remote_state';
export const OUTPUT_SAMPLE = 'output';

const META_ARGUMENTS = new Set(['provider', 'depends_on', 'count', 'for_each', 'lifecycle', 'provisioner', 'connection']);

function camel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Synthesized (snake_case) attributes back to a class config (camelCase); map-typed `tags` keep their keys. */
export function toConfig(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => toConfig(v));
  if (value === null || typeof value !== 'object') return value;
  if (key === 'tags' || key === 'tags_all') return { ...(value as Record<string, unknown>) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.startsWith('//') || META_ARGUMENTS.has(k)) continue;
    out[camel(k)] = toConfig(v, k);
  }
  return out;
}

/** `aws_vpc_endpoint` -> `vpc-endpoint`; data sources get the `data-aws-` prefix of their module. */
export function modulePathOf(type: string, data: boolean): string {
  const bare = type.replace(/^aws_/, '').replace(/_/g, '-');
  return `@cdktf/provider-aws/lib/${data ? `data-aws-${bare}` : bare}`;
}

type ElementClass = new (scope: unknown, id: string, config: Record<string, unknown>) => unknown;

/**
 * Loads a module when called, not when this file is imported: the `load` phase times cdktf and the
 * provider classes, and the provider modules are chosen at run time from the plan. A synchronous
 * `require`, not `import()`, so that synthesis stays synchronous as in the blueprint.
 */
function loadModule<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate run-time load, see above
  return require(id) as T;
}

function classOf(type: string, data: boolean): ElementClass {
  // A module chosen at run time: no static type to import, so the exports are checked instead.
  const mod = loadModule<Record<string, unknown>>(modulePathOf(type, data));
  for (const value of Object.values(mod)) {
    if (typeof value === 'function' && (value as { tfResourceType?: string }).tfResourceType === type)
      return value as unknown as ElementClass;
  }
  throw new Error(`bench-floor: no class with tfResourceType '${type}' in ${modulePathOf(type, data)}`);
}

/**
 * Builds and synthesizes the plan's workload into `outdir`, calling `mark` after loading the
 * classes (`load`), building the stacks (`build`) and writing them (`synth`). cdktf and the
 * provider classes are loaded here, not on import, so that the `load` phase times them.
 */
export function synthesizeFloor(plan: FloorPlan, outdir: string, mark: (phase: string) => void = () => undefined): void {
  const { App, DataTerraformRemoteStateS3, S3Backend, TerraformOutput, TerraformStack } = loadModule<typeof Cdktf>('cdktf');
  const { AwsProvider } = loadModule<typeof AwsProviderModule>('@cdktf/provider-aws/lib/provider');
  const { disableTokenStackTraces } = loadModule<typeof Internals>('../lib/cdktf/internals');
  // As the blueprint's app and bench child do: a cdktf setting, not blueprint logic, so the floor gets it too.
  disableTokenStackTraces();
  const classes = new Map<string, ElementClass>();
  const configs = new Map<string, Record<string, unknown>>();
  for (const stack of plan.stacks) {
    for (const [list, data] of [
      [stack.resources, false],
      [stack.data, true],
    ] as const) {
      for (const [type] of list) {
        const key = data ? `data.${type}` : type;
        if (classes.has(key)) continue;
        classes.set(key, classOf(type, data));
        configs.set(key, toConfig(plan.samples[key] ?? {}) as Record<string, unknown>);
      }
    }
  }
  const providerConfig = toConfig(plan.samples[PROVIDER_SAMPLE] ?? {}) as Record<string, unknown>;
  const remoteState = toConfig((plan.samples[REMOTE_STATE_SAMPLE] ?? {}).config ?? {}) as Record<string, unknown>;
  const output = plan.samples[OUTPUT_SAMPLE] ?? {};
  mark('load');

  const app = new App({ outdir });
  for (const s of plan.stacks) {
    const stack = new TerraformStack(app, s.id);
    new S3Backend(stack, { bucket: 'floor-tfstate', key: `floor/${s.id}.tfstate`, region: 'us-east-1', encrypt: true });
    const providers = [];
    for (let i = 0; i < Math.max(1, s.providers); i++) {
      providers.push(new AwsProvider(stack, `aws-${i}`, { region: 'us-east-1', ...providerConfig, alias: `p${i}` }));
    }
    let n = 0;
    for (const [list, data] of [
      [s.resources, false],
      [s.data, true],
    ] as const) {
      for (const [type, count] of list) {
        const key = data ? `data.${type}` : type;
        const Cls = classes.get(key)!;
        const config = configs.get(key)!;
        for (let i = 0; i < count; i++) new Cls(stack, `r${n++}`, { ...config, provider: providers[n % providers.length] });
      }
    }
    for (let i = 0; i < s.remoteStates; i++) {
      new DataTerraformRemoteStateS3(stack, `remote-state-${i}`, {
        bucket: 'floor-tfstate',
        region: 'us-east-1',
        ...remoteState,
        key: `floor/remote-${i}.tfstate`,
      });
    }
    for (let i = 0; i < s.outputs; i++) {
      new TerraformOutput(stack, `output-${i}`, { value: output.value ?? `literal-output-${i}`, sensitive: output.sensitive === true });
    }
  }
  mark('build');
  app.synth();
  mark('synth');
}

const USAGE = 'usage: node scripts/run-ts.js scripts/bench-floor.ts --plan <plan.json> --outdir <dir>';

function main(): number {
  const { spans, mark } = phaseTimer();
  const args = parseArgs(process.argv.slice(2), { plan: { kind: 'string' }, outdir: { kind: 'string' } }, USAGE);
  if (args.plan === undefined || args.outdir === undefined) throw new UsageError('--plan and --outdir are required', USAGE);
  const plan = JSON.parse(fs.readFileSync(args.plan, 'utf8')) as FloorPlan;
  synthesizeFloor(plan, args.outdir, mark);
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ spans, maxRssKiB })}\n`);
  return 0;
}

// run-ts.js sets process.argv[1] to this file; importing the module (tests, bench.ts) runs nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) void runMain(main);

/** Times the phases of a child process: `boot` is the time from process start, then each `mark(name)` the time since the previous one. */
export function phaseTimer(): { spans: Record<string, number>; mark: (name: string) => void } {
  const spans: Record<string, number> = { boot: performance.now() };
  let t = performance.now();
  return {
    spans,
    mark: (name: string) => {
      const now = performance.now();
      spans[name] = now - t;
      t = now;
    },
  };
}
