import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { migrationOptions } from './migrate';

/**
 * The one description of the database, used by the app, the CLI and the tests alike.
 * The schema comes from the migrations only: `synchronize` stays off everywhere. There are no
 * entities: every query is SQL, in the repository of the aggregate it reads or changes.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return { ...migrationOptions(databaseUrl), extra: { max: 20, connectionTimeoutMillis: 5000 } };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}

/**
 * Holds a lock named `key` until the caller's transaction ends: work that must not run twice at
 * once (two nodes seeding the demo, two ballots re-dealing a box) waits here for the other.
 */
export async function withLock(em: EntityManager, key: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
}

/** Whether PostgreSQL knows a time zone by this name (as community and personal settings need). */
export async function knownTimeZone(db: DataSource, name: string): Promise<boolean> {
  const [zone] = await db.query<{ ok: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS ok`,
    [name],
  );
  return zone.ok;
}
