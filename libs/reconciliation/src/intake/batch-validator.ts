import { Inject, Injectable } from '@nestjs/common';
import { SourceName, SyncEventValidator } from '@lgsp/contracts';
import { DeliveredMessage, EventProducer, MessageBatch } from '@lgsp/transport';
import { INTAKE_PRODUCER, INTAKE_SETTINGS, IntakeSettings } from '../reconciliation.tokens';
import { FindingCounts, validateBatch, ValidEvent } from './validated-batch';

/** Validates a batch against the contract and dead-letters what does not honour it, once per delivery. */
@Injectable()
export class BatchValidator {
  /** Messages of the deliveries in hand whose dead letter is written (see DeadLetterTarget.sent). */
  private readonly sent = new WeakSet<DeliveredMessage>();

  constructor(
    private readonly validator: SyncEventValidator,
    @Inject(INTAKE_PRODUCER) private readonly producer: EventProducer,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  validate<S extends SourceName>(
    source: S,
    batch: MessageBatch,
  ): Promise<{ valid: ValidEvent<S>[]; rejected: number; findings: FindingCounts }> {
    return validateBatch(source, batch, this.validator, {
      producer: this.producer,
      topic: this.settings.topics.deadLetter,
      consumerGroup: this.settings.consumerGroup,
      sent: this.sent,
      strictProducers: this.settings.strictProducers,
    });
  }
}
