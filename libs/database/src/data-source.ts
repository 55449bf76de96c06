import { DataSource, MixedList } from 'typeorm';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import { createLogger } from '@lgsp/logging';
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

export interface PoolOptions {
  max?: number;
  /** Where connection failures are logged (masked); a masked JSON logger of its own by default. */
  logger?: Pick<Logger, 'warn'>;
}

export function createPool(url: string, options: PoolOptions = {}): Pool {
  // JIT compiles a query whose estimated cost passes a threshold: 120 ms of compiling for a
  // 15 ms batch of index look-ups, once the tables are large or their statistics stale. The
  // pipeline's statements are all such look-ups and writes. A URL's own `options` win.
  const pool = new Pool({ connectionString: url, max: options.max ?? 20, options: '-c jit=off' });
  const logger = options.logger ?? createLogger('warn');
  // pg-pool listens for errors on idle clients only; a client checked out (say, in an open
  // transaction) whose connection drops emits 'error' with no listener, and that ends the
  // process. Every client gets a listener for its whole life: the failure is logged, the query
  // in flight rejects (a transient error for the batch's policy), and the pool replaces the client.
  pool.on('connect', (client) => {
    client.on('error', (e: Error & { code?: string }) =>
      // Class, code and message only: a connection failure's message names the server, not a record.
      // Not under `err`: pino's error serializer would replace the class by "Object" and add an empty stack.
      logger.warn(
        { error: { class: e.constructor?.name ?? e.name, code: e.code, message: e.message } },
        'database connection failed; it is replaced',
      ),
    );
  });
  // The same failure reaches the pool too when the client was idle: logged above already.
  pool.on('error', () => undefined);
  return pool;
}
