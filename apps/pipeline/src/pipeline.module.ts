import { DynamicModule, Module } from '@nestjs/common';
import { Runtime, RuntimeModule } from '@lgsp/runtime';
import { HealthController } from './health/health.controller';
import { MonitoringModule } from './monitoring/monitoring.module';
import { MonitoringOptions } from './monitoring/monitoring.options';
import { SyncEventsModule, SyncEventsOptions } from './sync-events/sync-events.module';

@Module({})
export class PipelineModule {
  static forRuntime(runtime: Runtime, syncEvents: SyncEventsOptions, monitoring: MonitoringOptions): DynamicModule {
    return {
      module: PipelineModule,
      imports: [RuntimeModule.forRoot(runtime), MonitoringModule.register(monitoring), SyncEventsModule.register(syncEvents)],
      controllers: [HealthController],
    };
  }
}
