import { Pool } from 'pg';
import { topicNames, type SourceName } from '@lgsp/contracts';
import { createPool } from '@lgsp/database';
import { DeliveredMessage, EmbeddedTransport, EventConsumer, EventTransport, KafkaTransport } from '@lgsp/transport';
import { eventually, kafkaBrokers, migratedTestDatabase, TestDatabase, uniqueName } from '../support/environment';

/** A scratch database with the product's and the lab's migrations, and a pg pool on it, for the mock sources. */
export interface SourceDatabase {
  database: TestDatabase;
  pool: Pool;
  close(): Promise<void>;
}

export async function sourceDatabase(): Promise<SourceDatabase> {
  const database = await migratedTestDatabase([], { lab: true });
  const pool = createPool(database.scratch.url, { max: 10 });
  return {
    database,
    pool,
    async close() {
      await pool.end();
      await database.close();
    },
  };
}

export type TransportKind = 'embedded' | 'kafka';

export function openTransport(kind: TransportKind, pool: Pool): EventTransport {
  return kind === 'kafka'
    ? new KafkaTransport({ brokers: kafkaBrokers(), clientId: 'lgsp-sources-test' })
    : new EmbeddedTransport({ pool, defaultPartitions: 3 });
}

/** A fresh topic per source, so tests on a shared broker never see each other's events. */
export async function freshTopics(transport: EventTransport, partitions = 3): Promise<Record<SourceName, string>> {
  const prefix = uniqueName('sources');
  const topics = topicNames(prefix).sources;
  await transport.createTopics(Object.values(topics).map((topic) => ({ topic, partitions })));
  return topics;
}

/** Reads every message of the topics from the beginning until `count` arrived. */
export async function consumeAll(transport: EventTransport, topics: string[], count: number): Promise<DeliveredMessage[]> {
  const consumer: EventConsumer = transport.consumer({
    groupId: uniqueName('sources-g'),
    fromBeginning: true,
    maxBatchSize: 1000,
  });
  const received: DeliveredMessage[] = [];
  try {
    await consumer.subscribe(topics);
    await consumer.run(async (batch) => {
      received.push(...batch.messages);
    });
    await eventually(() => received.length >= count || undefined, 60_000, `${count} messages`);
    // A moment more, to catch anything published beyond the expected count.
    await new Promise((r) => setTimeout(r, 300));
    return received;
  } finally {
    await consumer.stop();
  }
}
