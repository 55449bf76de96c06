import { createHash } from 'node:crypto';
import { DeliveredMessage } from '@lgsp/transport';

/** Where an input event came from: every decision names it. */
export interface EventRef {
  eventId: string;
  topic: string;
  partition: number;
  offset: string;
  /** sha256 of the message value as delivered: proves which bytes a decision read. */
  eventHash: string;
  committedAt: string;
}

export function eventRefOf(message: DeliveredMessage, eventId: string, committedAt: string): EventRef {
  return {
    eventId,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    eventHash: createHash('sha256').update(message.value).digest('hex'),
    committedAt,
  };
}
