import { randomBytes } from 'node:crypto';
import { Controller, Inject, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { TopicNames } from '@lgsp/contracts';
import { ratePerSecond } from '../bench-stats';
import { Throughput } from '../raw-consume';
import { BASELINE_DDL, BaselineCitizen, BaselineResult } from './baseline-entities';
import { BaselineHandler } from './baseline-handler';

const HANDLER = 'BASELINE_HANDLER';

type SyncEvent = Parameters<BaselineHandler['population']>[0];

/** The controller a user would write: one @EventPattern per topic, one message per call. */
function controllerFor(topics: TopicNames): Type {
  @Controller()
  class BaselineController {
    constructor(@Inject(HANDLER) private readonly handler: BaselineHandler) {}

    @EventPattern(topics.sources.population)
    population(@Payload() event: SyncEvent) {
      return this.handler.population(event);
    }

    @EventPattern(topics.sources.land)
    land(@Payload() event: SyncEvent) {
      return this.handler.sectoral('land', event);
    }

    @EventPattern(topics.sources.insurance)
    insurance(@Payload() event: SyncEvent) {
      return this.handler.sectoral('insurance', event);
    }

    @EventPattern(topics.sources.business)
    business(@Payload() event: SyncEvent) {
      return this.handler.sectoral('business', event);
    }
  }
  return BaselineController;
}

/**
 * The baseline: a small Nest microservice on the stock Kafka transport (Transport.KAFKA,
 * kafkajs eachMessage underneath, default settings), saving through TypeORM row by row.
 * It reads the same backlog with its own group for at most `budgetMs` (it is slow), and its
 * rate is messages handled between its first and its last message.
 */
export async function baselineRate(
  databaseUrl: string,
  brokers: string[],
  topics: TopicNames,
  expected: number,
  budgetMs: number,
): Promise<Throughput> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: [BaselineCitizen, BaselineResult],
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  for (const ddl of BASELINE_DDL) await dataSource.query(ddl);
  const handler = new BaselineHandler(dataSource.getRepository(BaselineCitizen), dataSource.getRepository(BaselineResult));

  @Module({ controllers: [controllerFor(topics)], providers: [{ provide: HANDLER, useValue: handler }] })
  class BaselineModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(BaselineModule, {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'lgsp-bench-baseline', brokers, logLevel: logLevel.NOTHING },
      consumer: { groupId: `lgsp-bench-baseline-${randomBytes(4).toString('hex')}` },
      subscribe: { fromBeginning: true },
    },
    logger: false,
  });
  try {
    await app.listen();
    const deadline = Date.now() + budgetMs;
    // The budget runs from the first message: joining the group is not counted.
    while (
      handler.handled < expected &&
      (handler.handled === 0 ? Date.now() < deadline + 60_000 : Date.now() < handler.firstAt + budgetMs)
    )
      await new Promise((r) => setTimeout(r, 100));
  } finally {
    await app.close();
    await dataSource.destroy();
  }
  if (handler.handled === 0) throw new Error('the baseline handled no message');
  const messages = handler.handled - 1;
  const elapsedMs = handler.lastAt - handler.firstAt;
  return { messages, elapsedMs, rps: ratePerSecond(messages, elapsedMs) };
}
