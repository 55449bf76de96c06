import { Pool } from 'pg';

export interface MatchCountFilter {
  source?: string;
  provinceCode?: string;
  communeCode?: string;
}

export type MatchGrouping = 'source' | 'province' | 'commune';

export interface MatchCountRow {
  source: string;
  provinceCode: string | null;
  communeCode: string | null;
  outcome: string;
  count: number;
}

export interface FieldCountRow {
  source: string;
  field: string;
  kind: string;
  count: number;
}

export const WINDOW_GRAINS = ['minute', 'hour', 'day'] as const;
export type WindowGrain = (typeof WINDOW_GRAINS)[number];

export interface WindowCountRow {
  bucket: string;
  source: string;
  outcome: string;
  count: number;
}

/** Pending deltas are kept this long, per grain, then dropped: old minutes are read through hours and days. */
const WINDOW_RETENTION: Record<WindowGrain, string> = { minute: '2 days', hour: '90 days', day: '10 years' };

/**
 * SQL of the incremental match metrics (the triggers of migration 1732500000000 write them).
 * Every read adds the compacted totals and the deltas not yet compacted, in one statement,
 * so it is exact whenever it runs.
 */
export class MatchMetricsRepository {
  constructor(private readonly pool: Pool) {}

  /** Folds the deltas into the totals; safe to run from several processes at once. */
  async compact(): Promise<void> {
    await this.pool.query(`WITH moved AS (DELETE FROM metrics.match_count_deltas RETURNING *)
      INSERT INTO metrics.match_counts AS c (source, province_code, commune_code, outcome, count)
      SELECT source, province_code, commune_code, outcome, sum(delta) FROM moved GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (source, province_code, commune_code, outcome) DO UPDATE SET count = c.count + EXCLUDED.count`);
    await this.pool.query(`WITH moved AS (DELETE FROM metrics.field_count_deltas RETURNING *)
      INSERT INTO metrics.field_counts AS c (source, province_code, field, kind, count)
      SELECT source, province_code, field, kind, sum(delta) FROM moved GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (source, province_code, field, kind) DO UPDATE SET count = c.count + EXCLUDED.count`);
    await this.pool.query(`WITH moved AS (DELETE FROM metrics.window_count_deltas RETURNING *)
      INSERT INTO metrics.window_counts AS c (grain, bucket, source, outcome, count)
      SELECT grain, bucket, source, outcome, sum(delta) FROM moved GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (grain, bucket, source, outcome) DO UPDATE SET count = c.count + EXCLUDED.count`);
    await this.pool.query(`DELETE FROM metrics.match_counts WHERE count = 0`);
    await this.pool.query(`DELETE FROM metrics.field_counts WHERE count = 0`);
    for (const grain of Object.keys(WINDOW_RETENTION) as WindowGrain[]) {
      await this.pool.query(`DELETE FROM metrics.window_counts WHERE grain = $1 AND bucket < now() - $2::interval`, [
        grain,
        WINDOW_RETENTION[grain],
      ]);
    }
  }

  /** Current results per outcome, grouped by source, source × province, or source × province × commune. */
  async matchCounts(filter: MatchCountFilter, grouping: MatchGrouping): Promise<MatchCountRow[]> {
    const province = grouping === 'source' ? `NULL::text` : `province_code`;
    const commune = grouping === 'commune' ? `commune_code` : `NULL::text`;
    const r = await this.pool.query(
      `SELECT source, ${province} AS province_code, ${commune} AS commune_code, outcome, sum(n)::bigint AS count
       FROM (SELECT source, province_code, commune_code, outcome, count AS n FROM metrics.match_counts
             UNION ALL SELECT source, province_code, commune_code, outcome, delta FROM metrics.match_count_deltas) t
       WHERE ($1::text IS NULL OR source = $1) AND ($2::text IS NULL OR province_code = $2) AND ($3::text IS NULL OR commune_code = $3)
       GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4`,
      [filter.source ?? null, filter.provinceCode ?? null, filter.communeCode ?? null],
    );
    return r.rows.map((row) => ({
      source: row.source,
      provinceCode: row.province_code === null ? null : row.province_code || 'unknown',
      communeCode: row.commune_code === null ? null : row.commune_code || 'unknown',
      outcome: row.outcome,
      count: Number(row.count),
    }));
  }

  /** Differences per source, field and kind (optionally of one province). */
  async fieldCounts(filter: { source?: string; provinceCode?: string }): Promise<FieldCountRow[]> {
    const r = await this.pool.query(
      `SELECT source, field, kind, sum(n)::bigint AS count
       FROM (SELECT source, province_code, field, kind, count AS n FROM metrics.field_counts
             UNION ALL SELECT source, province_code, field, kind, delta FROM metrics.field_count_deltas) t
       WHERE ($1::text IS NULL OR source = $1) AND ($2::text IS NULL OR province_code = $2)
       GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3`,
      [filter.source ?? null, filter.provinceCode ?? null],
    );
    return r.rows.map((row) => ({ source: row.source, field: row.field, kind: row.kind, count: Number(row.count) }));
  }

  /** Decisions per bucket of a grain since a time. */
  async windowCounts(grain: WindowGrain, since: Date, source?: string): Promise<WindowCountRow[]> {
    const r = await this.pool.query(
      `SELECT bucket, source, outcome, sum(n)::bigint AS count
       FROM (SELECT grain, bucket, source, outcome, count AS n FROM metrics.window_counts
             UNION ALL SELECT grain, bucket, source, outcome, delta FROM metrics.window_count_deltas) t
       WHERE grain = $1 AND bucket >= date_trunc($1, $2::timestamptz, 'Asia/Ho_Chi_Minh') AND ($3::text IS NULL OR source = $3)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [grain, since.toISOString(), source ?? null],
    );
    return r.rows.map((row) => ({
      bucket: (row.bucket as Date).toISOString(),
      source: row.source,
      outcome: row.outcome,
      count: Number(row.count),
    }));
  }
}
