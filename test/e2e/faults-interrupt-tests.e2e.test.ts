/**
 * Fault: the test run itself is interrupted. A child `npm run test:e2e` (this file in "victim"
 * mode, next to two other files so jest runs them in workers with one waiting) starts an emulator and deploys, so
 * that an emulator (server.py), cdktf and terraform (with its provider plugins) are running; then
 * npm alone gets SIGTERM, as CI cancelling a job does (the shell npm runs jest through does not
 * pass it on), or the whole group gets SIGINT, as Ctrl-C in a terminal. Afterwards no process of
 * that run is left:
 * the jest global setup reaps the process groups run.ts recorded and every descendant, the
 * workers reap their own, the emulator stops with its parent.
 *
 * Processes of the child run are told apart from anything else on the machine by a marker in
 * their environment (inherited by every process the run starts).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { hasEnv, listProcesses, type ProcInfo } from '../../lib/ops/reaper';
import { signalGroup } from '../../lib/cli/run';
import { FaultEnvironment, ROOT } from './faults-support';

const MARKER = 'PRIVATELINK_FAULTS_VICTIM';
const victim = process.env[MARKER];

/** Processes of the run marked `id` that matter: the emulator, cdktf, terraform and its providers. */
function strays(id: string): ProcInfo[] {
  return listProcesses().filter(
    (p) => p.pid !== process.pid && /terraform|cdktf|server\.py|jest|run-ts\.js/.test(p.cmdline) && hasEnv(p.pid, MARKER, id),
  );
}

const waitFor = async (what: () => boolean, ms: number, stepMs = 250): Promise<boolean> => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return true;
};

if (victim) {
  // The child run: deploy until killed.
  test('victim: deploys until the run is interrupted', async () => {
    const fe = await FaultEnvironment.start('fkill', { consumers: 1 });
    await fe.ops('deploy', ['--hub', 'us-east-1', '--service', 'orders', '--auto-approve', '--parallel', '2']);
    await new Promise((r) => setTimeout(r, 600_000));
  }, 900_000);
} else {
  jest.setTimeout(6 * 60_000);

  test.each([
    ['SIGTERM to npm alone (CI cancelling a job)', 'npm'],
    ['SIGINT to the whole process group (Ctrl-C in a terminal)', 'group'],
  ] as const)('%s during the e2e suite leaves no emulator, cdktf or terraform process', async (_, target) => {
    const id = randomUUID();
    const child = spawn(
      'npm',
      [
        'run',
        '-s',
        'test:e2e',
        '--',
        '--runTestsByPath',
        'test/e2e/faults-interrupt-tests.e2e.test.ts',
        'test/e2e/faults-concurrent.e2e.test.ts',
        // A third file for two workers: one file is still waiting when the run is interrupted, and
        // jest may start a worker for it as the first ones die; that one must not outlive the run either.
        'test/e2e/faults-throttle.e2e.test.ts',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, [MARKER]: id, PRIVATELINK_PROCESS_REGISTRY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let log = '';
    child.stdout!.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-6000);
    });
    child.stderr!.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-6000);
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    try {
      const running = () => {
        const mine = strays(id);
        // Mid-apply: the emulator, cdktf, a terraform apply and its AWS provider plugins.
        return [/server\.py/, /cdktf/, /^terraform (apply|plan)/, /terraform-provider-aws/].every((what) =>
          mine.some((p) => what.test(p.cmdline)),
        );
      };
      const started = await waitFor(running, 240_000);
      const before = strays(id).map((p) => p.cmdline.slice(0, 100));
      expect({ started, log: started ? '' : log }).toEqual({ started: true, log: '' });
      process.stdout.write(`interrupting the child run; its processes:\n  ${before.join('\n  ')}\n`);

      if (target === 'npm') child.kill('SIGTERM');
      else signalGroup(child.pid!, 'SIGINT');
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([exited, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 60_000)))]);
      clearTimeout(timer);
      expect(result).toBeDefined();
      const clean = await waitFor(() => strays(id).length === 0, 15_000);
      const left = strays(id).map((p) => `${p.pid} ${p.cmdline.slice(0, 120)}`);
      expect({ clean, left }).toEqual({ clean: true, left: [] });
    } finally {
      // Whatever the outcome, nothing of the child run survives this test.
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      for (const p of strays(id)) signalGroup(p.pid, 'SIGKILL', false);
    }
  });
}
