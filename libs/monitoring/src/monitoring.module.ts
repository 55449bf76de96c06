import { DynamicModule, Global, InjectionToken, Module } from '@nestjs/common';
import {
  MONITORING_LOGGER,
  MONITORING_OPTIONS,
  MONITORING_POOL,
  MONITORING_SETTINGS,
  MONITORING_TRANSPORT,
  MonitoringOptions,
} from './monitoring.options';
import { MONITORING_REPOSITORIES } from './repositories/monitoring.repositories';
import { DeadLetterConsumer } from './services/dead-letter-consumer.service';
import { IntakeObserver } from './services/intake-observer.service';
import { MonitorService } from './services/monitor.service';
import { MonitoringQueries } from './services/monitoring-queries.service';
import { PrometheusService } from './services/prometheus.service';
import { SnapshotService } from './services/snapshot.service';

export interface MonitoringModuleOptions extends MonitoringOptions {
  /** The tokens under which the host provides the pg Pool, the event transport, the pino logger and the Settings. */
  pool: InjectionToken;
  transport: InjectionToken;
  logger: InjectionToken;
  settings: InjectionToken;
}

/**
 * Match-rate metrics, sync lag, alerts, the dead-letter table and the process's Prometheus registry, as Nest
 * providers; the host adds the controllers (REST API, /metrics, dashboard). Global: the workers report to
 * IntakeObserver, the consumer's state to PrometheusService.
 */
@Global()
@Module({})
export class MonitoringModule {
  static register(options: MonitoringModuleOptions): DynamicModule {
    const { pool, transport, logger, settings, ...monitoring } = options;
    return {
      module: MonitoringModule,
      providers: [
        { provide: MONITORING_OPTIONS, useValue: monitoring satisfies MonitoringOptions },
        { provide: MONITORING_POOL, useExisting: pool },
        { provide: MONITORING_TRANSPORT, useExisting: transport },
        { provide: MONITORING_LOGGER, useExisting: logger },
        { provide: MONITORING_SETTINGS, useExisting: settings },
        PrometheusService,
        ...MONITORING_REPOSITORIES,
        IntakeObserver,
        SnapshotService,
        MonitorService,
        MonitoringQueries,
        DeadLetterConsumer,
      ],
      exports: [IntakeObserver, MonitoringQueries, PrometheusService, MONITORING_OPTIONS],
    };
  }
}
