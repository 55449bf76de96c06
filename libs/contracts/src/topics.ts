import type { SourceName } from './v1/source-name';

/**
 * One topic per source. The topic's `.v1` is the wire-compatibility generation, not
 * the schema version: backwards-compatible schema versions share a topic and are told
 * apart by `schemaVersion`; only a breaking change would open `.v2` topics.
 */
export const TOPICS = {
  population: 'lgsp.population.v1',
  land: 'lgsp.land.v1',
  insurance: 'lgsp.insurance.v1',
  business: 'lgsp.business.v1',
} as const satisfies Record<SourceName, string>;

/** Messages that could not be decoded or validated, with the reason in headers. */
export const DEAD_LETTER_TOPIC = 'lgsp.dead-letter.v1';

/** Reconciliation decisions, one per consumed event. */
export const RESULTS_TOPIC = 'lgsp.results.v1';

/** The source a sync topic carries, or undefined for any other topic. */
export function sourceOfTopic(topic: string): SourceName | undefined {
  const entry = Object.entries(TOPICS).find(([, name]) => name === topic);
  return entry?.[0] as SourceName | undefined;
}
