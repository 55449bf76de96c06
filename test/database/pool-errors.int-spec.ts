import { createPool, createScratchDatabase, ScratchDatabase } from '@lgsp/database';
import { classifyError } from '@lgsp/transport';
import { Pool } from 'pg';
import { databaseServerUrl, eventually } from '../support/environment';

/** A connection the server drops under a client in use: logged, classified transient, the process stays up. */
describe('createPool when PostgreSQL drops a connection', () => {
  let scratch: ScratchDatabase;
  let pool: Pool;
  const warnings: { fields: unknown; message: string }[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseServerUrl(), 'lgsp_pool');
    pool = createPool(scratch.url, {
      max: 2,
      logger: { warn: ((fields: unknown, message: string) => warnings.push({ fields, message })) as never },
    });
  });
  afterAll(async () => {
    await pool?.end();
    await scratch?.drop();
  });

  it('logs the loss of a checked-out client (a transaction open, no query running), keeps the process up, and serves the next query', async () => {
    // The case that ended the worker: a transaction left open while results are published.
    const client = await pool.connect();
    await client.query('BEGIN');
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const admin = createPool(databaseServerUrl(), { max: 1 });
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    // Without a listener of its own this 'error' event would be unhandled and end the process.
    await eventually(() => warnings.length > 0 || undefined, 10_000, 'the logged failure');
    expect(warnings[0].message).toBe('database connection failed; it is replaced');
    expect(JSON.stringify(warnings[0].fields)).toMatch(/terminat/i);
    const error = await client.query('SELECT 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    client.release(true);
    expect(classifyError(error).verdict).toBe('TRANSIENT');
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });
});
