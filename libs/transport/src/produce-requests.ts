import type { EventProducer, OutgoingMessage } from './event-transport';

/**
 * How much one produce request may carry. The broker refuses a partition's record batch above
 * its `message.max.bytes` (1 MB by default) with MESSAGE_TOO_LARGE, and kafkajs sends all the
 * messages of one `send` as one request: a half of that limit leaves room for the framing and a
 * broker configured lower; the count bounds the work one request holds up.
 */
export interface ProduceRequestLimits {
  maxBytes: number;
  maxMessages: number;
}

export const PRODUCE_REQUEST_LIMITS: ProduceRequestLimits = { maxBytes: 512 * 1024, maxMessages: 500 };

/** A record's framing in a v2 record batch (length, attributes, deltas, counts): at most this, as varints. */
const RECORD_OVERHEAD_BYTES = 32;

/** A message's size on the wire, near enough: key, value and headers, plus its framing. */
export function messageBytes(message: OutgoingMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.value);
  if (message.key !== null) bytes += Buffer.byteLength(message.key);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 8;
  }
  return bytes;
}

/**
 * The messages in order, cut into requests within the limits. A message larger than `maxBytes`
 * alone goes in a request of its own (the broker is the judge of it).
 */
export function* produceRequests<M extends OutgoingMessage>(
  messages: readonly M[],
  limits: ProduceRequestLimits = PRODUCE_REQUEST_LIMITS,
): Generator<M[]> {
  let chunk: M[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (chunk.length > 0 && (chunk.length >= limits.maxMessages || bytes + size > limits.maxBytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/** Sends the messages in order, one request per chunk, each durable before the next is sent. */
export async function sendInRequests(
  producer: EventProducer,
  topic: string,
  messages: readonly OutgoingMessage[],
  limits: ProduceRequestLimits = PRODUCE_REQUEST_LIMITS,
): Promise<void> {
  for (const chunk of produceRequests(messages, limits)) await producer.send(topic, chunk);
}
