import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ratePerSecond } from './bench-stats';

export interface Throughput {
  /** Messages counted inside the timed window. */
  messages: number;
  elapsedMs: number;
  rps: number;
}

/**
 * The consume ceiling: plain kafkajs, a fresh group reading the topics from the beginning,
 * eachBatch doing nothing but count. Same fetch settings as the pipeline's KafkaTransport.
 * Timed from the first batch to the last message, so joining the group is not counted
 * (the pipeline's figure is timed the same way).
 */
export async function rawConsumeRate(
  brokers: string[],
  topics: string[],
  expected: number,
  timeoutMs: number,
): Promise<Throughput> {
  const kafka = new Kafka({ clientId: 'lgsp-bench-raw', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `lgsp-bench-raw-${randomBytes(4).toString('hex')}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxBytesPerPartition: 4 * 1024 * 1024,
    maxWaitTimeInMs: 100,
  });
  let first = 0;
  let firstBatch = 0;
  let count = 0;
  let last = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 2,
      eachBatch: async ({ batch }) => {
        if (first === 0) {
          first = Date.now();
          firstBatch = batch.messages.length;
        }
        count += batch.messages.length;
        last = Date.now();
        if (count >= expected) done();
      },
    });
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([finished, timeout]);
  } finally {
    await consumer.disconnect();
  }
  if (count < expected) throw new Error(`raw consume read ${count} of ${expected} messages before the timeout`);
  const messages = count - firstBatch;
  const elapsedMs = last - first;
  return { messages, elapsedMs, rps: ratePerSecond(messages, elapsedMs) };
}
