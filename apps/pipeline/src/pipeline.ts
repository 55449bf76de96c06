import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { allTopicsOf, SourceName, topicNames, TopicNames } from '@lgsp/contracts';
import { JsonLogger } from '@lgsp/logging';
import { pipelineGroupOf } from '@lgsp/reconciliation';
import { Runtime } from '@lgsp/runtime';
import {
  EventConsumer,
  EventTransportServer,
  groupLag,
  PassThroughRpcErrors,
  RetryBounds,
  TopicPartition,
} from '@lgsp/transport';
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
}

/** Starts the pipeline: the HTTP API and the event workers, on the runtime's transport. */
export async function startPipeline(runtime: Runtime, options: PipelineOptions = {}): Promise<RunningPipeline> {
  const prefix = runtime.settings.topicPrefix;
  const topics = options.topics ?? topicNames(prefix);
  const groupId = options.groupId ?? pipelineGroupOf(prefix);
  const partitions = runtime.settings.topicPartitions;
  const consume = options.consume ?? true;
  await runtime.transport.createTopics(allTopicsOf(topics).map((topic) => ({ topic, partitions })));
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
  serveOpenApi(app);
  let registryFirst: RegistryFirst | undefined;
  const consumerHealth = app.get(ConsumerHealth);
  const deadLetterProducer = await runtime.transport.producer();
  const server = new EventTransportServer({
    transport: runtime.transport,
    groupId,
    maxBatchSize: options.maxBatchSize ?? runtime.settings.maxBatchSize,
    partitionsConsumedConcurrently: runtime.settings.workerConcurrency,
    topicOf: (pattern) => topics.sources[pattern as SourceName] ?? pattern,
    deadLetter: processingDeadLetters(deadLetterProducer, topics.deadLetter, groupId),
    retry: options.retry,
    observer: consumerHealth,
    onCrashed: options.onConsumerCrashed,
    // Decided before the first fetch: sectoral records fetched ahead of a registry load would all
    // be decided NOT_FOUND, searched for candidates, and decided again as their citizens arrive.
    beforeRun: async (consumer) => {
      const { population, ...sectoral } = topics.sources;
      registryFirst = new RegistryFirst(
        consumer,
        () => groupLag(runtime.transport, groupId, [population]),
        { maxLag: runtime.settings.registryFirstLag, intervalMs: 1000, sectoralTopics: Object.values(sectoral) },
        runtime.logger,
      );
      await registryFirst.check();
      registryFirst.start();
    },
  });
  if (consume) {
    consumerHealth.attach(server);
    // The error policy classifies what the handlers threw: Nest must not replace it.
    app.useGlobalFilters(new PassThroughRpcErrors(app.getHttpAdapter()));
    app.connectMicroservice<MicroserviceOptions>({ strategy: server }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(options.port ?? runtime.settings.httpPort, runtime.settings.httpHost);
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  return {
    app,
    url,
    assignment: () => server.unwrap<EventConsumer | undefined>()?.assignment() ?? [],
    close: async () => {
      await registryFirst?.stop();
      await app.close();
      await deadLetterProducer.disconnect();
    },
  };
}
