import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import { SyncEventValidator, topicNames, TopicNames } from '@lgsp/contracts';
import { JsonLogger } from '@lgsp/logging';
import { Runtime, RuntimeModule } from '@lgsp/runtime';
import { CREDENTIALS, GatewayKeyGuard } from './gateway-key.guard';
import { GatewayProblemFilter } from './problem';
import { SubmissionService } from './submission.service';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsRepository } from './submissions.repository';

export interface GatewayOptions {
  port?: number;
  topics?: TopicNames;
  /** Largest body of one submission, bytes. */
  maxBodyBytes?: number;
}

export interface RunningGateway {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway: its own HTTP app on the runtime's transport and database (not the pipeline's process). */
export async function startGateway(runtime: Runtime, options: GatewayOptions = {}): Promise<RunningGateway> {
  const topics = options.topics ?? topicNames(runtime.settings.topicPrefix);
  const producer = await runtime.transport.producer({ idempotent: true });
  const service = new SubmissionService(new SyncEventValidator(), producer, topics, new SubmissionsRepository(runtime.pool));

  @Module({
    imports: [RuntimeModule.forRoot(runtime)],
    controllers: [SubmissionsController],
    providers: [
      GatewayKeyGuard,
      { provide: CREDENTIALS, useValue: new Credentials(new CredentialsRepository(runtime.pool)) },
      { provide: SubmissionService, useValue: service },
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
    next();
  });
  // Raw bytes, so that invalid UTF-8 and malformed JSON are told apart and answered as problems.
  app.useBodyParser('raw', { type: () => true, limit: options.maxBodyBytes ?? 256 * 1024 });
  app.useGlobalFilters(new GatewayProblemFilter((e) => runtime.logger.error({ err: e }, 'gateway request failed')));
  app.enableShutdownHooks();
  await app.listen(options.port ?? runtime.settings.httpPort, runtime.settings.httpHost);
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  return {
    app,
    url,
    close: async () => {
      await app.close();
      await producer.disconnect();
    },
  };
}
