import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from 'pino';
import { EventConsumer, EventTransport } from '@lgsp/transport';
import { MONITORING_LOGGER, MONITORING_OPTIONS, MONITORING_TRANSPORT, MonitoringOptions } from '../monitoring.options';
import { deadLetterEntryOf } from '../dead-letter-entry';
import { DeadLettersRepository } from '../repositories/dead-letters.repository';

/**
 * Consumes the dead-letter topic into a table (origin and reason of each message, never its
 * content), in a consumer group of its own, so the dashboard can list and filter it.
 */
@Injectable()
export class DeadLetterConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: EventConsumer | undefined;

  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
    @Inject(MONITORING_TRANSPORT) private readonly transport: EventTransport,
    @Inject(MONITORING_LOGGER) private readonly logger: Logger,
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
