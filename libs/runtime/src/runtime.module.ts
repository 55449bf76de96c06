import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Runtime } from './runtime';

export const RUNTIME = Symbol('RUNTIME');
export const SETTINGS = Symbol('SETTINGS');
export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');
export const PG_POOL = Symbol('PG_POOL');
export const LOGGER = Symbol('LOGGER');

/** Hands the process's shared resources to Nest's container; the process owns their lifecycle. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: RUNTIME, useValue: runtime },
      { provide: SETTINGS, useValue: runtime.settings },
      { provide: EVENT_TRANSPORT, useValue: runtime.transport },
      { provide: PG_POOL, useValue: runtime.pool },
      { provide: LOGGER, useValue: runtime.logger },
      { provide: DataSource, useValue: runtime.dataSource },
    ];
    return { module: RuntimeModule, providers, exports: providers.map((p) => p.provide) };
  }
}
