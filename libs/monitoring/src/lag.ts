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
 * Since when a partition has had messages waiting, as the snapshots saw it: kept from the previous
 * snapshot while the wait goes on; when it begins, the previous snapshot's time (the messages came
 * after it: an upper bound of the wait by at most one interval); null while nothing waits. Only the
 * very first snapshot of a monitor, with no previous one, has to start the wait now.
 */
export function waitingSince(
  offsetLag: number,
  previous: { waitingSince?: string | null; offsetLag: number } | undefined,
  previousTakenAt: string | undefined,
  now: Date,
): string | null {
  if (offsetLag === 0) return null;
  if (previous !== undefined && previous.offsetLag > 0 && previous.waitingSince) return previous.waitingSince;
  return previousTakenAt ?? now.toISOString();
}

/**
 * Event-time lag, while the partition has messages waiting: how long the oldest waiting event has
 * waited, at most. It is now minus the source commit time of the newest processed event (the
 * oldest waiting one was committed after it), but never more than the wait the snapshots saw: after
 * a restart an idle source's last event is old, and the events now waiting are not. With nothing
 * processed yet it is the wait itself, never 0. A caught-up partition has none, however old its
 * last event: an idle source is not a late pipeline.
 */
export function eventTimeLagSeconds(
  newestCommittedAt: Date | null,
  offsetLag: number,
  now: Date,
  waiting: string | null = null,
): number {
  if (offsetLag === 0) return 0;
  const sinceNewest = newestCommittedAt === null ? Infinity : (now.getTime() - newestCommittedAt.getTime()) / 1000;
  const sinceWaiting = waiting === null ? Infinity : (now.getTime() - Date.parse(waiting)) / 1000;
  const lag = Math.min(sinceNewest, sinceWaiting);
  return Number.isFinite(lag) ? Math.max(0, lag) : 0;
}
