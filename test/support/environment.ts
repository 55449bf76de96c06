import { createServer } from 'node:net';
import { createScratchDatabase, openDatabase, Queryable, ScratchDatabase } from '@lgsp/database';
import { LAB_MIGRATIONS } from '@lgsp/lab';
import { productMigrations } from '@lgsp/runtime';
import { DataSource } from 'typeorm';

/** The brokers the global setup brought up; a test that needs them fails loudly without them. */
export function kafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  if (!brokers?.length)
    throw new Error('KAFKA_BROKERS is not set: the integration tests need a Kafka broker (run them with `npm test`)');
  return brokers;
}

export function databaseServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the integration tests need PostgreSQL (run them with `npm test`)');
  return url;
}

export interface TestDatabase {
  scratch: ScratchDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * A fresh database with the product's migrations applied (the embedded transport's
 * included), and the lab's too when `lab` is set; dropped by close().
 */
export async function migratedTestDatabase(entities: Function[] = [], options: { lab?: boolean } = {}): Promise<TestDatabase> {
  const scratch = await createScratchDatabase(databaseServerUrl());
  const migrations = [...productMigrations('embedded'), ...(options.lab ? LAB_MIGRATIONS : [])];
  const dataSource = await openDatabase(scratch.url, migrations, entities);
  return {
    scratch,
    dataSource,
    async close() {
      await dataSource.destroy();
      await scratch.drop();
    },
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits (60 s at most) until the registry holds exactly `citizens` citizens: the population events were taken in. */
export async function registryHolds(pool: Queryable, citizens: number): Promise<void> {
  await eventually(
    async () => ((await pool.query(`SELECT 1 FROM registry.citizens`)).rowCount === citizens ? true : undefined),
    60_000,
    'registry',
  );
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on, and a second one right after it
 * (for a child's embedded PostgreSQL). Chosen below Linux's ephemeral range
 * (32768–60999): a port from inside it can be taken, between the check and the
 * child's listen, as the source port of any outgoing connection (a Kafka client's,
 * PostgreSQL's), which made `lgsp start` fail with EADDRINUSE now and then.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + 2 * Math.floor(Math.random() * 6000);
    if ((await canListen(port)) && (await canListen(port + 1))) return port;
  }
  throw new Error('no free pair of TCP ports found in 20000–32000 on 127.0.0.1');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
