/**
 * What a consumer is doing. `running` and `paused` (some topics held on purpose, e.g. sectoral
 * topics while the registry loads) can do work; `retrying` (a partition waiting out a failure
 * at the capped delay, or the consumer restarting after a crash), `crashed` (it will not consume
 * again), `starting` and `stopped` cannot.
 */
export type ConsumerState = 'starting' | 'running' | 'paused' | 'retrying' | 'crashed' | 'stopped';

export const CONSUMER_STATES: readonly ConsumerState[] = ['starting', 'running', 'paused', 'retrying', 'crashed', 'stopped'];

export interface ConsumerStatus {
  state: ConsumerState;
  /** Partitions whose waits have reached the cap, with the kind of failure they wait out. */
  retrying: { topic: string; partition: number; kind: string; attempts: number; since: string }[];
  pausedTopics: string[];
  /** The last crash: class and kind only (a message may quote a value). */
  crash?: { errorClass: string; kind: string; restarting: boolean };
  /** Messages waiting on its partitions and none processed for LGSP_STALL_SECONDS: liveness fails. */
  stalled?: { lag: number; idleMs: number; since: string };
}

/** Whether a consumer in this state does its work: what readiness reports. */
export function consumerCanWork(state: ConsumerState): boolean {
  return state === 'running' || state === 'paused';
}
