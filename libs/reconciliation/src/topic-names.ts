// The topic set is the contract's (`topicNames` makes every name); re-exported for the intakes and their tests.
export { DEFAULT_TOPIC_NAMES, type TopicNames } from '@lgsp/contracts';

/**
 * The pipeline workers' consumer group. Each topic prefix gets a group of its own: two
 * deployments (or an evaluation next to a benchmark) sharing one group would take each
 * other's partitions away in every rebalance.
 */
export function pipelineGroupOf(prefix: string | null): string {
  return prefix ? `${prefix}.pipeline` : 'lgsp-pipeline';
}
