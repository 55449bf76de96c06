import { Pool } from 'pg';
import { AccuracyReport, AccuracyScorer } from './accuracy';

/** Joins the ground truth with the results page by page (keyset), so a million records stream through. */
export async function scoreResults(pool: Pool, pageSize = 20_000): Promise<AccuracyReport> {
  const scorer = new AccuracyScorer();
  let after: [string, string] = ['', ''];
  for (;;) {
    const page = await pool.query(
      `SELECT t.source, t.entity_id, t.true_citizen_id, t.expected_outcome, t.corruptions, r.outcome, r.differences, r.candidates, r.evidence->'link' AS link
       FROM evaluation.ground_truth t LEFT JOIN reconciliation.results r USING (source, entity_id)
       WHERE (t.source, t.entity_id) > ($1, $2) ORDER BY t.source, t.entity_id LIMIT $3`,
      [after[0], after[1], pageSize],
    );
    for (const row of page.rows) {
      scorer.add(
        {
          source: row.source,
          entityId: row.entity_id,
          trueCitizenId: row.true_citizen_id,
          expectedOutcome: row.expected_outcome,
          corruptions: row.corruptions,
        },
        row.outcome === null
          ? null
          : { outcome: row.outcome, differences: row.differences, candidates: row.candidates, link: row.link },
      );
    }
    if (page.rows.length < pageSize) break;
    const last = page.rows[page.rows.length - 1];
    after = [last.source, last.entity_id];
  }
  return scorer.report();
}

export async function countRows(pool: Pool, table: string): Promise<number> {
  return Number((await pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
}
