/**
 * Jest global setup (the parent jest process): a registry of the process groups the tests start
 * through lib/cli/run.ts, and signal handlers that reap them and every descendant (workers, the
 * emulator, cdktf, terraform) before the parent exits on SIGINT, SIGTERM or SIGHUP. A worker
 * killed without a chance to clean up leaves nothing behind.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROCESS_REGISTRY_ENV_VAR } from '../../../lib/cli/run';
import { reap } from '../../../lib/ops/reaper';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

export default async function globalSetup(): Promise<void> {
  const registry = join(mkdtempSync(join(tmpdir(), 'pl-jest-')), 'processes');
  // Workers inherit the parent's environment: run.ts records into this file.
  process.env[PROCESS_REGISTRY_ENV_VAR] = registry;
  (globalThis as { __privatelinkRegistry?: string }).__privatelinkRegistry = registry;
  let reaping = false;
  for (const [signal, number] of Object.entries(SIGNALS) as [NodeJS.Signals, number][]) {
    process.on(signal, () => {
      if (reaping) return;
      reaping = true;
      process.stderr.write(`\njest: ${signal}: stopping every process the tests started\n`);
      void reap({ registry, descendantsOf: process.pid, graceMs: 2000 }).finally(() => process.exit(128 + number));
    });
  }
}
