import { inRetriedTransaction } from '@lgsp/database';
import { Pool, PoolClient } from 'pg';
import { Decision } from './results/decision';

export type Sql = Pool | PoolClient;

/**
 * Serialises the work on the same citizens across workers and topics (a registry change and a
 * sectoral record naming the same citizen), so the final result does not depend on which
 * commits first. A registry change takes a citizen's lock exclusively: it waits for, and holds
 * off, every source's work on that citizen. See lockCitizensOfSource for the sectoral side.
 */
export async function lockCitizens(client: PoolClient, keys: Iterable<string>): Promise<void> {
  await takeLocks(
    client,
    [...keys].map((key) => ({ key, shared: false })),
  );
}

/**
 * The sectoral side: a source shares the citizen's lock with the other sources (land and
 * insurance records of one citizen do not interact, so they need not wait on each other) and
 * takes the citizen's lock of its own source exclusively (records of one source naming one
 * citizen decide between them which is the duplicate).
 */
export async function lockCitizensOfSource(client: PoolClient, source: string, ids: Iterable<string>): Promise<void> {
  const distinct = [...new Set(ids)].filter(Boolean);
  await takeLocks(client, [
    ...distinct.map((key) => ({ key, shared: true })),
    ...distinct.map((id) => ({ key: `${source}|${id}`, shared: false })),
  ]);
}

/**
 * One statement, locks in ascending order of their hash (so two transactions never wait on
 * each other in a cycle); a key asked for both ways is taken exclusively.
 */
async function takeLocks(client: PoolClient, locks: { key: string; shared: boolean }[]): Promise<void> {
  const wanted = locks.filter((l) => l.key);
  if (wanted.length === 0) return;
  await client.query(
    `SELECT CASE WHEN s THEN pg_advisory_xact_lock_shared(k) ELSE pg_advisory_xact_lock(k) END
     FROM (SELECT hashtextextended(x, 0) AS k, bool_and(s) AS s FROM unnest($1::text[], $2::boolean[]) AS u(x, s)
           GROUP BY 1 ORDER BY 1) l`,
    [wanted.map((l) => l.key), wanted.map((l) => l.shared)],
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
