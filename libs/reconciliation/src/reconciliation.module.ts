import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { SyncEventValidator } from '@lgsp/contracts';
import { CorrectionsRepository } from '@lgsp/corrections';
import type { Pool } from 'pg';
import { EventProducer, EventTransport } from '@lgsp/transport';
import { BatchValidator } from './intake/batch-validator';
import { RegistryIntake } from './intake/registry-intake';
import { SectoralIntake } from './intake/sectoral-intake';
import { SliceLoader } from './load/slice-loader';
import { INTAKE_PRODUCER, INTAKE_SETTINGS, IntakeSettings, RECONCILIATION_POOL } from './reconciliation.tokens';
import { RegistryRepository } from './registry/registry.repository';
import { ResultsRepository } from './results/results.repository';
import { SectoralRecordsRepository } from './results/sectoral-records.repository';
import { SliceTransactions } from './slice-transactions';
import { ResultsPublisher } from './write/results-publisher';
import { SliceWriter } from './write/slice-writer';

export interface ReconciliationModuleOptions extends IntakeSettings {
  /** The token under which the host provides the pg Pool. */
  pool: InjectionToken;
  /** The token under which the host provides the event transport (the intakes open one producer on it). */
  transport: InjectionToken;
}

/** The intakes and what they are built from, as Nest providers: any of them can be replaced in a test. */
@Module({})
export class ReconciliationModule {
  static register(options: ReconciliationModuleOptions): DynamicModule {
    const { pool, transport, ...settings } = options;
    return {
      module: ReconciliationModule,
      providers: [
        { provide: INTAKE_SETTINGS, useValue: settings satisfies IntakeSettings },
        { provide: RECONCILIATION_POOL, useExisting: pool },
        {
          provide: INTAKE_PRODUCER,
          inject: [transport],
          useFactory: (t: EventTransport): Promise<EventProducer> => t.producer(),
        },
        { provide: SyncEventValidator, useFactory: () => new SyncEventValidator() },
        RegistryRepository,
        SectoralRecordsRepository,
        ResultsRepository,
        { provide: CorrectionsRepository, inject: [RECONCILIATION_POOL], useFactory: (p: Pool) => new CorrectionsRepository(p) },
        SliceTransactions,
        SliceLoader,
        SliceWriter,
        ResultsPublisher,
        BatchValidator,
        RegistryIntake,
        SectoralIntake,
      ],
      exports: [RegistryIntake, SectoralIntake],
    };
  }
}
