/**
 * Emulator mode: every AWS provider and the S3 backend of the synthesized stacks talk to a local
 * AWS API emulator with test credentials. It is an explicit setting passed to the stacks
 * (`BlueprintStackProps.emulator`); the app turns it on from `PRIVATELINK_EMULATOR_ENDPOINT`
 * (for example `http://127.0.0.1:4566`, see `emulatorFromEnvironment`). Without it the
 * synthesized JSON carries none of this. Only the end-to-end suite sets the variable.
 */
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

/** The AWS services the blueprint calls, as provider `endpoints` keys. */
export const EMULATED_SERVICES = [
  'ec2', 'elbv2', 'iam', 'sts', 'route53', 'ram', 'sns', 's3', 'cloudwatchlogs', 'kms', 'vpclattice',
] as const;

/** Emulator mode as the app reads it from `PRIVATELINK_EMULATOR_ENDPOINT`; undefined in normal use. */
export function emulatorFromEnvironment(env: NodeJS.ProcessEnv): EmulatorSettings | undefined {
  const endpoint = env[EMULATOR_ENV_VAR];
  if (!endpoint) return undefined;
  if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(endpoint)) {
    throw new Error(`${EMULATOR_ENV_VAR}='${endpoint}' must be a loopback URL such as http://127.0.0.1:4566; the emulator mode never points at a remote host`);
  }
  return { endpoint: endpoint.replace(/\/$/, ''), maxRetries: 3 };
}
