import { inRetriedTransaction } from '@lgsp/database';
import { Pool, PoolClient } from 'pg';
import { Decision } from './results/decision';

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

/**
 * Runs work over a batch slice by slice, in partition order, one deadlock-retried transaction
 * per slice: it bounds the advisory locks a transaction holds (PostgreSQL's lock table is
 * shared and finite) and how long other workers wait on them.
 */
export async function inSlicedTransactions<T>(
  pool: Pool,
  items: readonly T[],
  work: (client: PoolClient, slice: T[]) => Promise<{ recorded: Decision[]; skipped: number }>,
): Promise<{ decisions: Decision[]; skipped: number }> {
  let skipped = 0;
  const decisions: Decision[] = [];
  for (const slice of inSlices(items, TRANSACTION_SIZE)) {
    const outcome = await inRetriedTransaction(pool, (client) => work(client, slice));
    skipped += outcome.skipped;
    decisions.push(...outcome.recorded);
  }
  return { decisions, skipped };
}
