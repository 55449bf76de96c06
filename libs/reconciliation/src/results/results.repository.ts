import { Sql } from '../sql';
import { Decision } from './decision';

/** SQL of the results: one current row per source record, and the append-only decision history. */
export class ResultsRepository {
  /**
   * Appends the decisions not already recorded (same record and same cause event) and makes
   * them current. Returns the decisions that were new: a redelivered event adds none.
   */
  async record(sql: Sql, decisions: Decision[]): Promise<Decision[]> {
    if (decisions.length === 0) return [];
    const json = (d: Decision) => ({
      differences: JSON.stringify(d.differences),
      evidence: JSON.stringify({ ...d.evidence, alsoApplies: d.alsoApplies }),
      candidates: JSON.stringify(d.candidates),
    });
    const encoded = decisions.map(json);
    const inserted = await sql.query(
      `INSERT INTO reconciliation.decisions (source, entity_id, cause_event_id, cause, outcome, citizen_id, differences, evidence,
         candidates, rule_version, registry_version, event_id, topic, partition, "offset", event_hash)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
         $9::jsonb[], $10::text[], $11::int[], $12::uuid[], $13::text[], $14::int[], $15::bigint[], $16::text[])
       ON CONFLICT (source, entity_id, cause_event_id) DO NOTHING
       RETURNING source, entity_id, cause_event_id`,
      [
        decisions.map((d) => d.source),
        decisions.map((d) => d.entityId),
        decisions.map((d) => d.causeEventId),
        decisions.map((d) => d.cause),
        decisions.map((d) => d.outcome),
        decisions.map((d) => d.citizenId),
        encoded.map((e) => e.differences),
        encoded.map((e) => e.evidence),
        encoded.map((e) => e.candidates),
        decisions.map((d) => d.ruleVersion),
        decisions.map((d) => d.registryVersion),
        decisions.map((d) => d.input.eventId),
        decisions.map((d) => d.input.topic),
        decisions.map((d) => d.input.partition),
        decisions.map((d) => d.input.offset),
        decisions.map((d) => d.input.eventHash),
      ],
    );
    const isNew = new Set(inserted.rows.map((r) => `${r.source}\u0000${r.entity_id}\u0000${r.cause_event_id}`));
    const fresh = decisions.filter((d) => isNew.has(`${d.source}\u0000${d.entityId}\u0000${d.causeEventId}`));
    if (fresh.length === 0) return fresh;
    const freshEncoded = fresh.map(json);
    await sql.query(
      `INSERT INTO reconciliation.results (source, entity_id, outcome, citizen_id, province_code, commune_code, differences, evidence,
         candidates, rule_version, registry_version, cause, event_id, topic, partition, "offset", event_hash, committed_at, decided_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[],
         $9::jsonb[], $10::text[], $11::int[], $12::text[], $13::uuid[], $14::text[], $15::int[], $16::bigint[], $17::text[],
         $18::timestamptz[])
       ON CONFLICT (source, entity_id) DO UPDATE SET outcome = EXCLUDED.outcome, citizen_id = EXCLUDED.citizen_id,
         province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code, differences = EXCLUDED.differences,
         evidence = EXCLUDED.evidence, candidates = EXCLUDED.candidates, rule_version = EXCLUDED.rule_version,
         registry_version = EXCLUDED.registry_version, cause = EXCLUDED.cause, event_id = EXCLUDED.event_id, topic = EXCLUDED.topic,
         partition = EXCLUDED.partition, "offset" = EXCLUDED."offset", event_hash = EXCLUDED.event_hash,
         committed_at = EXCLUDED.committed_at, decided_at = now()`,
      [
        fresh.map((d) => d.source),
        fresh.map((d) => d.entityId),
        fresh.map((d) => d.outcome),
        fresh.map((d) => d.citizenId),
        fresh.map((d) => d.provinceCode),
        fresh.map((d) => d.communeCode),
        freshEncoded.map((e) => e.differences),
        freshEncoded.map((e) => e.evidence),
        freshEncoded.map((e) => e.candidates),
        fresh.map((d) => d.ruleVersion),
        fresh.map((d) => d.registryVersion),
        fresh.map((d) => d.cause),
        fresh.map((d) => d.input.eventId),
        fresh.map((d) => d.input.topic),
        fresh.map((d) => d.input.partition),
        fresh.map((d) => d.input.offset),
        fresh.map((d) => d.input.eventHash),
        fresh.map((d) => d.input.committedAt),
      ],
    );
    return fresh;
  }

  /** Forgets the result of a deleted record (its decisions stay in the history). */
  async removeCurrent(sql: Sql, source: string, entityIds: string[]): Promise<void> {
    if (entityIds.length === 0) return;
    await sql.query(`DELETE FROM reconciliation.results WHERE source = $1 AND entity_id = ANY($2::text[])`, [source, entityIds]);
  }
}
