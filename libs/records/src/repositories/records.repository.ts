import type { FieldDifference } from '@lgsp/domain';
import { Pool } from 'pg';
import {
  CandidateView,
  CurrentResult,
  HistoryEntry,
  RecordFilter,
  RecordIdentity,
  RecordKey,
  RecordSummary,
} from '../record-status';

const iso = (v: unknown): string => (v as Date).toISOString();
const isoOrNull = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : null);
const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function inputOf(row: Record<string, unknown>) {
  return {
    eventId: row.event_id as string,
    topic: row.topic as string,
    partition: row.partition as number,
    offset: String(row.offset),
    eventHash: row.event_hash as string,
  };
}

function alsoAppliesOf(evidence: unknown): string[] {
  const also = (evidence as { alsoApplies?: unknown } | null)?.alsoApplies;
  return Array.isArray(also) ? (also as string[]) : [];
}

function summaryOf(row: Record<string, unknown>): RecordSummary {
  return {
    source: row.source as string,
    entityId: row.entity_id as string,
    outcome: (row.outcome as string | null) ?? null,
    alsoApplies: alsoAppliesOf(row.evidence),
    citizenId: (row.citizen_id as string | null) ?? null,
    provinceCode: (row.province_code as string | null) ?? null,
    communeCode: (row.commune_code as string | null) ?? null,
    differences: (row.differences as FieldDifference[] | null) ?? [],
    sequence: intOrNull(row.sequence),
    eventId: (row.event_id as string | null) ?? null,
    decidedAt: isoOrNull(row.decided_at),
  };
}

const SUMMARY_COLUMNS = `source, entity_id, outcome, evidence, citizen_id, province_code, commune_code, differences, sequence, event_id,
  decided_at`;

/** SQL of the record-status API: reads the reconciliation tables, writes nothing. */
export class RecordsRepository {
  constructor(private readonly pool: Pool) {}

  /** The stored sectoral record's identity and latest event; its personal fields stay unread. */
  async identity(key: RecordKey): Promise<RecordIdentity | null> {
    const r = await this.pool.query(
      `SELECT source, entity_id, deleted, trace_id, event_id, topic, partition, "offset", event_hash, committed_at
       FROM reconciliation.sectoral_records WHERE source = $1 AND entity_id = $2`,
      [key.source, key.entityId],
    );
    const row = r.rows[0];
    if (!row) return null;
    return {
      source: row.source,
      entityId: row.entity_id,
      deleted: row.deleted,
      traceId: row.trace_id ?? null,
      latestEvent: { ...inputOf(row), committedAt: iso(row.committed_at) },
    };
  }

  async current(key: RecordKey): Promise<CurrentResult | null> {
    const r = await this.pool.query(`SELECT * FROM reconciliation.results WHERE source = $1 AND entity_id = $2`, [
      key.source,
      key.entityId,
    ]);
    const row = r.rows[0];
    if (!row) return null;
    const { alsoApplies: _, ...evidence } = (row.evidence ?? {}) as Record<string, unknown>;
    return {
      outcome: row.outcome,
      alsoApplies: alsoAppliesOf(row.evidence),
      citizenId: row.citizen_id,
      provinceCode: row.province_code,
      communeCode: row.commune_code,
      differences: row.differences as FieldDifference[],
      evidence,
      candidates: row.candidates as CandidateView[],
      sequence: intOrNull(row.sequence),
      ruleVersion: row.rule_version,
      registryVersion: row.registry_version,
      cause: row.cause,
      input: { ...inputOf(row), committedAt: iso(row.committed_at) },
      decidedAt: iso(row.decided_at),
    };
  }

  /** Newest first: by sequence, then (for decisions written before sequences existed) by insertion. */
  async history(key: RecordKey, limit: number): Promise<HistoryEntry[]> {
    const r = await this.pool.query(
      `SELECT sequence, outcome, cause, cause_event_id, citizen_id, rule_version, registry_version, event_id, topic, partition,
         "offset", event_hash, decided_at
       FROM reconciliation.decisions WHERE source = $1 AND entity_id = $2
       ORDER BY sequence DESC NULLS LAST, id DESC LIMIT $3`,
      [key.source, key.entityId, limit],
    );
    return r.rows.map((row) => ({
      sequence: intOrNull(row.sequence),
      outcome: row.outcome,
      cause: row.cause,
      causeEventId: row.cause_event_id,
      citizenId: row.citizen_id,
      ruleVersion: row.rule_version,
      registryVersion: row.registry_version,
      input: inputOf(row),
      decidedAt: iso(row.decided_at),
    }));
  }

  /** The records an event caused decisions of: its own record, or (a registry event) every record it re-decided. */
  async keysByCauseEvent(eventId: string, limit: number): Promise<RecordKey[]> {
    const r = await this.pool.query(
      `SELECT DISTINCT source, entity_id FROM reconciliation.decisions WHERE cause_event_id = $1 ORDER BY source, entity_id LIMIT $2`,
      [eventId, limit],
    );
    return r.rows.map((row) => ({ source: row.source, entityId: row.entity_id }));
  }

  /** The records whose latest event carried the trace id. */
  async keysByTraceId(traceId: string, limit: number): Promise<RecordKey[]> {
    const r = await this.pool.query(
      `SELECT source, entity_id FROM reconciliation.sectoral_records WHERE trace_id = $1 ORDER BY source, entity_id LIMIT $2`,
      [traceId, limit],
    );
    return r.rows.map((row) => ({ source: row.source, entityId: row.entity_id }));
  }

  /**
   * Current results matching the filter, in key order after `after` (keyset pagination: a page is stable while
   * results change, and costs the same deep in the listing as at its start).
   */
  async list(filter: RecordFilter, after: RecordKey | null, limit: number): Promise<RecordSummary[]> {
    const r = await this.pool.query(
      `SELECT ${SUMMARY_COLUMNS} FROM reconciliation.results
       WHERE ($1::text IS NULL OR source = $1) AND ($2::text IS NULL OR province_code = $2)
         AND ($3::text IS NULL OR commune_code = $3) AND ($4::text IS NULL OR outcome = $4)
         AND ($5::text IS NULL OR differences @> jsonb_build_array(jsonb_build_object('kind', $5::text)))
         AND ($6::timestamptz IS NULL OR decided_at >= $6)
         AND ($7::text IS NULL OR (source, entity_id) > ($7, $8::text))
       ORDER BY source, entity_id LIMIT $9`,
      [
        filter.source ?? null,
        filter.provinceCode ?? null,
        filter.communeCode ?? null,
        filter.outcome ?? null,
        filter.differenceKind ?? null,
        filter.changedSince ?? null,
        after?.source ?? null,
        after?.entityId ?? null,
        limit,
      ],
    );
    return r.rows.map(summaryOf);
  }

  /** The summaries of these records, with or without a current result (a deleted record has none). */
  async summaries(keys: readonly RecordKey[]): Promise<RecordSummary[]> {
    if (keys.length === 0) return [];
    const r = await this.pool.query(
      `SELECT k.source, k.entity_id, r.outcome, r.evidence, r.citizen_id, r.province_code, r.commune_code, r.differences,
         r.sequence, r.event_id, r.decided_at
       FROM unnest($1::text[], $2::text[]) AS k(source, entity_id)
       LEFT JOIN reconciliation.results r ON r.source = k.source AND r.entity_id = k.entity_id
       ORDER BY k.source, k.entity_id`,
      [keys.map((k) => k.source), keys.map((k) => k.entityId)],
    );
    return r.rows.map(summaryOf);
  }
}
