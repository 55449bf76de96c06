import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadSettings } from '@lgsp/config';
import { createScratchDatabase } from '@lgsp/database';
import { brokerAnswers, ensureBroker } from '@lgsp/kafka-local';
import { createLogger } from '@lgsp/logging';
import { allTopicsOf, topicNames, TopicNames } from '@lgsp/contracts';
import { Runtime } from '@lgsp/runtime';
import { openLabRuntime } from '@lgsp/lab';

export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchInfrastructure {
  brokers: string[];
  /** The PostgreSQL server; each run creates its own database on it. */
  serverUrl: string;
}

/**
 * The real broker and the real PostgreSQL: the brokers given (--brokers, KAFKA_BROKERS), which
 * must answer, or the local broker brought up (or reused) exactly as the tests do; the server
 * given (--database-url, DATABASE_URL) or the local one.
 */
export async function benchInfrastructure(
  given: { brokers?: string; databaseUrl?: string },
  say: (line: string) => void,
): Promise<BenchInfrastructure> {
  const serverUrl = given.databaseUrl ?? process.env.DATABASE_URL ?? LOCAL_DATABASE_URL;
  const list = (given.brokers ?? process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (list.length > 0) {
    if (!(await brokerAnswers(list, 5000))) throw new Error(`no Kafka broker answers on ${list.join(',')}`);
    return { brokers: list, serverUrl };
  }
  const broker = await ensureBroker(undefined, say);
  return { brokers: broker.brokers, serverUrl };
}

/** One run's own database (the product's and the lab's migrations) and its own prefixed topics. */
export interface BenchScratch {
  runtime: Runtime;
  databaseUrl: string;
  prefix: string;
  topics: TopicNames;
}

export async function withScratch<T>(
  infra: BenchInfrastructure,
  partitions: number,
  say: (line: string) => void,
  work: (scratch: BenchScratch) => Promise<T>,
): Promise<T> {
  const database = await createScratchDatabase(infra.serverUrl, 'lgsp_bench');
  say(`bench database ${database.name}`);
  const prefix = `lgsp-bench-${randomBytes(4).toString('hex')}`;
  const topics = topicNames(prefix);
  const names = allTopicsOf(topics);
  let runtime: Runtime | undefined;
  try {
    const settings = loadSettings({
      ...process.env,
      LGSP_TRANSPORT: 'kafka',
      KAFKA_BROKERS: infra.brokers.join(','),
      DATABASE_URL: database.url,
      LGSP_TOPIC_PARTITIONS: String(partitions),
      LGSP_TOPIC_PREFIX: prefix,
    });
    runtime = await openLabRuntime(settings, { logger: createLogger('warn', pino.destination(2)) });
    await runtime.transport.createTopics(names.map((topic) => ({ topic, partitions })));
    return await work({ runtime, databaseUrl: database.url, prefix, topics });
  } finally {
    if (runtime) {
      await runtime.transport.deleteTopics(names).catch(() => undefined);
      await runtime.close();
    }
    await database.drop();
  }
}
