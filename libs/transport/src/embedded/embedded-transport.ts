import { Pool } from 'pg';
import {
  ConsumerOptions,
  EventConsumer,
  EventProducer,
  EventTransport,
  OutgoingMessage,
  PartitionOffset,
  SentRecord,
  TopicPartitionOffsets,
  TopicSpec,
} from '../event-transport';
import { EmbeddedConsumer, EmbeddedTiming, TransportWarning } from './embedded-consumer';
import { EmbeddedLog } from './embedded-log';
import { withTimeout } from '../with-timeout';

export interface EmbeddedTransportOptions {
  /** A pool on the database holding the lgsp_transport schema (see its migration). */
  pool: Pool;
  /** Partitions of a topic created on first use. */
  defaultPartitions?: number;
  timing?: Partial<EmbeddedTiming>;
  warn?: TransportWarning;
}

const DEFAULT_TIMING: EmbeddedTiming = { heartbeatMs: 1000, sessionTimeoutMs: 10_000, pollMs: 250, retryBackoffMs: 500 };

/**
 * The event transport for a single machine with only Node: the log lives in PostgreSQL,
 * so it is as durable as the results written next to it.
 */
export class EmbeddedTransport implements EventTransport {
  readonly kind = 'embedded' as const;
  private readonly log: EmbeddedLog;
  private readonly timing: EmbeddedTiming;
  private readonly consumers: EventConsumer[] = [];

  constructor(private readonly options: EmbeddedTransportOptions) {
    this.log = new EmbeddedLog(options.pool, options.defaultPartitions ?? 6);
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  async createTopics(topics: TopicSpec[]): Promise<void> {
    for (const t of topics) await this.log.createTopic(t.topic, t.partitions);
  }

  async deleteTopics(topics: string[]): Promise<void> {
    for (const t of topics) await this.log.deleteTopic(t);
  }

  async producer(): Promise<EventProducer> {
    const log = this.log;
    return {
      send: (topic: string, messages: OutgoingMessage[]): Promise<SentRecord[]> =>
        messages.length === 0 ? Promise.resolve([]) : log.append(topic, messages),
      disconnect: async () => undefined,
    };
  }

  consumer(options: ConsumerOptions): EventConsumer {
    const consumer = new EmbeddedConsumer(
      this.options.pool,
      this.log,
      options,
      this.timing,
      this.options.warn ?? (() => undefined),
    );
    this.consumers.push(consumer);
    return consumer;
  }

  topicOffsets(topic: string): Promise<TopicPartitionOffsets[]> {
    return this.log.topicOffsets(topic);
  }

  async probe(topic: string, timeoutMs: number): Promise<void> {
    const found = await withTimeout(
      this.options.pool.query('SELECT 1 FROM lgsp_transport.topics WHERE name = $1', [topic]),
      timeoutMs,
      `the transport's database did not answer within ${timeoutMs} ms`,
    );
    if (found.rowCount === 0) throw new Error(`no topic ${topic}`);
  }

  groupOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    return this.log.groupOffsets(groupId, topic);
  }

  offsetsForTimestamp(topic: string, timestamp: number): Promise<PartitionOffset[]> {
    return this.log.offsetsForTimestamp(topic, timestamp);
  }

  async setGroupOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void> {
    for (const o of offsets) await this.log.commit(this.options.pool, groupId, topic, o.partition, BigInt(o.offset));
  }

  async close(): Promise<void> {
    for (const c of this.consumers.splice(0)) await c.stop();
  }
}
