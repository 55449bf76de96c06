import { Pool } from 'pg';

export interface BatchProgress {
  consumerGroup: string;
  topic: string;
  partition: number;
  /** Source commit time of the newest event of the batch (null when none could be read). */
  newestCommittedAt: Date | null;
  lastOffset: string;
  processed: number;
  deadLettered: number;
  decisions: number;
}

export interface PartitionProgress {
  topic: string;
  partition: number;
  newestCommittedAt: Date | null;
  lastOffset: string;
  processed: number;
  deadLettered: number;
  decisions: number;
}

/**
 * SQL of what the workers report after each batch: progress per partition (each partition
 * has one owner in a group, so its row is never contended) and latency bucket counts per minute.
 */
export class ProgressRepository {
  constructor(private readonly pool: Pool) {}

  async recordBatch(batch: BatchProgress, source: string, latencyBuckets: Map<number, number>, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO metrics.partition_progress AS p (consumer_group, topic, partition, newest_committed_at, last_offset,
         processed, dead_lettered, decisions, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET
         newest_committed_at = greatest(p.newest_committed_at, EXCLUDED.newest_committed_at),
         last_offset = greatest(p.last_offset, EXCLUDED.last_offset),
         processed = p.processed + EXCLUDED.processed, dead_lettered = p.dead_lettered + EXCLUDED.dead_lettered,
         decisions = p.decisions + EXCLUDED.decisions, updated_at = now()`,
      [
        batch.consumerGroup,
        batch.topic,
        batch.partition,
        batch.newestCommittedAt,
        batch.lastOffset,
        batch.processed,
        batch.deadLettered,
        batch.decisions,
      ],
    );
    if (latencyBuckets.size === 0) return;
    // Sorted so that concurrent workers take the shared minute rows in the same order.
    const buckets = [...latencyBuckets.entries()].sort(([a], [b]) => a - b);
    await this.pool.query(
      `INSERT INTO metrics.result_latency AS l (minute, source, le, count)
       SELECT date_trunc('minute', $1::timestamptz), $2, le, n FROM unnest($3::float8[], $4::bigint[]) AS u(le, n)
       ON CONFLICT (minute, source, le) DO UPDATE SET count = l.count + EXCLUDED.count`,
      [at.toISOString(), source, buckets.map(([le]) => (Number.isFinite(le) ? le : 'Infinity')), buckets.map(([, n]) => n)],
    );
  }

  async progressOf(consumerGroup: string): Promise<PartitionProgress[]> {
    const r = await this.pool.query(
      `SELECT topic, partition, newest_committed_at, last_offset, processed, dead_lettered, decisions
       FROM metrics.partition_progress WHERE consumer_group = $1 ORDER BY topic, partition`,
      [consumerGroup],
    );
    return r.rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      newestCommittedAt: row.newest_committed_at,
      lastOffset: String(row.last_offset),
      processed: Number(row.processed),
      deadLettered: Number(row.dead_lettered),
      decisions: Number(row.decisions),
    }));
  }

  /** Latency bucket counts per source over the last minutes. */
  async latencyBuckets(sinceMinutes: number): Promise<Map<string, Map<number, number>>> {
    const r = await this.pool.query(
      `SELECT source, le, sum(count)::bigint AS count FROM metrics.result_latency
       WHERE minute >= date_trunc('minute', now()) - make_interval(mins => $1) GROUP BY 1, 2`,
      [sinceMinutes],
    );
    const bySource = new Map<string, Map<number, number>>();
    for (const row of r.rows) {
      const buckets = bySource.get(row.source) ?? new Map<number, number>();
      buckets.set(Number(row.le), Number(row.count));
      bySource.set(row.source, buckets);
    }
    return bySource;
  }

  async pruneLatency(olderThanHours: number): Promise<void> {
    await this.pool.query(`DELETE FROM metrics.result_latency WHERE minute < now() - make_interval(hours => $1)`, [
      olderThanHours,
    ]);
  }
}
