import { existsSync } from 'node:fs';
import { ensureBroker, stopBroker } from '@lgsp/kafka-local';

/**
 * Where the integration tests find Kafka and PostgreSQL, in order of preference:
 * 1. KAFKA_BROKERS / DATABASE_URL given in the environment;
 * 2. Testcontainers, when a Docker engine is reachable;
 * 3. the local broker started from Maven Central jars and the local PostgreSQL server.
 */
export interface TestInfrastructure {
  kafkaBrokers: string[];
  databaseUrl: string;
  stop(): Promise<void>;
}

const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function dockerReachable(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

export async function startTestInfrastructure(say: (line: string) => void): Promise<TestInfrastructure> {
  const stops: (() => Promise<unknown>)[] = [];
  const givenBrokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  const givenDatabase = process.env.DATABASE_URL;
  const docker = (!givenBrokers || !givenDatabase) && (await dockerReachable());

  let kafkaBrokers = givenBrokers;
  if (!kafkaBrokers && docker) {
    say('starting Kafka with Testcontainers');
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start();
    kafkaBrokers = [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
    stops.push(() => kafka.stop());
  }
  if (!kafkaBrokers) {
    const broker = await ensureBroker(undefined, say);
    kafkaBrokers = broker.brokers;
    if (broker.started && process.env.LGSP_KEEP_BROKER !== '1') stops.push(() => stopBroker(undefined, say));
  }

  let databaseUrl = givenDatabase;
  if (!databaseUrl && docker) {
    say('starting PostgreSQL with Testcontainers');
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:16-alpine').start();
    databaseUrl = pg.getConnectionUri();
    stops.push(() => pg.stop());
  }
  databaseUrl ??= LOCAL_DATABASE_URL;

  return {
    kafkaBrokers,
    databaseUrl,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
