import { DataSource, DataSourceOptions } from 'typeorm';
import { migrationOptions } from './migrate';

/**
 * The one description of the database, used by the app, the CLI and the tests alike.
 * The schema comes from the migrations only: `synchronize` stays off everywhere. There are no
 * entities: every query is SQL, written where its rules live.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return { ...migrationOptions(databaseUrl), extra: { max: 20, connectionTimeoutMillis: 5000 } };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
