/**
 * What every benchmark shares: its own database and Redis prefix (made at the start, removed at
 * the end, also on Ctrl+C or a time-out), the gateway under test as a separate OS process, the
 * machine description, statistics and the results file. Benchmarks are never tests: nothing here
 * asserts on speed; each script measures, compares with a baseline taken in the same run, and
 * reports.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type * as DataSourceModule from '../../apps/gateway/src/platform/database/data-source';
import type * as MigrateModule from '../../apps/gateway/src/platform/database/migrate';

export const ROOT = path.resolve(__dirname, '../..');

/** Modules the benches load that moved in the renovation, with where an older build has them. */
const FORMER_PATHS: Record<string, string> = {
  'apps/gateway/src/platform/database/migrate': 'apps/gateway/src/database/migrate',
  'apps/gateway/src/platform/database/data-source': 'apps/gateway/src/database/data-source',
  'apps/gateway/src/platform/http/pagination': 'apps/gateway/src/common/pagination',
  'apps/gateway/src/platform/redis/redis': 'apps/gateway/src/redis/redis',
  'apps/gateway/src/entries/post-views': 'apps/gateway/src/posts/post-views',
};

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
  /** The code under test (see prepareBuild). */
  build!: Build;
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

  /**
   * A module of the code under test, e.g. run.app<typeof import('../apps/.../migrate')>('apps/gateway/src/platform/database/migrate'):
   * the bench seeds and migrates with the same code the gateway runs, not with the working tree
   * (which another engineer may be halfway through changing).
   */
  app<T>(modulePath: string): T {
    // A build of an older commit (BENCH_REF) has the module where it lived then.
    const where = [modulePath, ...(FORMER_PATHS[modulePath] ? [FORMER_PATHS[modulePath]] : [])];
    const found = where.find((p) => existsSync(`${path.join(this.build.dir, p)}.js`)) ?? modulePath;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(this.build.dir, found)) as T;
  }

  async setUp(): Promise<void> {
    this.build = await prepareBuild(this);
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${this.dbName}`);
    } finally {
      await admin.end();
    }
    this.onCleanup('drop database and Redis keys', () => this.dropStores());
    await this.app<typeof MigrateModule>('apps/gateway/src/platform/database/migrate').migrate(this.databaseUrl);
    this.db = await this.app<typeof DataSourceModule>('apps/gateway/src/platform/database/data-source')
      .createDataSource(this.databaseUrl)
      .initialize();
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
  /** The code under test: a commit, and whether uncommitted changes were in it. */
  commit: string;
  dirty: boolean;
  source: string;
  gateway: string;
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
    commit: run.build.commit,
    dirty: run.build.dirty,
    source: run.build.source,
    gateway: run.build.gatewayLabel,
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
const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** The code under test, compiled: `dir` holds apps/, libs/, migrations/ as .js (or .ts in source mode). */
export interface Build {
  dir: string;
  commit: string;
  dirty: boolean;
  source: string;
  gatewayArgs: string[];
  gatewayLabel: string;
}

/**
 * Where the gateway under test comes from:
 * - BENCH_REF=<git ref> (e.g. HEAD): `git archive` of that commit, compiled with its own
 *   tsconfig.build.json (tsc + tsc-alias, as `npm run build` does), under node_modules/.cache;
 * - default: the working tree, compiled the same way into node_modules/.cache (dist/ is left alone);
 * - BENCH_BUILD_DIR: a build made by bench/prepare.ts (run-all.sh builds once for all three);
 * - BENCH_GATEWAY=source: the working tree's TypeScript through @swc-node/register.
 * Builds made here are removed at the end of the run.
 */
export async function prepareBuild(run: BenchRun): Promise<Build> {
  if (process.env.BENCH_GATEWAY === 'source') {
    return {
      dir: ROOT,
      commit: safeGit('rev-parse', '--short', 'HEAD'),
      dirty: safeGit('status', '--porcelain', '--untracked-files=no') !== '',
      source: 'working tree',
      gatewayArgs: ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'],
      gatewayLabel: 'TypeScript sources via @swc-node/register',
    };
  }
  const given = process.env.BENCH_BUILD_DIR;
  if (given) return readBuild(path.resolve(given));
  const dir = path.join(BUILD_CACHE, `build-${run.id}`);
  run.onCleanup('remove the build', () => rmSync(dir, { recursive: true, force: true }));
  return createBuild(dir, process.env.BENCH_REF);
}

function safeGit(...args: string[]): string {
  try {
    return git(...args);
  } catch {
    return 'unknown';
  }
}

function readBuild(root: string): Build {
  const file = path.join(root, 'bench-build.json');
  if (!existsSync(file)) throw new Error(`${root} is not a build made by bench/prepare.ts (no bench-build.json).`);
  const meta = JSON.parse(readFileSync(file, 'utf8')) as Omit<Build, 'gatewayArgs' | 'gatewayLabel' | 'dir'>;
  const dir = path.join(root, 'dist');
  const main = path.join(dir, 'apps/gateway/src/main.js');
  if (!existsSync(main)) throw new Error(`No built gateway at ${main}.`);
  return { ...meta, dir, gatewayArgs: [main], gatewayLabel: `built with tsc (${meta.source})` };
}

/** Compiles the working tree, or a commit when `ref` is given, into `root`/dist. */
export async function createBuild(root: string, ref?: string): Promise<Build> {
  mkdirSync(root, { recursive: true });
  const run = (cmd: string, args: string[], cwd: string) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${cmd} ${args[0]} exited with ${code}`)),
      );
    });
  let project: string;
  let meta: { commit: string; dirty: boolean; source: string };
  if (ref) {
    const commit = git('rev-parse', '--short', `${ref}^{commit}`);
    say(`building commit ${commit} (${ref}) from a git archive into ${path.relative(ROOT, root)} ...`);
    const src = path.join(root, 'src');
    mkdirSync(src, { recursive: true });
    await run('sh', ['-c', `git -C "$0" archive --format=tar ${commit} | tar -x -C "$1"`, ROOT, src], ROOT);
    project = src;
    meta = { commit, dirty: false, source: `commit ${commit}` };
  } else {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    say(
      `building the working tree (HEAD ${commit}${dirty ? ' with uncommitted changes' : ''}) into ${path.relative(ROOT, root)} ...`,
    );
    project = ROOT;
    meta = {
      commit,
      dirty,
      source: dirty ? `working tree on ${commit}, with uncommitted changes` : `working tree, ${commit}`,
    };
  }
  const out = path.join(root, 'dist');
  const tsconfig = path.join(project, 'tsconfig.build.json');
  await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig, '--outDir', out], project);
  await run(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsc-alias/dist/bin/index.js'), '-p', tsconfig, '--outDir', out],
    project,
  );
  writeFileSync(path.join(root, 'bench-build.json'), JSON.stringify(meta, null, 2));
  return readBuild(root);
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

// ---------------------------------------------------------------------------------------------
// CPU: where the two cores went during a phase

const CLK_TCK = 100;

/** CPU ticks (user + system) and command name of every process now running. */
function allProcessTicks(): Map<number, { comm: string; ticks: number }> {
  const out = new Map<number, { comm: string; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime; for PostgreSQL also cutime + cstime, where the postmaster collects the
      // time of backends and parallel workers that ended meanwhile.
      const own = Number(fields[11]) + Number(fields[12]);
      const children = comm === 'postgres' ? Number(fields[13]) + Number(fields[14]) : 0;
      out.set(Number(entry), { comm, ticks: own + children });
    } catch {
      // gone meanwhile
    }
  }
  return out;
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
  /**
   * CPU time per process group as a share of one core (100 % = one core busy all the time):
   * this process, the named children, PostgreSQL (all backends), Redis, and everything else
   * (other people's work on the machine, the kernel, processes that ended meanwhile).
   */
  processes: Record<string, number>;
}

/** Samples CPU use of the machine and of process groups between start and stop. */
export function cpuMeter(pids: Record<string, number>): { stop(): CpuReport } {
  const t0 = performance.now();
  const m0 = machineTicks();
  const p0 = allProcessTicks();
  const label = (pid: number, comm: string): string => {
    if (pid === process.pid) return 'bench process (clients)';
    for (const [name, p] of Object.entries(pids)) if (p === pid) return name;
    if (comm === 'postgres') return 'postgres';
    if (comm.startsWith('redis-server')) return 'redis';
    return 'everything else';
  };
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      const ticks: Record<string, number> = { 'bench process (clients)': 0 };
      for (const name of Object.keys(pids)) ticks[name] = 0;
      Object.assign(ticks, { postgres: 0, redis: 0 });
      let known = 0;
      for (const [pid, now] of allProcessTicks()) {
        const delta = now.ticks - (p0.get(pid)?.ticks ?? 0);
        const name = label(pid, now.comm);
        if (name === 'everything else') continue;
        ticks[name] = (ticks[name] ?? 0) + delta;
        known += delta;
      }
      ticks['everything else'] = Math.max(0, m1.busy - m0.busy - known);
      const processes = Object.fromEntries(
        Object.entries(ticks).map(([k, v]) => [k, round(((v / CLK_TCK) * 100) / seconds, 0)]),
      );
      return {
        seconds: round(seconds, 1),
        machineBusyPct: round(((m1.busy - m0.busy) * 100) / (m1.total - m0.total), 0),
        processes,
      };
    },
  };
}

/** A warning when other work on the machine took a noticeable share during a measurement. */
export function disturbance(c: CpuReport, limitPct = 15): string | null {
  const other = c.processes['everything else'] ?? 0;
  return other > limitPct
    ? `DISTURBED: other work on the machine used ${other} % of a core during this measurement; numbers may be worse than the code alone.`
    : null;
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
