import { DataSource, MixedList } from 'typeorm';
import { Pool } from 'pg';
/** Schemas change only through migrations, never `synchronize`. */
export function createDataSource(url: string, migrations: MixedList<Function>, entities: MixedList<Function> = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'lgsp_migrations',
    synchronize: false,
    logging: false,
    extra: { max: 20 },
  });
}

/** Opens a data source and brings the schema up to date. */
export async function openDatabase(
  url: string,
  migrations: MixedList<Function>,
  entities: MixedList<Function> = [],
): Promise<DataSource> {
  const dataSource = createDataSource(url, migrations, entities);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

export function createPool(url: string, max = 20): Pool {
  // JIT compiles a query whose estimated cost passes a threshold: 120 ms of compiling for a
  // 15 ms batch of index look-ups, once the tables are large or their statistics stale. The
  // pipeline's statements are all such look-ups and writes. A URL's own `options` win.
  const pool = new Pool({ connectionString: url, max, options: '-c jit=off' });
  // An idle connection dropped by the server (restart, database dropped) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  return pool;
}
