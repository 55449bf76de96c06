import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's submissions, in a schema of their own: one row per credential and idempotency key, holding the
 * first answer so that a replayed key gets it again and publishes nothing; the body's sha256 tells a replay from a
 * different request reusing a key.
 */
export class GatewaySubmissions1733200000001 implements MigrationInterface {
  name = 'GatewaySubmissions1733200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS gateway`);
    await q.query(`CREATE TABLE gateway.submissions (
      credential_id text NOT NULL,
      idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
      body_sha256 bytea NOT NULL CHECK (length(body_sha256) = 32),
      tracking_id uuid NOT NULL UNIQUE,
      source text NOT NULL,
      entity_id text NOT NULL,
      status smallint NOT NULL,
      answer jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (credential_id, idempotency_key))`);
    await q.query(`CREATE INDEX submissions_record ON gateway.submissions (source, entity_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA gateway CASCADE`);
  }
}
