import { Pool, PoolClient } from 'pg';
import { inTransaction } from '@lgsp/database';
import { DeliveredMessage, OutgoingMessage, PartitionOffset, SentRecord, TopicPartitionOffsets } from '../event-transport';
import { partitionFor } from '../partitioner';

export const NOTIFY_CHANNEL = 'lgsp_transport';

/** The SQL side of the embedded transport: topics, the append-only log, group offsets. */
export class EmbeddedLog {
  private readonly partitionCounts = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly defaultPartitions: number,
  ) {}

  async createTopic(topic: string, partitions: number): Promise<number> {
    await inTransaction(this.pool, async (client) => {
      const inserted = await client.query(
        `INSERT INTO lgsp_transport.topics (name, partitions) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING partitions`,
        [topic, partitions],
      );
      if (inserted.rowCount === 1) {
        await client.query(
          `INSERT INTO lgsp_transport.partitions (topic, partition) SELECT $1, g FROM generate_series(0, $2 - 1) g`,
          [topic, partitions],
        );
      }
    });
    this.partitionCounts.delete(topic);
    return this.partitions(topic);
  }

  async deleteTopic(topic: string): Promise<void> {
    await this.pool.query(`DELETE FROM lgsp_transport.messages WHERE topic = $1`, [topic]);
    await this.pool.query(`DELETE FROM lgsp_transport.group_offsets WHERE topic = $1`, [topic]);
    await this.pool.query(`DELETE FROM lgsp_transport.topics WHERE name = $1`, [topic]);
    this.partitionCounts.delete(topic);
  }

  /** Partition count of a topic, creating it with the default count when absent (as Kafka's auto-create does). */
  async partitions(topic: string): Promise<number> {
    const cached = this.partitionCounts.get(topic);
    if (cached !== undefined) return cached;
    const r = await this.pool.query(`SELECT partitions FROM lgsp_transport.topics WHERE name = $1`, [topic]);
    if (r.rowCount === 0) return this.createTopic(topic, this.defaultPartitions);
    const count = Number(r.rows[0].partitions);
    this.partitionCounts.set(topic, count);
    return count;
  }

  async append(topic: string, messages: OutgoingMessage[]): Promise<SentRecord[]> {
    const partitions = await this.partitions(topic);
    const byPartition = new Map<number, OutgoingMessage[]>();
    for (const m of messages) {
      const p = partitionFor(topic, m.key, partitions);
      let list = byPartition.get(p);
      if (!list) byPartition.set(p, (list = []));
      list.push(m);
    }
    const now = Date.now();
    const sent: SentRecord[] = [];
    await inTransaction(this.pool, async (client) => {
      // Lock partitions in a fixed order so two producers never deadlock.
      for (const p of [...byPartition.keys()].sort((a, b) => a - b)) {
        const list = byPartition.get(p)!;
        const r = await client.query(
          `UPDATE lgsp_transport.partitions SET next_offset = next_offset + $3
           WHERE topic = $1 AND partition = $2 RETURNING next_offset - $3 AS base`,
          [topic, p, list.length],
        );
        const base = BigInt(r.rows[0].base);
        await client.query(
          `INSERT INTO lgsp_transport.messages (topic, partition, "offset", key, value, headers, ts)
           SELECT $1, $2, $3::bigint + i - 1, k, v, h, t
           FROM unnest($4::text[], $5::bytea[], $6::jsonb[], $7::bigint[]) WITH ORDINALITY AS m(k, v, h, t, i)`,
          [
            topic,
            p,
            base.toString(),
            list.map((m) => m.key),
            list.map((m) => (Buffer.isBuffer(m.value) ? m.value : Buffer.from(m.value))),
            list.map((m) => JSON.stringify(m.headers ?? {})),
            list.map((m) => m.timestamp ?? now),
          ],
        );
        sent.push({ topic, partition: p, baseOffset: base.toString() });
      }
      await client.query(`SELECT pg_notify($1, $2)`, [NOTIFY_CHANNEL, topic]);
    });
    return sent;
  }

  async fetch(
    client: PoolClient | Pool,
    topic: string,
    partition: number,
    from: bigint,
    max: number,
  ): Promise<DeliveredMessage[]> {
    const r = await client.query(
      `SELECT "offset", key, value, headers, ts FROM lgsp_transport.messages
       WHERE topic = $1 AND partition = $2 AND "offset" >= $3 ORDER BY "offset" LIMIT $4`,
      [topic, partition, from.toString(), max],
    );
    return r.rows.map((row) => ({
      topic,
      partition,
      offset: String(row.offset),
      key: row.key,
      value: row.value,
      headers: row.headers,
      timestamp: Number(row.ts),
    }));
  }

  async topicOffsets(topic: string): Promise<TopicPartitionOffsets[]> {
    await this.partitions(topic);
    const r = await this.pool.query(
      `SELECT p.partition, p.next_offset AS high,
              COALESCE((SELECT min("offset") FROM lgsp_transport.messages m
                        WHERE m.topic = p.topic AND m.partition = p.partition), p.next_offset) AS low
       FROM lgsp_transport.partitions p WHERE p.topic = $1 ORDER BY p.partition`,
      [topic],
    );
    return r.rows.map((row) => ({ partition: row.partition, low: String(row.low), high: String(row.high) }));
  }

  async groupOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    await this.partitions(topic);
    const r = await this.pool.query(
      `SELECT p.partition, COALESCE(g."offset", -1) AS offset
       FROM lgsp_transport.partitions p
       LEFT JOIN lgsp_transport.group_offsets g ON g.group_id = $2 AND g.topic = p.topic AND g.partition = p.partition
       WHERE p.topic = $1 ORDER BY p.partition`,
      [topic, groupId],
    );
    return r.rows.map((row) => ({ partition: row.partition, offset: String(row.offset) }));
  }

  async committedOffset(client: PoolClient, groupId: string, topic: string, partition: number): Promise<bigint | null> {
    const r = await client.query(
      `SELECT "offset" FROM lgsp_transport.group_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3`,
      [groupId, topic, partition],
    );
    return r.rowCount === 0 ? null : BigInt(r.rows[0].offset);
  }

  async commit(client: PoolClient | Pool, groupId: string, topic: string, partition: number, offset: bigint): Promise<void> {
    await client.query(
      `INSERT INTO lgsp_transport.group_offsets (group_id, topic, partition, "offset") VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET "offset" = EXCLUDED."offset", committed_at = now()`,
      [groupId, topic, partition, offset.toString()],
    );
  }

  async offsetsForTimestamp(topic: string, timestamp: number): Promise<PartitionOffset[]> {
    await this.partitions(topic);
    const r = await this.pool.query(
      `SELECT p.partition,
              COALESCE((SELECT min(m."offset") FROM lgsp_transport.messages m
                        WHERE m.topic = p.topic AND m.partition = p.partition AND m.ts >= $2), p.next_offset) AS offset
       FROM lgsp_transport.partitions p WHERE p.topic = $1 ORDER BY p.partition`,
      [topic, timestamp],
    );
    return r.rows.map((row) => ({ partition: row.partition, offset: String(row.offset) }));
  }

  async highWatermark(client: PoolClient, topic: string, partition: number): Promise<bigint> {
    const r = await client.query(`SELECT next_offset FROM lgsp_transport.partitions WHERE topic = $1 AND partition = $2`, [
      topic,
      partition,
    ]);
    return BigInt(r.rows[0]?.next_offset ?? 0);
  }
}
