import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks of corrections, one per credential, and what a webhook delivers in order.
 *
 * - Each correction records the transaction that opened it (`opened_xid`). A webhook's cursor is the last
 *   (transaction, id) it delivered; the dispatcher reads only corrections of transactions older than every one still
 *   running (`pg_snapshot_xmin`), so a correction committed late can never fall behind a cursor that passed it.
 * - The secret signs bodies (HMAC), so it is kept as given, not hashed: a credential's key is the secret that matters.
 * - Delivery state is visible per webhook: failures in a row, the last failure (HTTP status or error class, never a
 *   body), the next attempt, what was delivered.
 */
export class CorrectionWebhooks1733350000001 implements MigrationInterface {
  name = 'CorrectionWebhooks1733350000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE corrections.corrections ADD COLUMN opened_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX corrections_by_transaction ON corrections.corrections (opened_xid, id)`);
    await q.query(`CREATE TABLE corrections.webhooks (
      credential_id text PRIMARY KEY,
      url text NOT NULL CHECK (length(url) <= 2000),
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      cursor_xid xid8 NOT NULL,
      cursor_id uuid NOT NULL,
      delivered bigint NOT NULL DEFAULT 0,
      failures int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      leased_until timestamptz,
      last_delivered_at timestamptz,
      last_failure text,
      last_failure_at timestamptz)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE corrections.webhooks`);
    await q.query(`DROP INDEX corrections.corrections_by_transaction`);
    await q.query(`ALTER TABLE corrections.corrections DROP COLUMN opened_xid`);
  }
}
