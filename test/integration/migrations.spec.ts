import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../../apps/gateway/src/platform/database/data-source';

/** Every migration goes down as cleanly as it came up, on a scratch database of its own. */
describe('migrations', () => {
  const admin = () => new Client({ connectionString: process.env.P2P_TEST_ADMIN_URL });
  const name = `p2p_test_mig_${randomBytes(4).toString('hex')}`;
  let url: string;

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(process.env.P2P_TEST_ADMIN_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it('run up, down to nothing, and up again', async () => {
    const ds = await createDataSource(url).initialize();
    try {
      const up = await ds.runMigrations();
      expect(up.length).toBeGreaterThan(0);
      for (let i = 0; i < up.length; i++) await ds.undoLastMigration();
      const [{ count }] = await ds.query(
        `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(count).toBe(0);
      expect(await ds.runMigrations()).toHaveLength(up.length);
    } finally {
      await ds.destroy();
    }
  });

  it('the database refuses rows the rules forbid', async () => {
    const ds = await createDataSource(url).initialize();
    try {
      await expect(
        ds.query(`INSERT INTO communities (slug, name, posting_delay_seconds) VALUES ('bad-delay', 'x', -1)`),
      ).rejects.toThrow(/check/);
      await expect(
        ds.query(`INSERT INTO users (username, display_name, password_hash) VALUES ('Has Spaces', 'x', 'h')`),
      ).rejects.toThrow(/check/);
    } finally {
      await ds.destroy();
    }
  });
});
