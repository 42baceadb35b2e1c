/**
 * Test harness for the local AWS emulator (moto 5.2.1 + test/emulator/moto_ext/).
 *
 *   const emu = await startEmulator();
 *   // ... point AWS SDK clients / Terraform provider endpoints at emu.endpoint
 *   await emu.stop();
 */
import { type ChildProcess, spawn } from 'child_process';
import { createHash, createHmac } from 'crypto';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

import { CreateSubnetCommand, CreateVpcCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { type BucketLocationConstraint, CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_ENV_VAR } from '../../lib/cdktf/emulator';
import { terraformEnv } from '../../lib/cli/terraform-cli';

export interface EmulatorOptions {
  /** python interpreter (default: $PYTHON or "python3") */
  python?: string;
  /** fixed port; default: a free loopback port */
  port?: number;
  /** max time to wait for the server to answer HTTP (default 30 s) */
  startTimeoutMs?: number;
  /** forward the server's stdout/stderr to this process */
  verbose?: boolean;
  /** extra server.py flags, e.g. ['--per-account-az-ids'] */
  args?: string[];
}

export interface Emulator {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const SERVER_PY = path.join(__dirname, 'server.py');
const running = new Set<ChildProcess>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = () => {
    for (const child of running) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    running.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

/** Ask the kernel for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function httpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/moto-api/data.json', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Start moto (with the blueprint extensions) on a free loopback port. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  installExitHooks();
  const port = opts.port ?? (await findFreePort());
  const python = opts.python ?? process.env.PYTHON ?? 'python3';
  const timeoutMs = opts.startTimeoutMs ?? 30_000;

  const child = spawn(python, [SERVER_PY, '--port', String(port), '--exit-with-parent', ...(opts.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  running.add(child);

  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    if (opts.verbose) process.stderr.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
    running.delete(child);
  });

  const stop = async (): Promise<void> => {
    if (exited !== undefined || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    running.delete(child);
  };

  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (exited !== undefined) {
      throw new Error(`moto emulator exited with code ${exited} before answering:\n${tail(output)}`);
    }
    if (await httpAnswers(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto emulator did not answer on port ${port} within ${timeoutMs} ms:\n${tail(output)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Create the Terraform state bucket in the emulator (default account
 * 123456789012, which is what the S3 backend uses with static test/test
 * credentials).  kmsKeyId is accepted for symmetry with the backend config;
 * moto does not need the KMS key/alias to exist for SSE-KMS writes (see
 * README.md), so nothing is created for it.
 */
export async function createStateBucket(endpoint: string, bucket: string, region = 'us-east-1', _kmsKeyId?: string): Promise<void> {
  const s3 = new S3Client({ endpoint, region, forcePathStyle: true, credentials: TEST_CREDENTIALS });
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
  } catch (err: unknown) {
    const name = typeof err === 'object' && err !== null && 'name' in err ? err.name : undefined;
    if (name !== 'BucketAlreadyOwnedByYou') throw err;
  } finally {
    s3.destroy();
  }
}

/** AWS credentials, as SDK clients take them. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** The emulator's static credentials: moto's default account 123456789012. */
export const TEST_CREDENTIALS: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** STS AssumeRole in the emulator: the role's temporary credentials. */
export async function assumeRole(emu: Emulator, credentials: Credentials, roleArn: string, sessionName: string): Promise<Credentials> {
  const sts = new STSClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials });
  try {
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }));
    return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken };
  } finally {
    sts.destroy();
  }
}

/** What `Accounts.client` passes to an SDK client's constructor. */
export interface ClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: Credentials;
}

/** The accounts of one emulator, each acting through its deploy role (assumed once, with the test credentials). */
export interface Accounts {
  /** The role's credentials in `account`. */
  credentials(account: string): Promise<Credentials>;
  /** An SDK client of `account`, e.g. `client(EC2Client, '222222222222', 'eu-west-1')` (Region default us-east-1). */
  client<C>(Client: new (config: ClientConfig) => C, account: string, region?: string): Promise<C>;
  /** `jsonCall` as `account`. */
  call<T = unknown>(account: string, request: JsonRequest): Promise<JsonAnswer<T>>;
  /** `awsJson` as `account`: the answer's JSON, or a rejection with `AwsError`. */
  send<T = unknown>(account: string, request: JsonRequest): Promise<T>;
}

/**
 * Multi-account access to an emulator through STS AssumeRole of arn:aws:iam::<account>:role/<role>.
 * `emu` is read at each call (the emulator is usually started in beforeAll, after this is made).
 */
export function accountsOf(emu: () => Emulator, sessionName: string, role = 'privatelink-deploy'): Accounts {
  const cache = new Map<string, Promise<Credentials>>();
  const credentials = (account: string): Promise<Credentials> => {
    let creds = cache.get(account);
    if (!creds) {
      creds = assumeRole(emu(), TEST_CREDENTIALS, `arn:aws:iam::${account}:role/${role}`, sessionName);
      cache.set(account, creds);
      void creds.catch(() => cache.delete(account));
    }
    return creds;
  };
  return {
    credentials,
    client: async (Client, account, region = 'us-east-1') =>
      new Client({ endpoint: emu().endpoint, region, credentials: await credentials(account) }),
    call: async (account, request) => jsonCall(emu().endpoint, await credentials(account), request),
    send: async (account, request) => awsJson(emu().endpoint, await credentials(account), request),
  };
}

/** One HTTP request to a service of the emulator, for what has no SDK client here. */
export interface SignedRequest {
  /** The service's signing name, e.g. `route53profiles`. */
  readonly service: string;
  readonly method: string;
  /** Path and query, e.g. `/tags/arn%3Aaws%3A...?tagKeys=a`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Default us-east-1. */
  readonly region?: string;
}

/** RFC 3986 percent-encoding, as SigV4 wants it. */
const uriEscape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Send a request signed with SigV4 as an SDK would (moto reads the account from the access key, and checks
 * the signature only while IAM is enforced). The path is signed the way of every service but S3.
 */
export async function signedFetch(endpoint: string, credentials: Credentials, request: SignedRequest): Promise<Response> {
  const url = new URL(endpoint + request.path);
  const region = request.region ?? 'us-east-1';
  const payload = request.body ?? '';
  const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { host: url.host, 'x-amz-date': amzDate };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value.trim();
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = [
    request.method,
    url.pathname.split('/').map(uriEscape).join('/'), // the sent path, encoded once more
    [...url.searchParams]
      .map(([k, v]) => `${uriEscape(k)}=${uriEscape(v)}`)
      .sort()
      .join('&'),
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    createHash('sha256').update(payload).digest('hex'),
  ].join('\n');
  const scope = `${day}/${region}/${request.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(day).digest();
  for (const part of [region, request.service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return fetch(url, { method: request.method, headers, body: request.body });
}

/** A call of a JSON API: REST-JSON (method and path), or JSON 1.1 when `target` is given (POST /). */
export interface JsonRequest {
  /** The service's signing name, e.g. `route53profiles`. */
  readonly service: string;
  /** Default POST. */
  readonly method?: string;
  /** Default `/`. */
  readonly path?: string;
  /** JSON 1.1: the X-Amz-Target, e.g. `Route53Resolver.GetResolverRule`. */
  readonly target?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly region?: string;
}

/** The answer of a JSON call; `T` is the shape of its JSON that the test reads. */
export interface JsonAnswer<T> {
  readonly status: number;
  readonly ok: boolean;
  readonly json: T;
  /** The x-amzn-errortype header, when the service sends one. */
  readonly errorType?: string;
}

/** One signed call of a JSON API (see `JsonRequest`); whatever the status, its JSON answer (`{}` when empty). */
export async function jsonCall<T = unknown>(endpoint: string, credentials: Credentials, request: JsonRequest): Promise<JsonAnswer<T>> {
  const headers: Record<string, string> = request.target
    ? { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': request.target }
    : { 'content-type': 'application/json' };
  const res = await signedFetch(endpoint, credentials, {
    service: request.service,
    method: request.method ?? 'POST',
    path: request.path ?? '/',
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    region: request.region,
  });
  const text = await res.text();
  return {
    status: res.status,
    ok: res.ok,
    json: (text ? JSON.parse(text) : {}) as T,
    errorType: res.headers.get('x-amzn-errortype') ?? undefined,
  };
}

/** An error of an AWS API as the SDK surfaces it: `name` is the exception's shape, e.g. ResourceNotFoundException. */
export class AwsError extends Error {
  constructor(
    public readonly name: string,
    message: string,
    public readonly status: number,
  ) {
    super(`${name}: ${message}`);
  }
}

/** The JSON error body of a service: `__type` (JSON 1.1) and a message. */
interface ErrorBody {
  readonly __type?: string;
  readonly Message?: string;
  readonly message?: string;
}

/** `jsonCall`, answering the JSON of a 2xx answer and rejecting any other with `AwsError`, as an SDK client would. */
export async function awsJson<T = unknown>(endpoint: string, credentials: Credentials, request: JsonRequest): Promise<T> {
  const answer = await jsonCall<T | ErrorBody>(endpoint, credentials, request);
  if (answer.ok) return answer.json as T;
  const error = answer.json as ErrorBody;
  // `Code:detail` (x-amzn-errortype) or `namespace#Code` (__type)
  const name = (answer.errorType ?? error.__type ?? 'UnknownError').split(':')[0].split('#').pop()!;
  throw new AwsError(name, error.Message ?? error.message ?? JSON.stringify(answer.json), answer.status);
}

/**
 * A VPC of `cidr` (a /16) with one /24 subnet per AZ, in order (`.0.0/24`, `.1.0/24`, …); an AZ is named,
 * or given by id as `{ id }`.
 */
export async function vpcWithSubnets(
  client: EC2Client,
  cidr: string,
  azs: readonly (string | { readonly id: string })[],
): Promise<{ vpcId: string; subnets: string[] }> {
  const { Vpc } = await client.send(new CreateVpcCommand({ CidrBlock: cidr }));
  const vpcId = Vpc!.VpcId!;
  const subnets: string[] = [];
  for (const [i, az] of azs.entries()) {
    const where = typeof az === 'string' ? { AvailabilityZone: az } : { AvailabilityZoneId: az.id };
    const { Subnet } = await client.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr.replace(/\.0\.0\/16$/, `.${i}.0/24`), ...where }),
    );
    subnets.push(Subnet!.SubnetId!);
  }
  return { vpcId, subnets };
}

/** A private zone as one VPC sees it, in the answer of GET /_emulator/resolve (moto_ext/route53profiles.py). */
export interface ResolvedZone {
  readonly id: string;
  readonly name: string;
  readonly ownerAccount: string;
  /** `vpc`: associated with the VPC (or an endpoint in it); `profile`: through the VPC's Route 53 Profile. */
  readonly source: 'vpc' | 'profile';
  readonly vpcEndpointId?: string;
  readonly profileId?: string;
  readonly profileAssociationId?: string;
  readonly profileResourceAssociationId?: string;
}

/** A record of a resolved zone: values (with a TTL) or an alias. */
export interface ResolvedRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl?: number;
  readonly values?: readonly string[];
  readonly alias?: { readonly dnsName: string; readonly hostedZoneId: string; readonly evaluateTargetHealth: boolean };
  readonly setIdentifier?: string;
  /** The wildcard record that answered, when one did. */
  readonly wildcardRecord?: string;
}

/** A Route 53 Resolver forwarding rule that applies to the VPC. */
export interface ResolvedForwardingRule {
  readonly ruleId: string;
  readonly domain: string;
  readonly ownerAccount: string;
  readonly resolverEndpointId: string;
  readonly targetIps: readonly { readonly ip: string; readonly port: number }[];
  readonly source: 'vpc' | 'profile';
  readonly profileId?: string;
}

/** The emulator's answer to GET /_emulator/resolve?vpc=&name=[&type=][&region=]: what Route 53 Resolver answers in the VPC. */
export interface Resolution {
  readonly query: { readonly vpc: string; readonly region: string; readonly name: string; readonly type: string };
  readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'FORWARDED' | 'NO_PRIVATE_ZONE';
  /** The zone that answers; null when a rule forwards the name or no private zone holds it. */
  readonly zone: ResolvedZone | null;
  /** Every zone of the VPC that holds the name. */
  readonly candidates: readonly ResolvedZone[];
  readonly rules: readonly ResolvedForwardingRule[];
  /** The rule that forwards the name (rcode FORWARDED). */
  readonly forward?: ResolvedForwardingRule;
  readonly answers: readonly ResolvedRecord[];
  readonly wildcard?: string | null;
  /** The resolution of a CNAME answer's target, in the same VPC. */
  readonly cnameTarget?: Resolution;
}

/**
 * The environment Terraform and cdktf run with against the emulator: the project's Terraform CLI
 * config (offline provider mirror) in `cliConfigDir`, the emulator endpoint, its test credentials
 * and nothing that could reach a real account (no profile, no session token, no instance metadata).
 */
export function emulatorToolEnv(endpoint: string, cliConfigDir: string): NodeJS.ProcessEnv {
  return {
    ...terraformEnv(cliConfigDir),
    [EMULATOR_ENV_VAR]: endpoint,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
