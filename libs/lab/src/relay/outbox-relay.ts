import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { MESSAGE_HEADERS, SOURCE_NAMES, traceparentHeader, type SourceName } from '@lgsp/contracts';
import type { EventProducer, EventTransport, OutgoingMessage } from '@lgsp/transport';
import { OutboxRepository, type OutboxRow } from '../store/outbox-repository';
import { inTransaction } from '@lgsp/database';

export interface OutboxRelayOptions {
  sources?: readonly SourceName[];
  /** Events per send. Kafka caps a request per partition at about 1 MB; events are under 1 kB. */
  batchSize?: number;
  /** Pause between polls once an outbox is empty (continuous mode). */
  pollIntervalMs?: number;
  /**
   * Topic per source, when not the one stored in the rows (the contract's TOPICS): a
   * deployment with LGSP_TOPIC_PREFIX, or a test on its own topics.
   */
  topics?: Partial<Record<SourceName, string>>;
  onPublished?: (source: SourceName, count: number) => void;
  onError?: (source: SourceName, error: unknown) => void;
}

/**
 * Publishes the outboxes of the mock sources to the event transport. Per source, rows go out
 * in id order (the order their changes committed), in batches, and are deleted only after
 * the transport acknowledged them: a crash in between publishes them again (at-least-once;
 * consumers de-duplicate on eventId). One relay per source at a time holds its lock, so
 * two relay processes cannot interleave and break per-key order.
 */
export class OutboxRelay {
  private readonly outbox = new OutboxRepository();
  private readonly sources: readonly SourceName[];
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private producer?: Promise<EventProducer>;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(
    private readonly pool: Pool,
    private readonly transport: EventTransport,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.sources = options.sources ?? SOURCE_NAMES;
    this.batchSize = options.batchSize ?? 2000;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  /** Publishes until every outbox is empty; returns how many events went out. */
  async drain(): Promise<number> {
    const counts = await Promise.all(this.sources.map((s) => this.drainSource(s)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Keeps publishing, polling the outboxes, until stop(). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = Promise.all(this.sources.map((s) => this.poll(s))).then(() => undefined);
  }

  /** Stops polling after the batches in progress; call drain() after it to flush the rest. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    const producer = await this.producer;
    this.producer = undefined;
    await producer?.disconnect();
  }

  private async drainSource(source: SourceName): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.publishBatch(source);
      if (sent === 0) return total;
      total += sent;
    }
  }

  private async poll(source: SourceName): Promise<void> {
    while (!this.stopping) {
      let sent = 0;
      try {
        sent = await this.publishBatch(source);
      } catch (e) {
        this.options.onError?.(source, e);
      }
      if (sent === 0 && !this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One batch of one source; 0 when its outbox is empty or another relay holds it. */
  private async publishBatch(source: SourceName): Promise<number> {
    const producer = await this.connect();
    const sent = await inTransaction(this.pool, async (client) => {
      if (!(await this.outbox.tryLockForRelay(client, source))) return 0;
      const rows = await this.outbox.oldest(client, source, this.batchSize);
      if (rows.length === 0) return 0;
      for (const [topic, messages] of groupByTopic(rows, this.options.topics?.[source])) await producer.send(topic, messages);
      await this.outbox.remove(client, source, rows[0].id, rows[rows.length - 1].id);
      return rows.length;
    });
    if (sent > 0) this.options.onPublished?.(source, sent);
    return sent;
  }

  private connect(): Promise<EventProducer> {
    // A failed connection is not kept: the next batch tries again (the broker may be back).
    this.producer ??= this.transport.producer().catch((e: unknown) => {
      this.producer = undefined;
      throw e;
    });
    return this.producer;
  }
}

/** Rows per topic, each list in id order (a source writes one topic, so normally one group). */
function groupByTopic(rows: OutboxRow[], override: string | undefined): Map<string, OutgoingMessage[]> {
  const groups = new Map<string, OutgoingMessage[]>();
  // One call for the whole batch: random bytes per message cost more than the rest of the relay's work.
  const spanIds = randomBytes(8 * rows.length).toString('hex');
  rows.forEach((row, i) => {
    const topic = override ?? row.topic;
    let list = groups.get(topic);
    if (!list) groups.set(topic, (list = []));
    list.push(toMessage(row, spanIds.slice(16 * i, 16 * i + 16)));
  });
  return groups;
}

function toMessage(row: OutboxRow, spanId: string): OutgoingMessage {
  return {
    key: row.key,
    value: row.event,
    headers: {
      [MESSAGE_HEADERS.schemaVersion]: row.schemaVersion,
      // A new span per publication: a re-publication after a crash is a second attempt of the same trace.
      [MESSAGE_HEADERS.traceparent]: traceparentHeader(row.traceId, spanId),
    },
    // The source commit time, so seeking a topic to a time finds the changes committed then.
    timestamp: Date.parse(row.committedAt),
  };
}
