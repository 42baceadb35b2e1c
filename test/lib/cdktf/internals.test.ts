/**
 * Every use of cdktf internals (lib/cdktf/internals.ts) works on cdktf 0.21.0, and fails loudly,
 * naming what changed, when a cdktf version (or its fork) no longer has the shape relied on.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  CdktfInternalsError,
  disableTokenStackTraces,
  referenceIdentifier,
  stackRawOverrides,
  synthesizeStacks,
} from '../../../lib/cdktf/internals';

describe('the token stack-trace switch', () => {
  test('replaces the capture function of the module, and only when called (importing patches nothing)', () => {
    const module = { captureStackTrace: (): string[] => ['a frame'] };
    const before = module.captureStackTrace;
    disableTokenStackTraces(() => module);
    expect(module.captureStackTrace).not.toBe(before);
    expect(module.captureStackTrace()).toEqual([]);
  });

  test('is the real cdktf module on this version', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the internal module itself is under test
    const real = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: unknown };
    expect(typeof real.captureStackTrace).toBe('function');
  });

  test('importing the library patches nothing: cdktf still records traces until the app opts out', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load of the public entry
      require('../../../index');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the internal module itself is under test
      const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
      expect(traces.captureStackTrace().length).toBeGreaterThan(0);
    });
  });

  test('fails loudly when the module or the function is gone', () => {
    expect(() =>
      disableTokenStackTraces(() => {
        throw new Error('Cannot find module');
      }),
    ).toThrow(CdktfInternalsError);
    expect(() => disableTokenStackTraces(() => ({}))).toThrow(/has no function captureStackTrace/);
  });
});

describe("a stack's raw overrides", () => {
  test('reads what addOverride put on the stack', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    stack.addOverride('terraform.backend.s3.encrypt', false);
    expect(stackRawOverrides(stack)).toEqual({ terraform: { backend: { s3: { encrypt: false } } } });
  });

  test('fails loudly when the field is gone', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    Object.defineProperty(stack, 'rawOverrides', { value: undefined });
    expect(() => stackRawOverrides(stack)).toThrow(/TerraformStack has no object rawOverrides/);
  });
});

describe('the identifier of a cross-stack reference', () => {
  const stack = new TerraformStack(Testing.app(), 's');
  const vpc = new Vpc(stack, 'vpc', { provider: new AwsProvider(stack, 'aws', { region: 'us-east-1' }), cidrBlock: '10.0.0.0/16' });

  test('is read for a direct resource attribute', () => {
    expect(referenceIdentifier(vpc.id)).toBe('aws_vpc.vpc.id');
  });

  test('is undefined for a literal or a composite value', () => {
    expect(referenceIdentifier('vpc-123')).toBeUndefined();
    expect(referenceIdentifier(`${vpc.id}-${vpc.arn}`)).toBeUndefined();
  });
});

describe('synthesizing stacks in memory', () => {
  test('prepares every stack first, so a cross-stack read becomes remote state and an output', () => {
    const app = new App({ outdir: '/tmp/unused-internals-test', skipValidation: true });
    const a = new TerraformStack(app, 'a');
    const vpc = new Vpc(a, 'vpc', { provider: new AwsProvider(a, 'aws', { region: 'us-east-1' }), cidrBlock: '10.0.0.0/16' });
    const b = new TerraformStack(app, 'b');
    new Vpc(b, 'peer', { provider: new AwsProvider(b, 'aws', { region: 'us-east-1' }), cidrBlock: '10.1.0.0/16', tags: { peer: vpc.id } });
    const stacks = synthesizeStacks(app) as Record<string, { output?: object; data?: { terraform_remote_state?: object } }>;
    expect(Object.keys(stacks).sort()).toEqual(['a', 'b']);
    expect(Object.keys(stacks.a.output ?? {})).toHaveLength(1);
    expect(Object.keys(stacks.b.data?.terraform_remote_state ?? {})).toHaveLength(1);
  });

  test('fails loudly when stacks cannot be prepared', () => {
    const app = new App({ outdir: '/tmp/unused-internals-test', skipValidation: true });
    const stack = new TerraformStack(app, 'a');
    Object.defineProperty(stack, 'prepareStack', { value: undefined });
    expect(() => synthesizeStacks(app)).toThrow(/TerraformStack has no prepareStack\(\)/);
  });
});
