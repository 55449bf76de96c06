import { DEAD_LETTER_TOPIC } from '@lgsp/contracts';
import { MonitoringTopics, monitoringTopicsFor } from '@lgsp/monitoring';
import { TopicNames } from '@lgsp/reconciliation';

export const MONITORING_OPTIONS = Symbol('MONITORING_OPTIONS');

export interface MonitoringOptions {
  topics: TopicNames;
  /** The consumer group whose lag is measured (the pipeline workers'). */
  consumerGroup: string;
  monitoringTopics: MonitoringTopics;
  /** Whether this process runs workers (and so consumes the dead-letter topic into its table). */
  consume: boolean;
}

/** Monitoring topics that follow the source topics' naming (a prefixed deployment or test gets its own). */
export function monitoringTopicsOf(topics: TopicNames): MonitoringTopics {
  if (topics.deadLetter === DEAD_LETTER_TOPIC) return monitoringTopicsFor(null);
  return monitoringTopicsFor(topics.deadLetter.replace(/\.dead-letter$/, ''));
}
