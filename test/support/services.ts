import path from 'node:path';
import { Client } from 'pg';
import { RunningService, ensurePostgres, ensureRedis } from '../../scripts/local-services';

const root = path.resolve(__dirname, '../..');
const started: RunningService[] = [];

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Where the tests find PostgreSQL and Redis: TEST_DATABASE_URL / TEST_REDIS_URL if set, else the
 * machine's own services on their standard ports, else private ones started for this run.
 * The database URL is only used to create (and later drop) this run's own database.
 */
export async function testServices(): Promise<{ adminUrl: string; redisUrl: string }> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!adminUrl && (await answers(local))) adminUrl = local;
  if (!adminUrl) {
    const pg = await ensurePostgres({
      dataDir: path.join(root, '.data/test-postgres'),
      port: 54339,
      database: 'postgres',
    });
    started.push(pg);
    adminUrl = pg.url;
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl) {
    const redis = await ensureRedis({ dataDir: path.join(root, '.data/test-redis') });
    if (redis.started) started.push(redis);
    redisUrl = redis.url;
  }
  return { adminUrl, redisUrl };
}

export async function stopTestServices(): Promise<void> {
  for (const s of started.splice(0)) await s.stop();
}
