import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decision log's leaf content v2 (ADR 0025). From here on each entry is hashed over
 * audit.decision_content_v2(row), `lgsp-decision/v2`: the same JSON array as v1 (every column but the id counter,
 * `decided_at` in UTC to the microsecond), spelled by concatenation with the history's JSON columns as the writer
 * wrote them (json, reconciliation's migration 1733400000000), so re-building it reads the row's bytes and prints no
 * jsonb tree. Entries logged before keep content v1: `content_version` says which, and verify re-builds each entry's
 * content in its own version. `decision_id` is where the trigger found the row (its id counter): verify looks the row
 * up by it (a primary-key probe instead of a three-column one) and, when the row there is not the one the entry names
 * (a table rewritten and renumbered), by the decision's identity as before. The id is a hint, not part of the content:
 * a row found by a wrong id hashes to another leaf, and its page is read again by identity.
 */
export class AuditDecisionContentV21733400000001 implements MigrationInterface {
  name = 'AuditDecisionContentV21733400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit.decision_log
      ADD COLUMN content_version smallint NOT NULL DEFAULT 1 CONSTRAINT decision_log_content_version CHECK (content_version IN (1, 2)),
      ADD COLUMN decision_id bigint`);
    await q.query(`COMMENT ON COLUMN audit.decision_log.content_version IS
      'The leaf hashes audit.decision_content(row, content_version): 1 lgsp-decision/v1 (jsonb text), 2 lgsp-decision/v2 (the JSON as written). See ADR 0025.'`);
    await q.query(`COMMENT ON COLUMN audit.decision_log.decision_id IS
      'reconciliation.decisions.id when the entry was appended: where verify looks first. Not covered by the leaf.'`);
    await q.query(`CREATE FUNCTION audit.decision_content_v2(d reconciliation.decisions) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT concat('["lgsp-decision/v2", ', to_json(d.source), ', ', to_json(d.entity_id), ', "', d.cause_event_id, '", ',
        to_json(d.cause), ', ', to_json(d.outcome), ', ', coalesce(to_json(d.citizen_id)::text, 'null'), ', ',
        d.differences, ', ', d.evidence, ', ', d.candidates, ', ', to_json(d.rule_version), ', ',
        coalesce(d.registry_version::text, 'null'), ', "', d.event_id, '", ', to_json(d.topic), ', ', d.partition, ', ',
        d."offset", ', ', to_json(d.event_hash), ', ', coalesce(d.sequence::text, 'null'), ', "',
        to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '"]')
    $$`);
    await q.query(`CREATE FUNCTION audit.decision_content(d reconciliation.decisions, version smallint) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT CASE version WHEN 1 THEN audit.decision_content(d) WHEN 2 THEN audit.decision_content_v2(d) END
    $$`);
    await q.query(`CREATE OR REPLACE FUNCTION audit.log_decision(d reconciliation.decisions) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        last_position bigint;
        last_chain bytea;
        leaf bytea;
      BEGIN
        -- One lock for the whole log, re-entrant within the transaction (the key is 'lgsp audit.decision_log').
        PERFORM pg_advisory_xact_lock(7153204114627788544);
        SELECT position, chain_hash INTO last_position, last_chain FROM audit.decision_log ORDER BY position DESC LIMIT 1;
        leaf := sha256('\\x00'::bytea || convert_to(audit.decision_content_v2(d), 'UTF8'));
        INSERT INTO audit.decision_log (position, source, entity_id, cause_event_id, leaf_hash, chain_hash, content_version, decision_id)
        VALUES (coalesce(last_position, 0) + 1, d.source, d.entity_id, d.cause_event_id, leaf,
                sha256(coalesce(last_chain, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) || leaf),
                2, d.id);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION audit.log_decision(d reconciliation.decisions) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        last_position bigint;
        last_chain bytea;
        leaf bytea;
      BEGIN
        PERFORM pg_advisory_xact_lock(7153204114627788544);
        SELECT position, chain_hash INTO last_position, last_chain FROM audit.decision_log ORDER BY position DESC LIMIT 1;
        leaf := sha256('\\x00'::bytea || convert_to(audit.decision_content(d), 'UTF8'));
        INSERT INTO audit.decision_log (position, source, entity_id, cause_event_id, leaf_hash, chain_hash)
        VALUES (coalesce(last_position, 0) + 1, d.source, d.entity_id, d.cause_event_id, leaf,
                sha256(coalesce(last_chain, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) || leaf));
      END $$`);
    await q.query(
      `DROP FUNCTION audit.decision_content(reconciliation.decisions, smallint), audit.decision_content_v2(reconciliation.decisions)`,
    );
    await q.query(`ALTER TABLE audit.decision_log DROP COLUMN decision_id, DROP COLUMN content_version`);
  }
}
