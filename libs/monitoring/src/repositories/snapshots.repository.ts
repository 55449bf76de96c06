import { Pool } from 'pg';
import { MetricsSnapshot } from '../snapshot';

/** SQL of the stored metric snapshots (the history behind the charts and the rate alerts). */
export class SnapshotsRepository {
  constructor(private readonly pool: Pool) {}

  async store(snapshot: MetricsSnapshot): Promise<void> {
    await this.pool.query(`INSERT INTO metrics.snapshots (taken_at, body) VALUES ($1, $2)`, [
      snapshot.takenAt,
      JSON.stringify(snapshot),
    ]);
  }

  /** Snapshots since a time, oldest first. */
  async since(from: Date, limit = 2000): Promise<MetricsSnapshot[]> {
    const r = await this.pool.query(
      `SELECT body FROM (SELECT body, taken_at FROM metrics.snapshots WHERE taken_at >= $1 ORDER BY taken_at DESC LIMIT $2) s
       ORDER BY taken_at`,
      [from.toISOString(), limit],
    );
    return r.rows.map((row) => row.body as MetricsSnapshot);
  }

  async latest(): Promise<MetricsSnapshot | undefined> {
    const r = await this.pool.query(`SELECT body FROM metrics.snapshots ORDER BY taken_at DESC LIMIT 1`);
    return r.rows[0]?.body as MetricsSnapshot | undefined;
  }

  /** The oldest snapshot taken within the window: the baseline rates are compared with. */
  async baseline(windowSeconds: number): Promise<MetricsSnapshot | undefined> {
    const r = await this.pool.query(
      `SELECT body FROM metrics.snapshots WHERE taken_at >= now() - make_interval(secs => $1) ORDER BY taken_at LIMIT 1`,
      [windowSeconds],
    );
    return r.rows[0]?.body as MetricsSnapshot | undefined;
  }

  async prune(olderThanHours: number): Promise<void> {
    await this.pool.query(`DELETE FROM metrics.snapshots WHERE taken_at < now() - make_interval(hours => $1)`, [olderThanHours]);
  }
}
