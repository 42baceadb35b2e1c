import { Testing, type TerraformStack } from 'cdktf';
import { dev } from '../../environments/dev';
import { buildBootstrap } from '../../stacks/bootstrap';
import { EMULATOR_ENV_VAR, emulatorFromEnvironment } from '../../lib/cdktf/emulator';
import { synthText } from '../support/synth';

describe('emulator mode', () => {
  test('off by default: no endpoint or credential reaches the JSON, and the providers retry adaptively', () => {
    for (const json of Object.values(synthText([dev]))) {
      expect(json).not.toMatch(/127\.0\.0\.1|skip_credentials_validation|access_key|"endpoints"/);
      for (const provider of JSON.parse(json).provider.aws) expect(provider).toMatchObject({ retry_mode: 'adaptive', max_retries: 25 });
    }
  });

  test('on: every provider and the S3 backend point at the emulator; credentials come from the environment', () => {
    const emulator = emulatorFromEnvironment({ [EMULATOR_ENV_VAR]: 'http://127.0.0.1:4599' });
    const stacks = Object.values(synthText([dev], undefined, { emulator })).map((t) => JSON.parse(t));
    for (const stack of stacks) {
      for (const provider of stack.provider.aws) {
        expect(provider).toMatchObject({ max_retries: 3, s3_use_path_style: true });
        // no keys in the JSON: the run's credentials (an IAM user of the emulator once it enforces IAM)
        expect(Object.keys(provider)).not.toEqual(expect.arrayContaining(['access_key']));
        expect(provider.skip_credentials_validation).toBeUndefined();
        expect(provider.endpoints[0]).toMatchObject({
          ec2: 'http://127.0.0.1:4599',
          sts: 'http://127.0.0.1:4599',
          route53: 'http://127.0.0.1:4599',
          vpclattice: 'http://127.0.0.1:4599',
        });
        expect(provider.assume_role[0].role_arn).toMatch(/^arn:aws:iam::\d{12}:role\/privatelink-deploy$/);
      }
      expect(stack.terraform.backend.s3).toMatchObject({
        endpoints: { s3: 'http://127.0.0.1:4599' },
        use_path_style: true,
        use_lockfile: true,
      });
      expect(stack.terraform.backend.s3.access_key).toBeUndefined();
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

test('bootstrap stacks: emulator mode reaches their AWS providers too', () => {
  const emulator = emulatorFromEnvironment({ [EMULATOR_ENV_VAR]: 'http://127.0.0.1:4599' });
  const app = Testing.app();
  const boot = buildBootstrap(app, dev, { emulator });
  for (const id of boot.order) {
    const stack = JSON.parse(Testing.synth(app.node.findChild(id) as TerraformStack));
    for (const provider of stack.provider.aws)
      expect(provider.endpoints[0]).toMatchObject({ iam: 'http://127.0.0.1:4599', s3: 'http://127.0.0.1:4599' });
  }
});
