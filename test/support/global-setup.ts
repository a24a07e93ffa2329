import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../apps/gateway/src/platform/database/migrate';
import { testServices } from './services';

/**
 * Once per `npm test`: a fresh database (created, migrated; dropped in global-teardown) and a
 * Redis key prefix of its own, so two runs never collide and nobody's demo data is touched. Each
 * project that needs services names this setup; the first to run makes them, the others find them.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.P2P_TEST_DB_NAME) return;
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const services = await testServices();
  const dbName = `p2p_test_${runId}`;
  const admin = new Client({ connectionString: services.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${dbName}`);
  } finally {
    await admin.end();
  }
  const url = new URL(services.adminUrl);
  url.pathname = `/${dbName}`;
  await migrate(url.toString());

  process.env.P2P_TEST_ADMIN_URL = services.adminUrl;
  process.env.P2P_TEST_DB_NAME = dbName;
  process.env.P2P_TEST_DATABASE_URL = url.toString();
  process.env.P2P_TEST_REDIS_URL = services.redisUrl;
  process.env.P2P_TEST_REDIS_PREFIX = `p2p-test-${runId}`;
}
