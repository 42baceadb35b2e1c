/**
 * Reaping what a test run (or any parent) started, even when the process that started it was
 * killed without a chance to clean up:
 *
 * - the process groups recorded in the registry file by `lib/cli/run.ts`
 *   (`PRIVATELINK_PROCESS_REGISTRY`), which outlive their starter when it dies by SIGKILL;
 * - every descendant of a process (Linux `/proc`), which covers children started without
 *   `run.ts` (the emulator, jest workers).
 *
 * `reap` sends SIGTERM, waits a grace period, then SIGKILL to whatever is left.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { signalGroup } from '../cli/run';

/** Process groups recorded as started and not (yet) recorded as ended. */
export function registeredGroups(file: string): number[] {
  if (!existsSync(file)) return [];
  const live = new Set<number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([+-])(\d+)/.exec(line);
    if (!m) continue;
    if (m[1] === '+') live.add(Number(m[2]));
    else live.delete(Number(m[2]));
  }
  return [...live];
}

export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** The command line, arguments separated by spaces. */
  readonly cmdline: string;
}

/** Every process visible in /proc (Linux); empty elsewhere. */
export function listProcesses(): ProcInfo[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      out.push({ pid: Number(e), ppid: Number(rest[1]), pgid: Number(rest[2]), cmdline });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** The descendants of `root` (children, their children, ...), deepest last. */
export function descendants(root: number, procs: readonly ProcInfo[] = listProcesses()): ProcInfo[] {
  const byParent = new Map<number, ProcInfo[]>();
  for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const child of byParent.get(pid) ?? []) {
      if (out.some((p) => p.pid === child.pid)) continue;
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}

/** Whether a process carries `NAME=value` in its environment (Linux; false when unreadable). */
export function hasEnv(pid: number, name: string, value: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${name}=${value}`);
  } catch {
    return false;
  }
}

export interface ReapOptions {
  /** The registry file of `run.ts`. */
  readonly registry?: string;
  /** Also every descendant of this process. */
  readonly descendantsOf?: number;
  /** Between SIGTERM and SIGKILL. @default 2000 */
  readonly graceMs?: number;
  /** Never signal these (this process, its parent). */
  readonly spare?: readonly number[];
}

/** What `reap` signalled. */
export interface Reaped {
  readonly groups: readonly number[];
  readonly processes: readonly number[];
}

function targets(opts: ReapOptions): Reaped {
  const spare = new Set([process.pid, process.ppid, ...(opts.spare ?? [])]);
  const groups = opts.registry ? registeredGroups(opts.registry).filter((g) => !spare.has(g)) : [];
  const processes =
    opts.descendantsOf !== undefined
      ? descendants(opts.descendantsOf)
          .map((p) => p.pid)
          .filter((p) => !spare.has(p))
      : [];
  return { groups, processes };
}

function signalAll(t: Reaped, signal: NodeJS.Signals): number {
  let alive = 0;
  for (const g of t.groups) if (signalGroup(g, signal, true)) alive++;
  for (const p of t.processes) if (signalGroup(p, signal, false)) alive++;
  return alive;
}

/** Whether a process (not a zombie) or a process group still exists. */
function stillThere(t: Reaped): boolean {
  const running = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  if (t.processes.some(running)) return true;
  return t.groups.some((g) => signalGroup(g, 0, true) && listProcesses().some((p) => p.pgid === g && running(p.pid)));
}

/** SIGTERM to every target, then SIGKILL after the grace to what is left; synchronous variant for exit paths. */
export function reapNow(opts: ReapOptions): Reaped {
  const t = targets(opts);
  signalAll(t, 'SIGKILL');
  return t;
}

/** SIGTERM, wait until the targets are gone or the grace ends, SIGKILL the rest. */
export async function reap(opts: ReapOptions): Promise<Reaped> {
  const t = targets(opts);
  if (signalAll(t, 'SIGTERM') === 0) return t;
  const deadline = Date.now() + (opts.graceMs ?? 2000);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (!stillThere(t)) return t;
  }
  // Anything started meanwhile (a worker spawning as it died) is found again.
  const late = targets(opts);
  signalAll(
    { groups: [...new Set([...t.groups, ...late.groups])], processes: [...new Set([...t.processes, ...late.processes])] },
    'SIGKILL',
  );
  return t;
}
