import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections back to the source, in a schema of their own: one row per mismatched field of a record, the registry's
 * value proposed for it. Opened and closed by the pipeline's write step in the transaction of the decision that
 * shows (or stops showing) the mismatch; acknowledged by the source through the gateway.
 *
 * - At most one live (not closed) correction per record, field, citizen and proposed value: the partial unique index.
 * - The record's live corrections are read by every decision of it: the partial index on the record.
 * - Listings go by record key or by place; counts by source, province and commune and state.
 */
export class Corrections1733350000000 implements MigrationInterface {
  name = 'Corrections1733350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS corrections`);
    await q.query(`CREATE TABLE corrections.corrections (
      id uuid PRIMARY KEY,
      source text NOT NULL,
      entity_id text NOT NULL,
      field text NOT NULL,
      kind text NOT NULL,
      rule text NOT NULL,
      proposed text NOT NULL,
      confidence real NOT NULL,
      citizen_id text NOT NULL,
      province_code text,
      commune_code text,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'applied', 'rejected', 'closed')),
      opened_by text NOT NULL,
      opened_sequence int NOT NULL,
      opened_at timestamptz NOT NULL,
      acknowledged_as text CHECK (acknowledged_as IN ('applied', 'rejected')),
      acknowledged_by text,
      acknowledged_at timestamptz,
      reason text CHECK (length(reason) <= 500),
      closed_reason text CHECK (closed_reason IN ('resolved-by-sync', 'superseded', 'record-deleted')),
      closed_by text,
      closed_at timestamptz,
      CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
      CHECK (state <> 'rejected' OR acknowledged_as = 'rejected'))`);
    await q.query(
      `CREATE UNIQUE INDEX corrections_live ON corrections.corrections (source, entity_id, field, citizen_id, proposed)
         WHERE state <> 'closed'`,
    );
    await q.query(`CREATE INDEX corrections_of_record ON corrections.corrections (source, entity_id) WHERE state <> 'closed'`);
    await q.query(`CREATE INDEX corrections_by_place ON corrections.corrections (source, province_code, commune_code, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA corrections CASCADE`);
  }
}
