import { SOURCE_NAMES, type SourceName } from './v1/source-name';

/** Every topic one deployment uses, by role. */
export interface TopicNames {
  /** One topic per source. */
  sources: Record<SourceName, string>;
  /** Messages that could not be decoded or validated, with the reason in headers. */
  deadLetter: string;
  /** Reconciliation decisions, one per consumed event. */
  results: string;
  /** Metric snapshots, one message per interval (key: the consumer group measured). */
  metrics: string;
  /** Alert transitions: one message when an alert opens and one when it clears (key: kind:subject). */
  alerts: string;
  /** Signed checkpoints of the tamper-evident decision log (key: the log's size); kept elsewhere, they catch a rewrite. */
  auditCheckpoints: string;
  /** Each correction opened: the registry's value for a mismatched field of a record (key: `<source>/<entityId>`). */
  corrections: string;
}

/**
 * The one place topic names are made. Without a prefix, the contract's names: the topic's
 * `.v1` is the wire-compatibility generation, not the schema version (backwards-compatible
 * schema versions share a topic and are told apart by `schemaVersion`; only a breaking
 * change would open `.v2` topics). With a prefix, a whole set of its own, `<prefix>.population`,
 * `<prefix>.dead-letter`, … (a separate environment, a test, an evaluation).
 */
export function topicNames(prefix: string | null = null): TopicNames {
  const name = (role: string) => (prefix ? `${prefix}.${role}` : `lgsp.${role}.v1`);
  return {
    sources: Object.fromEntries(SOURCE_NAMES.map((source) => [source, name(source)])) as Record<SourceName, string>,
    deadLetter: name('dead-letter'),
    results: name('results'),
    metrics: name('metrics'),
    alerts: name('alerts'),
    auditCheckpoints: name('audit-checkpoints'),
    corrections: name('corrections'),
  };
}

/** The contract's topics. */
export const DEFAULT_TOPIC_NAMES: Readonly<TopicNames> = topicNames();

/** The contract's source topics (`lgsp.population.v1`, …). */
export const TOPICS: Readonly<Record<SourceName, string>> = DEFAULT_TOPIC_NAMES.sources;
export const DEAD_LETTER_TOPIC = DEFAULT_TOPIC_NAMES.deadLetter;
export const RESULTS_TOPIC = DEFAULT_TOPIC_NAMES.results;

/** Every topic of a set, sources first: what a deployment creates. */
export function allTopicsOf(names: TopicNames): string[] {
  return [
    ...Object.values(names.sources),
    names.deadLetter,
    names.results,
    names.metrics,
    names.alerts,
    names.auditCheckpoints,
    names.corrections,
  ];
}

/** The source a sync topic of the set carries, or undefined for any other topic. */
export function sourceOfTopic(topic: string, names: TopicNames = DEFAULT_TOPIC_NAMES): SourceName | undefined {
  return SOURCE_NAMES.find((source) => names.sources[source] === topic);
}
