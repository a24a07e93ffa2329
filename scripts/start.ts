import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../apps/gateway/src/app.factory';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../apps/gateway/src/cli/demo-seed';
import { ConfigError, loadConfig } from '../apps/gateway/src/config/config';
import { createDataSource } from '../apps/gateway/src/database/data-source';
import { migrate } from '../apps/gateway/src/database/migrate';
import { RunningService, ensurePostgres, ensureRedis } from './local-services';

/**
 * `npm start`: brings up everything the board needs on this machine, then the board itself.
 * With no DATABASE_URL it runs an embedded PostgreSQL (data in .data/postgres); with no REDIS_URL
 * it uses the Redis on 127.0.0.1:6379 or starts a private one. Then it migrates, seeds the demo
 * community on first start, and serves.
 */
const root = path.resolve(__dirname, '..', '..');
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
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
  }
  if (!env.REDIS_URL) {
    const redis = await ensureRedis({ dataDir: path.join(root, '.data/redis'), log: say });
    if (redis.started) started.push(redis);
    env.REDIS_URL = redis.url;
  }

  let config;
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

  // So that `npm run cli` finds the embedded database while the board runs.
  mkdirSync(path.join(root, '.data'), { recursive: true });
  writeFileSync(path.join(root, '.data/local.json'), JSON.stringify({ DATABASE_URL: config.databaseUrl }, null, 2));

  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shown}:${config.port}`;
  say('');
  say(`P2P Board is running at ${url}  (API ${url}/api, docs ${url}/api/docs)`);
  say(seeded ? 'The demo community "demo" was created.' : 'The demo community "demo" is ready.');
  say(`Demo sign-ins, all with the password ${DEMO_PASSWORD}:`);
  for (const u of DEMO_USERS) say(`  ${u.username.padEnd(9)} ${u.role}`);
  say('Stop with Ctrl+C.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: closing sockets, draining workers, stopping...`);
    await app.close();
    await stopServices();
    process.exit(0);
  };
  // Like Nest's shutdown hooks (app.close closes sockets and drains workers), and then the services we started.
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`The board could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
