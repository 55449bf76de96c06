import { DynamicModule, Module } from '@nestjs/common';
import { MonitoringOptions } from '@lgsp/monitoring';
import { Runtime, RuntimeModule } from '@lgsp/runtime';
import { AuditHttpModule } from './audit/audit-http.module';
import { ConsumerHealth } from './health/consumer-health.service';
import { HealthController } from './health/health.controller';
import { MonitoringHttpModule } from './monitoring/monitoring-http.module';
import { RecordsHttpModule } from './records/records-http.module';
import { SyncEventsModule, SyncEventsOptions } from './sync-events/sync-events.module';

@Module({})
export class PipelineModule {
  static forRuntime(runtime: Runtime, syncEvents: SyncEventsOptions, monitoring: MonitoringOptions): DynamicModule {
    return {
      module: PipelineModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        MonitoringHttpModule.register(monitoring),
        RecordsHttpModule,
        AuditHttpModule.register(monitoring.topics),
        SyncEventsModule.register(syncEvents),
      ],
      controllers: [HealthController],
      providers: [ConsumerHealth],
    };
  }
}
