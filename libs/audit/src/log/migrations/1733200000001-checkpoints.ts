import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the decision log (ADR 0011), append-only like the log. Each keeps the Merkle frontier of its
 * size (at most 64 hashes), so the next checkpoint reads only the leaves after it; and the signing key's public half,
 * so a verifier can check signatures without another source (a key held elsewhere is still the stronger check).
 */
export class AuditCheckpoints1733200000001 implements MigrationInterface {
  name = 'AuditCheckpoints1733200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit.checkpoints (
      size bigint PRIMARY KEY CHECK (size >= 0),
      root bytea NOT NULL,
      chain_head bytea NOT NULL,
      signed_at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL,
      public_key text NOT NULL,
      frontier bytea NOT NULL)`);
    await q.query(`CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON audit.checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
    await q.query(`CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON audit.checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit.checkpoints`);
  }
}
