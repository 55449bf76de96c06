import { TopicNames } from '@lgsp/contracts';

export const MONITORING_OPTIONS = Symbol('MONITORING_OPTIONS');

export interface MonitoringOptions {
  /** The deployment's topics, the monitor's own (metrics, alerts) among them. */
  topics: TopicNames;
  /** The consumer group whose lag is measured (the pipeline workers'). */
  consumerGroup: string;
  /** Whether this process runs workers (and so consumes the dead-letter topic into its table). */
  consume: boolean;
}
