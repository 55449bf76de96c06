import type { Pool, PoolClient } from 'pg';

/** Runs work in one transaction on one connection: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection whose ROLLBACK fails is broken (terminated, server gone): released with the
  // error, the pool destroys it instead of handing it to the next transaction.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

/** A pool or a client inside a transaction: repositories run on whichever they are given. */
export type Queryable = Pick<PoolClient, 'query'>;
