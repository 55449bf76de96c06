import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { ArchiveRetention, archiveDirOf, CheckpointSchedule, EventArchive, keyIdOf, signingKeyOf } from '@lgsp/audit';
import { allTopicsOf, DEAD_LETTER_MAX_MESSAGE_BYTES, SourceName, topicNames, TopicNames } from '@lgsp/contracts';
import { JsonLogger } from '@lgsp/logging';
import { pipelineGroupOf } from '@lgsp/reconciliation';
import { Runtime } from '@lgsp/runtime';
import { EventConsumer, EventProducer, EventTransportServer, groupLag, RetryBounds, TopicPartition } from '@lgsp/transport';
import { AppErrors } from './app-errors.filter';
import { ConsumerHealth } from './health/consumer-health.service';
import { serveOpenApi } from './monitoring/api/open-api';
import { PipelineModule } from './pipeline.module';
import { processingDeadLetters } from './processing-dead-letters';
import { RegistryFirst } from './registry-first';

export interface PipelineOptions {
  port?: number;
  topics?: TopicNames;
  groupId?: string;
  maxBatchSize?: number;
  /** false: no workers, only the HTTP API, dashboard and monitor (e.g. a separate dashboard process). */
  consume?: boolean;
  /** Backoff of transient processing failures (tests shorten it). */
  retry?: Partial<RetryBounds>;
  /**
   * The consumer crashed for good and will not consume again. The process entry point exits
   * non-zero here, so a supervisor starts a fresh one; left out, /ready reports it crashed.
   */
  onConsumerCrashed?: (error: unknown) => void;
}

export interface RunningPipeline {
  app: INestApplication;
  url: string;
  /** The partitions this worker owns in its consumer group now. */
  assignment(): TopicPartition[];
  close(): Promise<void>;
  /** What close() is doing now (a stop that overruns its deadline names it). */
  closingStep(): string;
}

/** Starts the pipeline: the HTTP API and the event workers, on the runtime's transport. */
export async function startPipeline(runtime: Runtime, options: PipelineOptions = {}): Promise<RunningPipeline> {
  const prefix = runtime.settings.topicPrefix;
  const topics = options.topics ?? topicNames(prefix);
  const groupId = options.groupId ?? pipelineGroupOf(prefix);
  const partitions = runtime.settings.topicPartitions;
  const consume = options.consume ?? true;
  const sourceTopics = new Set(Object.values(topics.sources));
  const retentionHours = runtime.settings.topicRetentionHours;
  await runtime.transport.createTopics(
    allTopicsOf(topics).map((topic) => ({
      topic,
      partitions,
      // The source topics' retention bounds how far back a replay reads them; the archive reaches further.
      ...(retentionHours !== null && sourceTopics.has(topic) ? { retentionMs: retentionHours * 3_600_000 } : {}),
      ...(topic === topics.deadLetter ? { maxMessageBytes: DEAD_LETTER_MAX_MESSAGE_BYTES } : {}),
    })),
  );
  const monitoring = { topics, consumerGroup: groupId, consume };
  const app = await NestFactory.create(
    PipelineModule.forRuntime(
      runtime,
      { topics, consumerGroup: groupId, strictProducers: runtime.settings.strictProducers },
      monitoring,
    ),
    {
      logger: new JsonLogger(runtime.logger),
      abortOnError: false,
    },
  );
  app.enableShutdownHooks();
  // Says nothing a client needs, and names the framework to anyone probing for its weaknesses.
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  app.useGlobalFilters(new AppErrors(runtime.logger));
  serveOpenApi(app);
  let registryFirst: RegistryFirst | undefined;
  const consumerHealth = app.get(ConsumerHealth);
  const deadLetterProducer = await runtime.transport.producer();
  const archive = consume && runtime.settings.archive ? new EventArchive(archiveDirOf(runtime.settings)) : undefined;
  const server = new EventTransportServer({
    transport: runtime.transport,
    groupId,
    maxBatchSize: options.maxBatchSize ?? runtime.settings.maxBatchSize,
    partitionsConsumedConcurrently: runtime.settings.workerConcurrency,
    topicOf: (pattern) => topics.sources[pattern as SourceName] ?? pattern,
    deadLetter: processingDeadLetters(deadLetterProducer, topics.deadLetter, groupId),
    // After the batch's decisions commit, before its offsets do: no archived event lacks its decision, and one a
    // crash left unarchived is delivered, decided (idempotently) and archived again (ADR 0017).
    afterBatch: archive ? async (batch) => void (await archive.append(batch.messages)) : undefined,
    retry: options.retry,
    observer: consumerHealth,
    onCrashed: options.onConsumerCrashed,
    stallMs: runtime.settings.stallSeconds * 1000,
    // Decided before the first fetch: sectoral records fetched ahead of a registry load would all
    // be decided NOT_FOUND, searched for candidates, and decided again as their citizens arrive.
    beforeRun: async (consumer) => {
      const { population, ...sectoral } = topics.sources;
      registryFirst = new RegistryFirst(
        consumer,
        () => groupLag(runtime.transport, groupId, [population]),
        {
          maxLag: runtime.settings.registryFirstLag,
          intervalMs: 1000,
          gateIntervalMs: 250,
          lagTimeoutMs: 3000,
          sectoralTopics: Object.values(sectoral),
        },
        runtime.logger,
      );
      await registryFirst.check();
      registryFirst.start();
    },
    beforeBatch: async (topic) => registryFirst?.beforeBatch(topic),
  });
  let checkpoints: { schedule: CheckpointSchedule; producer: EventProducer } | undefined;
  let retention: ArchiveRetention | undefined;
  if (archive) {
    runtime.logger.info(
      `consumed events are archived in ${archive.dir}` +
        (runtime.settings.archiveRetentionDays > 0 ? ` for ${runtime.settings.archiveRetentionDays} days` : ' (kept for ever)'),
    );
    retention = new ArchiveRetention(archive, runtime.settings.archiveRetentionDays, runtime.logger);
    retention.start();
  }
  if (consume) {
    checkpoints = await startCheckpoints(runtime, topics.auditCheckpoints);
    consumerHealth.attach(server);
    app.connectMicroservice<MicroserviceOptions>({ strategy: server }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(options.port ?? runtime.settings.httpPort, runtime.settings.httpHost);
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  let step = 'running';
  return {
    app,
    url,
    assignment: () => server.unwrap<EventConsumer | undefined>()?.assignment() ?? [],
    close: async () => {
      step = 'stopping registry-first';
      await registryFirst?.stop();
      retention?.stop();
      step = 'stopping the consumer (its batches in hand) and the HTTP server';
      await app.close();
      step = 'stopping the audit checkpoints';
      await checkpoints?.schedule.stop();
      await checkpoints?.producer.disconnect();
      step = 'disconnecting the dead-letter producer';
      await deadLetterProducer.disconnect();
      step = 'closing the database pool and the transport (the pipeline is closed)';
    },
    closingStep: () => step,
  };
}

/** Signs the decision log's checkpoints in every worker (they take turns on a lock) and says which key signs. */
async function startCheckpoints(
  runtime: Runtime,
  topic: string,
): Promise<{ schedule: CheckpointSchedule; producer: EventProducer }> {
  const signing = signingKeyOf(runtime.settings);
  const producer = await runtime.transport.producer();
  const schedule = new CheckpointSchedule(
    runtime.pool,
    signing.key,
    { leaves: runtime.settings.auditCheckpointLeaves, seconds: runtime.settings.auditCheckpointSeconds },
    producer,
    topic,
    runtime.logger,
  );
  const where =
    signing.origin === 'setting'
      ? 'from LGSP_AUDIT_SIGNING_KEY'
      : `${signing.origin === 'generated' ? 'generated now and kept' : 'generated earlier, kept'} in ${signing.path} ` +
        '(no LGSP_AUDIT_SIGNING_KEY; back this file up, or set the setting)';
  runtime.logger.info(`audit checkpoints are signed with Ed25519 key ${keyIdOf(signing.key)}, ${where}`);
  schedule.start();
  return { schedule, producer };
}
