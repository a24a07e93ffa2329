/** The gateway under test, as its own OS process, and helper processes beside it. */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Build, BUILD_CACHE } from './build';
import { REDIS_URL, ROOT, envInt, say } from './env';
import type { BenchRun } from './harness';
import { type Summary, fmt, round, summarize, table } from './stats';
import { machineTicks } from './cpu';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  url: string;
  pid: number;
  child: ChildProcess;
  label: string;
  /** Log lines at warn or above (the gateway logs JSON at LOG_LEVEL=warn). */
  logLines(): string[];
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

function captureLines(child: ChildProcess): string[] {
  const lines: string[] = [];
  const take = (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (line.trim() && lines.length < 2000) lines.push(line);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return lines;
}

/**
 * BENCH_TRACE=1: the gateway also loads bench/lib/gateway-trace.ts (compiled to plain JS, so the
 * built gateway itself is not run through a transpiler), and trace() reads what it timed.
 */
function tracePreload(run: BenchRun): string {
  return preloadScript(run, 'bench/lib/gateway-trace.ts');
}

/** A bench/lib module compiled to plain JS (once per run), to preload into the gateway with `-r`. */
export function preloadScript(run: BenchRun, file: string): string {
  const out = path.join(BUILD_CACHE, `${path.basename(file, '.ts')}-${run.id}.js`);
  if (existsSync(out)) return out;
  mkdirSync(BUILD_CACHE, { recursive: true });
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const { outputText } = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  writeFileSync(out, outputText);
  run.onCleanup(`remove the preload ${file}`, () => rmSync(out, { force: true }));
  return out;
}

export type TraceSummary = {
  stages: Record<string, Summary>;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  captured: Record<string, { text: string; params: unknown[] }>;
};

/** Starts the gateway on a free 127.0.0.1 port and waits for /api/health. */
export async function startGateway(
  run: BenchRun,
  env: Record<string, string> = {},
  opts: { trace?: boolean; preload?: string[]; port?: number; build?: Build } = {},
): Promise<Child & { trace(): Promise<TraceSummary | null> }> {
  const build = opts.build ?? run.build;
  const entry = { args: build.gatewayArgs, label: build.gatewayLabel };
  const port = opts.port ?? (await freePort());
  const tracing = opts.trace ?? process.env.BENCH_TRACE === '1';
  const traceFile = path.join(os.tmpdir(), `p2p-bench-trace-${run.id}-${port}.json`);
  const preloads = [...(tracing ? [tracePreload(run)] : []), ...(opts.preload ?? [])];
  // BENCH_NODE_ARGS: extra node flags for the gateway, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const args = [...nodeArgs, ...preloads.flatMap((p) => ['-r', p]), ...entry.args];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SWC_NODE_PROJECT: 'tsconfig.json',
      NODE_ENV: 'production',
      DATABASE_URL: run.databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: run.redisPrefix,
      LOG_LEVEL: 'warn',
      POSTS_PER_HOUR: '10000',
      ...(tracing ? { BENCH_TRACE_FILE: traceFile } : {}),
      ...env,
      // BENCH_GATEWAY_<NAME>=value sets the gateway's <NAME> (e.g. BENCH_GATEWAY_RELEASE_RECONCILE_MS).
      ...Object.fromEntries(
        Object.entries(process.env)
          .filter(([k, v]) => k.startsWith('BENCH_GATEWAY_') && v !== undefined)
          .map(([k, v]) => [k.slice('BENCH_GATEWAY_'.length), v as string]),
      ),
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = captureLines(child);
  const stop = stopper(child);
  run.onCleanup('stop the gateway', stop);
  if (tracing) run.onCleanup('remove the trace file', () => rmSync(traceFile, { force: true }));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${lines.join('\n')}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) throw new Error(`gateway did not start: ${lines.join('\n')}`);
    await sleep(200);
  }
  say(`gateway up at ${url} (pid ${child.pid}, ${entry.label}${tracing ? ', with BENCH_TRACE diagnostics' : ''})`);
  const trace = async (): Promise<TraceSummary | null> => {
    if (!tracing) return null;
    rmSync(traceFile, { force: true });
    child.kill('SIGWINCH');
    for (let i = 0; i < 50 && !existsSync(traceFile); i++) await sleep(100);
    if (!existsSync(traceFile)) return null;
    const raw = JSON.parse(readFileSync(traceFile, 'utf8')) as {
      samples: Record<string, number[]>;
      eventLoopDelayMs: TraceSummary['eventLoopDelayMs'];
      captured: TraceSummary['captured'];
    };
    return {
      captured: raw.captured,
      stages: Object.fromEntries(Object.entries(raw.samples).map(([k, v]) => [k, summarize(v)])),
      eventLoopDelayMs: {
        p50: Math.max(0, raw.eventLoopDelayMs.p50 - 5),
        p99: Math.max(0, raw.eventLoopDelayMs.p99 - 5),
        max: Math.max(0, raw.eventLoopDelayMs.max - 5),
      },
    };
  };
  return { url, pid: child.pid!, child, label: entry.label, logLines: () => lines, stop, trace };
}

export function formatTrace(t: TraceSummary): string {
  const rows = Object.entries(t.stages).map(([k, s]) => [
    k,
    s.n,
    fmt(s.p50, 2),
    fmt(s.p90, 2),
    fmt(s.p99, 2),
    fmt(s.max, 1),
  ]);
  return `${table(['stage (BENCH_TRACE, gateway side)', 'n', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], rows)}
gateway event-loop delay (beyond the 5 ms sampling interval): p50 ${fmt(t.eventLoopDelayMs.p50, 1)} ms, p99 ${fmt(t.eventLoopDelayMs.p99, 1)} ms, max ${fmt(t.eventLoopDelayMs.max, 1)} ms`;
}

/**
 * Waits (up to `maxSeconds`) for the machine to be quiet: `seconds` consecutive seconds under
 * `pct` % busy. Other work on a 2-core machine distorts latency, so each phase starts quiet and
 * reports what else ran meanwhile ("everything else" in the CPU line).
 */
export async function awaitQuiet(
  maxSeconds = envInt('BENCH_QUIET_WAIT_S', 120, 0, 3600),
  pct = 20,
  seconds = 3,
): Promise<{ waitedSeconds: number; quiet: boolean }> {
  const t0 = Date.now();
  let calm = 0;
  let prev = machineTicks();
  while (Date.now() - t0 < maxSeconds * 1000) {
    await sleep(1000);
    const cur = machineTicks();
    const busy = ((cur.busy - prev.busy) * 100) / Math.max(1, cur.total - prev.total);
    prev = cur;
    calm = busy < pct ? calm + 1 : 0;
    if (calm >= seconds) return { waitedSeconds: round((Date.now() - t0) / 1000, 0), quiet: true };
  }
  say(`the machine did not become quiet within ${maxSeconds} s; measuring anyway (see "everything else")`);
  return { waitedSeconds: maxSeconds, quiet: false };
}

/** A TypeScript helper of the harness as its own process, talking back over IPC. */
export async function startHelper<T>(
  run: BenchRun,
  file: string,
  env: Record<string, string> = {},
  preload: string[] = [],
): Promise<Child & { hello: T }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...preload.flatMap((p) => ['-r', p]), file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: 'tsconfig.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines = captureLines(child);
  const stop = stopper(child);
  run.onCleanup(`stop ${file}`, stop);
  const hello = await new Promise<T & { url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start: ${lines.join('\n')}`)), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as T & { url: string });
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}: ${lines.join('\n')}`)));
  });
  return { url: hello.url, pid: child.pid!, child, label: file, logLines: () => lines, stop, hello };
}
