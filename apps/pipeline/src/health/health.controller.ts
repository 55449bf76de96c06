import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_TRANSPORT } from '@lgsp/runtime';
import { consumerCanWork, ConsumerStatus, EventTransport, withTimeout } from '@lgsp/transport';
import { MONITORING_OPTIONS, MonitoringOptions } from '@lgsp/monitoring';
import { ConsumerHealth } from './consumer-health.service';

/** Each dependency's answer must come within this: a readiness probe that hangs is no answer. */
const CHECK_TIMEOUT_MS = 2000;

export interface Readiness {
  status: 'ready' | 'not-ready';
  transport: string;
  /** This process's consumer; absent when it runs no workers. */
  consumer?: ConsumerStatus;
  reason?: string;
}

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(MONITORING_OPTIONS) private readonly monitoring: MonitoringOptions,
    private readonly consumer: ConsumerHealth,
  ) {}

  /**
   * Liveness: the process answers and its consumer, if it has one, has not crashed for good.
   * A live process with a dead consumer consumes nothing while looking healthy: 503 lets the
   * orchestrator restart it. Retrying and paused are alive (readiness reports them).
   */
  @Get('health')
  health(): { status: 'ok' } {
    const consumer = this.consumer.status();
    if (consumer?.state === 'crashed')
      throw new HttpException(
        { status: 'dead', reason: 'the consumer crashed and will not consume again', consumer },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    return { status: 'ok' };
  }

  /**
   * Readiness: the database answers, the transport serves a topic the pipeline created (the
   * results topic), and the consumer, if this process has one, can work: not crashed, not
   * waiting out a failure at the capped delay.
   */
  @Get('ready')
  async ready(): Promise<Readiness> {
    const consumer = this.consumer.status();
    const base = { transport: this.transport.kind, ...(consumer ? { consumer } : {}) };
    try {
      await withTimeout(
        this.dataSource.query('SELECT 1'),
        CHECK_TIMEOUT_MS,
        `the database did not answer within ${CHECK_TIMEOUT_MS} ms`,
      );
      await this.transport.probe(this.monitoring.topics.results, CHECK_TIMEOUT_MS);
    } catch (e) {
      throw new HttpException({ status: 'not-ready', ...base, reason: (e as Error).message }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    if (consumer && !consumerCanWork(consumer.state))
      throw new HttpException(
        { status: 'not-ready', ...base, reason: `the consumer is ${consumer.state}` },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    return { status: 'ready', ...base };
  }
}
