import type { TopicNames } from './topic-names';

/** The PostgreSQL pool the intakes run their transactions on. */
export const RECONCILIATION_POOL = Symbol('RECONCILIATION_POOL');
/** The producer results and dead letters are published with. */
export const INTAKE_PRODUCER = Symbol('INTAKE_PRODUCER');
/** Where the intakes publish, and the consumer group named in dead letters. */
export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

export interface IntakeSettings {
  topics: TopicNames;
  consumerGroup: string;
  /** LGSP_STRICT_PRODUCERS: key and header mistakes are dead-lettered instead of reconciled as findings. */
  strictProducers?: boolean;
}
