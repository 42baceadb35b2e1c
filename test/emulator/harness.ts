/**
 * Test harness for the local AWS emulator (moto 5.2.1 + test/emulator/moto_ext/).
 *
 *   const emu = await startEmulator();
 *   // ... point AWS SDK clients / Terraform provider endpoints at emu.endpoint
 *   await emu.stop();
 */
import { ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

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
export async function createStateBucket(
  endpoint: string,
  bucket: string,
  region = 'us-east-1',
  _kmsKeyId?: string,
): Promise<void> {
  const s3 = new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as any } }),
      }),
    );
  } catch (err: any) {
    if (err?.name !== 'BucketAlreadyOwnedByYou') throw err;
  } finally {
    s3.destroy();
  }
}
