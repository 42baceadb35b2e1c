import { dev } from '../../environments/dev';
import { EMULATOR_ENV_VAR, emulatorFromEnvironment } from '../../lib/cdktf/emulator';
import { synthText } from '../support/synth';

describe('emulator mode', () => {
  test('off by default: no endpoint, credential or retry setting reaches the JSON', () => {
    for (const json of Object.values(synthText([dev]))) {
      expect(json).not.toMatch(/127\.0\.0\.1|skip_credentials_validation|access_key|"endpoints"|max_retries/);
    }
  });

  test('on: every provider and the S3 backend point at the emulator with test credentials', () => {
    const emulator = emulatorFromEnvironment({ [EMULATOR_ENV_VAR]: 'http://127.0.0.1:4599' });
    const stacks = Object.values(synthText([dev], undefined, { emulator })).map((t) => JSON.parse(t));
    for (const stack of stacks) {
      for (const provider of stack.provider.aws) {
        expect(provider).toMatchObject({ access_key: 'test', skip_credentials_validation: true, max_retries: 3 });
        expect(provider.endpoints[0]).toMatchObject({ ec2: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599', route53: 'http://127.0.0.1:4599', vpclattice: 'http://127.0.0.1:4599' });
        expect(provider.assume_role[0].role_arn).toMatch(/^arn:aws:iam::\d{12}:role\/privatelink-deploy$/);
      }
      expect(stack.terraform.backend.s3).toMatchObject({ endpoints: { s3: 'http://127.0.0.1:4599' }, use_path_style: true, use_lockfile: true });
    }
  });

  test('the stacks never read the process environment: the variable alone changes nothing', () => {
    process.env[EMULATOR_ENV_VAR] = 'http://127.0.0.1:4599';
    try {
      for (const json of Object.values(synthText([dev]))) expect(json).not.toMatch(/127\.0\.0\.1/);
    } finally {
      delete process.env[EMULATOR_ENV_VAR];
    }
  });

  test('refuses a non-loopback endpoint', () => {
    expect(() => emulatorFromEnvironment({ [EMULATOR_ENV_VAR]: 'http://10.1.2.3:4566' })).toThrow(/must be a loopback URL/);
    expect(emulatorFromEnvironment({})).toBeUndefined();
  });
});
