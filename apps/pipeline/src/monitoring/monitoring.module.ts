import { DynamicModule, Global, Module } from '@nestjs/common';
import { MonitoringApiController } from './api/monitoring-api.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DeadLetterConsumer } from './dead-letter-consumer.service';
import { IntakeObserver } from './intake-observer.service';
import { MetricsController } from './metrics.controller';
import { MonitorService } from './monitor.service';
import { MONITORING_OPTIONS, MonitoringOptions } from './monitoring.options';
import { MonitoringQueries } from './monitoring-queries.service';
import { MONITORING_REPOSITORIES } from './monitoring.repositories';
import { PrometheusService } from './prometheus.service';
import { SnapshotService } from './snapshot.service';

/** Match-rate metrics, sync lag, alerts, /metrics, the REST API and the dashboard. Global: the workers report to IntakeObserver. */
@Global()
@Module({})
export class MonitoringModule {
  static register(options: MonitoringOptions): DynamicModule {
    return {
      module: MonitoringModule,
      controllers: [MonitoringApiController, MetricsController, DashboardController],
      providers: [
        { provide: MONITORING_OPTIONS, useValue: options },
        ...MONITORING_REPOSITORIES,
        PrometheusService,
        IntakeObserver,
        SnapshotService,
        MonitorService,
        MonitoringQueries,
        DeadLetterConsumer,
      ],
      exports: [IntakeObserver],
    };
  }
}
