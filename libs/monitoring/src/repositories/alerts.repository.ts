import { Pool } from 'pg';
import { AlertCondition } from '../alerts/alert-rules';

export interface StoredAlert {
  id: string;
  kind: string;
  subject: string;
  message: string;
  value: number;
  threshold: number;
  openedAt: string;
  lastSeenAt: string;
  clearedAt: string | null;
}

/** SQL of the alerts: open while their condition holds, kept after they clear. */
export class AlertsRepository {
  constructor(private readonly pool: Pool) {}

  async open(): Promise<StoredAlert[]> {
    return this.list('open', 1000);
  }

  async list(state: 'open' | 'all', limit: number): Promise<StoredAlert[]> {
    const r = await this.pool.query(
      `SELECT * FROM metrics.alerts WHERE ($1 = 'all' OR cleared_at IS NULL) ORDER BY opened_at DESC, id DESC LIMIT $2`,
      [state, limit],
    );
    return r.rows.map(toAlert);
  }

  /** Opens an alert unless one is already open for the same kind and subject (another process may have). */
  async openAlert(c: AlertCondition, at: Date): Promise<StoredAlert | undefined> {
    const r = await this.pool.query(
      `INSERT INTO metrics.alerts (kind, subject, message, value, threshold, opened_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (kind, subject) WHERE cleared_at IS NULL DO NOTHING RETURNING *`,
      [c.kind, c.subject, c.message, c.value, c.threshold, at.toISOString()],
    );
    return r.rows[0] ? toAlert(r.rows[0]) : undefined;
  }

  async refresh(c: AlertCondition, at: Date): Promise<void> {
    await this.pool.query(
      `UPDATE metrics.alerts SET message = $3, value = $4, last_seen_at = $5 WHERE kind = $1 AND subject = $2 AND cleared_at IS NULL`,
      [c.kind, c.subject, c.message, c.value, at.toISOString()],
    );
  }

  async clear(id: string, at: Date): Promise<StoredAlert | undefined> {
    const r = await this.pool.query(
      `UPDATE metrics.alerts SET cleared_at = $2 WHERE id = $1 AND cleared_at IS NULL RETURNING *`,
      [id, at.toISOString()],
    );
    return r.rows[0] ? toAlert(r.rows[0]) : undefined;
  }
}

function toAlert(row: Record<string, unknown>): StoredAlert {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));
  return {
    id: String(row.id),
    kind: String(row.kind),
    subject: String(row.subject),
    message: String(row.message),
    value: Number(row.value),
    threshold: Number(row.threshold),
    openedAt: iso(row.opened_at)!,
    lastSeenAt: iso(row.last_seen_at)!,
    clearedAt: iso(row.cleared_at),
  };
}
