import { DataSource } from 'typeorm';
import { TestApp, startApp, testDb } from './app';
import { Given } from './given';
import { Posting } from './posts';

export interface AppUnderTest {
  /** The gateway, started for this describe block. */
  t: TestApp;
  db: DataSource;
  given: Given;
  posting: Posting;
}

/**
 * For one describe block: a gateway with these settings, this run's database and the factories,
 * up before its tests (and before its own beforeAll) and closed after them.
 */
export function useApp(settings: Record<string, string> = {}): AppUnderTest {
  const app = {} as AppUnderTest;
  beforeAll(async () => {
    [app.t, app.db] = await Promise.all([startApp(settings), testDb()]);
    app.given = new Given(app.db);
    app.posting = new Posting(app.t.url, app.db);
  });
  afterAll(async () => {
    await app.t?.close();
    await app.db?.destroy();
  });
  return app;
}
