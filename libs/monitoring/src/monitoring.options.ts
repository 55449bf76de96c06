import { TopicNames } from '@lgsp/contracts';

/** What the host tells the monitoring services about the deployment. */
export const MONITORING_OPTIONS = Symbol('MONITORING_OPTIONS');
/** The host's resources, under the monitoring module's own tokens (the host names its tokens in the options). */
export const MONITORING_POOL = Symbol('MONITORING_POOL');
export const MONITORING_TRANSPORT = Symbol('MONITORING_TRANSPORT');
export const MONITORING_LOGGER = Symbol('MONITORING_LOGGER');
export const MONITORING_SETTINGS = Symbol('MONITORING_SETTINGS');

export interface MonitoringOptions {
  /** The deployment's topics, the monitor's own (metrics, alerts) among them. */
  topics: TopicNames;
  /** The consumer group whose lag is measured (the pipeline workers'). */
  consumerGroup: string;
  /** Whether this process runs workers (and so consumes the dead-letter topic into its table). */
  consume: boolean;
}
