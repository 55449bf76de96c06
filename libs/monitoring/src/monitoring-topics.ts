/** Metric snapshots, one message per interval (key: the consumer group measured). */
export const METRICS_TOPIC = 'lgsp.metrics.v1';

/** Alert transitions: one message when an alert opens and one when it clears (key: kind:subject). */
export const ALERTS_TOPIC = 'lgsp.alerts.v1';

export interface MonitoringTopics {
  metrics: string;
  alerts: string;
}

/** Follows the source topics' naming: under a prefix, `<prefix>.metrics` and `<prefix>.alerts`. */
export function monitoringTopicsFor(prefix: string | null): MonitoringTopics {
  return prefix ? { metrics: `${prefix}.metrics`, alerts: `${prefix}.alerts` } : { metrics: METRICS_TOPIC, alerts: ALERTS_TOPIC };
}
