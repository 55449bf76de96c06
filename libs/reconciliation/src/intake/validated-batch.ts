import { deadLetterHeaders, deadLetterReasonFor, SourceName, SyncEventOf, SyncEventValidator } from '@lgsp/contracts';
import { DeliveredMessage, EventProducer, MessageBatch, OutgoingMessage, produceRequests } from '@lgsp/transport';
import { EventRef, eventRefOf } from '../event-ref';

export interface ValidEvent<S extends SourceName> {
  event: SyncEventOf<S>;
  ref: EventRef;
}

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
): Promise<{ valid: ValidEvent<S>[]; rejected: number }> {
  const valid: ValidEvent<S>[] = [];
  const rejected: { message: DeliveredMessage; letter: OutgoingMessage }[] = [];
  const now = new Date();
  for (const message of batch.messages) {
    const result = validator.parse(source, message.value);
    if (result.ok) {
      const event = result.event as SyncEventOf<S> & { eventId: string; committedAt: string };
      valid.push({ event: result.event, ref: eventRefOf(message, event.eventId, event.committedAt) });
    } else {
      const origin = { topic: message.topic, partition: message.partition, offset: message.offset };
      const headers = deadLetterHeaders(
        { ...origin, consumerGroup: deadLetters.consumerGroup },
        deadLetterReasonFor(result.errors),
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
  return { valid, rejected: rejected.length };
}
