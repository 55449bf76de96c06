import type { PartitionOffset, TopicPartitionOffsets } from '@lgsp/transport';

export interface PartitionLag {
  topic: string;
  partition: number;
  logEnd: string;
  committed: string | null;
  /** Messages written but not yet processed by the group. */
  offsetLag: number;
}

/**
 * Consumer-group offset lag per partition: log end minus committed offset. A group with no
 * commit yet ('-1') still has everything held in the log ahead of it.
 */
export function offsetLags(topic: string, ends: TopicPartitionOffsets[], committed: PartitionOffset[]): PartitionLag[] {
  const byPartition = new Map(committed.map((c) => [c.partition, c.offset]));
  return ends
    .map((end) => {
      const c = byPartition.get(end.partition);
      const start = c === undefined || c === '-1' ? BigInt(end.low) : BigInt(c);
      const lag = BigInt(end.high) - start;
      return {
        topic,
        partition: end.partition,
        logEnd: end.high,
        committed: c === undefined || c === '-1' ? null : c,
        offsetLag: Number(lag > 0n ? lag : 0n),
      };
    })
    .sort((a, b) => a.partition - b.partition);
}

/**
 * Event-time lag: now minus the source commit time of the newest processed event, while
 * the partition has messages waiting. A caught-up partition has none, however old its
 * last event: an idle source is not a late pipeline.
 */
export function eventTimeLagSeconds(newestCommittedAt: Date | null, offsetLag: number, now: Date): number {
  if (offsetLag === 0) return 0;
  if (newestCommittedAt === null) return 0;
  return Math.max(0, (now.getTime() - newestCommittedAt.getTime()) / 1000);
}
