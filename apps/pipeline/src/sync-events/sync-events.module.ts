import { DynamicModule, Module } from '@nestjs/common';
import { ReconciliationModule, TopicNames } from '@lgsp/reconciliation';
import { EVENT_TRANSPORT, PG_POOL } from '@lgsp/runtime';
import { SyncEventsController } from './sync-events.controller';

export interface SyncEventsOptions {
  topics: TopicNames;
  consumerGroup: string;
  strictProducers?: boolean;
}

@Module({})
export class SyncEventsModule {
  static register(options: SyncEventsOptions): DynamicModule {
    return {
      module: SyncEventsModule,
      imports: [ReconciliationModule.register({ ...options, pool: PG_POOL, transport: EVENT_TRANSPORT })],
      controllers: [SyncEventsController],
    };
  }
}
