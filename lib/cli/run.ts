/**
 * Runs commands with a bounded time, capturing their output (never throws on a non-zero exit),
 * and makes sure nothing it started outlives it.
 *
 * - A captured command runs in its own process group (`detached`), so a timeout or a signal ends
 *   the command and everything it started (cdktf → terraform → provider plugins) at once.
 * - Every group still running is killed when this process exits, and on SIGINT, SIGTERM and
 *   SIGHUP the signal is forwarded to the groups, which get SIGKILL after a short grace
 *   (`PRIVATELINK_KILL_GRACE_MS`, default 3 s); then the signal takes its normal course.
 * - With `PRIVATELINK_PROCESS_REGISTRY=<file>` (set by the jest global setup), each group is
 *   recorded there while it runs (`+<pgid> <command>` / `-<pgid>` lines), so the parent jest
 *   process can reap them even when this process is killed with SIGKILL (see lib/ops/reaper.ts).
 * - An interactive command (`stdio: 'inherit'`) stays in the terminal's process group (a
 *   background group could not read the terminal); it gets the terminal's Ctrl-C itself, so only
 *   SIGTERM and SIGHUP are forwarded to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

export interface RunResult {
  readonly code: number | null;
  /** The signal that ended the command, when one did. */
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command (its whole process group) after this long. */
  readonly timeoutMs: number;
  /** `pipe` (default) captures the output; `inherit` shares this terminal (output is not captured). */
  readonly stdio?: 'pipe' | 'inherit';
  /** Called with each complete line of output as it arrives (captured runs only). */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called once the command has started, with its pid (also its process group id when captured). */
  readonly onSpawn?: (pid: number) => void;
}

/** Environment variable naming the file where spawned process groups are recorded. */
export const PROCESS_REGISTRY_ENV_VAR = 'PRIVATELINK_PROCESS_REGISTRY';
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

interface Tracked {
  readonly pid: number;
  /** Its own process group (detached), or a plain child of the terminal's group. */
  readonly group: boolean;
}

const tracked = new Map<number, Tracked>();
let handlersInstalled = false;
let stopping = false;

function registry(): string | undefined {
  return process.env[PROCESS_REGISTRY_ENV_VAR] || undefined;
}

function record(line: string): void {
  const file = registry();
  if (!file) return;
  try {
    appendFileSync(file, `${line}\n`);
  } catch {
    /* the registry is best effort: a missing directory must not fail the command */
  }
}

/** Sends a signal to a process group (or one process); false when it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals | number, group = true): boolean {
  try {
    process.kill(group ? -pid : pid, signal);
    return true;
  } catch {
    return false;
  }
}

function killAll(signal: NodeJS.Signals, filter: (t: Tracked) => boolean = () => true): void {
  for (const t of tracked.values()) if (filter(t)) signalGroup(t.pid, signal, t.group);
}

function onSignal(signal: NodeJS.Signals): void {
  // Interactive children received the terminal's Ctrl-C already: a second SIGINT would make
  // Terraform abort instead of stopping gracefully.
  killAll(signal, (t) => t.group || signal !== 'SIGINT');
  if (stopping) return;
  stopping = true;
  const configured = Number(process.env.PRIVATELINK_KILL_GRACE_MS ?? 3000);
  const grace = tracked.size === 0 ? 0 : Number.isFinite(configured) ? configured : 3000;
  setTimeout(() => {
    killAll('SIGKILL');
    uninstall();
    // Let the signal take its course (others may still listen: then exit the usual way).
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    else process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 1));
  }, grace);
}

const signalHandlers = new Map<NodeJS.Signals, () => void>();
const exitHandler = (): void => killAll('SIGKILL');

function install(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', exitHandler);
  for (const signal of FORWARDED) {
    const handler = () => onSignal(signal);
    signalHandlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function uninstall(): void {
  for (const [signal, handler] of signalHandlers) process.removeListener(signal, handler);
  signalHandlers.clear();
  process.removeListener('exit', exitHandler);
  handlersInstalled = false;
}

/** Process groups started by `run` that are still running (for tests and reapers). */
export function runningGroups(): readonly number[] {
  return [...tracked.keys()];
}

/**
 * Starts a command as `run` does, tracked until it closes: killed with its group on exit and
 * signals, recorded in the registry. For callers that need the ChildProcess itself.
 */
export function spawnTracked(command: string, args: readonly string[], opts: Omit<RunOptions, 'timeoutMs' | 'onLine'>): ChildProcess {
  if (stopping) throw new Error(`not starting '${command}': this process is stopping on a signal`);
  install();
  const interactive = opts.stdio === 'inherit';
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: interactive ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: !interactive,
  });
  const pid = child.pid;
  if (pid !== undefined) {
    tracked.set(pid, { pid, group: !interactive });
    record(`+${pid} ${[command, ...args].join(' ').slice(0, 300).replace(/\n/g, ' ')}`);
    opts.onSpawn?.(pid);
    child.once('close', () => {
      tracked.delete(pid);
      record(`-${pid}`);
      // The group leader is gone; what it left behind in its group goes too.
      if (!interactive) signalGroup(pid, 'SIGKILL');
      // Nothing left to protect: signals take their default course again.
      if (tracked.size === 0 && !stopping) uninstall();
    });
  }
  return child;
}

export function run(command: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    let child: ChildProcess;
    try {
      child = spawnTracked(command, args, opts);
    } catch (e) {
      reject(e);
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const lines = { stdout: '', stderr: '' };
    const collect = (stream: 'stdout' | 'stderr') => (d: Buffer) => {
      const text = d.toString();
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      if (!opts.onLine) return;
      const parts = (lines[stream] + text).split('\n');
      lines[stream] = parts.pop() ?? '';
      for (const line of parts) opts.onLine(line, stream);
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    const pid = child.pid;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) signalGroup(pid, 'SIGKILL', opts.stdio !== 'inherit');
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (opts.onLine) for (const stream of ['stdout', 'stderr'] as const) if (lines[stream]) opts.onLine(lines[stream], stream);
      resolvePromise({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

/** Runs `tasks` with at most `limit` in flight, keeping results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The default bound for work run in parallel: the machine's cores. */
export function defaultParallelism(): number {
  try {
    return Math.max(1, availableParallelism());
  } catch {
    return Math.max(1, cpus().length);
  }
}
