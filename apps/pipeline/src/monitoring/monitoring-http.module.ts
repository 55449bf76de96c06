import { DynamicModule, Module } from '@nestjs/common';
import { CorrectionsRepository } from '@lgsp/corrections';
import { MonitoringModule, MonitoringOptions } from '@lgsp/monitoring';
import type { Pool } from 'pg';
import { EVENT_TRANSPORT, LOGGER, PG_POOL, SETTINGS } from '@lgsp/runtime';
import { MonitoringApiController } from './api/monitoring-api.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { MetricsController } from './metrics.controller';

/** The monitoring capability (@lgsp/monitoring) on this process's resources, with its HTTP face: REST API, /metrics, dashboard. */
@Module({})
export class MonitoringHttpModule {
  static register(options: MonitoringOptions): DynamicModule {
    return {
      module: MonitoringHttpModule,
      imports: [
        MonitoringModule.register({
          ...options,
          pool: PG_POOL,
          transport: EVENT_TRANSPORT,
          logger: LOGGER,
          settings: SETTINGS,
        }),
      ],
      controllers: [MonitoringApiController, MetricsController, DashboardController],
      providers: [{ provide: CorrectionsRepository, inject: [PG_POOL], useFactory: (p: Pool) => new CorrectionsRepository(p) }],
    };
  }
}
