import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Source-commit-to-result latencies of the given events: reads the results topic from its
 * beginning to its current end and, for each published decision caused by one of those events,
 * takes the message's timestamp (set by the pipeline's producer when it published the result,
 * after the batch's transaction committed) minus the event's source commit time.
 * Nothing of the message is kept but that difference (results name citizens).
 */
export async function resultLatencies(
  brokers: string[],
  topic: string,
  eventIds: Set<string>,
  timeoutMs = 60_000,
): Promise<number[]> {
  const kafka = new Kafka({ clientId: 'lgsp-bench-latency', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([, high]) => high > 0).map(([p]) => p));
  const latencies: number[] = [];
  if (remaining.size === 0) return latencies;
  const consumer = kafka.consumer({ groupId: `lgsp-bench-latency-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const decision = JSON.parse(m.value?.toString('utf8') ?? '{}') as {
            cause?: string;
            causeEventId?: string;
            input?: { committedAt?: string };
          };
          if (decision.cause === 'record-event' && decision.causeEventId && eventIds.has(decision.causeEventId)) {
            const committedAt = Date.parse(decision.input?.committedAt ?? '');
            if (Number.isFinite(committedAt)) latencies.push(Number(m.timestamp) - committedAt);
          }
        }
        const last = batch.messages[batch.messages.length - 1];
        if (last && Number(last.offset) + 1 >= (ends.get(batch.partition) ?? 0)) remaining.delete(batch.partition);
        if (remaining.size === 0) done();
      },
    });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([finished, timeout]);
  } finally {
    await consumer.disconnect();
  }
  return latencies;
}
