import { BatchControl, DeliveredMessage, MessageBatch } from '../event-transport';
import { classifyError, ErrorClassification } from '../errors/classify-error';
import { errorClassName, failureSignature, stackDigest } from '../errors/error-fingerprint';

/** Waits between attempts on a transient failure: ×2 from `initialMs` up to `maxMs`, then `maxMs` for ever. */
export interface RetryBounds {
  initialMs: number;
  /** The cap. A partition whose waits have reached it is reported `retrying`. */
  maxMs: number;
}

export const DEFAULT_RETRY_BOUNDS: RetryBounds = { initialMs: 200, maxMs: 10_000 };

/** A message set aside for the dead-letter topic: why, in terms that carry none of its values. */
export interface ProcessingFailure {
  message: DeliveredMessage;
  /** `processing:<kind>`, e.g. `processing:integrity-violation`. */
  reason: string;
  kind: string;
  errorClass: string;
  /** sha256 of the class and stack frames: equal for failures thrown at the same place. */
  stackDigest: string;
}

export interface RetryNotice {
  topic: string;
  partition: number;
  /** The offsets of the (part of the) batch that failed. */
  firstOffset: string;
  lastOffset: string;
  kind: string;
  attempt: number;
  delayMs: number;
  /** The wait has reached the cap: from now on the partition is reported retrying. */
  atCap: boolean;
  error: unknown;
}

export interface FailurePolicyOptions {
  retry: RetryBounds;
  /** Publishes dead letters; resolves once they are durable. Retried like a transient failure until it succeeds. */
  deadLetter(failures: ProcessingFailure[]): Promise<void>;
  onRetry(notice: RetryNotice): void;
  onDeadLetter(failure: ProcessingFailure, error: unknown): void;
  /** A batch that had to wait is done with, handled or abandoned: its partition no longer waits. */
  onSettled(topic: string, partition: number): void;
  /** For tests of the jitter; Math.random otherwise. */
  random?: () => number;
}

/** Thrown when a wait is cut short because the consumer is stopping or lost the partition: nothing is committed. */
export class BatchAbandoned extends Error {
  constructor() {
    super('batch abandoned: the consumer is stopping or the partition moved');
    this.name = 'BatchAbandoned';
  }
}

/**
 * Longest sleep between two heartbeats while waiting to retry: at most a third of the shortest
 * group session KAFKA_SESSION_TIMEOUT_MS allows (3 s; 6 s by default), so a worker waiting out a
 * failure is never taken for dead. kafkajs sends a heartbeat only once its interval has passed.
 */
const HEARTBEAT_SLICE_MS = 1000;

/**
 * One error policy for every transport, applied around a batch handler.
 *
 * Transient failures: the same batch is tried again after a growing, jittered wait, for ever;
 * its partition does not advance meanwhile (the batch is not committed), and nothing is skipped.
 * Poison failures, and a failure that may be poison (a constraint violation, or one nothing
 * recognises) once it happens twice in the same way on the same input: the batch is split in
 * halves, each run again, down to the message that fails on its own; that message goes to the
 * dead-letter topic and everything else of the batch is processed, so the batch can be committed.
 */
export class BatchFailurePolicy {
  private closing = false;
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: FailurePolicyOptions) {}

  async run(batch: MessageBatch, control: BatchControl, handle: (batch: MessageBatch) => Promise<void>): Promise<void> {
    const attempts = { count: 0 };
    try {
      await this.settle(batch, control, handle, attempts, undefined);
    } finally {
      if (attempts.count > 0) this.options.onSettled(batch.topic, batch.partition);
    }
  }

  /**
   * A step that follows a handled batch (archiving it): whatever fails is waited out and tried again like a
   * transient failure, never split or dead-lettered (the batch is handled already), until it succeeds or the
   * partition is no longer this consumer's.
   */
  async retryUntilDone(batch: MessageBatch, control: BatchControl, step: () => Promise<void>): Promise<void> {
    const attempts = { count: 0 };
    try {
      for (;;) {
        try {
          await step();
          return;
        } catch (e) {
          if (this.closing || !control.isActive()) throw e;
          await this.wait(batch, classifyError(e), e, control, attempts);
        }
      }
    } finally {
      if (attempts.count > 0) this.options.onSettled(batch.topic, batch.partition);
    }
  }

  /** Wakes every wait: the batches in them are abandoned, uncommitted. */
  close(): void {
    this.closing = true;
    for (const wake of this.sleepers) wake();
  }

  private async settle(
    batch: MessageBatch,
    control: BatchControl,
    handle: (batch: MessageBatch) => Promise<void>,
    attempts: { count: number },
    seen: string | undefined,
  ): Promise<void> {
    let last = seen;
    for (;;) {
      try {
        await handle(batch);
        return;
      } catch (e) {
        if (this.closing || !control.isActive()) throw e;
        const classified = classifyError(e);
        const signature = failureSignature(e);
        const repeated = classified.repeatsAsPoison && signature === last;
        if (classified.verdict === 'POISON' || repeated) {
          const kind = classified.recognised ? classified.kind : 'repeated-failure';
          if (batch.messages.length === 1) return this.setAside(batch, kind, e, control, attempts);
          // Halves in order: what precedes the poison message is handled before what follows it.
          const middle = Math.ceil(batch.messages.length / 2);
          await this.settle(part(batch, 0, middle), control, handle, attempts, signature);
          await this.settle(part(batch, middle), control, handle, attempts, signature);
          return;
        }
        last = signature;
        await this.wait(batch, classified, e, control, attempts);
      }
    }
  }

  private async setAside(
    single: MessageBatch,
    kind: string,
    error: unknown,
    control: BatchControl,
    attempts: { count: number },
  ): Promise<void> {
    const failure: ProcessingFailure = {
      message: single.messages[0],
      reason: `processing:${kind}`,
      kind,
      errorClass: errorClassName(error),
      stackDigest: stackDigest(error),
    };
    for (;;) {
      try {
        await this.options.deadLetter([failure]);
        this.options.onDeadLetter(failure, error);
        return;
      } catch (e) {
        // Never skipped: a message that cannot be dead-lettered yet keeps its partition waiting.
        if (this.closing || !control.isActive()) throw e;
        await this.wait(single, classifyError(e), e, control, attempts);
      }
    }
  }

  private async wait(
    batch: MessageBatch,
    classified: ErrorClassification,
    error: unknown,
    control: BatchControl,
    attempts: { count: number },
  ): Promise<void> {
    attempts.count++;
    const { initialMs, maxMs } = this.options.retry;
    const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempts.count - 1, 30));
    // "Equal jitter": half the wait fixed, half random, so partitions failing together do not retry together.
    const delayMs = Math.round(ceiling / 2 + ((this.options.random ?? Math.random)() * ceiling) / 2);
    this.options.onRetry({
      topic: batch.topic,
      partition: batch.partition,
      firstOffset: batch.messages[0]?.offset ?? '',
      lastOffset: batch.messages[batch.messages.length - 1]?.offset ?? '',
      kind: classified.kind,
      attempt: attempts.count,
      delayMs,
      atCap: ceiling >= maxMs,
      error,
    });
    for (let left = delayMs; left > 0; left -= HEARTBEAT_SLICE_MS) {
      await this.sleep(Math.min(left, HEARTBEAT_SLICE_MS));
      if (this.closing || !control.isActive()) throw new BatchAbandoned();
      await control.heartbeat();
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}

function part(batch: MessageBatch, start: number, end?: number): MessageBatch {
  return { ...batch, messages: batch.messages.slice(start, end) };
}
