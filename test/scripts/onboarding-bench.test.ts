import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../lib/cli/args';
import { assertValid } from '../../lib/config/validate';
import { isObject, list, obj, type JsonObject } from '../../lib/reports/connectivity/json';
import {
  benchEnvironment,
  canonicalJson,
  consumerLayout,
  FLAT_LIMIT,
  growthOf,
  monolithOf,
  parseOptions,
  planCounts,
  render,
  withConsumers,
  writeMonolith,
  type SizeResult,
} from '../../scripts/onboarding-bench';
import { synthesizeEnvironments } from '../../stacks/synthesize';

describe('parseOptions', () => {
  it('defaults to 5 and 40 consumers, 3 runs, 2 stacks at once', () => {
    expect(parseOptions([])).toEqual({ sizes: [5, 40], runs: 3, parallel: 2, json: false, keep: false });
  });

  it('reads every option', () => {
    expect(parseOptions(['--sizes', '20,5', '--runs=1', '--parallel', '4', '--json', '--keep'])).toEqual({
      sizes: [5, 20],
      runs: 1,
      parallel: 4,
      json: true,
      keep: true,
    });
  });

  it.each([
    [['--size', '5'], "unknown argument '--size'"],
    [['--runs', '0'], "--runs must be a positive integer, got '0'"],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

describe('consumerLayout and benchEnvironment', () => {
  it.each([
    [1, 1],
    [5, 3],
    [40, 3],
  ])('N=%i, %i runs: disjoint consumers, every onboarded one in the same segment and zones', (n, runs) => {
    const layout = consumerLayout(n, runs);
    const onboarded = layout.runs.flatMap((r) => [r.terraform, r.deploy, r.monolith]);
    const all = [...layout.perStackBase, ...layout.monolithBase, ...onboarded];
    expect(new Set(all).size).toBe(all.length);
    expect(Math.max(...all)).toBe(layout.total - 1);
    expect(layout.perStackBase).toHaveLength(n);
    expect(layout.monolithBase).toHaveLength(n);

    const env = benchEnvironment(n, runs);
    expect(env.consumers).toHaveLength(layout.total);
    expect(assertValid([env])).toEqual([]);
    const shapes = new Set(
      onboarded.map((i) => JSON.stringify([env.consumers[i].segment, env.consumers[i].azs, env.consumers[i].consumes])),
    );
    expect(shapes.size).toBe(1);
    // Each path's configuration is valid on its own.
    expect(() =>
      assertValid([withConsumers(env, [...layout.perStackBase, ...layout.runs.flatMap((r) => [r.terraform, r.deploy])])]),
    ).not.toThrow();
  });
});

describe('monolithOf', () => {
  const emulator = { endpoint: 'http://127.0.0.1:4566', maxRetries: 3 };
  let stacks: { id: string; json: JsonObject }[];

  beforeAll(() => {
    const env = withConsumers(benchEnvironment(1, 1), [0, 1, 2]);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-onboarding-test-'));
    expect(synthesizeEnvironments([env], { outdir, emulator, report: () => undefined })).toBe(true);
    const dir = path.join(outdir, 'stacks');
    stacks = fs
      .readdirSync(dir)
      .filter((id) => id.includes('-consumer-'))
      .sort()
      .map((id) => ({ id, json: JSON.parse(fs.readFileSync(path.join(dir, id, 'cdk.tf.json'), 'utf8')) as JsonObject }));
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(stacks).toHaveLength(3);
  });

  const backend = { s3: { bucket: 'b', key: 'onb1/onb1-consumers-monolith.tfstate', region: 'us-east-1' } };

  it('keeps every resource, data source and reference of each stack, in a module without backend or providers', () => {
    const m = monolithOf(stacks, { name: 'mono', backend });
    for (const s of stacks) {
      const mod = m.modules[s.id];
      expect(mod.resource).toEqual(s.json.resource);
      expect(mod.data).toEqual(s.json.data);
      expect(mod.provider).toBeUndefined();
      expect(obj(mod.terraform).backend).toBeUndefined();
      // The remote-state reads of the hub and the service stay: the monolith reads their own states.
      expect(Object.keys(obj(obj(mod.data).terraform_remote_state))).toHaveLength(2);
    }
    expect(obj(m.root.terraform).backend).toEqual(backend);
  });

  it('hoists the provider configurations to the root, one per account: the shared ones tagged with the monolith', () => {
    const m = monolithOf(stacks, { name: 'mono', backend });
    const providers = list(obj(m.root.provider).aws).map(obj);
    // 3 consumer accounts, the hub's account, the service owner's account.
    expect(providers).toHaveLength(5);
    const aliases = providers.map((p) => p.alias);
    expect(new Set(aliases).size).toBe(5);
    const byAccount = new Map(providers.map((p) => [list(p.allowed_account_ids)[0], p]));
    const network = byAccount.get('100000000002')!;
    expect(network.alias).toBe('network-us-east-1');
    const tags = (p: JsonObject) => obj(obj(list(p.default_tags)[0]).tags);
    expect(tags(network).stack).toBe('mono');
    // A consumer account's configuration keeps its stack's tag, its alias suffixed (every stack calls it consumer-us-east-1).
    const consumer = byAccount.get('300000000000')!;
    expect(consumer.alias).toBe(`consumer-us-east-1--${stacks[0].id}`);
    expect(tags(consumer).stack).toBe(stacks[0].id);
  });

  it('passes each module the configurations it declares, by the aliases of its stack', () => {
    const m = monolithOf(stacks, { name: 'mono', backend });
    const rootAliases = new Set(list(obj(m.root.provider).aws).map((p) => `aws.${String(obj(p).alias)}`));
    for (const s of stacks) {
      const block = obj(obj(m.root.module)[s.id]);
      expect(block.source).toBe(`./modules/${s.id}`);
      const declared = list(obj(obj(obj(m.modules[s.id].terraform).required_providers).aws).configuration_aliases);
      const stackAliases = list(obj(s.json.provider).aws).map((p) => `aws.${String(obj(p).alias)}`);
      expect([...declared].sort()).toEqual([...stackAliases].sort());
      const passed = obj(block.providers);
      expect(Object.keys(passed).sort()).toEqual([...stackAliases].sort());
      for (const target of Object.values(passed)) expect(rootAliases.has(String(target))).toBe(true);
    }
  });

  it('is deterministic and writes a root with one directory per module', () => {
    const a = monolithOf(stacks, { name: 'mono', backend });
    expect(canonicalJson(monolithOf(stacks, { name: 'mono', backend }))).toBe(canonicalJson(a));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-monolith-'));
    try {
      writeMonolith(dir, a);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'main.tf.json'), 'utf8'))).toEqual(a.root);
      expect(fs.readdirSync(path.join(dir, 'modules')).sort()).toEqual(stacks.map((s) => s.id));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds one module and no provider configuration but the new account', () => {
    const two = monolithOf(stacks.slice(0, 2), { name: 'mono' });
    const three = monolithOf(stacks, { name: 'mono' });
    expect(Object.keys(obj(three.root.module))).toHaveLength(3);
    expect(list(obj(three.root.provider).aws).length - list(obj(two.root.provider).aws).length).toBe(1);
    expect(obj(two.root.terraform).backend).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('ignores key order at every level', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(isObject(JSON.parse(canonicalJson({ x: { y: null } })))).toBe(true);
  });
});

describe('planCounts', () => {
  it('reads a plan, an apply and no changes', () => {
    expect(planCounts('...\nPlan: 23 to add, 0 to change, 1 to destroy.\n')).toEqual({ add: 23, change: 0, destroy: 1 });
    expect(planCounts('Apply complete! Resources: 23 added, 2 changed, 0 destroyed.')).toEqual({ add: 23, change: 2, destroy: 0 });
    expect(planCounts('No changes. Your infrastructure matches the configuration.')).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(planCounts('Error: something')).toBeUndefined();
  });
});

describe('growthOf and render', () => {
  const t = (wallMs: number, cpuMs?: number) => ({ wallMs, ...(cpuMs !== undefined ? { cpuMs } : {}) });
  const counts = { add: 23, change: 0, destroy: 0 };
  const size = (n: number, perStack: number, deploy: number, mono: number): SizeResult => ({
    n,
    environment: `onb${n}`,
    synth: t(1000, 900),
    stacksSynthesized: n,
    setupPerStackMs: 0,
    setupMonolithMs: 0,
    perStack: [
      {
        consumer: 'c',
        stack: 's',
        stateResources: 0,
        init: t(100),
        plan: t(perStack, perStack / 2),
        planned: counts,
        apply: t(2 * perStack),
        applied: counts,
      },
    ],
    deploy: [{ consumer: 'd', stack: 's', stateResources: 0, deploy: t(deploy, deploy / 2) }],
    monolith: [
      {
        consumer: 'm',
        modulesBefore: n,
        stateResources: 23 * n,
        providerConfigs: n + 2,
        init: t(100),
        plan: t(mono, mono / 2),
        planned: counts,
        apply: t(2 * mono),
        applied: counts,
      },
    ],
  });

  it('passes when every per-stack median stays within the limit, whatever the single state does', () => {
    const g = growthOf([size(5, 10_000, 30_000, 20_000), size(40, 10_000 * FLAT_LIMIT, 33_000, 200_000)]);
    expect(g.filter((x) => x.gated).map((x) => [x.metric, x.status])).toEqual([
      ['per-stack-plan', 'PASS'],
      ['per-stack-apply', 'PASS'],
      ['per-stack-deploy', 'PASS'],
    ]);
    expect(g.find((x) => x.metric === 'monolith-plan')).toMatchObject({ ratio: 10, cpuRatio: 10, status: 'INFO' });
    // CPU time not measured for the apply: no CPU ratio.
    expect(g.find((x) => x.metric === 'per-stack-apply')?.cpuRatio).toBeNaN();
  });

  it('fails when one per-stack median grows more', () => {
    const g = growthOf([size(5, 10_000, 30_000, 20_000), size(40, 10_000, 37_000, 20_000)]);
    expect(g.filter((x) => x.status === 'FAIL').map((x) => x.metric)).toEqual(['per-stack-deploy']);
  });

  it('needs two sizes', () => {
    expect(growthOf([size(5, 1, 1, 1)])).toEqual([]);
  });

  it('renders one row per size and step, and the growth with its verdicts', () => {
    const sizes = [size(5, 10_000, 30_000, 20_000), size(40, 10_000, 37_000, 200_000)];
    const growth = growthOf(sizes);
    const text = render({
      machine: { cpus: 2, node: 'v20', terraform: 'Terraform v1.11.4', cpuTime: true, loadAverage: { start: [1, 2, 3], end: [4, 5, 6] } },
      options: parseOptions([]),
      sizes,
      growth,
      exitCode: 1,
    });
    expect(text).toMatch(/^ *40 +one state +terraform plan -out \(module added\) +920 +200\.0 +\(200\.0-200\.0\) +100\.0 +\+23 ~0 -0$/m);
    expect(text).toMatch(/FAIL +per-account state +npm run deploy --consumer \(cdktf deploy\) +30\.0 +37\.0 +1\.23x +1\.23x/);
    expect(text).toMatch(/load average 1 2 3 at start, 4 5 6 at end/);
    expect(text).toMatch(/PER-ACCOUNT PATH NOT FLAT \(exit 1\): per-stack-deploy/);
  });
});
