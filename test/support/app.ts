import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/gateway/src/app.factory';
import { AppConfig, loadConfig } from '../../apps/gateway/src/platform/config/config';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';
import { migrate } from '../../apps/gateway/src/platform/database/migrate';

export const ALLOWED_ORIGIN = 'http://board.test';

/** This run's database and Redis, with a key prefix of the caller's own under the run's. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const { P2P_TEST_DATABASE_URL, P2P_TEST_REDIS_URL, P2P_TEST_REDIS_PREFIX } = process.env;
  if (!P2P_TEST_DATABASE_URL || !P2P_TEST_REDIS_URL || !P2P_TEST_REDIS_PREFIX) {
    throw new Error('Run the tests with `npm test`: the global setup prepares their database.');
  }
  return {
    NODE_ENV: 'test',
    DATABASE_URL: P2P_TEST_DATABASE_URL,
    REDIS_URL: P2P_TEST_REDIS_URL,
    REDIS_PREFIX: `${P2P_TEST_REDIS_PREFIX}:${randomBytes(4).toString('hex')}`,
    PORT: '0',
    ALLOWED_ORIGINS: ALLOWED_ORIGIN,
    LOG_LEVEL: process.env.P2P_TEST_LOG_LEVEL ?? 'silent',
    LOGIN_ATTEMPTS_PER_ADDRESS: '10000',
    // Most tests read with the rules alone: a sentence model per test gateway is heavy. The tests
    // of the model turn it on (test/e2e/guidelines-model.e2e-spec.ts).
    GUIDELINES_MODEL: 'false',
    ...overrides,
  };
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  close(): Promise<void>;
}

/** Boots the real gateway on a free port, as production builds it. */
export async function startApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig(testEnv(overrides));
  const app = await createApp(config);
  await app.listen(config.port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, config, close: () => app.close() };
}

/** A plain connection to this run's database, for factories and for looking behind the API. */
export async function testDb(): Promise<DataSource> {
  return createDataSource(testEnv().DATABASE_URL).initialize();
}

/**
 * A database of the test's own, created and migrated now, for gateways that must not share work
 * with the other tests' gateways: notifications and escalations are done by whichever gateway on
 * a database gets there first, and each test gateway has its own SMTP server. Dropped by drop()
 * (and, if a test dies first, by the global teardown).
 */
export async function ownDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { P2P_TEST_ADMIN_URL, P2P_TEST_DB_NAME } = process.env;
  if (!P2P_TEST_ADMIN_URL || !P2P_TEST_DB_NAME) throw new Error('Run the tests with `npm test`.');
  const name = `${P2P_TEST_DB_NAME}_own_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: P2P_TEST_ADMIN_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(P2P_TEST_ADMIN_URL);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
