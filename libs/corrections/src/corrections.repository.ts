import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DiffField } from '@lgsp/domain';
import type { Acknowledgement, CloseReason, CorrectionChanges, CorrectionState, LiveCorrection } from './correction';

type Sql = Pool | PoolClient;

/** A correction as the gateway and the corrections topic give it: never the citizen ID it was decided for. */
export interface Correction {
  id: string;
  source: string;
  entityId: string;
  field: DiffField;
  kind: string;
  rule: string;
  /** The registry's value for the field: personal data, never logged. */
  proposed: string;
  confidence: number;
  state: CorrectionState;
  provinceCode: string | null;
  communeCode: string | null;
  /** The decision that found the mismatch (`<source>/<entityId>/<causeEventId>`) and when. */
  openedBy: string;
  openedAt: string;
  acknowledgement: { status: Acknowledgement; reason: string | null; at: string } | null;
  closed: { reason: CloseReason; by: string; at: string } | null;
}

/** Whose corrections: those of records the credential submitted, narrowed to sources and provinces when given. */
export interface CorrectionScope {
  submittedBy?: string;
  sources?: readonly string[];
  provinces?: readonly string[];
}

export interface CorrectionFilter {
  state?: CorrectionState;
  source?: string;
  entityId?: string;
  /** Keyset: the last id of the previous page (listings are in id order within opening time). */
  after?: { openedAt: string; id: string };
  limit: number;
}

/** Open, applied, rejected and closed corrections of one source in one commune. */
export interface CorrectionCounts {
  source: string;
  provinceCode: string | null;
  communeCode: string | null;
  open: number;
  applied: number;
  rejected: number;
  closed: number;
}

export type AcknowledgeResult = { ok: true; correction: Correction } | { ok: false; why: 'unknown' | 'closed' | 'rejected' };

const COLUMNS = `id, source, entity_id, field, kind, rule, proposed, confidence, state, province_code, commune_code, opened_by,
  opened_at, acknowledged_as, reason, acknowledged_at, closed_reason, closed_by, closed_at`;

interface Row {
  id: string;
  source: string;
  entity_id: string;
  field: DiffField;
  kind: string;
  rule: string;
  proposed: string;
  confidence: number;
  state: CorrectionState;
  province_code: string | null;
  commune_code: string | null;
  opened_by: string;
  opened_at: Date;
  acknowledged_as: Acknowledgement | null;
  reason: string | null;
  acknowledged_at: Date | null;
  closed_reason: CloseReason | null;
  closed_by: string | null;
  closed_at: Date | null;
}

function correctionOf(r: Row): Correction {
  return {
    id: r.id,
    source: r.source,
    entityId: r.entity_id,
    field: r.field,
    kind: r.kind,
    rule: r.rule,
    proposed: r.proposed,
    confidence: Number(r.confidence),
    state: r.state,
    provinceCode: r.province_code,
    communeCode: r.commune_code,
    openedBy: r.opened_by,
    openedAt: r.opened_at.toISOString(),
    acknowledgement:
      r.acknowledged_as && r.acknowledged_at
        ? { status: r.acknowledged_as, reason: r.reason, at: r.acknowledged_at.toISOString() }
        : null,
    closed:
      r.closed_reason && r.closed_by && r.closed_at
        ? { reason: r.closed_reason, by: r.closed_by, at: r.closed_at.toISOString() }
        : null,
  };
}

/** The SQL of corrections.corrections: the write step's opening and closing, the gateway's reads and answers. */
export class CorrectionsRepository {
  constructor(private readonly pool: Pool) {}

  /** The records' corrections still in play, locked until the write's transaction ends (an answer waits for it). */
  async liveOf(sql: Sql, records: readonly { source: string; entityId: string }[]): Promise<LiveCorrection[]> {
    if (records.length === 0) return [];
    const r = await sql.query(
      // A nested loop by construction: each record probes the partial index, whatever the statistics say.
      `SELECT c.* FROM json_to_recordset($1::json) AS k(source text, entity_id text)
         CROSS JOIN LATERAL (
           SELECT l.id, l.source, l.entity_id, l.field, l.proposed, l.citizen_id, l.state FROM corrections.corrections l
            WHERE l.source = k.source AND l.entity_id = k.entity_id AND l.state <> 'closed' FOR UPDATE) c`,
      [JSON.stringify(records.map((k) => ({ source: k.source, entity_id: k.entityId })))],
    );
    return r.rows.map((x) => ({
      id: x.id,
      source: x.source,
      entityId: x.entity_id,
      field: x.field,
      proposed: x.proposed,
      citizenId: x.citizen_id,
      state: x.state,
    }));
  }

  /** Writes what the decisions did to corrections; returns the corrections opened. */
  async apply(sql: Sql, changes: CorrectionChanges, at: Date): Promise<Correction[]> {
    if (changes.close.length > 0)
      await sql.query(
        `UPDATE corrections.corrections c SET state = 'closed', closed_reason = x.reason, closed_by = x.closed_by, closed_at = $2
           FROM json_to_recordset($1::json) AS x(id uuid, reason text, closed_by text)
          WHERE c.id = x.id AND c.state <> 'closed'`,
        [JSON.stringify(changes.close.map((c) => ({ id: c.id, reason: c.reason, closed_by: c.closedBy }))), at.toISOString()],
      );
    if (changes.open.length === 0) return [];
    const rows = changes.open.map((o) => ({
      id: randomUUID(),
      source: o.source,
      entity_id: o.entityId,
      field: o.field,
      kind: o.kind,
      rule: o.rule,
      proposed: o.proposed,
      confidence: o.confidence,
      citizen_id: o.citizenId,
      province_code: o.provinceCode,
      commune_code: o.communeCode,
      opened_by: o.openedBy,
      opened_sequence: o.openedSequence,
    }));
    const r = await sql.query<Row>(
      `INSERT INTO corrections.corrections (id, source, entity_id, field, kind, rule, proposed, confidence, citizen_id,
         province_code, commune_code, opened_by, opened_sequence, opened_at)
       SELECT id, source, entity_id, field, kind, rule, proposed, confidence, citizen_id, province_code, commune_code, opened_by,
         opened_sequence, $2
         FROM json_to_recordset($1::json) AS x(id uuid, source text, entity_id text, field text, kind text, rule text,
           proposed text, confidence real, citizen_id text, province_code text, commune_code text, opened_by text,
           opened_sequence int)
       ON CONFLICT (source, entity_id, field, citizen_id, proposed) WHERE state <> 'closed' DO NOTHING
       RETURNING ${COLUMNS}`,
      [JSON.stringify(rows), at.toISOString()],
    );
    return r.rows.map(correctionOf);
  }

  /** The scope's corrections, oldest first, one page. */
  async list(scope: CorrectionScope, filter: CorrectionFilter): Promise<Correction[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    scopeClauses(scope, where, param);
    if (filter.state) where.push(`c.state = ${param(filter.state)}`);
    if (filter.source) where.push(`c.source = ${param(filter.source)}`);
    if (filter.entityId) where.push(`c.entity_id = ${param(filter.entityId)}`);
    if (filter.after)
      where.push(`(c.opened_at, c.id) > (${param(filter.after.openedAt)}::timestamptz, ${param(filter.after.id)}::uuid)`);
    const r = await this.pool.query<Row>(
      `SELECT ${prefixed('c')} FROM corrections.corrections c
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.opened_at, c.id LIMIT ${param(filter.limit)}`,
      params,
    );
    return r.rows.map(correctionOf);
  }

  /**
   * The scope's corrections opened after a webhook's cursor, in (transaction, id) order, from transactions older than
   * any still running only: one committing later can never land behind the cursor.
   */
  async afterTransaction(
    scope: CorrectionScope,
    cursor: { xid: string; id: string },
    limit: number,
  ): Promise<{ correction: Correction; xid: string }[]> {
    const where: string[] = [];
    const params: unknown[] = [cursor.xid, cursor.id, limit];
    scopeClauses(scope, where, (v) => `$${params.push(v)}`);
    const r = await this.pool.query<Row & { opened_xid: string }>(
      `SELECT ${prefixed('c')}, c.opened_xid::text AS opened_xid FROM corrections.corrections c
        WHERE (c.opened_xid, c.id) > ($1::xid8, $2::uuid) AND c.opened_xid < pg_snapshot_xmin(pg_current_snapshot())
          ${where.map((w) => `AND ${w}`).join(' ')}
        ORDER BY c.opened_xid, c.id LIMIT $3`,
      params,
    );
    return r.rows.map((row) => ({ correction: correctionOf(row), xid: row.opened_xid }));
  }

  /** One correction of the scope; null when unknown or someone else's. */
  async byId(scope: CorrectionScope, id: string): Promise<Correction | null> {
    const where: string[] = [];
    const params: unknown[] = [id];
    scopeClauses(scope, where, (v) => `$${params.push(v)}`);
    const r = await this.pool.query<Row>(
      `SELECT ${prefixed('c')} FROM corrections.corrections c WHERE c.id = $1 ${where.map((w) => `AND ${w}`).join(' ')}`,
      params,
    );
    return r.rows[0] ? correctionOf(r.rows[0]) : null;
  }

  /**
   * The source's answer. Applied: an open correction waits for the sync that shows it (answering applied again is a
   * no-op). Rejected: it stays rejected with its reason. A closed or rejected correction takes no further answer.
   */
  async acknowledge(
    scope: CorrectionScope,
    id: string,
    answer: { status: Acknowledgement; reason: string | null; by: string },
    at: Date,
  ): Promise<AcknowledgeResult> {
    const where: string[] = [];
    const params: unknown[] = [id, answer.status, answer.reason, answer.by, at.toISOString()];
    scopeClauses(scope, where, (v) => `$${params.push(v)}`);
    const r = await this.pool.query<Row>(
      `UPDATE corrections.corrections c SET state = $2, acknowledged_as = $2, reason = $3, acknowledged_by = $4, acknowledged_at = $5
        WHERE c.id = $1 AND (c.state = 'open' OR (c.state = 'applied' AND $2 = 'applied'))
          ${where.map((w) => `AND ${w}`).join(' ')}
        RETURNING ${COLUMNS}`,
      params,
    );
    if (r.rows[0]) return { ok: true, correction: correctionOf(r.rows[0]) };
    const current = await this.byId(scope, id);
    if (!current) return { ok: false, why: 'unknown' };
    return { ok: false, why: current.state === 'closed' ? 'closed' : 'rejected' };
  }

  /** Corrections per source and commune, by state (closed: resolved by sync, superseded or deleted). */
  async counts(scope: CorrectionScope = {}): Promise<CorrectionCounts[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    scopeClauses(scope, where, (v) => `$${params.push(v)}`);
    const r = await this.pool.query(
      `SELECT c.source, c.province_code, c.commune_code,
              count(*) FILTER (WHERE c.state = 'open')::int AS open,
              count(*) FILTER (WHERE c.state = 'applied')::int AS applied,
              count(*) FILTER (WHERE c.state = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE c.state = 'closed')::int AS closed
         FROM corrections.corrections c
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    return r.rows.map((x) => ({
      source: x.source,
      provinceCode: x.province_code,
      communeCode: x.commune_code,
      open: x.open,
      applied: x.applied,
      rejected: x.rejected,
      closed: x.closed,
    }));
  }
}

function prefixed(alias: string): string {
  return COLUMNS.split(',')
    .map((c) => `${alias}.${c.trim()}`)
    .join(', ');
}

function scopeClauses(scope: CorrectionScope, where: string[], param: (v: unknown) => string): void {
  if (scope.submittedBy !== undefined)
    where.push(
      `EXISTS (SELECT 1 FROM gateway.submissions s WHERE s.credential_id = ${param(scope.submittedBy)}
                 AND s.source = c.source AND s.entity_id = c.entity_id AND s.status < 300)`,
    );
  if (scope.sources) where.push(`c.source = ANY(${param(scope.sources)}::text[])`);
  if (scope.provinces) where.push(`c.province_code = ANY(${param(scope.provinces)}::text[])`);
}
