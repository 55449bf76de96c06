import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Match-rate metrics kept up to date by the database itself, never by rescanning results.
 *
 * Statement-level triggers with transition tables on reconciliation.results turn each bulk
 * statement (the pipeline's INSERT ... ON CONFLICT DO UPDATE, and deletes) into ONE aggregate
 * per metric, in the same transaction: the counts are exact and roll back with the batch.
 * The triggers append to *_deltas tables (no key, so concurrent workers never wait on a
 * shared counter row nor deadlock on it); a compaction folds the deltas into the totals in
 * one statement, and readers add totals and pending deltas, so a read is exact at any time.
 */
export class MatchMetrics1732500000000 implements MigrationInterface {
  name = 'MatchMetrics1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS metrics`);
    // '' stands for an unknown province or commune: key columns cannot be null.
    await q.query(`CREATE TABLE metrics.match_counts (
      source text NOT NULL, province_code text NOT NULL, commune_code text NOT NULL, outcome text NOT NULL, count bigint NOT NULL,
      PRIMARY KEY (source, province_code, commune_code, outcome))`);
    await q.query(`CREATE TABLE metrics.match_count_deltas (
      source text NOT NULL, province_code text NOT NULL, commune_code text NOT NULL, outcome text NOT NULL, delta bigint NOT NULL)`);
    // Differences per field and kind (MISSING = incomplete, any other kind = not valid against the registry).
    await q.query(`CREATE TABLE metrics.field_counts (
      source text NOT NULL, province_code text NOT NULL, field text NOT NULL, kind text NOT NULL, count bigint NOT NULL,
      PRIMARY KEY (source, province_code, field, kind))`);
    await q.query(`CREATE TABLE metrics.field_count_deltas (
      source text NOT NULL, province_code text NOT NULL, field text NOT NULL, kind text NOT NULL, delta bigint NOT NULL)`);
    // Decisions made per minute, hour and day (of decided_at): the flow, not the stock.
    await q.query(`CREATE TABLE metrics.window_counts (
      grain text NOT NULL, bucket timestamptz NOT NULL, source text NOT NULL, outcome text NOT NULL, count bigint NOT NULL,
      PRIMARY KEY (grain, bucket, source, outcome))`);
    await q.query(`CREATE TABLE metrics.window_count_deltas (
      grain text NOT NULL, bucket timestamptz NOT NULL, source text NOT NULL, outcome text NOT NULL, delta bigint NOT NULL)`);

    await q.query(triggerFunction('results_inserted', [countResults(1, 'new_rows'), countDecided('new_rows')]));
    await q.query(
      triggerFunction('results_updated', [countResults(-1, 'old_rows'), countResults(1, 'new_rows'), countDecided('new_rows')]),
    );
    await q.query(triggerFunction('results_deleted', [countResults(-1, 'old_rows')]));

    // No result may slip between the backfill and the triggers.
    await q.query(`LOCK TABLE reconciliation.results IN SHARE ROW EXCLUSIVE MODE`);
    await q.query(`CREATE TRIGGER results_metrics_insert AFTER INSERT ON reconciliation.results
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metrics.results_inserted()`);
    await q.query(`CREATE TRIGGER results_metrics_update AFTER UPDATE ON reconciliation.results
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION metrics.results_updated()`);
    await q.query(`CREATE TRIGGER results_metrics_delete AFTER DELETE ON reconciliation.results
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION metrics.results_deleted()`);
    // Results that existed before this migration: counted once, here.
    for (const statement of [countResults(1, 'reconciliation.results'), countDecided('reconciliation.results')])
      await q.query(statement);

    // Per consumer-group partition: how far the workers got (event time, offsets, volumes).
    await q.query(`CREATE TABLE metrics.partition_progress (
      consumer_group text NOT NULL, topic text NOT NULL, partition integer NOT NULL,
      newest_committed_at timestamptz, last_offset bigint NOT NULL,
      processed bigint NOT NULL, dead_lettered bigint NOT NULL, decisions bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer_group, topic, partition))`);
    // Source-commit-to-result latency as histogram bucket counts per minute (le in seconds).
    await q.query(`CREATE TABLE metrics.result_latency (
      minute timestamptz NOT NULL, source text NOT NULL, le double precision NOT NULL, count bigint NOT NULL,
      PRIMARY KEY (minute, source, le))`);
    // Periodic snapshots, also published to the metrics topic: the history behind charts and alerts.
    await q.query(`CREATE TABLE metrics.snapshots (
      id bigserial PRIMARY KEY, taken_at timestamptz NOT NULL, body jsonb NOT NULL)`);
    await q.query(`CREATE INDEX snapshots_by_time ON metrics.snapshots (taken_at)`);
    await q.query(`CREATE TABLE metrics.alerts (
      id bigserial PRIMARY KEY, kind text NOT NULL, subject text NOT NULL, message text NOT NULL,
      value double precision NOT NULL, threshold double precision NOT NULL,
      opened_at timestamptz NOT NULL, last_seen_at timestamptz NOT NULL, cleared_at timestamptz)`);
    await q.query(`CREATE UNIQUE INDEX alerts_open_once ON metrics.alerts (kind, subject) WHERE cleared_at IS NULL`);
    // The dead-letter queue as a table: where each message came from and why (JSON paths and rules, never values).
    await q.query(`CREATE TABLE metrics.dead_letters (
      topic text NOT NULL, partition integer NOT NULL, "offset" bigint NOT NULL,
      source_topic text, source_partition integer, source_offset bigint, consumer_group text,
      reason_kind text NOT NULL, violations jsonb NOT NULL, failed_at timestamptz,
      PRIMARY KEY (topic, partition, "offset"))`);
    await q.query(`CREATE INDEX dead_letters_by_time ON metrics.dead_letters (failed_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER results_metrics_insert ON reconciliation.results`);
    await q.query(`DROP TRIGGER results_metrics_update ON reconciliation.results`);
    await q.query(`DROP TRIGGER results_metrics_delete ON reconciliation.results`);
    await q.query(`DROP SCHEMA metrics CASCADE`);
  }
}

/** A trigger function running the statements (transition tables are visible only in the trigger function itself). */
function triggerFunction(name: string, statements: string[]): string {
  return `CREATE FUNCTION metrics.${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${statements.map((s) => `${s};`).join('\n      ')}
      RETURN NULL;
    END $fn$`;
}

/** sign: +1 for rows entering the results, -1 for rows leaving them. */
function countResults(sign: 1 | -1, rows: string): string {
  return `INSERT INTO metrics.match_count_deltas (source, province_code, commune_code, outcome, delta)
        SELECT source, coalesce(province_code, ''), coalesce(commune_code, ''), outcome, ${sign} * count(*) FROM ${rows} GROUP BY 1, 2, 3, 4;
      INSERT INTO metrics.field_count_deltas (source, province_code, field, kind, delta)
        SELECT r.source, coalesce(r.province_code, ''), d->>'field', d->>'kind', ${sign} * count(*)
        FROM ${rows} r CROSS JOIN LATERAL jsonb_array_elements(r.differences) d GROUP BY 1, 2, 3, 4`;
}

/**
 * Decisions per time bucket. Days are Vietnamese calendar days (reports are per local day);
 * minutes and hours are the same in any whole-hour zone.
 */
function countDecided(rows: string): string {
  return `INSERT INTO metrics.window_count_deltas (grain, bucket, source, outcome, delta)
        SELECT g.grain, date_trunc(g.grain, r.decided_at, 'Asia/Ho_Chi_Minh'), r.source, r.outcome, count(*)
        FROM ${rows} r CROSS JOIN (VALUES ('minute'), ('hour'), ('day')) g(grain) GROUP BY 1, 2, 3, 4`;
}
