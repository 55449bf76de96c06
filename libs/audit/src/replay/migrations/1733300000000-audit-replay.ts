import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit replay runs and their decisions, apart from the live results: a replay writes only here,
 * each row tagged with its run, so live results, the results topic and live metrics stay as they were.
 */
export class AuditReplay1733300000000 implements MigrationInterface {
  name = 'AuditReplay1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS audit_replay`);
    await q.query(`CREATE TABLE audit_replay.runs (
      run_id uuid PRIMARY KEY,
      status text NOT NULL,
      sources text[] NOT NULL,
      window_from timestamptz NOT NULL,
      window_to timestamptz NOT NULL,
      provinces text[],
      rule_set text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      events_read integer NOT NULL DEFAULT 0,
      decided integer NOT NULL DEFAULT 0,
      digest text,
      live_digest text,
      live_missing integer,
      error text)`);
    // The decision of each record's last event in the window (one per record and run).
    await q.query(`CREATE TABLE audit_replay.decisions (
      run_id uuid NOT NULL REFERENCES audit_replay.runs ON DELETE CASCADE,
      source text NOT NULL,
      entity_id text NOT NULL,
      cause_event_id uuid NOT NULL,
      outcome text NOT NULL,
      citizen_id text,
      province_code text,
      commune_code text,
      differences jsonb NOT NULL,
      evidence jsonb NOT NULL,
      candidates jsonb NOT NULL,
      rule_version text NOT NULL,
      registry_version integer,
      topic text NOT NULL,
      partition integer NOT NULL,
      "offset" bigint NOT NULL,
      committed_at timestamptz NOT NULL,
      PRIMARY KEY (run_id, source, entity_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA audit_replay CASCADE`);
  }
}
