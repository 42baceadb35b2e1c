/**
 * The FLOOR of `npm run bench`: a bare cdktf program that synthesizes the same workload as
 * the blueprint — the same stacks, and in each stack the same number of AWS providers,
 * resources and data sources of the same provider classes (loaded through the same deep
 * imports, `@cdktf/provider-aws/lib/<name>`) — with no blueprint logic: no validation, no
 * constructs, no cross-stack references, no attribute reads; every prop is a literal.
 * What the blueprint costs beyond this floor is its own overhead.
 *
 * The workload comes from a plan file that `scripts/bench.ts` derives from the blueprint's
 * synthesized JSON (see `FloorPlan`); each resource type also carries one sample of the
 * blueprint's attributes with every `${...}` reference replaced by a literal string, so the
 * floor writes JSON of about the same size.
 *
 * Usage: node scripts/run-ts.js scripts/bench-floor.ts --plan <plan.json> --outdir <dir>
 * Prints one line `BENCH_RESULT {json}` on stdout: phase times (ms) and maxRSS (KiB).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One stack of the workload. */
export interface FloorStackPlan {
  readonly id: string;
  /** AWS providers in the stack. */
  readonly providers: number;
  /** Resource instances by Terraform type, e.g. `["aws_vpc", 1]`. */
  readonly resources: readonly (readonly [string, number])[];
  /** Data sources by Terraform type (provider classes only, e.g. `aws_vpc_endpoint_service`). */
  readonly data: readonly (readonly [string, number])[];
}

export interface FloorPlan {
  readonly stacks: readonly FloorStackPlan[];
  /** Literal attributes per type (`aws_vpc` or `data.aws_…`), snake_case as synthesized. */
  readonly samples: Readonly<Record<string, Record<string, unknown>>>;
}

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

function classOf(type: string, data: boolean): ElementClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(modulePathOf(type, data)) as Record<string, unknown>;
  for (const value of Object.values(mod)) {
    if (typeof value === 'function' && (value as { tfResourceType?: string }).tfResourceType === type) return value as unknown as ElementClass;
  }
  throw new Error(`bench-floor: no class with tfResourceType '${type}' in ${modulePathOf(type, data)}`);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const planFile = arg('--plan');
  const outdir = arg('--outdir');
  if (!planFile || !outdir) {
    process.stderr.write('usage: node scripts/run-ts.js scripts/bench-floor.ts --plan <plan.json> --outdir <dir>\n');
    process.exit(2);
  }
  const { spans, mark } = phaseTimer();

  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App, S3Backend, TerraformStack } = require('cdktf') as typeof import('cdktf');
  const { AwsProvider } = require('@cdktf/provider-aws/lib/provider') as typeof import('@cdktf/provider-aws/lib/provider');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as FloorPlan;
  const classes = new Map<string, ElementClass>();
  const configs = new Map<string, Record<string, unknown>>();
  for (const stack of plan.stacks) {
    for (const [list, data] of [[stack.resources, false], [stack.data, true]] as const) {
      for (const [type] of list) {
        const key = data ? `data.${type}` : type;
        if (classes.has(key)) continue;
        classes.set(key, classOf(type, data));
        configs.set(key, toConfig(plan.samples[key] ?? {}) as Record<string, unknown>);
      }
    }
  }
  mark('load');

  const app = new App({ outdir });
  for (const s of plan.stacks) {
    const stack = new TerraformStack(app, s.id);
    new S3Backend(stack, { bucket: 'floor-tfstate', key: `floor/${s.id}.tfstate`, region: 'us-east-1', encrypt: true });
    const providers = [];
    for (let i = 0; i < Math.max(1, s.providers); i++) {
      providers.push(new AwsProvider(stack, `aws-${i}`, { alias: `p${i}`, region: 'us-east-1' }));
    }
    let n = 0;
    for (const [list, data] of [[s.resources, false], [s.data, true]] as const) {
      for (const [type, count] of list) {
        const key = data ? `data.${type}` : type;
        const Cls = classes.get(key)!;
        const config = configs.get(key)!;
        for (let i = 0; i < count; i++) new Cls(stack, `r${n++}`, { ...config, provider: providers[n % providers.length] });
      }
    }
  }
  mark('build');
  app.synth();
  mark('synth');
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ spans, maxRssKiB })}\n`);
}

// run-ts.js sets process.argv[1] to this file; importing the module (tests, bench.ts) runs nothing.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) main();

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
