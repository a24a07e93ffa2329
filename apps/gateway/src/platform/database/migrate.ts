import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../../../../migrations';

/** The migration half of the database description: no entities, so it loads nothing else. */
export function migrationOptions(databaseUrl: string): DataSourceOptions & { type: 'postgres' } {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
  };
}

/** Applies every pending migration; returns the names it ran. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const ds = await new DataSource(migrationOptions(databaseUrl)).initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
