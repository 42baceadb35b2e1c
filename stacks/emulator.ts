/**
 * Emulator mode: when `PRIVATELINK_EMULATOR_ENDPOINT` is set (for example
 * `http://127.0.0.1:4566`), every AWS provider and the S3 backend of the synthesized
 * stacks talk to that local AWS API emulator with test credentials. Without the variable
 * the synthesized JSON carries none of this. Only the end-to-end suite sets it.
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
  'ec2', 'elbv2', 'iam', 'sts', 'route53', 'ram', 'sns', 's3', 'cloudwatchlogs', 'kms',
] as const;

/** Reads emulator mode from the environment; undefined in normal use. */
export function emulatorSettings(env: NodeJS.ProcessEnv = process.env): EmulatorSettings | undefined {
  const endpoint = env[EMULATOR_ENV_VAR];
  if (!endpoint) return undefined;
  if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(endpoint)) {
    throw new Error(`${EMULATOR_ENV_VAR}='${endpoint}' must be a loopback URL such as http://127.0.0.1:4566; the emulator mode never points at a remote host`);
  }
  return { endpoint: endpoint.replace(/\/$/, ''), maxRetries: 3 };
}
