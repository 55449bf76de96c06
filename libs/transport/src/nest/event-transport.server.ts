import { BaseRpcContext, CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { BatchControl, ConsumerCrash, EventConsumer, EventTransport, MessageBatch } from '../event-transport';
import { classifyError } from '../errors/classify-error';
import { errorClassName, stackDigest } from '../errors/error-fingerprint';
import { BatchFailurePolicy, DEFAULT_RETRY_BOUNDS, ProcessingFailure, RetryBounds, RetryNotice } from './batch-failure-policy';
import { ConsumerState, ConsumerStatus } from './consumer-status';
import { StallWatch } from './stall-watch';

/** What an `@EventPattern(topic)` handler receives as its context: the batch and its partition. */
export class EventBatchContext extends BaseRpcContext<[MessageBatch]> {
  getBatch(): MessageBatch {
    return this.args[0];
  }
}

/** Told what the error policy does, e.g. to count it; the server logs it already. */
export interface ConsumerObserver {
  onRetry?(notice: RetryNotice): void;
  onDeadLetter?(failure: ProcessingFailure): void;
  onCrash?(crash: ConsumerCrash): void;
}

export interface EventTransportServerOptions {
  transport: EventTransport;
  groupId: string;
  fromBeginning?: boolean;
  maxBatchSize?: number;
  partitionsConsumedConcurrently?: number;
  /** Maps a handler's pattern to the topic it consumes (deployments and tests name topics differently). */
  topicOf?: (pattern: string) => string;
  /** Runs once subscribed, before the first fetch: e.g. to pause topics that must not start yet. */
  beforeRun?: (consumer: EventConsumer) => Promise<void>;
  /** Runs before each fetched batch is handled; a topic it pauses is not handled now (ConsumerOptions.beforeBatch). */
  beforeBatch?: (topic: string) => Promise<void>;
  /**
   * Publishes the messages the policy set aside (in the project's dead-letter format); resolves once
   * they are durable. Until it succeeds, the partition waits: nothing is skipped.
   */
  deadLetter: (failures: ProcessingFailure[]) => Promise<void>;
  /** Backoff of transient failures; defaults to 200 ms doubling up to 10 s. */
  retry?: Partial<RetryBounds>;
  /** Restarts in a row of a consumer the engine gave up on, before it counts as crashed for good. */
  maxRestarts?: number;
  observer?: ConsumerObserver;
  /** The consumer crashed for good: it will not consume again. A process should exit (non-zero) here. */
  onCrashed?: (error: unknown) => void;
  /**
   * Runs once a batch is handled (its decisions and dead letters durable) and before its offsets are committed: the
   * event archive. A failure is retried like a transient one; a crash before it ends delivers the batch again.
   */
  afterBatch?: (batch: MessageBatch) => Promise<void>;
  /** Messages waiting on this consumer's partitions and none processed for this long: stalled (0 or absent: never). */
  stallMs?: number;
}

interface WaitingPartition {
  topic: string;
  partition: number;
  kind: string;
  attempts: number;
  since: Date;
  atCap: boolean;
}

/**
 * A Nest microservice strategy over either event transport. Unlike the stock Kafka
 * transport, which calls a handler per message, it hands each `@EventPattern(topic)`
 * handler a whole batch of one partition, so handlers can read and write in bulk. A failing
 * handler meets one policy on both transports (BatchFailurePolicy): transient failures are
 * retried with backoff on the same batch, poison messages are isolated and dead-lettered, so a
 * handler's error never reaches the transport and never stops its consumer.
 */
export class EventTransportServer extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer | undefined;
  private readonly patternOf = new Map<string, string>();
  private readonly policy: BatchFailurePolicy;
  private readonly waiting = new Map<string, WaitingPartition>();
  private lifecycle: 'starting' | 'running' | 'restarting' | 'crashed' | 'stopped' = 'starting';
  private lastCrash: ConsumerStatus['crash'];
  private readonly stallWatch: StallWatch;
  private stallTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: EventTransportServerOptions) {
    super();
    this.stallWatch = new StallWatch({
      stallMs: options.stallMs ?? 0,
      lagOf: () => this.waitingOnOwnPartitions(),
      onStall: (stall) =>
        this.logger.error(
          { msg: 'consumer stalled: messages are waiting and none was processed', groupId: options.groupId, ...stall },
          undefined,
        ),
      onRecover: (stall) =>
        this.logger.log?.({ msg: 'consumer processes again after a stall', groupId: options.groupId, ...stall }),
    });
    this.policy = new BatchFailurePolicy({
      retry: { ...DEFAULT_RETRY_BOUNDS, ...options.retry },
      deadLetter: options.deadLetter,
      onRetry: (notice) => this.retrying(notice),
      onDeadLetter: (failure) => this.deadLettered(failure),
      onSettled: (topic, partition) => this.waiting.delete(`${topic}/${partition}`),
    });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topicOf = this.options.topicOf ?? ((pattern: string) => pattern);
      for (const pattern of this.messageHandlers.keys()) this.patternOf.set(topicOf(pattern), pattern);
      const topics = [...this.patternOf.keys()];
      if (topics.length === 0) return callback();
      const consumer = this.options.transport.consumer({
        groupId: this.options.groupId,
        fromBeginning: this.options.fromBeginning ?? true,
        maxBatchSize: this.options.maxBatchSize,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
        maxRestarts: this.options.maxRestarts,
        beforeBatch: this.options.beforeBatch,
        onCrash: (crash) => this.crashed(crash),
        onRecover: () => {
          if (this.lifecycle === 'restarting') this.lifecycle = 'running';
        },
      });
      this.consumer = consumer;
      await consumer.subscribe(topics);
      await this.options.beforeRun?.(consumer);
      await consumer.run((batch, control) => this.dispatch(batch, control));
      if (this.lifecycle === 'starting') this.lifecycle = 'running';
      this.watchForStalls();
      callback();
    } catch (e) {
      callback(e);
    }
  }

  /** What the consumer is doing now, for readiness checks and metrics. */
  consumerStatus(): ConsumerStatus {
    const retrying = [...this.waiting.values()]
      .filter((w) => w.atCap)
      .map((w) => ({ topic: w.topic, partition: w.partition, kind: w.kind, attempts: w.attempts, since: w.since.toISOString() }));
    const pausedTopics = this.consumer?.pausedTopics() ?? [];
    let state: ConsumerState;
    if (this.lifecycle === 'crashed' || this.lifecycle === 'stopped' || this.lifecycle === 'starting') state = this.lifecycle;
    else if (this.lifecycle === 'restarting' || retrying.length > 0) state = 'retrying';
    else state = pausedTopics.length > 0 ? 'paused' : 'running';
    const stalled = this.stallWatch.stalled();
    return {
      state,
      retrying,
      pausedTopics,
      ...(this.lastCrash ? { crash: this.lastCrash } : {}),
      ...(stalled ? { stalled } : {}),
    };
  }

  private watchForStalls(): void {
    const stallMs = this.options.stallMs ?? 0;
    if (stallMs <= 0) return;
    let checking = false;
    this.stallTimer = setInterval(
      () => {
        if (checking) return;
        checking = true;
        void this.stallWatch.check().finally(() => (checking = false));
      },
      Math.max(1000, Math.min(5000, stallMs / 4)),
    );
    this.stallTimer.unref();
  }

  /** Messages after the group's committed offsets on the partitions this consumer owns, paused topics left out (held on purpose). */
  private async waitingOnOwnPartitions(): Promise<number | undefined> {
    const consumer = this.consumer;
    if (!consumer || this.lifecycle === 'stopped') return undefined;
    const paused = new Set(consumer.pausedTopics());
    const owned = consumer.assignment().filter((p) => !paused.has(p.topic));
    let lag = 0;
    for (const topic of new Set(owned.map((p) => p.topic))) {
      const [ends, committed] = await Promise.all([
        this.options.transport.topicOffsets(topic),
        this.options.transport.groupOffsets(this.options.groupId, topic),
      ]);
      for (const { partition } of owned.filter((p) => p.topic === topic)) {
        const end = BigInt(ends.find((e) => e.partition === partition)?.high ?? '0');
        const low = BigInt(ends.find((e) => e.partition === partition)?.low ?? '0');
        const at = BigInt(committed.find((c) => c.partition === partition)?.offset ?? '-1');
        lag += Number(end - (at < low ? low : at));
      }
    }
    return lag;
  }

  private async dispatch(batch: MessageBatch, control: BatchControl): Promise<void> {
    const handler = this.getHandlerByPattern(this.patternOf.get(batch.topic) ?? batch.topic);
    // A wiring mistake, not a property of any message: thrown to the transport, which redelivers.
    if (!handler) throw new Error(`no handler for topic ${batch.topic}`);
    try {
      await this.policy.run(batch, control, (part) => this.invoke(handler, part));
      const after = this.options.afterBatch;
      if (after) await this.policy.retryUntilDone(batch, control, () => after(batch));
    } catch (e) {
      // What reaches the transport (a wiring mistake, an abandoned batch) names where it happened.
      const first = batch.messages[0]?.offset;
      const last = batch.messages[batch.messages.length - 1]?.offset;
      if (control.isActive())
        this.logger.error(
          {
            msg: 'batch handler failed; the batch is delivered again',
            topic: batch.topic,
            partition: batch.partition,
            firstOffset: first,
            lastOffset: last,
            errorClass: errorClassName(e),
            stackDigest: stackDigest(e),
          },
          undefined,
        );
      throw e;
    }
    this.stallWatch.progressed();
  }

  private async invoke(handler: MessageHandler, batch: MessageBatch): Promise<void> {
    const result = await handler(batch, new EventBatchContext([batch]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private retrying(notice: RetryNotice): void {
    const key = `${notice.topic}/${notice.partition}`;
    const since = this.waiting.get(key)?.since ?? new Date();
    this.waiting.set(key, { ...notice, attempts: notice.attempt, since });
    const classified = classifyError(notice.error);
    this.logger.warn?.({
      msg: notice.atCap ? 'batch still failing; retrying at the capped delay' : 'batch failed; retrying',
      topic: notice.topic,
      partition: notice.partition,
      firstOffset: notice.firstOffset,
      lastOffset: notice.lastOffset,
      kind: notice.kind,
      errorClass: errorClassName(notice.error),
      stackDigest: stackDigest(notice.error),
      // A recognised transient failure's message names a host or a SQLSTATE, not a record's values;
      // one that may be the input's own (a constraint violation) may quote them.
      ...(classified.recognised && !classified.repeatsAsPoison ? { error: (notice.error as Error).message } : {}),
      attempt: notice.attempt,
      delayMs: notice.delayMs,
    });
    this.options.observer?.onRetry?.(notice);
  }

  private deadLettered(failure: ProcessingFailure): void {
    const m = failure.message;
    this.logger.warn?.({
      msg: 'message dead-lettered: it fails on its own',
      topic: m.topic,
      partition: m.partition,
      offset: m.offset,
      reason: failure.reason,
      errorClass: failure.errorClass,
      stackDigest: failure.stackDigest,
    });
    this.options.observer?.onDeadLetter?.(failure);
  }

  private crashed(crash: ConsumerCrash): void {
    this.lifecycle = crash.restarting ? 'restarting' : 'crashed';
    this.lastCrash = {
      errorClass: errorClassName(crash.error),
      kind: classifyError(crash.error).kind,
      restarting: crash.restarting,
    };
    this.logger.error(
      {
        msg: crash.restarting ? 'consumer crashed; restarting it' : 'consumer crashed for good',
        groupId: this.options.groupId,
        ...this.lastCrash,
        stackDigest: stackDigest(crash.error),
      },
      undefined,
    );
    this.options.observer?.onCrash?.(crash);
    if (!crash.restarting) this.options.onCrashed?.(crash.error);
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    this.lifecycle = 'stopped';
    clearInterval(this.stallTimer);
    // stop() first, so the transport knows it is stopping when the policy's waits wake and give up.
    const stopped = consumer?.stop();
    this.policy.close();
    await stopped;
  }

  on(): never {
    throw new Error('EventTransportServer emits no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
