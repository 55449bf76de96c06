import { Pool, PoolClient } from 'pg';

export type Sql = Pool | PoolClient;

/**
 * Serialises the work on the same citizens across workers and topics (a registry change and a
 * sectoral record naming the same citizen), so the final result does not depend on which
 * commits first. Locks are taken in ascending order: no deadlock between two batches.
 */
export async function lockCitizens(client: PoolClient, keys: Iterable<string>): Promise<void> {
  const distinct = [...new Set(keys)].filter(Boolean);
  if (distinct.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(x, 0) AS k FROM unnest($1::text[]) x ORDER BY 1) s`,
    [distinct],
  );
}

/** Records per transaction: a slice locks at most twice as many citizens as it holds records. */
export const TRANSACTION_SIZE = 500;

export function* inSlices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
