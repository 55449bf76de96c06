import { Pool } from 'pg';

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

/** SQL of gateway.submissions: the first answer to each credential's idempotency key. */
export class SubmissionsRepository {
  constructor(private readonly pool: Pool) {}

  async find(credentialId: string, idempotencyKey: string): Promise<StoredAnswer | null> {
    const r = await this.pool.query(
      `SELECT body_sha256, status, answer FROM gateway.submissions WHERE credential_id = $1 AND idempotency_key = $2`,
      [credentialId, idempotencyKey],
    );
    return r.rows[0] ? { bodySha256: r.rows[0].body_sha256, status: r.rows[0].status, answer: r.rows[0].answer } : null;
  }

  /** false when the key was stored meanwhile (a concurrent request with it won). */
  async insert(s: NewSubmission): Promise<boolean> {
    const r = await this.pool.query(
      `INSERT INTO gateway.submissions (credential_id, idempotency_key, body_sha256, tracking_id, source, entity_id, status, answer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [s.credentialId, s.idempotencyKey, s.bodySha256, s.trackingId, s.source, s.entityId, s.status, s.answer],
    );
    return r.rowCount === 1;
  }
}
