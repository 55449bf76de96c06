import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { loadSettings, Settings } from '@lgsp/config';
import { createPool } from '@lgsp/database';
import { createLogger } from '@lgsp/logging';
import { CitizenRecord, ResultMessage, ResultMessageValidator, topicNames, TopicNames } from '@lgsp/contracts';
import { Runtime } from '@lgsp/runtime';
import { EventTransport, groupLag, KafkaTransport } from '@lgsp/transport';
import { eventually, kafkaBrokers, migratedTestDatabase, TestDatabase, uniqueName } from '../../../test/support/environment';
import { readTopic } from '../../../test/support/read-topic';
import { publish, registryEvents } from '../../../test/support/sync-events';
import { RunningPipeline, startPipeline } from '../src/pipeline';

/** The pipeline on the real broker and a fresh database, with topics of its own. */
export interface PipelineHarness {
  db: TestDatabase;
  /** The settings its workers run with (the real broker's, 4 partitions). */
  settings: Settings;
  pool: Pool;
  transport: EventTransport;
  topics: TopicNames;
  groupId: string;
  workers: RunningPipeline[];
  /** Every send of a worker's producers the broker refused so far (topic and error), e.g. a MESSAGE_TOO_LARGE the policy then got round. */
  refusedSends: { topic: string; error: string }[];
  /** A worker with batches of at most 500 events, unless `maxBatchSize` says otherwise. */
  startWorker(options?: { maxBatchSize?: number }): Promise<RunningPipeline>;
  /** Resolves once the group has committed every event of every source topic. */
  settled(timeoutMs?: number): Promise<void>;
  /** Publishes the citizens on the population topic and resolves once the registry holds that many citizens. */
  loadRegistry(citizens: CitizenRecord[]): Promise<void>;
  /** Every message of the results topic so far, each checked against the published schema (throws on the first invalid). */
  publishedResults(): Promise<{ key: string | null; partition: number; message: ResultMessage }[]>;
  close(): Promise<void>;
}

export async function pipelineOnKafka(overrides: Partial<Settings> = {}): Promise<PipelineHarness> {
  const db = await migratedTestDatabase();
  const pool = createPool(db.scratch.url);
  const settings = {
    ...loadSettings({}),
    transport: 'kafka' as const,
    kafkaBrokers: kafkaBrokers(),
    topicPartitions: 4,
    logLevel: 'warn' as const,
    // An archive of the harness's own, removed with it (not beside the working copy's data directory).
    archiveDir: mkdtempSync(join(tmpdir(), 'lgsp-archive-')),
    ...overrides,
  };
  const topics = topicNames(uniqueName('pipeline'));
  const groupId = uniqueName('pipeline-group');
  const transports: EventTransport[] = [];
  const newTransport = () => {
    const t = new KafkaTransport({ brokers: settings.kafkaBrokers, clientId: 'lgsp-test' });
    transports.push(t);
    return t;
  };
  const transport = newTransport();
  const workers: RunningPipeline[] = [];
  const refusedSends: PipelineHarness['refusedSends'] = [];
  /** A worker's transport, its producers' refusals recorded on the way through (the real producer does the sending). */
  const workerTransport = () => {
    const t = newTransport();
    const producerOf = t.producer.bind(t);
    t.producer = async () => {
      const producer = await producerOf();
      return {
        send: (topic, messages) =>
          producer.send(topic, messages).catch((e: unknown) => {
            refusedSends.push({ topic, error: (e as { type?: string; name?: string }).type ?? String((e as Error).name) });
            throw e;
          }),
        disconnect: () => producer.disconnect(),
      };
    };
    return t;
  };
  const harness: PipelineHarness = {
    db,
    settings,
    pool,
    transport,
    topics,
    groupId,
    workers,
    refusedSends,
    async startWorker({ maxBatchSize = 500 } = {}) {
      // Each worker is a pipeline instance with its own connections, as separate processes would be.
      const runtime: Runtime = {
        settings,
        databaseUrl: db.scratch.url,
        dataSource: db.dataSource,
        pool: createPool(db.scratch.url),
        transport: workerTransport(),
        logger: createLogger('warn'),
        close: async () => undefined,
      };
      const worker = await startPipeline(runtime, { port: 0, topics, groupId, maxBatchSize });
      const close = worker.close;
      worker.close = async () => {
        await close();
        await runtime.transport.close();
        await runtime.pool.end();
      };
      workers.push(worker);
      return worker;
    },
    async settled(timeoutMs = 60_000) {
      await eventually(
        async () => ((await groupLag(transport, groupId, Object.values(topics.sources))) === 0 ? true : undefined),
        timeoutMs,
        'the group to catch up',
      );
    },
    async loadRegistry(citizens) {
      await publish(transport, topics.sources.population, registryEvents(citizens));
      await eventually(
        async () =>
          (await pool.query(`SELECT count(*)::int AS n FROM registry.citizens`)).rows[0].n === citizens.length ? true : undefined,
        60_000,
        `${citizens.length} citizens in the registry`,
      );
    },
    async publishedResults() {
      const validator = new ResultMessageValidator();
      return (await readTopic(transport, topics.results)).map((m) => {
        const parsed = validator.parse(m.value);
        if (!parsed.ok)
          throw new Error(`results message at ${m.partition}/${m.offset} breaks the schema: ${parsed.errors.join('; ')}`);
        // The schema keeps `rule` optional for version-1 messages; this pipeline writes the latest, where each has one.
        if (parsed.message.kind === 'DECISION' && parsed.message.differences.some((d) => d.rule === undefined))
          throw new Error(`results message at ${m.partition}/${m.offset} has a difference without its rule`);
        return { key: m.key, partition: m.partition, message: parsed.message };
      });
    },
    async close() {
      try {
        // Every test on this harness also checks that each message it made the pipeline publish honours the schema.
        await harness.publishedResults();
      } finally {
        for (const w of workers.splice(0)) await w.close();
        for (const t of transports) await t.close();
        await pool.end();
        await db.close();
        rmSync(settings.archiveDir!, { recursive: true, force: true });
      }
    },
  };
  return harness;
}
