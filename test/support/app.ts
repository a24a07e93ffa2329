import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/gateway/src/app.factory';
import { AppConfig, loadConfig } from '../../apps/gateway/src/config/config';
import { createDataSource } from '../../apps/gateway/src/database/data-source';

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
    LOG_LEVEL: 'silent',
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
