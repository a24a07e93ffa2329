import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../apps/gateway/src/cli/demo-seed';
import { AppConfig, ConfigError, loadConfig } from '../apps/gateway/src/platform/config/config';
import { createDataSource } from '../apps/gateway/src/platform/database/data-source';
import { migrate } from '../apps/gateway/src/platform/database/migrate';
import { RunningService, ensurePostgres, ensureRedis } from './local-services';

type Say = (line: string) => void;

export interface LocalBoard {
  config: AppConfig;
  /** process.env with the DATABASE_URL and REDIS_URL of any service started here. */
  env: NodeJS.ProcessEnv;
  /** true when this run created the demo community. */
  seeded: boolean;
  /** Stops the services started here, the last started first. */
  stopServices: () => Promise<void>;
}

/** The folder holding package.json, whether we run from scripts/*.ts or dist/scripts/*.js. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * What `npm start` and `npm run cluster` do before serving: PostgreSQL and Redis when
 * DATABASE_URL / REDIS_URL are not set, the configuration (a bad one stops the process with its
 * sentence), the migrations and the demo community. Done once, by the script, so that several
 * gateways starting together never race over the schema or the seed.
 */
export async function prepareLocalBoard(say: Say): Promise<LocalBoard> {
  const root = projectRoot();
  const started: RunningService[] = [];
  const stopServices = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
  };
  const env = { ...process.env };

  if (!env.DATABASE_URL) {
    say('No DATABASE_URL: starting the embedded PostgreSQL (data in .data/postgres)...');
    const pg = await ensurePostgres({ dataDir: path.join(root, '.data/postgres'), database: 'p2p', log: say });
    started.push(pg);
    env.DATABASE_URL = pg.url;
    // So that `npm run cli` finds the embedded database while the board runs.
    mkdirSync(path.join(root, '.data'), { recursive: true });
    writeFileSync(path.join(root, '.data/local.json'), JSON.stringify({ DATABASE_URL: pg.url }, null, 2));
  }
  if (!env.REDIS_URL) {
    const redis = await ensureRedis({ dataDir: path.join(root, '.data/redis'), log: say });
    if (redis.started) started.push(redis);
    env.REDIS_URL = redis.url;
  }

  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (err) {
    await stopServices();
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }

  const ran = await migrate(config.databaseUrl);
  if (ran.length > 0) say(`Database migrated: ${ran.join(', ')}.`);
  const db = await createDataSource(config.databaseUrl).initialize();
  const seeded = await seedDemo(db).finally(() => db.destroy());
  return { config, env, seeded, stopServices };
}

/** The address to print for a server listening on host:port. */
export function boardUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown}:${port}`;
}

/** The closing lines both scripts print once the board answers. */
export function sayDemoSignIns(seeded: boolean, say: Say): void {
  say(seeded ? 'The demo community "demo" was created.' : 'The demo community "demo" is ready.');
  say(`Demo sign-ins, all with the password ${DEMO_PASSWORD}:`);
  for (const u of DEMO_USERS) say(`  ${u.username.padEnd(9)} ${u.role}`);
  say('Stop with Ctrl+C.');
}
