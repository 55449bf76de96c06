import { Inject, Injectable } from '@nestjs/common';
import { SourceName, SyncEventValidator } from '@lgsp/contracts';
import { EventProducer, MessageBatch } from '@lgsp/transport';
import { INTAKE_PRODUCER, INTAKE_SETTINGS, IntakeSettings } from '../reconciliation.tokens';
import { validateBatch, ValidEvent } from './validated-batch';

/** Validates a batch against the contract and dead-letters what does not honour it. */
@Injectable()
export class BatchValidator {
  constructor(
    private readonly validator: SyncEventValidator,
    @Inject(INTAKE_PRODUCER) private readonly producer: EventProducer,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  validate<S extends SourceName>(source: S, batch: MessageBatch): Promise<{ valid: ValidEvent<S>[]; rejected: number }> {
    return validateBatch(source, batch, this.validator, {
      producer: this.producer,
      topic: this.settings.topics.deadLetter,
      consumerGroup: this.settings.consumerGroup,
    });
  }
}
