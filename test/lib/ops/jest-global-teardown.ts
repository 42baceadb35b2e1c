/** Jest global teardown: any process group the tests started and left running is stopped. */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { reap } from '../../../lib/ops/reaper';

export default async function globalTeardown(): Promise<void> {
  const registry = (globalThis as { __privatelinkRegistry?: string }).__privatelinkRegistry;
  if (!registry) return;
  const { groups } = await reap({ registry, graceMs: 2000 });
  if (groups.length > 0) process.stderr.write(`jest: stopped ${groups.length} process group(s) the tests left running\n`);
  rmSync(dirname(registry), { recursive: true, force: true });
}
