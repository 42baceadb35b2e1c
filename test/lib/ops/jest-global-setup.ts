/**
 * Jest global setup (the parent jest process): a registry of the process groups the tests start
 * through lib/cli/run.ts, and a stop that reaps them and every descendant (workers, the emulator,
 * cdktf, terraform) before the parent exits:
 *
 * - on SIGINT, SIGTERM or SIGHUP to jest (Ctrl-C reaches the whole foreground group);
 * - when jest's parent goes away: `npm test` runs jest through `sh -c`, and SIGTERM to npm ends
 *   npm and that shell but never reaches jest (the shell does not forward it), so jest watches
 *   for being re-parented, as the emulator's `--exit-with-parent` does.
 *
 * A worker killed without a chance to clean up leaves nothing behind either.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROCESS_REGISTRY_ENV_VAR } from '../../../lib/cli/run';
import { reap, reapNow } from '../../../lib/ops/reaper';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

export default async function globalSetup(): Promise<void> {
  const registry = join(mkdtempSync(join(tmpdir(), 'pl-jest-')), 'processes');
  // Workers inherit the parent's environment: run.ts records into this file.
  process.env[PROCESS_REGISTRY_ENV_VAR] = registry;
  // The SDK clients are pinned (package.json); their notice about future versions needing Node 22 is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  (globalThis as { __privatelinkRegistry?: string }).__privatelinkRegistry = registry;
  let reaping = false;
  const stop = (why: string, code: number) => {
    if (reaping) return;
    reaping = true;
    process.stderr.write(`\njest: ${why}: stopping every process the tests started\n`);
    void reap({ registry, descendantsOf: process.pid, graceMs: 2000 }).finally(() => {
      // While the first round waited, jest saw its workers die and started new ones for the next
      // test files (they would outlive it). One synchronous sweep, then exit in the same tick:
      // nothing can start in between.
      reapNow({ registry, descendantsOf: process.pid });
      process.exit(code);
    });
  };
  for (const [signal, number] of Object.entries(SIGNALS) as [NodeJS.Signals, number][]) {
    process.on(signal, () => stop(signal, 128 + number));
  }
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop(`its parent (pid ${parent}) is gone`, 128 + SIGNALS.SIGTERM);
  }, 1000).unref();
}
