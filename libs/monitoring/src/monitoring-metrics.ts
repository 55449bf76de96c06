import type { StoredAlert } from './repositories/alerts.repository';
import type { MetricsSnapshot } from './snapshot';

/** Where the monitoring services count what the workers did and show what the monitor measured. */
export const MONITORING_METRICS = Symbol('MONITORING_METRICS');

type Labels = Record<string, string>;

/**
 * The process's metrics as the monitoring services use them (the host's Prometheus registry, for now: its
 * PrometheusService still lives in the app while the consumer-state metrics are added to it).
 */
export interface MonitoringMetrics {
  readonly reconciled: { inc(labels: Labels, value?: number): void };
  readonly processed: { inc(labels: Labels, value?: number): void };
  readonly deadLettered: { inc(labels: Labels, value?: number): void };
  readonly latency: { observe(labels: Labels, seconds: number): void };
  showSnapshot(snapshot: MetricsSnapshot, openAlerts: StoredAlert[]): void;
}
