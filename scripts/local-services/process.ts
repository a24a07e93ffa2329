/** Small helpers for the local services: processes, ports, output. */
import { type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
  /** true if we started a private process (stop() then shuts it down) */
  started: boolean;
}

export type Log = (msg: string) => void;
export const noop: Log = () => undefined;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** true if pid is running (a zombie, i.e. exited but not yet reaped, counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !fs.existsSync('/proc/self/stat'); // gone meanwhile, or no /proc (macOS): trust kill(0)
  }
}

/** argv of a live process, or null when unknown (no /proc, or the process is gone). */
export function readCmdline(pid: number): string[] | null {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((s) => s !== '');
  } catch {
    return null;
  }
}

export function readComm(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

export async function waitForDeath(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: '127.0.0.1', port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

export function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

/**
 * Keeps the last lines a child printed (for error messages); forwards only its warnings and
 * errors to log.
 */
export function captureOutput(child: ChildProcess, prefix: string, log: Log): () => string {
  const lines: string[] = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) log(`${prefix} ${line}`);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => lines.join('\n');
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stops a child we started: `politely` first, then SIGKILL after graceMs.
 * Also removes the process-exit safety net. Safe to call any number of times.
 */
export function makeStopper(child: ChildProcess, politely: () => Promise<void>, graceMs: number): () => Promise<void> {
  const onExit = (): void => {
    if (!hasExited(child)) child.kill('SIGINT');
  };
  process.once('exit', onExit);
  let stopping: Promise<void> | null = null;
  return () => {
    if (!stopping) {
      stopping = (async () => {
        process.removeListener('exit', onExit);
        if (hasExited(child)) return;
        const done = exited(child);
        await politely().catch(() => undefined);
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
        if ((await Promise.race([done.then(() => 'done' as const), timer])) === 'timeout') {
          child.kill('SIGKILL');
          await done;
        }
      })();
    }
    return stopping;
  };
}
