import { Pool } from 'pg';
import { DeadLetterEntry } from '../dead-letter-entry';

export interface DeadLetterFilter {
  sourceTopic?: string;
  eventId?: string;
  traceId?: string;
  entityId?: string;
}

/** SQL of the dead-letter queue as a table (consumed from the dead-letter topic; a redelivery adds nothing). */
export class DeadLettersRepository {
  constructor(private readonly pool: Pool) {}

  async add(entries: DeadLetterEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.pool.query(
      `INSERT INTO metrics.dead_letters (topic, partition, "offset", source_topic, source_partition, source_offset, consumer_group,
         reason_kind, violations, failed_at, event_id, trace_id, entity_id)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[],
         $9::jsonb[], $10::timestamptz[], $11::text[], $12::text[], $13::text[])
       ON CONFLICT (topic, partition, "offset") DO NOTHING`,
      [
        entries.map((e) => e.topic),
        entries.map((e) => e.partition),
        entries.map((e) => e.offset),
        entries.map((e) => e.sourceTopic),
        entries.map((e) => e.sourcePartition),
        entries.map((e) => e.sourceOffset),
        entries.map((e) => e.consumerGroup),
        entries.map((e) => e.reasonKind),
        entries.map((e) => JSON.stringify(e.violations)),
        entries.map((e) => e.failedAt),
        entries.map((e) => e.eventId),
        entries.map((e) => e.traceId),
        entries.map((e) => e.entityId),
      ],
    );
  }

  /** The newest entries first, of a source topic, event, trace or record when given. */
  async recent(limit: number, filter: DeadLetterFilter = {}): Promise<DeadLetterEntry[]> {
    const r = await this.pool.query(
      `SELECT * FROM metrics.dead_letters WHERE ($2::text IS NULL OR source_topic = $2) AND ($3::text IS NULL OR event_id = $3)
         AND ($4::text IS NULL OR trace_id = $4) AND ($5::text IS NULL OR entity_id = $5)
       ORDER BY failed_at DESC NULLS LAST, topic, partition, "offset" DESC LIMIT $1`,
      [limit, filter.sourceTopic ?? null, filter.eventId?.toLowerCase() ?? null, filter.traceId ?? null, filter.entityId ?? null],
    );
    return r.rows.map((row) => ({
      topic: row.topic,
      partition: row.partition,
      offset: String(row.offset),
      sourceTopic: row.source_topic,
      sourcePartition: row.source_partition,
      sourceOffset: row.source_offset === null ? null : String(row.source_offset),
      consumerGroup: row.consumer_group,
      reasonKind: row.reason_kind,
      violations: row.violations,
      failedAt: row.failed_at instanceof Date ? row.failed_at.toISOString() : null,
      eventId: row.event_id,
      traceId: row.trace_id,
      entityId: row.entity_id,
    }));
  }

  async count(): Promise<number> {
    return Number((await this.pool.query(`SELECT count(*) FROM metrics.dead_letters`)).rows[0].count);
  }
}
