import { deadLetterHeaders, deadLetterReasonFor, SourceName, SyncEventOf, SyncEventValidator } from '@lgsp/contracts';
import { DeliveredMessage, EventProducer, MessageBatch } from '@lgsp/transport';
import { EventRef, eventRefOf } from '../event-ref';

export interface ValidEvent<S extends SourceName> {
  event: SyncEventOf<S>;
  ref: EventRef;
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
  deadLetters: { producer: EventProducer; topic: string; consumerGroup: string },
): Promise<{ valid: ValidEvent<S>[]; rejected: number }> {
  const valid: ValidEvent<S>[] = [];
  const rejected: DeliveredMessage[] = [];
  const reasons: ReturnType<typeof deadLetterReasonFor>[] = [];
  for (const message of batch.messages) {
    const result = validator.parse(source, message.value);
    if (result.ok) {
      const event = result.event as SyncEventOf<S> & { eventId: string; committedAt: string };
      valid.push({ event: result.event, ref: eventRefOf(message, event.eventId, event.committedAt) });
    } else {
      rejected.push(message);
      reasons.push(deadLetterReasonFor(result.errors));
    }
  }
  if (rejected.length > 0) {
    const now = new Date();
    await deadLetters.producer.send(
      deadLetters.topic,
      rejected.map((m, i) => ({
        key: m.key,
        value: m.value,
        headers: {
          ...m.headers,
          ...deadLetterHeaders(
            { topic: m.topic, partition: m.partition, offset: m.offset, consumerGroup: deadLetters.consumerGroup },
            reasons[i],
            now,
          ),
        },
      })),
    );
  }
  return { valid, rejected: rejected.length };
}
