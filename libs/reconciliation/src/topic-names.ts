import { DEAD_LETTER_TOPIC, RESULTS_TOPIC, SourceName, TOPICS } from '@lgsp/contracts';

/** The topics one pipeline deployment uses; tests and replays run on their own set. */
export interface TopicNames {
  sources: Record<SourceName, string>;
  deadLetter: string;
  results: string;
}

export const DEFAULT_TOPIC_NAMES: TopicNames = { sources: { ...TOPICS }, deadLetter: DEAD_LETTER_TOPIC, results: RESULTS_TOPIC };

/** A complete set of topics under a prefix (e.g. one per test, or per replay). */
export function prefixedTopicNames(prefix: string): TopicNames {
  return {
    sources: {
      population: `${prefix}.population`,
      land: `${prefix}.land`,
      insurance: `${prefix}.insurance`,
      business: `${prefix}.business`,
    },
    deadLetter: `${prefix}.dead-letter`,
    results: `${prefix}.results`,
  };
}

export function sourceOf(names: TopicNames, topic: string): SourceName | undefined {
  return (Object.keys(names.sources) as SourceName[]).find((s) => names.sources[s] === topic);
}

/**
 * The pipeline workers' consumer group. Each topic prefix gets a group of its own: two
 * deployments (or an evaluation next to a benchmark) sharing one group would take each
 * other's partitions away in every rebalance.
 */
export function pipelineGroupOf(prefix: string | null): string {
  return prefix ? `${prefix}.pipeline` : 'lgsp-pipeline';
}
