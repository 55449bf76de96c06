import { Admin, Consumer, ConsumerRunConfig, Kafka, KafkaConfig, logLevel, Producer, CompressionTypes } from 'kafkajs';
import {
  BatchControl,
  BatchHandler,
  ConsumerOptions,
  DeliveredMessage,
  EventConsumer,
  EventProducer,
  EventTransport,
  OutgoingMessage,
  PartitionOffset,
  SentRecord,
  TopicPartition,
  TopicPartitionOffsets,
  TopicSpec,
} from '../event-transport';
import { withTimeout } from '../with-timeout';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId?: string;
  /** Forwarded kafkajs log lines (kafkaLogCreator routes them to the project's logger); defaults to nothing. */
  logCreator?: KafkaConfig['logCreator'];
  /** The group session of consumers: a member silent this long loses its partitions (default 6000). */
  sessionTimeoutMs?: number;
  /** How often consumers heartbeat (default 500): well under a third of the session. */
  heartbeatIntervalMs?: number;
  /** The longest an admin request (offsets, lag, topics) may take, kafkajs' retries included (default 20000). */
  adminTimeoutMs?: number;
}

/**
 * An admin request that neither answered nor failed in time. Retriable: the broker is slow or away,
 * or the admin client's connection is wedged; the next request gets a new client.
 */
export class BrokerRequestTimeout extends Error {
  override readonly name = 'BrokerRequestTimeout';
  readonly retriable = true;
}

function headersOf(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? String(v[v.length - 1]) : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return out;
}

class KafkaEventProducer implements EventProducer {
  constructor(private readonly producer: Producer) {}

  async send(topic: string, messages: OutgoingMessage[]): Promise<SentRecord[]> {
    if (messages.length === 0) return [];
    const result = await this.producer.send({
      topic,
      // acks=-1: a result is only "sent" once the broker has it durably.
      acks: -1,
      compression: CompressionTypes.None,
      messages: messages.map((m) => ({
        key: m.key,
        value: m.value,
        headers: m.headers,
        timestamp: m.timestamp === undefined ? undefined : String(m.timestamp),
      })),
    });
    return result.map((r) => ({ topic: r.topicName, partition: r.partition, baseOffset: r.baseOffset ?? '0' }));
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Waits before restart n (1-based) of a consumer kafkajs gave up on: 0.5 s, 1 s, 2 s … at most 30 s. */
const restartDelayMs = (n: number) => Math.min(30_000, 500 * 2 ** (n - 1));

class KafkaEventConsumer implements EventConsumer {
  private owned: TopicPartition[] = [];
  /** kafkajs has a consumer group running: pause/resume may be forwarded to it. */
  private running = false;
  private stopping = false;
  private readonly paused = new Set<string>();
  private handler: BatchHandler | undefined;
  /** Restarts since the last batch handled: bounded, so a consumer that cannot run ends as crashed. */
  private restarts = 0;
  private down = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly consumer: Consumer,
    private readonly options: ConsumerOptions,
  ) {
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.owned = Object.entries(e.payload.memberAssignment).flatMap(([topic, partitions]) =>
        (partitions as number[]).map((partition) => ({ topic, partition })),
      );
      // A restarted consumer is a new kafkajs consumer group: the pauses asked before are applied again.
      this.running = true;
      this.applyPauses();
      if (this.down) {
        this.down = false;
        this.options.onRecover?.();
      }
    });
    consumer.on(consumer.events.CRASH, (e) => this.crashed(e.payload.error, e.payload.restart));
  }

  async subscribe(topics: string[]): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? false });
  }

  async run(handler: BatchHandler): Promise<void> {
    this.handler = handler;
    await this.consumer.run(this.runConfig(handler));
    this.running = true;
    this.applyPauses();
  }

  private runConfig(handler: BatchHandler): ConsumerRunConfig {
    const max = this.options.maxBatchSize ?? Number.POSITIVE_INFINITY;
    return {
      autoCommit: true,
      // Commit after every batch: a restart then redelivers at most the batch in flight.
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        await this.options.beforeBatch?.(batch.topic);
        // A fetch already under way when the topic was paused (or paused by the gate above): left unresolved, it comes
        // again on resume.
        if (this.paused.has(batch.topic)) return this.consumer.pause([{ topic: batch.topic }]);
        const control: BatchControl = { isActive: () => isRunning() && !isStale(), heartbeat };
        const all: DeliveredMessage[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key === null ? null : m.key.toString('utf8'),
          value: m.value ?? Buffer.alloc(0),
          headers: headersOf(m.headers),
          timestamp: Number(m.timestamp),
        }));
        for (let i = 0; i < all.length; i += max) {
          if (!control.isActive()) return;
          const messages = all.slice(i, i + max);
          try {
            await handler(
              { topic: batch.topic, partition: batch.partition, messages, highWatermark: batch.highWatermark },
              control,
            );
          } catch (e) {
            // Stopping or revoked mid-batch: not resolved, so it is fetched again, here or by the new owner.
            if (!control.isActive()) return;
            throw e;
          }
          resolveOffset(messages[messages.length - 1].offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
          this.restarts = 0;
        }
      },
    };
  }

  /**
   * kafkajs stops a consumer for good on an error it deems non-retriable (a TypeError thrown by
   * a handler, a coordinator it cannot find) and says so with `restart: false`. A live process
   * with a dead consumer is the worst outcome, so it is started again, a bounded number of
   * times in a row; past that it reports itself crashed for good and the owner ends the process.
   */
  private crashed(error: unknown, restartedByKafkajs: boolean): void {
    if (this.stopping) return;
    this.running = false;
    this.down = true;
    if (restartedByKafkajs) {
      this.options.onCrash?.({ error, restarting: true });
      return;
    }
    if (this.restarts >= (this.options.maxRestarts ?? 5)) {
      this.options.onCrash?.({ error, restarting: false });
      return;
    }
    this.restarts++;
    this.options.onCrash?.({ error, restarting: true });
    this.restartTimer = setTimeout(() => void this.restart(), restartDelayMs(this.restarts));
  }

  private async restart(): Promise<void> {
    if (this.stopping || !this.handler) return;
    try {
      await this.consumer.connect();
      // A failure to join from here on is reported by kafkajs as another crash.
      await this.consumer.run(this.runConfig(this.handler));
    } catch (e) {
      this.crashed(e, false);
    }
  }

  private applyPauses(): void {
    if (this.running && this.paused.size > 0) this.consumer.pause([...this.paused].map((topic) => ({ topic })));
  }

  seek(topic: string, partition: number, offset: string): void {
    this.consumer.seek({ topic, partition, offset });
  }

  pause(topics: string[]): void {
    for (const topic of topics) this.paused.add(topic);
    // kafkajs pauses only a running consumer; run() applies what was asked before it.
    if (this.running) this.consumer.pause(topics.map((topic) => ({ topic })));
  }

  resume(topics: string[]): void {
    for (const topic of topics) this.paused.delete(topic);
    if (this.running) this.consumer.resume(topics.map((topic) => ({ topic })));
  }

  pausedTopics(): string[] {
    return [...this.paused];
  }

  assignment(): TopicPartition[] {
    return this.owned;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    // Also when not running: it cancels a restart kafkajs itself has scheduled.
    await this.consumer.stop();
    await this.consumer.disconnect();
    this.running = false;
  }
}

export class KafkaTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private adminClient: { admin: Admin; connected: Promise<void> } | undefined;
  private readonly producers: EventProducer[] = [];
  private readonly consumers: KafkaEventConsumer[] = [];
  private closing = 'open';

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'lgsp',
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: options.logCreator ?? (() => () => undefined),
      retry: { initialRetryTime: 100, retries: 8 },
    });
  }

  /**
   * Runs a request on the shared admin client, bounded in time. After any failure or timeout the
   * client is dropped and the next request connects a new one: a kafkajs admin that lived through a
   * broker outage can keep failing for good, or wait on its retries for minutes, and lag checks
   * (registry-first before every sectoral batch, monitoring, the fault suite's progress) must neither
   * hang nor miss the broker coming back.
   */
  private async withAdmin<T>(what: string, request: (admin: Admin) => Promise<T>): Promise<T> {
    if (!this.adminClient) {
      const admin = this.kafka.admin();
      this.adminClient = { admin, connected: admin.connect() };
    }
    const current = this.adminClient;
    const bound = this.options.adminTimeoutMs ?? 20_000;
    try {
      return await withTimeout(
        current.connected.then(() => request(current.admin)),
        bound,
        () => new BrokerRequestTimeout(`the broker did not answer ${what} within ${bound} ms (retriable)`),
      );
    } catch (e) {
      if (this.adminClient === current) {
        this.adminClient = undefined;
        // Not awaited, and also while still connecting: it ends kafkajs' retries of a client nobody uses any more.
        void current.admin.disconnect().catch(() => undefined);
      }
      throw e;
    }
  }

  async createTopics(topics: TopicSpec[]): Promise<void> {
    await this.withAdmin('a topic creation', async (admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.topic));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions,
          replicationFactor: -1,
          configEntries: [
            ...(t.retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(t.retentionMs) }]),
            ...(t.maxMessageBytes === undefined ? [] : [{ name: 'max.message.bytes', value: String(t.maxMessageBytes) }]),
          ],
        })),
      });
    });
  }

  async deleteTopics(topics: string[]): Promise<void> {
    await this.withAdmin('a topic deletion', async (admin) => {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((t) => existing.has(t));
      if (present.length > 0) await admin.deleteTopics({ topics: present });
    });
  }

  async producer(options: { idempotent?: boolean } = {}): Promise<EventProducer> {
    const idempotent = options.idempotent ?? false;
    // kafkajs keeps an idempotent producer's order only with one request in flight.
    const producer = this.kafka.producer({ allowAutoTopicCreation: true, idempotent, maxInFlightRequests: idempotent ? 1 : 5 });
    await producer.connect();
    const wrapped = new KafkaEventProducer(producer);
    this.producers.push(wrapped);
    return wrapped;
  }

  consumer(options: ConsumerOptions): EventConsumer {
    const consumer = new KafkaEventConsumer(
      this.kafka.consumer({
        groupId: options.groupId,
        sessionTimeout: this.options.sessionTimeoutMs ?? 6000,
        heartbeatInterval: this.options.heartbeatIntervalMs ?? 500,
        rebalanceTimeout: 20_000,
        maxBytesPerPartition: 4 * 1024 * 1024,
        maxWaitTimeInMs: 100,
      }),
      options,
    );
    this.consumers.push(consumer);
    return consumer;
  }

  async topicOffsets(topic: string): Promise<TopicPartitionOffsets[]> {
    const offsets = await this.withAdmin(`the offsets of ${topic}`, (admin) => admin.fetchTopicOffsets(topic));
    return offsets.map((o) => ({ partition: o.partition, low: o.low, high: o.high })).sort((a, b) => a.partition - b.partition);
  }

  /** A short-lived admin client of its own, without retries: a probe during an outage fails fast and leaves nothing broken. */
  async probe(topic: string, timeoutMs: number): Promise<void> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await withTimeout(
        (async () => {
          await admin.connect();
          const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
          const partitions = topics[0]?.partitions ?? [];
          if (partitions.length === 0 || partitions.some((p) => p.leader < 0))
            throw new Error(`topic ${topic} has a partition without a leader`);
        })(),
        timeoutMs,
        `the broker did not describe ${topic} within ${timeoutMs} ms`,
      );
    } finally {
      // Not awaited: during an outage a disconnect can wait on the connect it cancels, past the probe's bound.
      void admin.disconnect().catch(() => undefined);
    }
  }

  async groupOffsets(groupId: string, topic: string): Promise<PartitionOffset[]> {
    const [result] = await this.withAdmin(`the committed offsets of ${topic}`, (admin) =>
      admin.fetchOffsets({ groupId, topics: [topic] }),
    );
    return (result?.partitions ?? [])
      .map((p) => ({ partition: p.partition, offset: p.offset }))
      .sort((a, b) => a.partition - b.partition);
  }

  async offsetsForTimestamp(topic: string, timestamp: number): Promise<PartitionOffset[]> {
    const offsets = await this.withAdmin(`the offsets of ${topic} at a time`, (admin) =>
      admin.fetchTopicOffsetsByTimestamp(topic, timestamp),
    );
    return offsets.map((o) => ({ partition: o.partition, offset: o.offset })).sort((a, b) => a.partition - b.partition);
  }

  async setGroupOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void> {
    await this.withAdmin(`a move of the offsets of ${topic}`, (admin) =>
      admin.setOffsets({ groupId, topic, partitions: offsets }),
    );
  }

  async close(): Promise<void> {
    for (const c of this.consumers.splice(0)) {
      this.closing = `stopping the consumer of group ${c.groupId}`;
      await c.stop().catch(() => undefined);
    }
    const producers = this.producers.splice(0);
    for (const [i, p] of producers.entries()) {
      this.closing = `disconnecting producer ${i + 1} of ${producers.length}`;
      await p.disconnect().catch(() => undefined);
    }
    this.closing = 'disconnecting the admin client';
    const admin = this.adminClient;
    this.adminClient = undefined;
    await admin?.admin.disconnect().catch(() => undefined);
    this.closing = 'closed';
  }

  closingStep(): string {
    return this.closing;
  }
}
