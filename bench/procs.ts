/** Child processes of the bench: every one is tracked by PID and stopped by PID, also on failure. */
import { spawn, type ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
/** Servers started by other means (pg_ctl): stopped with the children. Each must be idempotent. */
const cleanups = new Set<() => unknown>();

/** Registers a stop function run by stopAll()/killAllNow(); returns its unregistration. */
export function onStop(fn: () => unknown): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export function start(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; ipc?: boolean; cwd?: string } = {}): ChildProcess {
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...opts.env },
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** SIGTERM by PID, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try { process.kill(child.pid, 'SIGTERM'); } catch { return; }
  const t = setTimeout(() => { try { if (child.pid) process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, graceMs);
  await exited;
  clearTimeout(t);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => stop(c)));
  await Promise.all([...cleanups].map(async (fn) => { try { await fn(); } catch { /* best effort */ } }));
}

/** Synchronous last resort (process exit): SIGKILL every child still running, by PID. */
export function killAllNow(): void {
  for (const c of children) if (c.pid && c.exitCode === null) { try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ } }
  // pg_ctl stop and the redis kill are issued synchronously, so they still run on 'exit'.
  for (const fn of cleanups) { try { void fn(); } catch { /* best effort */ } }
}

/** Resolves with the first stdout line matching `re`, or rejects after `timeoutMs` / on exit. */
export function waitForLine(child: ChildProcess, re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buf = '';
    let err = '';
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stderr: ${err.slice(-2000)}`)), timeoutMs);
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = re.exec(buf);
      if (m) { clearTimeout(t); resolve(m); }
    });
    child.once('exit', (code) => { clearTimeout(t); reject(new Error(`exited with ${code} before ${re}; stderr: ${err.slice(-2000)}`)); });
  });
}

/** IPC request/response to a forked driver. */
export function rpc(child: ChildProcess) {
  let n = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error)); else p.resolve(m.result);
  });
  child.once('exit', () => { for (const p of pending.values()) p.reject(new Error('driver exited')); pending.clear(); });
  return <T = any>(cmd: string, args?: unknown, timeoutMs = 120_000): Promise<T> => new Promise((resolve, reject) => {
    const id = ++n;
    const t = setTimeout(() => { pending.delete(id); reject(new Error(`driver ${cmd} timed out`)); }, timeoutMs);
    pending.set(id, { resolve: (v) => { clearTimeout(t); resolve(v); }, reject: (e) => { clearTimeout(t); reject(e); } });
    child.send({ id, cmd, args });
  });
}
