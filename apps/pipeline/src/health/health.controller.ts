import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_TRANSPORT } from '@lgsp/runtime';
import { consumerCanWork, ConsumerStatus, EventTransport, withTimeout } from '@lgsp/transport';
import { MONITORING_OPTIONS, MonitoringOptions } from '@lgsp/monitoring';
import { ConsumerHealth } from './consumer-health.service';

/**
 * Each dependency's answer must come within this, and the checks run side by side, so /ready
 * answers within a second whatever is down: a readiness probe that hangs is no answer.
 */
export const CHECK_TIMEOUT_MS = 800;

export interface Readiness {
  status: 'ready' | 'not-ready';
  transport: string;
  /** This process's consumer; absent when it runs no workers. */
  consumer?: ConsumerStatus;
  reason?: string;
}

/**
 * A 503 of /health or /ready: its body is the probe's own report (status, reason, consumer), which
 * orchestrators and people read, so it stays application/json rather than becoming a problem.
 */
export class HealthUnavailable extends HttpException {
  constructor(report: Record<string, unknown>) {
    super(report, HttpStatus.SERVICE_UNAVAILABLE);
  }
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
   * Liveness: the process answers and its consumer, if it has one, has not crashed for good and is not stalled.
   * A live process with a dead consumer consumes nothing while looking healthy: 503 lets the
   * orchestrator restart it. Retrying and paused are alive (readiness reports them).
   */
  @Get('health')
  health(): { status: 'ok' } {
    const consumer = this.consumer.status();
    if (consumer?.state === 'crashed')
      throw new HealthUnavailable({ status: 'dead', reason: 'the consumer crashed and will not consume again', consumer });
    // Stalled (LGSP_STALL_SECONDS): work waits and none is done; a restart gets a fresh client and group membership.
    if (consumer?.stalled)
      throw new HealthUnavailable({
        status: 'stalled',
        reason: `${consumer.stalled.lag} messages wait and none was processed for ${Math.round(consumer.stalled.idleMs / 1000)} s`,
        consumer,
      });
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
    const checks = await Promise.allSettled([
      withTimeout(
        this.dataSource.query('SELECT 1'),
        CHECK_TIMEOUT_MS,
        `the database did not answer within ${CHECK_TIMEOUT_MS} ms`,
      ),
      this.transport.probe(this.monitoring.topics.results, CHECK_TIMEOUT_MS),
    ]);
    const failed = checks.filter((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (failed.length > 0)
      throw new HealthUnavailable({
        status: 'not-ready',
        ...base,
        reason: failed.map((f) => (f.reason as Error)?.message ?? String(f.reason)).join('; '),
      });
    if (consumer && !consumerCanWork(consumer.state))
      throw new HealthUnavailable({ status: 'not-ready', ...base, reason: `the consumer is ${consumer.state}` });
    return { status: 'ready', ...base };
  }
}
