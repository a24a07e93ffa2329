/**
 * What every benchmark shares: its own database and Redis prefix (made at the start, removed at
 * the end, also on Ctrl+C or a time-out). The gateway under test as a separate OS process is in
 * gateway.ts, its build in build.ts, the machine in machine.ts, CPU use in cpu.ts, statistics and
 * the results file in stats.ts. Benchmarks are never tests: nothing here asserts on speed; each
 * script measures, compares with a baseline taken in the same run, and reports.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type * as DataSourceModule from '../../apps/gateway/src/platform/database/data-source';
import type * as MigrateModule from '../../apps/gateway/src/platform/database/migrate';
import { type Build, prepareBuild } from './build';
import { ADMIN_URL, REDIS_URL, envInt, say, FORMER_PATHS } from './env';

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
