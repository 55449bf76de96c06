import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { sourceOfTopic } from '@lgsp/contracts';
import { IntakeReport } from '@lgsp/reconciliation';
import { MessageBatch } from '@lgsp/transport';
import { MONITORING_LOGGER, MONITORING_OPTIONS, MonitoringOptions } from '../monitoring.options';
import { bucketLatencies } from '../latency-histogram';
import { ProgressRepository } from '../repositories/progress.repository';
import { PrometheusService } from './prometheus.service';

/**
 * Watches the workers: after each batch, counts what its IntakeReport says and records the
 * partition's progress and the latency of its results. A failure here is logged, never
 * thrown: monitoring must not hold the pipeline back.
 */
@Injectable()
export class IntakeObserver {
  /** Per source and finding kind: when it was last logged and how many messages carried it since. */
  private readonly findingLog = new Map<string, { loggedAt: number; messages: number }>();

  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
    private readonly progress: ProgressRepository,
    private readonly prometheus: PrometheusService,
    @Inject(MONITORING_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Counts the producer findings and logs each kind once per FINDING_LOG_INTERVAL_MS: a producer
   * publishing every message with the wrong key would otherwise write a line per message. The
   * line names the source, the kind and a count, nothing of the messages (they hold personal data).
   */
  private countFindings(source: string, report: IntakeReport, now: number): void {
    for (const [kind, n] of Object.entries(report.producerFindings ?? {})) {
      if (!n) continue;
      this.prometheus.producerFindings.inc({ source, kind }, n);
      const key = `${source}/${kind}`;
      const entry = this.findingLog.get(key) ?? { loggedAt: -Infinity, messages: 0 };
      entry.messages += n;
      if (now - entry.loggedAt >= FINDING_LOG_INTERVAL_MS) {
        this.logger.warn(
          { source, kind, messages: entry.messages, intervalMs: FINDING_LOG_INTERVAL_MS },
          'producer finding: messages that break the contract on key, headers or formats',
        );
        entry.loggedAt = now;
        entry.messages = 0;
      }
      this.findingLog.set(key, entry);
    }
  }

  async observe(batch: MessageBatch, report: IntakeReport): Promise<void> {
    const now = new Date();
    const source = sourceOfTopic(batch.topic, this.options.topics) ?? batch.topic;
    // Latency of results caused by this batch's own events (a registry change re-decides old records: not a sync latency).
    const latencies = report.decisions
      .filter((d) => d.cause === 'record-event' && d.input.topic === batch.topic)
      .map((d) => (now.getTime() - Date.parse(d.input.committedAt)) / 1000);
    for (const d of report.decisions) this.prometheus.reconciled.inc({ source: d.source, outcome: d.outcome });
    for (const s of latencies) this.prometheus.latency.observe({ source }, Math.max(0, s));
    this.prometheus.processed.inc({ source }, batch.messages.length);
    if (report.deadLettered > 0) this.prometheus.deadLettered.inc({ source }, report.deadLettered);
    this.countFindings(source, report, now.getTime());
    try {
      await this.progress.recordBatch(
        {
          consumerGroup: this.options.consumerGroup,
          topic: batch.topic,
          partition: batch.partition,
          newestCommittedAt: newestCommittedAt(batch),
          lastOffset: batch.messages[batch.messages.length - 1]?.offset ?? '0',
          processed: batch.messages.length,
          deadLettered: report.deadLettered,
          decisions: report.decisions.length,
        },
        source,
        bucketLatencies(latencies),
        now,
      );
    } catch (e) {
      this.logger.warn({ err: e, topic: batch.topic, partition: batch.partition }, 'could not record the progress of a batch');
    }
  }
}

/** A producer's mistakes are logged once per source and kind in this interval, with the count since the last line. */
export const FINDING_LOG_INTERVAL_MS = 60_000;

/**
 * The source commit time of the newest event of a batch: a partition is in order, so it is
 * the last readable one (only a few are tried: the tail may be dead letters).
 */
export function newestCommittedAt(batch: MessageBatch): Date | null {
  for (let i = batch.messages.length - 1; i >= Math.max(0, batch.messages.length - 10); i--) {
    try {
      const committedAt = (JSON.parse(batch.messages[i].value.toString('utf8')) as { committedAt?: unknown }).committedAt;
      const t = typeof committedAt === 'string' ? Date.parse(committedAt) : NaN;
      if (!Number.isNaN(t)) return new Date(t);
    } catch {
      // not JSON: it went to the dead-letter topic; try the one before
    }
  }
  return null;
}
