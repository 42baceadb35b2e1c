/**
 * Emulator mode: every AWS provider and the S3 backend of the synthesized stacks talk to a local
 * AWS API emulator. It is an explicit setting passed to the stacks (`BlueprintStackProps.emulator`,
 * `BootstrapStackProps.emulator`); the app and `npm run bootstrap` turn it on from
 * `PRIVATELINK_EMULATOR_ENDPOINT` (for example `http://127.0.0.1:4566`, see
 * `emulatorFromEnvironment`). Without it the synthesized JSON carries none of this. Credentials
 * come from the environment (`AWS_ACCESS_KEY_ID`, ...), as on AWS: the emulator's `test` keys
 * while it does not enforce IAM, the keys of an IAM user created in it once it does.
 */
import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { S3BackendConfig } from 'cdktf';
export const EMULATOR_ENV_VAR = 'PRIVATELINK_EMULATOR_ENDPOINT';

export interface EmulatorSettings {
  /** Base URL of the emulator, on loopback. */
  readonly endpoint: string;
  /**
   * Provider retry limit: low, so an operation the emulator lacks (HTTP 500) fails in seconds
   * instead of being retried for minutes, yet enough to ride over a dropped loopback connection.
   */
  readonly maxRetries: number;
}

/**
 * The AWS services the blueprint calls, as the properties of cdktf's provider `endpoints` block
 * (camelCase: `route53Resolver` is Terraform's `route53resolver`; a key cdktf does not know is dropped).
 */
export const EMULATED_SERVICES = [
  'ec2',
  'elbv2',
  'iam',
  'sts',
  'route53',
  'ram',
  'sns',
  's3',
  'cloudwatchlogs',
  'kms',
  'vpclattice',
  'route53Profiles',
  'route53Resolver',
  'directconnect',
  'organizations',
] as const;

/** Emulator mode as the app reads it from `PRIVATELINK_EMULATOR_ENDPOINT`; undefined in normal use. */
export function emulatorFromEnvironment(env: NodeJS.ProcessEnv): EmulatorSettings | undefined {
  const endpoint = env[EMULATOR_ENV_VAR];
  if (!endpoint) return undefined;
  if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(endpoint)) {
    throw new Error(
      `${EMULATOR_ENV_VAR}='${endpoint}' must be a loopback URL such as http://127.0.0.1:4566; the emulator mode never points at a remote host`,
    );
  }
  return { endpoint: endpoint.replace(/\/$/, ''), maxRetries: 3 };
}

/** The AWS provider arguments of emulator mode: every service the blueprint calls at the emulator. */
export function emulatorProviderConfig(emulator: EmulatorSettings): Partial<AwsProviderConfig> {
  return {
    skipMetadataApiCheck: 'true',
    s3UsePathStyle: true,
    maxRetries: emulator.maxRetries,
    endpoints: [Object.fromEntries(EMULATED_SERVICES.map((s) => [s, emulator.endpoint]))],
  };
}

/** The S3 backend arguments of emulator mode: state in the emulator's S3. */
export function emulatorBackendConfig(emulator: EmulatorSettings): Partial<S3BackendConfig> {
  return {
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: true,
    usePathStyle: true,
    maxRetries: emulator.maxRetries,
    endpoints: { s3: emulator.endpoint, sts: emulator.endpoint },
  };
}
