import type { Pool } from 'pg';

const NIL = '00000000-0000-0000-0000-000000000000';

/** Where a webhook's delivery is: the last (transaction, id) it delivered. */
export interface WebhookCursor {
  xid: string;
  id: string;
}

export interface DueWebhook {
  credentialId: string;
  url: string;
  secret: string;
  cursor: WebhookCursor;
  failures: number;
}

/** A webhook as its owner reads it: never the secret (given once, when set). */
export interface WebhookStatus {
  url: string;
  createdAt: string;
  delivered: number;
  /** Failed attempts in a row at the current batch (0: healthy). */
  failures: number;
  nextAttemptAt: string;
  lastDeliveredAt: string | null;
  lastFailure: string | null;
  lastFailureAt: string | null;
}

const STATUS = `url, created_at, delivered, failures, next_attempt_at, last_delivered_at, last_failure, last_failure_at`;

function statusOf(r: Record<string, unknown>): WebhookStatus {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : null);
  return {
    url: r.url as string,
    createdAt: iso(r.created_at)!,
    delivered: Number(r.delivered),
    failures: r.failures as number,
    nextAttemptAt: iso(r.next_attempt_at)!,
    lastDeliveredAt: iso(r.last_delivered_at),
    lastFailure: (r.last_failure as string | null) ?? null,
    lastFailureAt: iso(r.last_failure_at),
  };
}

/** The SQL of corrections.webhooks: set by the gateway's owner, worked by its dispatcher. */
export class WebhooksRepository {
  constructor(private readonly pool: Pool) {}

  /** Sets (or replaces) the credential's webhook: it delivers the corrections opened from now on. */
  async register(credentialId: string, url: string, secret: string): Promise<WebhookStatus> {
    const r = await this.pool.query(
      `INSERT INTO corrections.webhooks (credential_id, url, secret, cursor_xid, cursor_id)
       VALUES ($1, $2, $3, pg_snapshot_xmin(pg_current_snapshot()), $4)
       ON CONFLICT (credential_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, created_at = now(),
         cursor_xid = EXCLUDED.cursor_xid, cursor_id = EXCLUDED.cursor_id, delivered = 0, failures = 0,
         next_attempt_at = now(), leased_until = NULL, last_delivered_at = NULL, last_failure = NULL, last_failure_at = NULL
       RETURNING ${STATUS}`,
      [credentialId, url, secret, NIL],
    );
    return statusOf(r.rows[0]);
  }

  async status(credentialId: string): Promise<WebhookStatus | null> {
    const r = await this.pool.query(`SELECT ${STATUS} FROM corrections.webhooks WHERE credential_id = $1`, [credentialId]);
    return r.rows[0] ? statusOf(r.rows[0]) : null;
  }

  async remove(credentialId: string): Promise<boolean> {
    const r = await this.pool.query(`DELETE FROM corrections.webhooks WHERE credential_id = $1`, [credentialId]);
    return r.rowCount === 1;
  }

  /** One webhook due for an attempt, leased for `leaseMs` so that another gateway leaves it alone meanwhile. */
  async claimDue(leaseMs: number): Promise<DueWebhook | null> {
    const r = await this.pool.query(
      `UPDATE corrections.webhooks w SET leased_until = now() + $1 * interval '1 millisecond'
        WHERE w.credential_id = (
          SELECT credential_id FROM corrections.webhooks
           WHERE next_attempt_at <= now() AND (leased_until IS NULL OR leased_until < now())
           ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING w.credential_id, w.url, w.secret, w.cursor_xid::text AS cursor_xid, w.cursor_id, w.failures`,
      [leaseMs],
    );
    const w = r.rows[0];
    return w
      ? {
          credentialId: w.credential_id,
          url: w.url,
          secret: w.secret,
          cursor: { xid: w.cursor_xid, id: w.cursor_id },
          failures: w.failures,
        }
      : null;
  }

  /** A batch delivered (or nothing to deliver: count 0): the cursor moves, the failures in a row end. */
  async delivered(credentialId: string, cursor: WebhookCursor, count: number, nextAttemptAt: Date): Promise<void> {
    await this.pool.query(
      `UPDATE corrections.webhooks SET cursor_xid = $2::xid8, cursor_id = $3, delivered = delivered + $4, failures = 0,
         next_attempt_at = $5, leased_until = NULL,
         last_delivered_at = CASE WHEN $4 > 0 THEN now() ELSE last_delivered_at END
        WHERE credential_id = $1`,
      [credentialId, cursor.xid, cursor.id, count, nextAttemptAt.toISOString()],
    );
  }

  /** An attempt failed: the cursor stays, the next attempt waits. */
  async failed(credentialId: string, failure: string, nextAttemptAt: Date): Promise<void> {
    await this.pool.query(
      `UPDATE corrections.webhooks SET failures = failures + 1, last_failure = $2, last_failure_at = now(),
         next_attempt_at = $3, leased_until = NULL
        WHERE credential_id = $1`,
      [credentialId, failure.slice(0, 200), nextAttemptAt.toISOString()],
    );
  }
}
