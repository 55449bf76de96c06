import { Inject, Injectable } from '@nestjs/common';
import { sourceOfTopic } from '@lgsp/contracts';
import { ConsumerObserver, ConsumerStatus, EventTransportServer, ProcessingFailure, RetryNotice } from '@lgsp/transport';
import { MONITORING_OPTIONS, MonitoringOptions, PrometheusService } from '@lgsp/monitoring';

/**
 * The state of this process's consumer, for /ready and Prometheus: the server it watches is
 * attached once started (a process started without workers has none, and nothing to report).
 */
@Injectable()
export class ConsumerHealth implements ConsumerObserver {
  private server: EventTransportServer | undefined;

  constructor(
    private readonly prometheus: PrometheusService,
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
  ) {
    prometheus.watchConsumerState(() => this.status()?.state);
  }

  attach(server: EventTransportServer): void {
    this.server = server;
  }

  status(): ConsumerStatus | undefined {
    return this.server?.consumerStatus();
  }

  onRetry(notice: RetryNotice): void {
    this.prometheus.retries.inc({ topic: notice.topic, kind: notice.kind });
  }

  onDeadLetter(failure: ProcessingFailure): void {
    const topic = failure.message.topic;
    this.prometheus.poisonMessages.inc({ topic, reason: failure.reason });
    this.prometheus.deadLettered.inc({ source: sourceOfTopic(topic, this.options.topics) ?? topic });
  }

  onCrash(crash: { restarting: boolean }): void {
    this.prometheus.consumerCrashes.inc({ restarting: String(crash.restarting) });
  }
}
