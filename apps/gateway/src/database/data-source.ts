import { DataSource, DataSourceOptions } from 'typeorm';
import { migrationOptions } from './migrate';
import { entities } from './entities';

/**
 * The one description of the database, used by the app, the CLI and the tests alike.
 * The schema comes from the migrations only: `synchronize` stays off everywhere.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return { ...migrationOptions(databaseUrl), entities, extra: { max: 20, connectionTimeoutMillis: 5000 } };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
