import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident decision log (ADR 0011): every row of reconciliation.decisions becomes a leaf
 * of an append-only log, in the transaction that writes it.
 *
 * - The leaf is SHA-256(0x00 || the decision's canonical content) (RFC 9162), the content being
 *   audit.decision_content(row): every column but the id counter, as a JSON array, the time in UTC
 *   to the microsecond. The verifier recomputes it from the row as it is today.
 * - The chain hash is SHA-256(previous chain hash || leaf), from 32 zero bytes; the Merkle tree of the
 *   leaves is computed by whoever checks (checkpoints sign its head).
 * - A decision is named by (source, entity_id, cause_event_id), its identity for consumers, not by
 *   the id counter, which a rewrite of the table would renumber.
 * - The append is a deferred constraint trigger: it runs at COMMIT, after everything else the
 *   transaction does, and takes one global transaction-level advisory lock there. So leaf order is
 *   total, the lock is held only for the appends and the commit, and the holder waits on nothing else
 *   (no deadlock); no write path can forget to log (COPY and every INSERT fire it).
 * - UPDATE, DELETE and TRUNCATE of the log are refused by triggers. A superuser can still disable
 *   them: that is what verify and the signed checkpoints held elsewhere are for.
 *
 * Decisions already in the database are logged here, in id order, so an existing installation starts whole.
 */
export class AuditDecisionLog1733200000000 implements MigrationInterface {
  name = 'AuditDecisionLog1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA audit`);
    await q.query(`CREATE TABLE audit.decision_log (
      position bigint PRIMARY KEY CHECK (position > 0),
      source text NOT NULL,
      entity_id text NOT NULL,
      cause_event_id uuid NOT NULL,
      leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
      chain_hash bytea NOT NULL CHECK (length(chain_hash) = 32),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      UNIQUE (source, entity_id, cause_event_id))`);
    await q.query(`COMMENT ON TABLE audit.decision_log IS
      'Append-only: one leaf per reconciliation.decisions row, position 1, 2, ... (Merkle leaf index = position - 1). See ADR 0011.'`);
    await q.query(`CREATE FUNCTION audit.decision_content(d reconciliation.decisions) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT jsonb_build_array('lgsp-decision/v1', d.source, d.entity_id, d.cause_event_id, d.cause, d.outcome, d.citizen_id,
        d.differences, d.evidence, d.candidates, d.rule_version, d.registry_version, d.event_id, d.topic, d.partition,
        d."offset", d.event_hash, d.sequence, to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
    $$`);
    await q.query(`CREATE FUNCTION audit.log_decision(d reconciliation.decisions) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        last_position bigint;
        last_chain bytea;
        leaf bytea;
      BEGIN
        -- One lock for the whole log, re-entrant within the transaction (the key is 'lgsp audit.decision_log').
        PERFORM pg_advisory_xact_lock(7153204114627788544);
        SELECT position, chain_hash INTO last_position, last_chain FROM audit.decision_log ORDER BY position DESC LIMIT 1;
        leaf := sha256('\\x00'::bytea || convert_to(audit.decision_content(d), 'UTF8'));
        INSERT INTO audit.decision_log (position, source, entity_id, cause_event_id, leaf_hash, chain_hash)
        VALUES (coalesce(last_position, 0) + 1, d.source, d.entity_id, d.cause_event_id, leaf,
                sha256(coalesce(last_chain, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) || leaf));
      END $$`);
    await q.query(`CREATE FUNCTION audit.log_inserted_decision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM audit.log_decision(NEW);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER decisions_to_audit_log AFTER INSERT ON reconciliation.decisions
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit.log_inserted_decision()`);
    await q.query(`CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege', HINT = 'the audit log is never edited; see ADR 0011';
      END $$`);
    await q.query(`CREATE TRIGGER decision_log_append_only BEFORE UPDATE OR DELETE ON audit.decision_log
      FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
    await q.query(`CREATE TRIGGER decision_log_no_truncate BEFORE TRUNCATE ON audit.decision_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`);
    await q.query(`DO $$
      DECLARE d reconciliation.decisions;
      BEGIN
        FOR d IN SELECT * FROM reconciliation.decisions ORDER BY id LOOP PERFORM audit.log_decision(d); END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER decisions_to_audit_log ON reconciliation.decisions`);
    await q.query(`DROP TABLE audit.decision_log`);
    await q.query(`DROP FUNCTION audit.refuse_change(), audit.log_inserted_decision(), audit.log_decision(reconciliation.decisions),
      audit.decision_content(reconciliation.decisions)`);
    await q.query(`DROP SCHEMA audit`);
  }
}
