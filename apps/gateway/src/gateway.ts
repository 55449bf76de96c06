import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Credentials, CredentialsRepository, SubmissionsRepository } from '@lgsp/access';
import { SyncEventValidator, topicNames, TopicNames } from '@lgsp/contracts';
import { JsonLogger } from '@lgsp/logging';
import { Runtime, RuntimeModule } from '@lgsp/runtime';
import { pipelineGroupOf } from '@lgsp/reconciliation';
import { classifyError, errorClassName } from '@lgsp/transport';
import { Admission, ADMISSION, AdmissionGuard } from './admission.guard';
import { CREDENTIALS, GatewayKeyGuard } from './gateway-key.guard';
import { PipelineLag } from './pipeline-lag';
import { SummaryController, SummaryService } from './summary';
import { TokenBuckets } from './token-buckets';
import { GatewayProblemFilter } from './problem';
import { RecordsRepository, RecordStatusService } from '@lgsp/records';
import { StatusController } from './status.controller';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsService } from './corrections.service';
import { CorrectionsRepository, WebhooksRepository } from '@lgsp/corrections';
import { WEBHOOK_DEFAULTS, WebhookDispatcher, WebhookOptions } from './webhook-dispatcher';
import { WebhookController } from './webhook.controller';
import { SubmissionStatusService } from './submission-status.service';
import { SubmissionService } from './submission.service';
import { SubmissionWriter } from './submission-writer';
import { BulkLimits, BulkSubmissionService, DEFAULT_BULK_LIMITS } from './bulk-submission.service';
import { isNdjson } from './ndjson';
import { SUBMISSION_MAX_BYTES } from './submission';
import { SubmissionsController } from './submissions.controller';

export interface GatewayOptions {
  port?: number;
  topics?: TopicNames;
  /** Largest body of one submission, bytes. */
  maxBodyBytes?: number;
  /** The bulk (NDJSON) endpoint's limits, over the documented defaults. */
  bulk?: Partial<BulkLimits>;
  /** The pipeline's consumer group, whose lag is the backpressure (default: the pipeline's own for the prefix). */
  consumerGroup?: string;
  /** What a backpressure 429 tells the caller to wait, seconds. */
  backpressureRetrySeconds?: number;
  /** The corrections webhooks' polling, backoff, batch and timeout, over the defaults. */
  webhooks?: Partial<WebhookOptions>;
  /**
   * Whether this process delivers the corrections webhooks (default true). Of several gateway processes one alone
   * does: the deliveries follow one cursor per webhook, in order.
   */
  deliverWebhooks?: boolean;
}

export interface RunningGateway {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway: its own HTTP app on the runtime's transport and database (not the pipeline's process). */
export async function startGateway(runtime: Runtime, options: GatewayOptions = {}): Promise<RunningGateway> {
  const topics = options.topics ?? topicNames(runtime.settings.topicPrefix);
  // The source topics may not exist yet when the gateway starts before the pipeline (creating them is idempotent).
  await runtime.transport.createTopics(
    Object.values(topics.sources).map((topic) => ({ topic, partitions: runtime.settings.topicPartitions })),
  );
  const producer = await runtime.transport.producer({ idempotent: true });
  const submissions = new SubmissionsRepository(runtime.pool);
  const writer = new SubmissionWriter(runtime.pool, producer, topics, submissions);
  const validator = new SyncEventValidator();
  const service = new SubmissionService(validator, writer, submissions);
  const bulk = new BulkSubmissionService(validator, writer, {
    limits: { ...DEFAULT_BULK_LIMITS, ...options.bulk },
    // The class and kind of the failure, never its message: a database's may quote the values it refused.
    onBatchFailed: (error, lines) =>
      runtime.logger.warn(
        { errorClass: errorClassName(error), kind: classifyError(error).kind, lines },
        'bulk batch not published (its lines answered 503)',
      ),
  });
  const status = new SubmissionStatusService(submissions, new RecordStatusService(new RecordsRepository(runtime.pool)));
  const lag = new PipelineLag(runtime.transport, options.consumerGroup ?? pipelineGroupOf(runtime.settings.topicPrefix));
  const admission: Admission = {
    buckets: new TokenBuckets(runtime.settings.gatewayRatePerSecond, runtime.settings.gatewayBurst),
    lag,
    topics,
    maxLag: runtime.settings.gatewayMaxLag,
    backpressureRetrySeconds: options.backpressureRetrySeconds ?? 5,
  };

  const corrections = new CorrectionsRepository(runtime.pool);
  const webhooks = new WebhooksRepository(runtime.pool);
  const dispatcher = new WebhookDispatcher(webhooks, corrections, new CredentialsRepository(runtime.pool), runtime.logger, {
    ...WEBHOOK_DEFAULTS,
    ...options.webhooks,
  });

  @Module({
    imports: [RuntimeModule.forRoot(runtime)],
    controllers: [SubmissionsController, StatusController, CorrectionsController, WebhookController, SummaryController],
    providers: [
      GatewayKeyGuard,
      AdmissionGuard,
      { provide: ADMISSION, useValue: admission },
      { provide: SummaryService, useValue: new SummaryService(submissions, lag, topics) },
      { provide: CREDENTIALS, useValue: new Credentials(new CredentialsRepository(runtime.pool)) },
      { provide: SubmissionService, useValue: service },
      { provide: BulkSubmissionService, useValue: bulk },
      { provide: SubmissionStatusService, useValue: status },
      { provide: CorrectionsService, useValue: new CorrectionsService(corrections) },
      { provide: WebhooksRepository, useValue: webhooks },
    ],
  })
  class GatewayModule {}

  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
    logger: new JsonLogger(runtime.logger),
    abortOnError: false,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Nothing of the gateway is meant for a browser: no framing, no cross-origin reads; HTTPS only once on it.
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  });
  // Raw bytes, so that invalid UTF-8 and malformed JSON are told apart and answered as problems.
  // NDJSON is left unread here: the bulk endpoint reads it line by line from the request stream.
  app.useBodyParser('raw', {
    type: (req: { headers: Record<string, string | string[] | undefined> }) => !isNdjson(req.headers['content-type']),
    limit: options.maxBodyBytes ?? SUBMISSION_MAX_BYTES,
  });
  app.useGlobalFilters(
    new GatewayProblemFilter(
      (e) => runtime.logger.error({ err: e }, 'gateway request failed'),
      // The route is not logged here: a record key in it may be a citizen ID (the guard's line has it masked).
      (req, refusal) =>
        runtime.logger.warn(
          { access: { method: req.method, credentialId: req.credential?.id, credential: req.credential?.name, ...refusal } },
          'gateway access refused',
        ),
    ),
  );
  // No Nest shutdown hooks: close() (on SIGINT/SIGTERM in main.ts) runs them, and Nest's own signal handler would raise
  // the signal again once the app is closed, ending the process by the signal before it exits 0.
  await app.listen(options.port ?? runtime.settings.gatewayPort, runtime.settings.httpHost);
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  const deliverWebhooks = options.deliverWebhooks ?? true;
  if (deliverWebhooks) dispatcher.start();
  return {
    app,
    url,
    close: async () => {
      if (deliverWebhooks) await dispatcher.stop();
      await app.close();
      await producer.disconnect();
    },
  };
}
