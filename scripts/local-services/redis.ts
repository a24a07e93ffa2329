/** Redis: the one on 127.0.0.1:6379 if it answers, else a private redis-server, else an Error. */
import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import {
  type RunningService,
  type Log,
  noop,
  sleep,
  isAlive,
  readCmdline,
  readComm,
  waitForDeath,
  ephemeralPort,
  findOnPath,
  captureOutput,
  hasExited,
  exited,
  makeStopper,
} from './process';

export const NO_REDIS_MESSAGE =
  'No Redis found: set REDIS_URL, or install redis-server (Debian: apt-get install redis-server) and run npm start again.';

export function quietRedis(port: number): Redis {
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

export async function pingRedis(port: number): Promise<boolean> {
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
export async function clearOldRedis(stateFile: string, log: Log): Promise<void> {
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
