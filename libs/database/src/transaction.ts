import type { Pool, PoolClient } from 'pg';

/** Runs work in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** A pool or a client inside a transaction: repositories run on whichever they are given. */
export type Queryable = Pick<PoolClient, 'query'>;
