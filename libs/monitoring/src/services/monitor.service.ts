import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Pool } from 'pg';
import { SessionLock } from '@lgsp/database';
import { Logger } from 'pino';
import { Settings } from '@lgsp/config';
import { EventProducer, EventTransport } from '@lgsp/transport';
import {
  MONITORING_LOGGER,
  MONITORING_OPTIONS,
  MONITORING_POOL,
  MONITORING_SETTINGS,
  MONITORING_TRANSPORT,
  MonitoringOptions,
} from '../monitoring.options';
import { PrometheusService } from './prometheus.service';
import { SnapshotService } from './snapshot.service';
import { alertChanges, alertKey, AlertThresholds, conditionsOf, sustained } from '../alerts/alert-rules';
import { AlertsRepository, StoredAlert } from '../repositories/alerts.repository';
import { MatchMetricsRepository } from '../repositories/match-metrics.repository';
import { ProgressRepository } from '../repositories/progress.repository';
import { SnapshotsRepository } from '../repositories/snapshots.repository';
import { MetricsSnapshot } from '../snapshot';

/** Advisory-lock key of the monitor leader: one process per database stores, publishes and alerts. */
const LEADER_LOCK = 1732500000;
/** Snapshots and latency minutes older than this are dropped. */
const KEEP_HOURS = 48;

/**
 * Every interval: measures the pipeline (every process, for its /metrics gauges) and, in the
 * one leader process, compacts the match-count deltas, stores and publishes the snapshot
 * and opens or clears alerts. Leadership is a PostgreSQL advisory lock held by a session,
 * so a stopped leader hands over at the next tick of another process.
 */
@Injectable()
export class MonitorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly leadership: SessionLock;
  private producer: EventProducer | undefined;
  private lagSince = new Map<string, number>();
  private latestSnapshot: MetricsSnapshot | undefined;

  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
    @Inject(MONITORING_SETTINGS) private readonly settings: Settings,
    @Inject(MONITORING_POOL) private readonly pool: Pool,
    @Inject(MONITORING_TRANSPORT) private readonly transport: EventTransport,
    @Inject(MONITORING_LOGGER) private readonly logger: Logger,
    private readonly snapshots: SnapshotService,
    private readonly stored: SnapshotsRepository,
    private readonly matchMetrics: MatchMetricsRepository,
    private readonly progress: ProgressRepository,
    private readonly alerts: AlertsRepository,
    private readonly prometheus: PrometheusService,
  ) {
    this.leadership = new SessionLock(pool, LEADER_LOCK);
  }

  /** The last snapshot this process took. */
  get latest(): MetricsSnapshot | undefined {
    return this.latestSnapshot;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.leadership.release();
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** One round (also called directly by tests). */
  async tick(): Promise<void> {
    const snapshot = await this.snapshots.take(this.latestSnapshot);
    this.latestSnapshot = snapshot;
    if (!(await this.leadership.tryAcquire())) {
      this.prometheus.showSnapshot(snapshot, await this.alerts.open());
      return;
    }
    await this.matchMetrics.compact();
    await this.stored.store(snapshot);
    await this.publish(this.options.topics.metrics, [{ key: snapshot.consumerGroup, value: JSON.stringify(snapshot) }]);
    const open = await this.evaluateAlerts(snapshot);
    this.prometheus.showSnapshot(snapshot, open);
    if (Math.random() < 0.01) {
      await this.stored.prune(KEEP_HOURS);
      await this.progress.pruneLatency(KEEP_HOURS);
    }
  }

  private thresholds(): AlertThresholds {
    const s = this.settings;
    return {
      lagMessages: s.alertLagMessages,
      lagSeconds: s.alertLagSeconds,
      lagForSeconds: s.alertLagForSeconds,
      matchRateDropPoints: s.alertMatchRateDropPoints,
      deadLetterRate: s.alertDeadLetterRate,
      minEvents: s.alertMinEvents,
    };
  }

  private async evaluateAlerts(snapshot: MetricsSnapshot): Promise<StoredAlert[]> {
    const t = this.thresholds();
    const baseline = await this.stored.baseline(this.settings.alertWindowSeconds);
    const held = sustained(conditionsOf(snapshot, baseline, t), this.lagSince, Date.parse(snapshot.takenAt), t.lagForSeconds);
    this.lagSince = held.since;
    const open = await this.alerts.open();
    const changes = alertChanges(open, held.ready);
    const at = new Date(snapshot.takenAt);
    const transitions: { key: string; value: string }[] = [];
    for (const c of changes.opened) {
      const alert = await this.alerts.openAlert(c, at);
      if (alert) transitions.push(alertMessage(alert, 'open'));
    }
    for (const c of changes.continuing) await this.alerts.refresh(c, at);
    for (const a of changes.cleared) {
      const alert = await this.alerts.clear(a.id, at);
      if (alert) transitions.push(alertMessage(alert, 'cleared'));
    }
    if (transitions.length > 0) {
      this.logger.info({ alerts: transitions.map((t) => t.key) }, 'alerts changed');
      await this.publish(this.options.topics.alerts, transitions);
    }
    return changes.opened.length + changes.cleared.length > 0 ? this.alerts.open() : open;
  }

  private async publish(topic: string, messages: { key: string; value: string }[]): Promise<void> {
    this.producer ??= await this.transport.producer();
    await this.producer.send(topic, messages);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((e) => this.logger.warn({ err: e }, 'monitor round failed'))
        .finally(() => this.schedule(this.settings.metricsIntervalMs));
    }, delayMs);
    this.timer.unref();
  }
}

function alertMessage(alert: StoredAlert, state: 'open' | 'cleared'): { key: string; value: string } {
  return { key: alertKey(alert), value: JSON.stringify({ ...alert, state }) };
}
