/**
 * The event transport the pipeline relies on, with two engines: Apache Kafka (production,
 * scales out) and an embedded one durable in PostgreSQL (a laptop, a single process).
 * Both keep the same semantics, checked by one conformance suite: topics with partitions,
 * ordering per key, consumer groups with committed offsets, at-least-once delivery, and
 * seeking to an offset or a timestamp for replay.
 */
export interface OutgoingMessage {
  /** Messages with the same key land on the same partition, in order. */
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
  /** Milliseconds since the epoch; defaults to the time of sending. */
  timestamp?: number;
}

export interface DeliveredMessage {
  topic: string;
  partition: number;
  /** Offsets are decimal strings: Kafka's are 64-bit. */
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: number;
}

export interface MessageBatch {
  topic: string;
  partition: number;
  messages: DeliveredMessage[];
  /** The partition's log-end offset when the batch was fetched (for lag). */
  highWatermark: string;
}

/** What a handler may ask of the consumer while it works on a batch (e.g. while it waits to retry). */
export interface BatchControl {
  /**
   * false once the consumer is stopping or the partition has moved to another member: the
   * batch is then no longer this handler's to finish (it is delivered again, there or here).
   */
  isActive(): boolean;
  /** Tells the group this member is alive during a long batch; may throw when the group is rebalancing. */
  heartbeat(): Promise<void>;
}

/**
 * Handles one batch of one partition. Offsets are committed only after it resolves,
 * so a failure (or a crash) redelivers the batch: at-least-once.
 */
export type BatchHandler = (batch: MessageBatch, control: BatchControl) => Promise<void>;

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** How long the broker keeps its messages (Kafka's retention.ms); absent: the broker's default. The embedded log keeps every message. */
  retentionMs?: number;
  /** The topic's largest record (Kafka's `max.message.bytes`); the broker's default when absent. */
  maxMessageBytes?: number;
}

export interface PartitionOffset {
  partition: number;
  offset: string;
}

export interface TopicPartitionOffsets {
  partition: number;
  /** The first offset still held. */
  low: string;
  /** The log-end offset: the offset the next message will get. */
  high: string;
}

export interface SentRecord {
  topic: string;
  partition: number;
  /** Offset of the first message sent to this partition in the call. */
  baseOffset: string;
}

export interface EventProducer {
  send(topic: string, messages: OutgoingMessage[]): Promise<SentRecord[]>;
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  groupId: string;
  /** Where a group with no committed offset starts: the beginning, or only new messages. */
  fromBeginning?: boolean;
  /** Upper bound on messages handed to one batch handler call. */
  maxBatchSize?: number;
  /** How many partitions one consumer handles at the same time. */
  partitionsConsumedConcurrently?: number;
  /** Told when the consumer stops by itself (a failure in the engine, or thrown by the handler). */
  onCrash?: (crash: ConsumerCrash) => void;
  /** Told when a consumer that crashed consumes again. */
  onRecover?: () => void;
  /**
   * How many times in a row a consumer the engine gave up on is started again before it reports
   * itself crashed for good (`restarting: false`); default 5.
   */
  maxRestarts?: number;
  /**
   * Runs before a fetched batch is handled, and may pause its topic: a batch whose topic is paused by then is not
   * handled nor committed, and comes again on resume (registry first's gate). Must not throw.
   */
  beforeBatch?: (topic: string) => Promise<void>;
}

export interface ConsumerCrash {
  error: unknown;
  /** false: the consumer will not consume again; the process should exit and be restarted. */
  restarting: boolean;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface EventConsumer {
  subscribe(topics: string[]): Promise<void>;
  /** Joins the group and starts delivering batches; resolves once it is running. */
  run(handler: BatchHandler): Promise<void>;
  /** Moves the position of a partition this consumer is reading; the next batch starts there. */
  seek(topic: string, partition: number, offset: string): void;
  /** Stops fetching from these topics (their partitions stay assigned) until resumed. */
  pause(topics: string[]): void;
  resume(topics: string[]): void;
  /** The topics paused now. */
  pausedTopics(): string[];
  /** The partitions this consumer owns now. */
  assignment(): TopicPartition[];
  stop(): Promise<void>;
}

export interface EventTransport {
  readonly kind: 'kafka' | 'embedded';
  createTopics(topics: TopicSpec[]): Promise<void>;
  deleteTopics(topics: string[]): Promise<void>;
  /** `idempotent`: the broker drops a retried request's duplicates (Kafka; the embedded log writes once anyway). */
  producer(options?: { idempotent?: boolean }): Promise<EventProducer>;
  consumer(options: ConsumerOptions): EventConsumer;
  topicOffsets(topic: string): Promise<TopicPartitionOffsets[]>;
  /**
   * Resolves if the transport serves this topic now, rejects within `timeoutMs` if not. For
   * readiness checks: it uses no client the consumers or producers share, so a failed probe
   * cannot leave one of them broken.
   */
  probe(topic: string, timeoutMs: number): Promise<void>;
  /** Committed offsets of a group ('-1' where the group has none). */
  groupOffsets(groupId: string, topic: string): Promise<PartitionOffset[]>;
  /** Per partition, the first offset whose timestamp is at or after `timestamp` (or the log end). */
  offsetsForTimestamp(topic: string, timestamp: number): Promise<PartitionOffset[]>;
  /** Sets the committed offsets of a group that has no running member (replay from a point). */
  setGroupOffsets(groupId: string, topic: string, offsets: PartitionOffset[]): Promise<void>;
  close(): Promise<void>;
  /** What close() is doing now, where it can say (a stop that overruns its deadline names it). */
  closingStep?(): string;
}

/** Seeks every partition of a topic to the first message at or after a time. */
export async function seekToTimestamp(
  transport: EventTransport,
  consumer: EventConsumer,
  topic: string,
  timestamp: number,
): Promise<PartitionOffset[]> {
  const offsets = await transport.offsetsForTimestamp(topic, timestamp);
  for (const { partition, offset } of offsets) consumer.seek(topic, partition, offset);
  return offsets;
}
