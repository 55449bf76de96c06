import type { Queryable } from '@lgsp/database';

/** The parameters and digest of the dataset the mock sources currently hold. */
export interface DatasetRow {
  parameters: Record<string, unknown>;
  digest: string | null;
  events: Record<string, number> | null;
  generatedAt: string;
}

export class DatasetRepository {
  /** Records that a new dataset is being loaded; the digest stays empty until it is complete. */
  async start(db: Queryable, parameters: Record<string, unknown>): Promise<void> {
    await db.query(
      `INSERT INTO evaluation.datasets (id, parameters) VALUES (1, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET parameters = EXCLUDED.parameters, digest = NULL, events = NULL, generated_at = now()`,
      [JSON.stringify(parameters)],
    );
  }

  async complete(db: Queryable, digest: string, events: Record<string, number>): Promise<void> {
    await db.query(`UPDATE evaluation.datasets SET digest = $1, events = $2::jsonb WHERE id = 1`, [
      digest,
      JSON.stringify(events),
    ]);
  }

  async current(db: Queryable): Promise<DatasetRow | undefined> {
    const r = await db.query(
      `SELECT parameters, digest, events, to_char(generated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "generatedAt"
       FROM evaluation.datasets WHERE id = 1`,
    );
    return r.rows[0] as DatasetRow | undefined;
  }
}
