import type { Queryable } from '@lgsp/database';

/** One group of a period's records: its place and outcome, and how many records ended the period with it. */
export interface PeriodCount {
  source: string;
  provinceCode: string | null;
  communeCode: string | null;
  outcome: string;
  records: number;
}

/** SQL of the period reports: the decisions of a period, read where they are (the live tables, never written). */
export class DecisionReportRepository {
  /**
   * Per source, province, commune and outcome: the records whose last decision in [from, to) has that outcome (a
   * retracted record counts as RETRACTED). The place is the record's current result's (decisions do not keep it); a
   * record without a current result (retracted since) has none.
   */
  async periodCounts(sql: Queryable, from: Date, to: Date): Promise<PeriodCount[]> {
    const r = await sql.query(
      `WITH last AS (
         SELECT DISTINCT ON (source, entity_id) source, entity_id, outcome
         FROM reconciliation.decisions WHERE decided_at >= $1 AND decided_at < $2
         ORDER BY source, entity_id, decided_at DESC, id DESC)
       SELECT l.source, r.province_code, r.commune_code, l.outcome, count(*)::bigint AS records
       FROM last l LEFT JOIN reconciliation.results r ON r.source = l.source AND r.entity_id = l.entity_id
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [from.toISOString(), to.toISOString()],
    );
    return r.rows.map((row) => ({
      source: row.source as string,
      provinceCode: (row.province_code as string | null) ?? null,
      communeCode: (row.commune_code as string | null) ?? null,
      outcome: row.outcome as string,
      records: Number(row.records),
    }));
  }

  /** Decision rows in the period (a record decided three times counts three). */
  async decisionsIn(sql: Queryable, from: Date, to: Date): Promise<number> {
    const r = await sql.query(
      `SELECT count(*)::bigint AS n FROM reconciliation.decisions WHERE decided_at >= $1 AND decided_at < $2`,
      [from.toISOString(), to.toISOString()],
    );
    return Number(r.rows[0].n);
  }
}
