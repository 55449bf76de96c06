import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';

/** SQLSTATEs PostgreSQL raises when it aborts one of two transactions that it could not order. */
const RETRYABLE = new Set(['40P01' /* deadlock_detected */, '40001' /* serialization_failure */]);

export interface RetryOptions {
  attempts?: number;
  /** Called before each retry; the work is run again from the start on a fresh transaction. */
  onRetry?: (error: Error, attempt: number) => void;
}

/**
 * Runs work in one transaction, and runs it again when PostgreSQL aborted it to break a
 * deadlock: the victim's work is rolled back whole, so repeating it is safe, and it is far
 * cheaper than failing the whole batch back to the transport for redelivery.
 */
export async function inRetriedTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, work);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw e;
      options.onRetry?.(e as Error, attempt);
      // jitter, so that the two transactions do not meet again at the same instant
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
