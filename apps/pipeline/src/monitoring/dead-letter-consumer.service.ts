import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { DeadLettersRepository, deadLetterEntryOf } from '@lgsp/monitoring';
import { EVENT_TRANSPORT, LOGGER } from '@lgsp/runtime';
import { EventConsumer, EventTransport } from '@lgsp/transport';
import { MONITORING_OPTIONS, MonitoringOptions } from './monitoring.options';

/**
 * Consumes the dead-letter topic into a table (origin and reason of each message, never its
 * content), in a consumer group of its own, so the dashboard can list and filter it.
 */
@Injectable()
export class DeadLetterConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: EventConsumer | undefined;

  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly deadLetters: DeadLettersRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.consume) return;
    const consumer = this.transport.consumer({
      groupId: `${this.options.consumerGroup}.dead-letters`,
      fromBeginning: true,
      maxBatchSize: 500,
    });
    this.consumer = consumer;
    await consumer.subscribe([this.options.topics.deadLetter]);
    // Started in the background: joining a group takes a while and must not delay start-up.
    consumer
      .run((batch) => this.deadLetters.add(batch.messages.map(deadLetterEntryOf)))
      .catch((e) => this.logger.warn({ err: e }, 'dead-letter consumer stopped'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
