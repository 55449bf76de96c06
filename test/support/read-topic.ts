import { DeliveredMessage, EventTransport } from '@lgsp/transport';
import { eventually, uniqueName } from './environment';

/** Every message a topic holds now, read by a consumer group of its own (the pipeline's group is left alone). */
export async function readTopic(transport: EventTransport, topic: string, timeoutMs = 30_000): Promise<DeliveredMessage[]> {
  const ends = await transport.topicOffsets(topic);
  const wanted = ends.reduce((n, p) => n + (Number(p.high) - Number(p.low)), 0);
  const messages: DeliveredMessage[] = [];
  if (wanted === 0) return messages;
  const consumer = transport.consumer({ groupId: uniqueName('read-topic'), fromBeginning: true });
  await consumer.subscribe([topic]);
  await consumer.run(async (batch) => {
    messages.push(...batch.messages);
  });
  try {
    await eventually(() => (messages.length >= wanted ? true : undefined), timeoutMs, `${wanted} messages of ${topic}`);
  } finally {
    await consumer.stop();
  }
  return messages;
}
