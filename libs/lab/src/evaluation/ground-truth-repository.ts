import { SECTORAL_SOURCES } from '@lgsp/contracts';
import { DIRT_KINDS, EXPECTED_OUTCOMES } from '../generator';
import type { DirtKind, ExpectedOutcome, GroundTruthSummary } from '../generator';
import type { Queryable } from '@lgsp/database';

/** The injected dirt of every sectoral record (evaluation.ground_truth). */
export class GroundTruthRepository {
  /** Inserts many truths given as one JSON array of GroundTruth objects. */
  async insertMany(db: Queryable, truthsJsonArray: string): Promise<void> {
    await db.query(
      `INSERT INTO evaluation.ground_truth (source, entity_id, true_citizen_id, expected_outcome, corruptions)
       SELECT t->>'source', t->>'entityId', t->>'trueCitizenId', t->>'expectedOutcome', t->'corruptions'
       FROM jsonb_array_elements($1::jsonb) AS t`,
      [truthsJsonArray],
    );
  }

  async clear(db: Queryable): Promise<void> {
    await db.query(`TRUNCATE evaluation.ground_truth`);
  }

  /** The same summary as the generator's summariseGroundTruth, computed in the database. */
  async summary(db: Queryable): Promise<GroundTruthSummary> {
    const totals = await db.query(
      `SELECT count(*) AS records, count(*) FILTER (WHERE jsonb_array_length(corruptions) > 0) AS dirty FROM evaluation.ground_truth`,
    );
    const bySource = await db.query(`SELECT source AS name, count(*) AS n FROM evaluation.ground_truth GROUP BY source`);
    const byOutcome = await db.query(
      `SELECT expected_outcome AS name, count(*) AS n FROM evaluation.ground_truth GROUP BY expected_outcome`,
    );
    const byKind = await db.query(
      `SELECT c->>'kind' AS name, count(*) AS n FROM evaluation.ground_truth, jsonb_array_elements(corruptions) AS c GROUP BY 1`,
    );
    const counts = <K extends string>(names: readonly K[], rows: { name: string; n: string }[]) => {
      const out = Object.fromEntries(names.map((k) => [k, 0])) as Record<K, number>;
      for (const row of rows) out[row.name as K] = Number(row.n);
      return out;
    };
    return {
      records: Number(totals.rows[0].records),
      dirtyRecords: Number(totals.rows[0].dirty),
      bySource: counts(SECTORAL_SOURCES, bySource.rows),
      byOutcome: counts<ExpectedOutcome>(EXPECTED_OUTCOMES, byOutcome.rows),
      byKind: counts<DirtKind>(DIRT_KINDS, byKind.rows),
    };
  }
}
