import { Controller, Inject, Optional } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IntakeObserver } from '@lgsp/monitoring';
import { IntakeReport, RegistryIntake, SectoralIntake } from '@lgsp/reconciliation';
import { MessageBatch } from '@lgsp/transport';

/** Thin: each source topic's batches go to the intake that owns them. */
@Controller()
export class SyncEventsController {
  constructor(
    @Inject(RegistryIntake) private readonly registry: RegistryIntake,
    @Inject(SectoralIntake) private readonly sectoral: SectoralIntake,
    @Optional() @Inject(IntakeObserver) private readonly observer?: IntakeObserver,
  ) {}

  @EventPattern('population')
  population(@Payload() batch: MessageBatch): Promise<IntakeReport> {
    return this.observed(batch, this.registry.handle(batch));
  }

  @EventPattern('land')
  land(@Payload() batch: MessageBatch): Promise<IntakeReport> {
    return this.observed(batch, this.sectoral.handle('land', batch));
  }

  @EventPattern('insurance')
  insurance(@Payload() batch: MessageBatch): Promise<IntakeReport> {
    return this.observed(batch, this.sectoral.handle('insurance', batch));
  }

  @EventPattern('business')
  business(@Payload() batch: MessageBatch): Promise<IntakeReport> {
    return this.observed(batch, this.sectoral.handle('business', batch));
  }

  /** Monitoring hook: lag, latency and volumes are read off each report once the batch is done. */
  private async observed(batch: MessageBatch, handled: Promise<IntakeReport>): Promise<IntakeReport> {
    const report = await handled;
    await this.observer?.observe(batch, report);
    return report;
  }
}
