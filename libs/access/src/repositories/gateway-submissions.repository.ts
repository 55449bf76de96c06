import type { Pool } from 'pg';
import type { Queryable } from '@lgsp/database';

export interface StoredAnswer {
  bodySha256: Buffer;
  status: number;
  answer: Record<string, unknown>;
}

export interface NewSubmission extends StoredAnswer {
  credentialId: string;
  idempotencyKey: string;
  trackingId: string;
  source: string;
  entityId: string;
}

/** SQL of gateway.submissions (its migration is beside the credentials' in this library): the first answer to each credential's idempotency key. */
export class SubmissionsRepository {
  constructor(private readonly pool: Pool) {}

  async find(credentialId: string, idempotencyKey: string): Promise<StoredAnswer | null> {
    const r = await this.pool.query(
      `SELECT body_sha256, status, answer FROM gateway.submissions WHERE credential_id = $1 AND idempotency_key = $2`,
      [credentialId, idempotencyKey],
    );
    return r.rows[0] ? { bodySha256: r.rows[0].body_sha256, status: r.rows[0].status, answer: r.rows[0].answer } : null;
  }

  /**
   * Inside the caller's transaction, claims each row's (credential, key): the keys returned were free and are this
   * transaction's until it ends. A key another transaction claimed and has not committed makes this one wait for it
   * (at most `lockTimeoutMs`, then PostgreSQL's lock_not_available): committed, that key is not returned and its answer
   * is read with `answers`; rolled back, it is claimed here. Rows in key order, so two claims never deadlock.
   */
  async claim(q: Queryable, rows: NewSubmission[], lockTimeoutMs = 10_000): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    await q.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.round(lockTimeoutMs))}ms`]);
    const r = await q.query(
      `INSERT INTO gateway.submissions (credential_id, idempotency_key, body_sha256, tracking_id, source, entity_id, status, answer)
       SELECT c, k, h, t, s, e, st, a
         FROM unnest($1::text[], $2::text[], $3::bytea[], $4::uuid[], $5::text[], $6::text[], $7::smallint[], $8::jsonb[])
           AS r(c, k, h, t, s, e, st, a)
        ORDER BY c, k
       ON CONFLICT DO NOTHING RETURNING idempotency_key`,
      [
        rows.map((x) => x.credentialId),
        rows.map((x) => x.idempotencyKey),
        rows.map((x) => x.bodySha256),
        rows.map((x) => x.trackingId),
        rows.map((x) => x.source),
        rows.map((x) => x.entityId),
        rows.map((x) => x.status),
        rows.map((x) => JSON.stringify(x.answer)),
      ],
    );
    return new Set(r.rows.map((row: { idempotency_key: string }) => row.idempotency_key));
  }

  /** The stored answers of a credential's keys (committed ones, and this transaction's own). */
  async answers(q: Queryable, credentialId: string, keys: string[]): Promise<Map<string, StoredAnswer>> {
    if (keys.length === 0) return new Map();
    const r = await q.query(
      `SELECT idempotency_key, body_sha256, status, answer FROM gateway.submissions
        WHERE credential_id = $1 AND idempotency_key = ANY($2::text[])`,
      [credentialId, keys],
    );
    return new Map(
      r.rows.map((row: { idempotency_key: string; body_sha256: Buffer; status: number; answer: Record<string, unknown> }) => [
        row.idempotency_key,
        { bodySha256: row.body_sha256, status: row.status, answer: row.answer },
      ]),
    );
  }

  /** The final answer of a key this transaction claimed (known once the broker acknowledged). */
  async answer(q: Queryable, credentialId: string, idempotencyKey: string, answer: Record<string, unknown>): Promise<void> {
    await q.query(`UPDATE gateway.submissions SET answer = $3 WHERE credential_id = $1 AND idempotency_key = $2`, [
      credentialId,
      idempotencyKey,
      answer,
    ]);
  }

  /** The caller's own submission by its tracking id; null when it is another credential's or unknown. */
  async byTrackingId(credentialId: string, trackingId: string): Promise<OwnSubmission | null> {
    const r = await this.pool.query(
      `SELECT tracking_id, source, entity_id, status, created_at FROM gateway.submissions
        WHERE credential_id = $1 AND tracking_id = $2`,
      [credentialId, trackingId],
    );
    return r.rows[0] ? ownOf(r.rows[0]) : null;
  }

  /** The caller's own counts: its submissions, their records' current results and its dead-lettered events. */
  async counts(credentialId: string): Promise<SubmissionCounts> {
    const r = await this.pool.query(
      `WITH own AS (SELECT tracking_id, source, entity_id, status FROM gateway.submissions WHERE credential_id = $1),
            records AS (SELECT DISTINCT source, entity_id FROM own WHERE status < 300)
       SELECT (SELECT count(*) FROM own WHERE status < 300) AS accepted,
              (SELECT count(*) FROM own WHERE status >= 300) AS refused,
              (SELECT count(*) FROM records) AS records,
              count(r.outcome) AS reconciled,
              count(*) FILTER (WHERE r.outcome = 'MATCHED') AS matched,
              (SELECT count(*) FROM metrics.dead_letters d
                WHERE d.event_id IN (SELECT tracking_id::text FROM own WHERE status < 300)) AS dead_lettered
         FROM records k JOIN reconciliation.results r ON r.source = k.source AND r.entity_id = k.entity_id`,
      [credentialId],
    );
    const row = r.rows[0];
    return {
      accepted: Number(row.accepted),
      refused: Number(row.refused),
      records: Number(row.records),
      reconciled: Number(row.reconciled),
      matched: Number(row.matched),
      deadLettered: Number(row.dead_lettered),
    };
  }

  /** The caller's latest accepted submission of a record; null when it never submitted that record. */
  async latestOfRecord(credentialId: string, source: string, entityId: string): Promise<OwnSubmission | null> {
    const r = await this.pool.query(
      `SELECT tracking_id, source, entity_id, status, created_at FROM gateway.submissions
        WHERE credential_id = $1 AND source = $2 AND entity_id = $3 AND status < 300
        ORDER BY created_at DESC LIMIT 1`,
      [credentialId, source, entityId],
    );
    return r.rows[0] ? ownOf(r.rows[0]) : null;
  }
}

/** What became of one system's submissions, counted in the database (lag comes from the broker). */
export interface SubmissionCounts {
  /** Submissions the broker acknowledged (each a published event). */
  accepted: number;
  /** Submissions refused as invalid (422), kept for their idempotency keys. */
  refused: number;
  /** Distinct records among the accepted submissions. */
  records: number;
  /** Of those records, the ones with a current result. */
  reconciled: number;
  /** Of the reconciled, the ones whose current outcome is MATCHED. */
  matched: number;
  /** Accepted submissions whose event the pipeline dead-lettered. */
  deadLettered: number;
}

export interface OwnSubmission {
  trackingId: string;
  source: string;
  entityId: string;
  status: number;
  submittedAt: string;
}

function ownOf(row: { tracking_id: string; source: string; entity_id: string; status: number; created_at: Date }): OwnSubmission {
  return {
    trackingId: row.tracking_id,
    source: row.source,
    entityId: row.entity_id,
    status: row.status,
    submittedAt: row.created_at.toISOString(),
  };
}
