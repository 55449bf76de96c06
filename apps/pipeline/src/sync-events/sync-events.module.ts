import { DynamicModule, Module } from '@nestjs/common';
import { Pool } from 'pg';
import { IntakeDependencies, RegistryIntake, SectoralIntake, TopicNames } from '@lgsp/reconciliation';
import { EVENT_TRANSPORT, PG_POOL } from '@lgsp/runtime';
import { EventTransport } from '@lgsp/transport';
import { SyncEventsController } from './sync-events.controller';

const INTAKE_DEPENDENCIES = Symbol('INTAKE_DEPENDENCIES');

export interface SyncEventsOptions {
  topics: TopicNames;
  consumerGroup: string;
}

@Module({})
export class SyncEventsModule {
  static register(options: SyncEventsOptions): DynamicModule {
    return {
      module: SyncEventsModule,
      controllers: [SyncEventsController],
      providers: [
        {
          provide: INTAKE_DEPENDENCIES,
          inject: [PG_POOL, EVENT_TRANSPORT],
          useFactory: async (pool: Pool, transport: EventTransport): Promise<IntakeDependencies> => ({
            pool,
            producer: await transport.producer(),
            topics: options.topics,
            consumerGroup: options.consumerGroup,
          }),
        },
        { provide: RegistryIntake, inject: [INTAKE_DEPENDENCIES], useFactory: (d: IntakeDependencies) => new RegistryIntake(d) },
        { provide: SectoralIntake, inject: [INTAKE_DEPENDENCIES], useFactory: (d: IntakeDependencies) => new SectoralIntake(d) },
      ],
    };
  }
}
