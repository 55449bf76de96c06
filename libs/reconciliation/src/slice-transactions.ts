import { Inject, Injectable } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { RECONCILIATION_POOL } from './reconciliation.tokens';
import type { Decision } from './results/decision';
import { inSlicedTransactions, lockCitizens, lockCitizensOfSource } from './sql';

/** What one slice's transaction reports back to its intake. */
export interface SliceOutcome {
  recorded: Decision[];
  skipped: number;
}

/**
 * The intakes' transactions and the per-citizen locks taken inside them: the only part of an
 * intake that talks to PostgreSQL other than through the repositories (tests replace it).
 */
@Injectable()
export class SliceTransactions {
  constructor(@Inject(RECONCILIATION_POOL) private readonly pool: Pool) {}

  /** Runs the work slice by slice, one deadlock-retried transaction each, in batch order. */
  inSlices<T>(items: readonly T[], work: (tx: PoolClient, slice: T[]) => Promise<SliceOutcome>) {
    return inSlicedTransactions(this.pool, items, work);
  }

  /** A registry change: each citizen's lock, exclusively. */
  lockCitizens(tx: PoolClient, keys: Iterable<string>): Promise<void> {
    return lockCitizens(tx, keys);
  }

  /** A sectoral record: the citizen's lock shared, the citizen's lock of its own source exclusively. */
  lockCitizensOfSource(tx: PoolClient, source: string, ids: Iterable<string>): Promise<void> {
    return lockCitizensOfSource(tx, source, ids);
  }
}
