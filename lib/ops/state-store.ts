/**
 * The remote state of an environment's stacks, read directly from the S3 backend the stacks are
 * synthesized with (bucket, key, region, endpoint and role of their `backend "s3"` block): which
 * state objects exist, what a state holds, and the S3 native lockfiles (`<key>.tflock`) of
 * stacks being applied, or left behind by a run that was killed.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { StackJson } from '../reports/connectivity/json';
import { at, isObject, str } from '../reports/connectivity/json';
import { awsErrorName } from './aws';

/** The S3 backend block of a synthesized stack. */
export interface S3Backend {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly roleArn?: string;
  readonly pathStyle?: boolean;
}

export function s3BackendOf(json: StackJson): S3Backend | undefined {
  const b = at(json, 'terraform', 'backend', 's3');
  if (!isObject(b)) return undefined;
  const bucket = str(b.bucket);
  const key = str(b.key);
  const region = str(b.region);
  if (!bucket || !key || !region) return undefined;
  return {
    bucket,
    key,
    region,
    endpoint: str(at(b, 'endpoints', 's3')),
    accessKey: str(b.access_key),
    secretKey: str(b.secret_key),
    roleArn: str(at(b, 'assume_role', 'role_arn')) ?? str(b.role_arn),
    pathStyle: b.use_path_style === true || b.force_path_style === true,
  };
}

/** One resource instance of a state: its address and the ids it is known by (id, arn, name). */
export interface StateObject {
  readonly address: string;
  readonly type: string;
  readonly ids: readonly string[];
  /** Its top-level string attributes (id, arn, name, vpc_id, ...). */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface StateFile {
  readonly key: string;
  readonly serial?: number;
  readonly objects: readonly StateObject[];
  /** Output values by name. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

export interface LockFile {
  readonly key: string;
  readonly id?: string;
  readonly operation?: string;
  readonly who?: string;
  readonly created?: string;
}

/** Reads state objects and lockfiles of one bucket. */
export interface StateStore {
  /** Keys under a prefix: state objects (`.tfstate`) and lockfiles (`.tflock`). */
  list(prefix: string): Promise<{ states: string[]; locks: string[] }>;
  /** A state, or undefined when its object does not exist. */
  read(key: string): Promise<StateFile | undefined>;
  lock(key: string): Promise<LockFile | undefined>;
}

const ID_ATTRIBUTES = ['id', 'arn', 'name', 'zone_id', 'vpc_endpoint_id', 'transit_gateway_attachment_id'];

/** The managed resource instances of a Terraform state (format 4) with their ids. */
export function stateObjects(state: unknown): StateObject[] {
  const out: StateObject[] = [];
  const resources = isObject(state) && Array.isArray(state.resources) ? state.resources : [];
  for (const r of resources) {
    if (!isObject(r) || r.mode !== 'managed') continue;
    const type = str(r.type) ?? '';
    const base = `${r.module ? `${str(r.module)}.` : ''}${type}.${str(r.name)}`;
    const instances = Array.isArray(r.instances) ? r.instances : [];
    for (const inst of instances) {
      if (!isObject(inst)) continue;
      const attrs = isObject(inst.attributes) ? inst.attributes : {};
      const key =
        inst.index_key === undefined
          ? ''
          : typeof inst.index_key === 'number'
            ? `[${inst.index_key}]`
            : `[${JSON.stringify(inst.index_key)}]`;
      const ids = ID_ATTRIBUTES.flatMap((a) => (typeof attrs[a] === 'string' && attrs[a] !== '' ? [attrs[a] as string] : []));
      const strings = Object.fromEntries(Object.entries(attrs).filter((e): e is [string, string] => typeof e[1] === 'string'));
      out.push({ address: `${base}${key}`, type, ids: [...new Set(ids)], attributes: strings });
    }
  }
  return out;
}

/** The output values of a state. */
export function stateOutputs(state: unknown): Record<string, unknown> {
  const outputs = isObject(state) && isObject(state.outputs) ? state.outputs : {};
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, isObject(v) ? v.value : undefined]));
}

async function bodyText(body: unknown): Promise<string> {
  const b = body as { transformToString?: () => Promise<string> } | undefined;
  return b?.transformToString ? b.transformToString() : '';
}

/** A store reading through the AWS SDK, configured like the backend. */
export class S3StateStore implements StateStore {
  private readonly s3: S3Client;

  constructor(
    readonly backend: S3Backend,
    client?: S3Client,
  ) {
    this.s3 = client ?? new S3Client(S3StateStore.clientConfig(backend));
  }

  static clientConfig(b: S3Backend): S3ClientConfig {
    const base: S3ClientConfig = {
      region: b.region,
      ...(b.endpoint && { endpoint: b.endpoint }),
      ...(b.pathStyle && { forcePathStyle: true }),
      ...(b.accessKey && b.secretKey && { credentials: { accessKeyId: b.accessKey, secretAccessKey: b.secretKey } }),
    };
    if (!b.roleArn) return base;
    return {
      ...base,
      credentials: async () => {
        const sts = new STSClient({
          region: b.region,
          ...(b.endpoint && { endpoint: b.endpoint }),
          ...(base.credentials && { credentials: base.credentials }),
        });
        try {
          const { Credentials: c } = await sts.send(
            new AssumeRoleCommand({ RoleArn: b.roleArn, RoleSessionName: 'privatelink-ops-state' }),
          );
          return {
            accessKeyId: c!.AccessKeyId!,
            secretAccessKey: c!.SecretAccessKey!,
            sessionToken: c!.SessionToken,
            expiration: c!.Expiration,
          };
        } finally {
          sts.destroy();
        }
      },
    };
  }

  async list(prefix: string): Promise<{ states: string[]; locks: string[] }> {
    const states: string[] = [];
    const locks: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.backend.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (o.Key?.endsWith('.tfstate')) states.push(o.Key);
        else if (o.Key?.endsWith('.tflock')) locks.push(o.Key);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return { states: states.sort(), locks: locks.sort() };
  }

  async read(key: string): Promise<StateFile | undefined> {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.backend.bucket, Key: key }));
      const text = await bodyText(res.Body);
      const json: unknown = text ? JSON.parse(text) : {};
      return {
        key,
        serial: isObject(json) && typeof json.serial === 'number' ? json.serial : undefined,
        objects: stateObjects(json),
        outputs: stateOutputs(json),
      };
    } catch (e) {
      if (awsErrorName(e) === 'NoSuchKey' || awsErrorName(e) === 'NotFound') return undefined;
      throw e;
    }
  }

  async lock(key: string): Promise<LockFile | undefined> {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.backend.bucket, Key: key }));
      const json: unknown = JSON.parse((await bodyText(res.Body)) || '{}');
      const f = (k: string) => (isObject(json) ? str(json[k]) : undefined);
      return { key, id: f('ID'), operation: f('Operation'), who: f('Who'), created: f('Created') };
    } catch (e) {
      if (awsErrorName(e) === 'NoSuchKey' || awsErrorName(e) === 'NotFound') return undefined;
      throw e;
    }
  }

  destroy(): void {
    this.s3.destroy();
  }
}

/** The state key prefix of an environment's stacks: the directory of their keys. */
export function statePrefix(backend: S3Backend): string {
  const i = backend.key.lastIndexOf('/');
  return i < 0 ? '' : backend.key.slice(0, i + 1);
}

/** The stack id of a state key (`<prefix>/<stack id>.tfstate`). */
export function stackOfKey(key: string): string {
  return key
    .slice(key.lastIndexOf('/') + 1)
    .replace(/\.tf(state|lock)$/, '')
    .replace(/\.tfstate$/, '');
}
