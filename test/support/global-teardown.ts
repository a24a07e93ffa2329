import Redis from 'ioredis';
import { Client } from 'pg';
import { stopTestServices } from './services';

export default async function globalTeardown(): Promise<void> {
  const { P2P_TEST_ADMIN_URL, P2P_TEST_DB_NAME, P2P_TEST_REDIS_URL, P2P_TEST_REDIS_PREFIX } = process.env;
  if (P2P_TEST_ADMIN_URL && P2P_TEST_DB_NAME?.startsWith('p2p_test_')) {
    const admin = new Client({ connectionString: P2P_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${P2P_TEST_DB_NAME} WITH (FORCE)`);
    // Databases of single tests (ownDatabase()) whose test died before dropping them.
    const own = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [`${P2P_TEST_DB_NAME}_own_`],
    );
    for (const { datname } of own.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  if (P2P_TEST_REDIS_URL && P2P_TEST_REDIS_PREFIX?.startsWith('p2p-test-')) {
    const redis = new Redis(P2P_TEST_REDIS_URL);
    const stream = redis.scanStream({ match: `${P2P_TEST_REDIS_PREFIX}*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
    await redis.quit();
  }
  await stopTestServices();
  // Each project that needs services names this teardown: the first does the work.
  for (const name of ['P2P_TEST_DB_NAME', 'P2P_TEST_REDIS_PREFIX', 'P2P_TEST_DATABASE_URL']) delete process.env[name];
}
