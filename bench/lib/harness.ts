/**
 * What every benchmark shares: its own database and Redis prefix (made at the start, removed at
 * the end, also on Ctrl+C or a time-out), the gateway under test as a separate OS process, the
 * machine description, statistics and the results file. Benchmarks are never tests: nothing here
 * asserts on speed; each script measures, compares with a baseline taken in the same run, and
 * reports.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/gateway/src/database/data-source';
import { migrate } from '../../apps/gateway/src/database/migrate';

export const ROOT = path.resolve(__dirname, '../..');

/** Only ever this machine: a URL naming any other host is refused before anything connects. */
function local(url: string, what: string): string {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1') throw new Error(`${what} must point at 127.0.0.1 (got ${host}).`);
  return url;
}

export const ADMIN_URL = local(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  'BENCH_DATABASE_URL',
);
export const REDIS_URL = local(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', 'BENCH_REDIS_URL');

export function envInt(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} should be a whole number ${min}..${max}.`);
  return n;
}

export const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** Wall-clock milliseconds with sub-millisecond resolution (same clock as Date.now()). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

type Cleanup = () => Promise<void> | void;

/** One benchmark run: its database, its Redis prefix, and everything to undo at the end. */
export class BenchRun {
  readonly id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  readonly dbName = `p2p_bench_${this.id}`;
  readonly redisPrefix = `p2p-bench-${this.id.replace('_', '-')}`;
  readonly databaseUrl: string;
  db!: DataSource;
  private readonly cleanups: { label: string; fn: Cleanup }[] = [];
  private cleaned?: Promise<void>;

  constructor(readonly name: string) {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${this.dbName}`;
    this.databaseUrl = url.toString();
  }

  /** Registers something to undo; undone last-registered first. */
  onCleanup(label: string, fn: Cleanup): void {
    this.cleanups.push({ label, fn });
  }

  async setUp(): Promise<void> {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${this.dbName}`);
    } finally {
      await admin.end();
    }
    this.onCleanup('drop database and Redis keys', () => this.dropStores());
    await migrate(this.databaseUrl);
    this.db = await createDataSource(this.databaseUrl).initialize();
    this.onCleanup('close seeding connection', async () => {
      if (this.db.isInitialized) await this.db.destroy();
    });
  }

  cleanUp(): Promise<void> {
    this.cleaned ??= (async () => {
      for (const { label, fn } of this.cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          say(`cleanup "${label}" failed: ${(err as Error).message}`);
        }
      }
    })();
    return this.cleaned;
  }

  private async dropStores(): Promise<void> {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const deleted = await deleteRedisKeys(this.redisPrefix);
    say(`cleaned up: dropped database ${this.dbName}, deleted ${deleted} Redis keys under ${this.redisPrefix}:`);
  }
}

export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let n = 0;
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) n += await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return n;
}

/**
 * Runs one benchmark: sets up its stores, runs it under a hard time limit, and cleans up whatever
 * happens (an error, Ctrl+C, SIGTERM, the time limit).
 */
export function runBench(name: string, limitSeconds: number, body: (run: BenchRun) => Promise<void>): void {
  const run = new BenchRun(name);
  let exiting = false;
  const exit = async (code: number, why?: string) => {
    if (exiting) return;
    exiting = true;
    if (why) say(why);
    await run.cleanUp();
    process.exit(code);
  };
  const limit = setTimeout(
    () => void exit(3, `${name}: stopped at the ${limitSeconds} s time limit (BENCH_LIMIT_SECONDS).`),
    envInt('BENCH_LIMIT_SECONDS', limitSeconds, 10) * 1000,
  );
  process.once('SIGINT', () => void exit(130, `${name}: interrupted.`));
  process.once('SIGTERM', () => void exit(143, `${name}: terminated.`));
  void (async () => {
    const started = Date.now();
    try {
      say(`# ${name} (run ${run.id})`);
      await run.setUp();
      await body(run);
      clearTimeout(limit);
      say(`${name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
      await exit(0);
    } catch (err) {
      clearTimeout(limit);
      await exit(1, `${name} failed: ${(err as Error).stack ?? String(err)}`);
    }
  })();
}

// ---------------------------------------------------------------------------------------------
// The machine and the code under test

export interface MachineInfo {
  date: string;
  commit: string;
  dirty: boolean;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  redis: string;
  redisHz: string;
  socketIo: string;
  bullmq: string;
}

export async function machineInfo(run: BenchRun): Promise<MachineInfo> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    dirty = git('status', '--porcelain', '--untracked-files=no').length > 0;
  } catch {
    // not a git checkout
  }
  const [{ server_version }] = await run.db.query<{ server_version: string }[]>(`SHOW server_version`);
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const info = await redis.info('server');
  const hz = (await redis.config('GET', 'hz')) as string[];
  redis.disconnect();
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  return {
    date: new Date().toISOString(),
    commit,
    dirty,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: server_version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    redisHz: hz[1] ?? 'unknown',
    socketIo: version('socket.io'),
    bullmq: version('bullmq'),
  };
}

// ---------------------------------------------------------------------------------------------
// The gateway under test, as its own OS process

const BUILD_CACHE = path.join(ROOT, 'node_modules/.cache/p2p-bench');

/**
 * The built gateway: BENCH_BUILD_DIR if given (run-all.sh builds once), else a fresh build of the
 * working tree into node_modules/.cache (removed at the end), leaving dist/ alone.
 * BENCH_GATEWAY=source runs the TypeScript sources through @swc-node/register instead.
 */
async function gatewayEntry(run: BenchRun): Promise<{ args: string[]; label: string }> {
  if (process.env.BENCH_GATEWAY === 'source') {
    return { args: ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], label: 'sources via @swc-node/register' };
  }
  let dir = process.env.BENCH_BUILD_DIR;
  if (!dir) {
    dir = path.join(BUILD_CACHE, `build-${run.id}`);
    const built = dir;
    run.onCleanup('remove the build', () => rmSync(built, { recursive: true, force: true }));
    await buildGateway(dir);
  }
  const main = path.join(dir, 'apps/gateway/src/main.js');
  if (!existsSync(main)) throw new Error(`No built gateway at ${main}.`);
  return { args: [main], label: `built (tsc, ${path.relative(ROOT, dir)})` };
}

export async function buildGateway(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const step = (bin: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} exited with ${code}`))));
    });
  say(`building the gateway into ${path.relative(ROOT, outDir)} ...`);
  await step(require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir]);
  await step(path.join(ROOT, 'node_modules/tsc-alias/dist/bin/index.js'), [
    '-p',
    'tsconfig.build.json',
    '--outDir',
    outDir,
  ]);
}

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

/** Starts the gateway on a free 127.0.0.1 port and waits for /api/health. */
export async function startGateway(run: BenchRun, env: Record<string, string> = {}): Promise<Child> {
  const entry = await gatewayEntry(run);
  const port = await freePort();
  const child = spawn(process.execPath, entry.args, {
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
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = captureLines(child);
  const stop = stopper(child);
  run.onCleanup('stop the gateway', stop);
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
  say(`gateway up at ${url} (pid ${child.pid}, ${entry.label})`);
  return { url, pid: child.pid!, child, label: entry.label, logLines: () => lines, stop };
}

/** A TypeScript helper of the harness as its own process, talking back over IPC. */
export async function startHelper<T>(
  run: BenchRun,
  file: string,
  env: Record<string, string> = {},
): Promise<Child & { hello: T }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', file], {
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

// ---------------------------------------------------------------------------------------------
// CPU: where the two cores went during a phase

const CLK_TCK = 100;

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return Number.NaN;
  }
}

function machineTicks(): { busy: number; total: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = cpu.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface CpuReport {
  seconds: number;
  /** Busy share of all cores, 0-100 %. */
  machineBusyPct: number;
  /** Each process's CPU time as a share of one core, 0-100 % per core. */
  processes: Record<string, number>;
}

/** Samples CPU use of the machine and of named processes between start and stop. */
export function cpuMeter(pids: Record<string, number>): { stop(): CpuReport } {
  const t0 = performance.now();
  const m0 = machineTicks();
  const p0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, processTicks(pid)]));
  const self0 = process.cpuUsage();
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      const self = process.cpuUsage(self0);
      const processes: Record<string, number> = {
        'bench process (clients)': round((((self.user + self.system) / 1e6) * 100) / seconds, 0),
      };
      for (const [k, pid] of Object.entries(pids)) {
        processes[k] = round((((processTicks(pid) - p0[k]) / CLK_TCK) * 100) / seconds, 0);
      }
      return {
        seconds: round(seconds, 1),
        machineBusyPct: round(((m1.busy - m0.busy) * 100) / (m1.total - m0.total), 0),
        processes,
      };
    },
  };
}

export function formatCpu(c: CpuReport): string {
  const procs = Object.entries(c.processes)
    .map(([k, v]) => `${k} ${v} %`)
    .join(', ');
  return `machine ${c.machineBusyPct} % busy over ${c.seconds} s (${os.cpus().length} cores); per process (100 % = one core): ${procs}`;
}

// ---------------------------------------------------------------------------------------------
// Statistics

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, min: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return {
    n: s.length,
    min: s[0],
    p50: q(50),
    p90: q(90),
    p99: q(99),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Writes bench/results/<name>-<date>.json (git-ignored) and says where. */
export function writeResults(run: BenchRun, data: unknown): string {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${run.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  say(`results: ${path.relative(ROOT, file)}`);
  return file;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  });
  await Promise.all(lanes);
  return out;
}
