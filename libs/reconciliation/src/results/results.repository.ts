import { Sql } from '../sql';
import { Injectable } from '@nestjs/common';
import { Decision, decisionIdOf, Retraction } from './decision';
import { decisionRow } from './decision-row';

/** SQL of the results: one current row per source record, and the append-only decision history. */
@Injectable()
export class ResultsRepository {
  /**
   * Appends the decisions not already recorded (same record and same cause event) and makes
   * them current. Returns the decisions that were new: a redelivered event adds none.
   */
  async record(sql: Sql, decisions: readonly Decision[], decidedAt: Date): Promise<Decision[]> {
    if (decisions.length === 0) return [];
    // One statement, the rows as one JSON document: each decision is encoded once for both tables, and a decision
    // already in the history (redelivery) leaves its current row alone. The history keeps its JSON columns as this
    // text (json: what the decision log's leaf hashes, ADR 0025); the current results parse it (jsonb, queried by content).
    const rows = decisions.map(decisionRow);
    const inserted = await sql.query(
      `WITH input AS MATERIALIZED (
         SELECT * FROM json_to_recordset($1::json) AS x(source text, entity_id text, cause_event_id uuid, cause text, outcome text,
           citizen_id text, province_code text, commune_code text, differences json, evidence json, candidates json,
           rule_version text, registry_version int, event_id uuid, topic text, partition int, "offset" bigint, event_hash text,
           committed_at timestamptz, sequence int)),
       appended AS (
         INSERT INTO reconciliation.decisions (source, entity_id, cause_event_id, cause, outcome, citizen_id, differences, evidence,
           candidates, rule_version, registry_version, event_id, topic, partition, "offset", event_hash, sequence, decided_at)
         SELECT source, entity_id, cause_event_id, cause, outcome, citizen_id, differences, evidence, candidates, rule_version,
           registry_version, event_id, topic, partition, "offset", event_hash, sequence, $2 FROM input
         ON CONFLICT (source, entity_id, cause_event_id) DO NOTHING
         RETURNING source, entity_id, cause_event_id),
       current AS (
         INSERT INTO reconciliation.results (source, entity_id, outcome, citizen_id, province_code, commune_code, differences,
           evidence, candidates, rule_version, registry_version, cause, event_id, topic, partition, "offset", event_hash,
           committed_at, decided_at, sequence)
         SELECT i.source, i.entity_id, i.outcome, i.citizen_id, i.province_code, i.commune_code, i.differences::jsonb,
           i.evidence::jsonb, i.candidates::jsonb, i.rule_version, i.registry_version, i.cause, i.event_id, i.topic,
           i.partition, i."offset", i.event_hash, i.committed_at, $2, i.sequence
         FROM input i JOIN appended a USING (source, entity_id, cause_event_id)
         ON CONFLICT (source, entity_id) DO UPDATE SET outcome = EXCLUDED.outcome, citizen_id = EXCLUDED.citizen_id,
           province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code, differences = EXCLUDED.differences,
           evidence = EXCLUDED.evidence, candidates = EXCLUDED.candidates, rule_version = EXCLUDED.rule_version,
           registry_version = EXCLUDED.registry_version, cause = EXCLUDED.cause, event_id = EXCLUDED.event_id,
           topic = EXCLUDED.topic, partition = EXCLUDED.partition, "offset" = EXCLUDED."offset",
           event_hash = EXCLUDED.event_hash, committed_at = EXCLUDED.committed_at, decided_at = EXCLUDED.decided_at,
           sequence = EXCLUDED.sequence)
       SELECT source, entity_id, cause_event_id FROM appended`,
      [JSON.stringify(rows), decidedAt.toISOString()],
    );
    const isNew = new Set(
      inserted.rows.map((r) => decisionIdOf({ source: r.source, entityId: r.entity_id, causeEventId: r.cause_event_id })),
    );
    return decisions.filter((d) => isNew.has(decisionIdOf(d)));
  }

  /**
   * Appends the retractions not already recorded to the history (outcome RETRACTED) and forgets
   * the records' current results. Returns the retractions that were new.
   */
  async retract(sql: Sql, retractions: readonly Retraction[], decidedAt: Date): Promise<Retraction[]> {
    if (retractions.length === 0) return [];
    const rows = retractions.map((r) => ({
      source: r.source,
      entity_id: r.entityId,
      cause_event_id: r.causeEventId,
      cause: r.cause,
      reason: r.reason,
      rule_version: r.ruleVersion,
      event_id: r.input.eventId,
      topic: r.input.topic,
      partition: r.input.partition,
      offset: r.input.offset,
      event_hash: r.input.eventHash,
      sequence: r.sequence,
    }));
    const inserted = await sql.query(
      `WITH input AS MATERIALIZED (
         SELECT * FROM json_to_recordset($1::json) AS x(source text, entity_id text, cause_event_id uuid, cause text, reason text,
           rule_version text, event_id uuid, topic text, partition int, "offset" bigint, event_hash text, sequence int)),
       appended AS (
         INSERT INTO reconciliation.decisions (source, entity_id, cause_event_id, cause, outcome, citizen_id, differences, evidence,
           candidates, rule_version, registry_version, event_id, topic, partition, "offset", event_hash, sequence, decided_at)
         SELECT source, entity_id, cause_event_id, cause, 'RETRACTED', NULL, '[]', json_build_object('reason', reason), '[]',
           rule_version, NULL, event_id, topic, partition, "offset", event_hash, sequence, $2 FROM input
         ON CONFLICT (source, entity_id, cause_event_id) DO NOTHING
         RETURNING source, entity_id, cause_event_id),
       removed AS (
         DELETE FROM reconciliation.results r USING input i WHERE r.source = i.source AND r.entity_id = i.entity_id)
       SELECT source, entity_id, cause_event_id FROM appended`,
      [JSON.stringify(rows), decidedAt.toISOString()],
    );
    const isNew = new Set(
      inserted.rows.map((r) => decisionIdOf({ source: r.source, entityId: r.entity_id, causeEventId: r.cause_event_id })),
    );
    return retractions.filter((r) => isNew.has(decisionIdOf(r)));
  }
}
