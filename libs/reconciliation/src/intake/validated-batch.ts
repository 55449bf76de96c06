import {
  AnySyncEvent,
  ContractViolation,
  deadLetterHeaders,
  deadLetterReasonFor,
  PRODUCER_FINDINGS,
  ProducerFindingKind,
  producerFindingsOf,
  refusedWhenStrict,
  SourceName,
  SyncEventOf,
  SyncEventValidator,
} from '@lgsp/contracts';
import { DeliveredMessage, EventProducer, MessageBatch, OutgoingMessage, produceRequests } from '@lgsp/transport';
import { EventRef, eventRefOf } from '../event-ref';

export interface ValidEvent<S extends SourceName> {
  event: SyncEventOf<S>;
  ref: EventRef;
  /** What its producer got wrong in a message that honours the schema (PRODUCER_FINDINGS). */
  findings: ProducerFindingKind[];
}

/** Per kind, how many messages of a batch carried each producer finding (reconciled or, when strict, refused). */
export type FindingCounts = Partial<Record<ProducerFindingKind, number>>;

export interface DeadLetterTarget {
  producer: EventProducer;
  topic: string;
  consumerGroup: string;
  /**
   * The delivered messages whose dead letter is durable already. The error policy hands the same
   * messages again when it retries a batch or halves it, and a message is validated on every run:
   * its dead letter is written on the first only. A redelivery (another fetch) brings new objects,
   * so it is dead-lettered once per delivery, as the topic's at-least-once semantics say.
   */
  sent: WeakSet<DeliveredMessage>;
  /** LGSP_STRICT_PRODUCERS: a key or header mistake is dead-lettered instead of reconciled. */
  strictProducers?: boolean;
}

/**
 * Splits a batch into the events that honour the contract and those that go to the
 * dead-letter topic: with their original bytes, headers and key, their source
 * coordinates and the reason (JSON paths only, never the offending values).
 */
export async function validateBatch<S extends SourceName>(
  source: S,
  batch: MessageBatch,
  validator: SyncEventValidator,
  deadLetters: DeadLetterTarget,
): Promise<{ valid: ValidEvent<S>[]; rejected: number; findings: FindingCounts }> {
  const findings: FindingCounts = {};
  const valid: ValidEvent<S>[] = [];
  const rejected: { message: DeliveredMessage; letter: OutgoingMessage }[] = [];
  const now = new Date();
  for (const message of batch.messages) {
    const result = validator.parse(source, message.value);
    let errors: ContractViolation[];
    if (result.ok) {
      const event = result.event as SyncEventOf<S> & { eventId: string; committedAt: string };
      const found = producerFindingsOf(result.event as unknown as AnySyncEvent, message);
      for (const kind of found) findings[kind] = (findings[kind] ?? 0) + 1;
      const refused = deadLetters.strictProducers ? refusedWhenStrict(found) : [];
      if (refused.length === 0) {
        valid.push({ event: result.event, ref: eventRefOf(message, event.eventId, event.committedAt), findings: found });
        continue;
      }
      errors = refused.map((kind) => ({ path: '', keyword: 'producer', message: `${kind}: ${PRODUCER_FINDINGS[kind].meaning}` }));
    } else {
      errors = result.errors;
    }
    {
      const origin = { topic: message.topic, partition: message.partition, offset: message.offset };
      const headers = deadLetterHeaders(
        { ...origin, consumerGroup: deadLetters.consumerGroup },
        deadLetterReasonFor(errors),
        now,
      );
      rejected.push({ message, letter: { key: message.key, value: message.value, headers: { ...message.headers, ...headers } } });
    }
  }
  const unsent = rejected.filter((r) => !deadLetters.sent.has(r.message));
  // In requests the broker accepts (PRODUCE_REQUEST_LIMITS), like results; each one remembered once durable.
  let done = 0;
  for (const letters of produceRequests(unsent.map((r) => r.letter))) {
    await deadLetters.producer.send(deadLetters.topic, letters);
    for (const { message } of unsent.slice(done, done + letters.length)) deadLetters.sent.add(message);
    done += letters.length;
  }
  return { valid, rejected: rejected.length, findings };
}
