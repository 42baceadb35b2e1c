/**
 * lib/cli/run.ts: output, exit codes, timeouts that end the whole process group, the process
 * registry, and signals: a process killed with SIGTERM leaves none of the groups it started.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultParallelism, mapLimit, run, runningGroups, PROCESS_REGISTRY_ENV_VAR } from '../../../lib/cli/run';
import { descendants, registeredGroups, reap } from '../../../lib/ops/reaper';

const ROOT = resolve(__dirname, '..', '..', '..');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const waitFor = async (what: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
};

test('captures stdout, stderr, exit code and lines', async () => {
  const lines: string[] = [];
  const r = await run('sh', ['-c', 'echo one; echo two >&2; printf three; exit 3'], {
    timeoutMs: 5000,
    onLine: (l, s) => lines.push(`${s}:${l}`),
  });
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut }).toEqual({
    code: 3,
    stdout: 'one\nthree',
    stderr: 'two\n',
    timedOut: false,
  });
  expect(lines.sort()).toEqual(['stderr:two', 'stdout:one', 'stdout:three']);
  expect(runningGroups()).toEqual([]);
});

test('a timeout ends the command and everything it started', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-run-'));
  const pidFile = join(dir, 'pid');
  const r = await run('sh', ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], { timeoutMs: 700 });
  expect(r.timedOut).toBe(true);
  const grandchild = Number(readFileSync(pidFile, 'utf8'));
  expect(await waitFor(() => !alive(grandchild))).toBe(true);
});

test('the registry records each group while it runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-run-'));
  const registry = join(dir, 'processes');
  const before = process.env[PROCESS_REGISTRY_ENV_VAR];
  process.env[PROCESS_REGISTRY_ENV_VAR] = registry;
  try {
    let seen: number[] = [];
    const r = await run('sh', ['-c', 'sleep 0.2'], {
      timeoutMs: 5000,
      onSpawn: () => {
        seen = registeredGroups(registry);
      },
    });
    expect(r.code).toBe(0);
    expect(seen).toHaveLength(1);
    expect(registeredGroups(registry)).toEqual([]);
    expect(readFileSync(registry, 'utf8')).toMatch(/^\+\d+ sh -c sleep 0\.2\n-\d+\n$/);
  } finally {
    if (before === undefined) delete process.env[PROCESS_REGISTRY_ENV_VAR];
    else process.env[PROCESS_REGISTRY_ENV_VAR] = before;
  }
});

test('reap stops recorded groups and descendants', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-run-'));
  const registry = join(dir, 'processes');
  const leader = spawn('sh', ['-c', 'sleep 30 & wait'], { detached: true, stdio: 'ignore' });
  writeFileSync(registry, `+${leader.pid} sh\n+999999999 gone\n-999999999\n`);
  expect(registeredGroups(registry)).toEqual([leader.pid]);
  await waitFor(() => descendants(leader.pid!).length > 0);
  const child = descendants(leader.pid!)[0].pid;
  const reaped = await reap({ registry, graceMs: 1000 });
  expect(reaped.groups).toEqual([leader.pid]);
  expect(await waitFor(() => !alive(child) && !alive(leader.pid!))).toBe(true);
});

test('SIGTERM to a process that runs commands leaves none of them running', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-run-'));
  const pidFile = join(dir, 'pids');
  const script = join(dir, 'victim.ts');
  writeFileSync(
    script,
    [
      `import { run } from ${JSON.stringify(join(ROOT, 'lib', 'cli', 'run'))};`,
      `void run('sh', ['-c', 'sleep 30 & echo $! >> ${pidFile}; wait'], { timeoutMs: 60000 });`,
      `void run('sh', ['-c', 'sleep 30 & echo $! >> ${pidFile}; wait'], { timeoutMs: 60000 });`,
      `setInterval(() => undefined, 1000);`,
    ].join('\n'),
  );
  const victim = spawn(process.execPath, [join(ROOT, 'scripts', 'run-ts.js'), script], {
    stdio: 'ignore',
    env: { ...process.env, PRIVATELINK_KILL_GRACE_MS: '500' },
  });
  const pids = () => {
    try {
      return readFileSync(pidFile, 'utf8').trim().split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  expect(await waitFor(() => pids().length === 2, 10_000)).toBe(true);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    victim.once('exit', (code, signal) => r({ code, signal })),
  );
  victim.kill('SIGTERM');
  expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
  expect(await waitFor(() => pids().every((p) => !alive(p)))).toBe(true);
}, 20_000);

test('mapLimit keeps order and the bound', async () => {
  let inFlight = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 3, 2, 4], 2, async (n, i) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, n * 5));
    inFlight--;
    return `${i}:${n}`;
  });
  expect(out).toEqual(['0:5', '1:1', '2:3', '3:2', '4:4']);
  expect(peak).toBe(2);
  expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  expect(defaultParallelism()).toBeGreaterThanOrEqual(1);
});
