/**
 * What a replay window may need of a partition that neither the topic nor the archive holds (pure).
 *
 * A partition whose first held offset (its low watermark) is above 0, and whose first offset at or after the window's
 * start by broker time is at or below it, has lost messages the window may need: the topic no longer holds them, so
 * they must come from the archive. The archive answers for them only if its messages of the partition are contiguous
 * up to the low watermark, and reach down either to offset 0 or to a message whose broker timestamp is before the
 * window's start (broker timestamps are taken as rising with the offset: what lies below it is before the window).
 * Every hole between archived ranges is a gap; when the archive does not reach that far down (archive switched off,
 * enabled later, its retention shorter than the window is old, a day removed), the lowest gap runs from offset 0 and
 * its start is uncertain: how many of its offsets the window needs is not known.
 */

/** A partition's offsets as the topic reports them when the replay reads it. */
export interface PartitionHeld {
  partition: number;
  /** First offset the topic still holds (its low watermark). */
  low: bigint;
  /** First offset at or after the window's start by broker time (the replay's own start on the topic). */
  start: bigint;
}

/**
 * Offsets the archive holds for a partition: one per segment, first to last. A segment is one delivered batch, so the
 * offsets it skips inside (transaction markers, aborted or compacted records) are none a consumer ever sees.
 */
export interface ArchivedRange {
  partition: number;
  first: bigint;
  last: bigint;
  /** Broker timestamp (ms) of the range's earliest message. */
  minTimestamp: number;
}

/** Offsets [from, to] of a topic's partition that are gone from the topic and not in the archive. */
export interface OffsetGap {
  topic: string;
  partition: number;
  /** Offsets, both included, as decimal strings (JSON keeps them exact). */
  from: string;
  to: string;
  /**
   * true when the archive does not reach down to the window's start: offsets from `from` (0) up to `to` are gone,
   * but how many of them the window needs is not known (maybe none, maybe all).
   */
  uncertainStart: boolean;
}

/** The gaps of one topic's partitions, by partition then offset; none when the archive answers for every lost offset. */
export function archiveGaps(
  topic: string,
  held: readonly PartitionHeld[],
  archived: readonly ArchivedRange[],
  fromTime: number,
): OffsetGap[] {
  const gaps: OffsetGap[] = [];
  for (const p of [...held].sort((a, b) => a.partition - b.partition)) {
    // The topic holds everything the window needs (nothing lost, or the window starts above what was lost).
    if (p.low <= 0n || p.start > p.low) continue;
    const ranges = archived
      .filter((r) => r.partition === p.partition && r.first < p.low && r.last >= r.first)
      .sort((a, b) => (b.last > a.last ? 1 : b.last < a.last ? -1 : 0));
    const found: OffsetGap[] = [];
    const gap = (from: bigint, to: bigint, uncertainStart: boolean) =>
      found.push({ topic, partition: p.partition, from: from.toString(), to: to.toString(), uncertainStart });
    // Walking down from the low watermark: `next` is the lowest offset known held from there up.
    let next = p.low;
    let reached = false;
    for (const r of ranges) {
      const last = r.last < p.low ? r.last : p.low - 1n;
      if (last + 1n < next) gap(last + 1n, next - 1n, false);
      if (r.first < next) next = r.first;
      if (next === 0n || r.minTimestamp < fromTime) {
        reached = true;
        break;
      }
    }
    if (!reached && next > 0n) gap(0n, next - 1n, true);
    gaps.push(...found.reverse());
  }
  return gaps;
}

/** "partition 2 of lgsp.land.v1: offsets 0–1,233" in the CLI's and the report's wording. */
export function gapLine(g: OffsetGap): string {
  const n = (s: string) => BigInt(s).toLocaleString('en-US');
  const offsets = g.from === g.to ? `offset ${n(g.from)} is` : `offsets ${n(g.from)}–${n(g.to)} are`;
  return (
    `partition ${g.partition} of ${g.topic}: ${offsets} gone from the topic and not in the archive` +
    (g.uncertainStart ? ' (the archive does not reach back to the window’s start: some or all of them are in the window)' : '')
  );
}
