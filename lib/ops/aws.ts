/**
 * AWS SDK clients for the operator commands, acting in one account and region each: credentials
 * from STS AssumeRole of `arn:aws:iam::<account>:role/<role>` (the deploy role, or a read-only
 * role given with `--role-name`), starting from the caller's own credentials; or, in emulator
 * mode (`PRIVATELINK_EMULATOR_ENDPOINT`), the local emulator with its test credentials, which
 * honours the same AssumeRole.
 *
 * Commands take a {@link ClientFactory}, so their AWS reads are unit-tested with fakes.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { emulatorFromEnvironment } from '../cdktf/emulator';

/** What every client is made from. */
export interface ClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: CredentialProvider;
  readonly forcePathStyle?: boolean;
  readonly maxAttempts?: number;
  /** Throttling slows the reads down instead of failing them. */
  readonly retryMode?: 'standard' | 'adaptive';
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export type CredentialProvider = () => Promise<Credentials>;

/** Anything with the SDK v3 client surface the commands use. */
export interface SendClient {
  send(command: unknown): Promise<unknown>;
  destroy?(): void;
}

/** Makes (or hands out) an SDK client of a class, for an account and region. */
export type ClientFactory = <C extends SendClient>(ctor: new (config: ClientConfig) => C, account: string, region: string) => C;

export interface AwsAccessOptions {
  /** Role assumed in every account. */
  readonly roleName: string;
  /** The process environment (emulator mode). @default process.env */
  readonly processEnv?: NodeJS.ProcessEnv;
  /** Session name of the assumed roles. @default 'privatelink-ops' */
  readonly sessionName?: string;
}

/** Clients per account and region through AssumeRole, cached. */
export class AwsAccess {
  readonly endpoint?: string;
  private readonly roleCredentials = new Map<string, CredentialProvider>();
  private readonly clients = new Map<string, SendClient>();

  constructor(private readonly opts: AwsAccessOptions) {
    this.endpoint = emulatorFromEnvironment(opts.processEnv ?? process.env)?.endpoint;
  }

  /** Client settings without a role: the caller's own credentials from the environment, as Terraform's (the state bucket, STS). */
  baseConfig(region: string): ClientConfig {
    return this.endpoint
      ? { region, endpoint: this.endpoint, forcePathStyle: true, maxAttempts: 4 }
      : { region, maxAttempts: 10, retryMode: 'adaptive' };
  }

  /** Client settings acting in `account` through the role. */
  config(account: string, region: string): ClientConfig {
    return { ...this.baseConfig(region), credentials: this.credentialsFor(account) };
  }

  /** The factory commands take. */
  readonly factory: ClientFactory = <C extends SendClient>(ctor: new (config: ClientConfig) => C, account: string, region: string): C => {
    const key = `${ctor.name}/${account}/${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new ctor(this.config(account, region));
      this.clients.set(key, client);
    }
    return client as C;
  };

  /** The role's ARN in an account. */
  roleArn(account: string): string {
    return `arn:aws:iam::${account}:role/${this.opts.roleName}`;
  }

  private credentialsFor(account: string): CredentialProvider {
    let provider = this.roleCredentials.get(account);
    if (provider) return provider;
    let cached: Credentials | undefined;
    let pending: Promise<Credentials> | undefined;
    provider = async () => {
      if (cached?.expiration && cached.expiration.getTime() - Date.now() > 5 * 60_000) return cached;
      pending ??= (async () => {
        const sts = new STSClient(this.baseConfig('us-east-1'));
        try {
          const { Credentials: c } = await sts.send(
            new AssumeRoleCommand({ RoleArn: this.roleArn(account), RoleSessionName: this.opts.sessionName ?? 'privatelink-ops' }),
          );
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole of ${this.roleArn(account)} returned no credentials`);
          cached = {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration ?? new Date(Date.now() + 3600_000),
          };
          return cached;
        } catch (e) {
          throw new Error(`cannot assume ${this.roleArn(account)}: ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          sts.destroy();
          pending = undefined;
        }
      })();
      return pending;
    };
    this.roleCredentials.set(account, provider);
    return provider;
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy?.();
    this.clients.clear();
  }
}

/** The error name (AWS error code) of an SDK error. */
export function awsErrorName(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : undefined;
}
