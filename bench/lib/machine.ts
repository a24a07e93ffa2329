/** The machine and the code under test, as each results file records them. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import Redis from 'ioredis';
import { REDIS_URL } from './env';
import type { BenchRun } from './harness';

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
