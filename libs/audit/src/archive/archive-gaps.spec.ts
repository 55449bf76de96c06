import { archiveGaps, ArchivedRange, gapLine } from './archive-gaps';

const TOPIC = 'lgsp.land.v1';
const FROM = Date.parse('2026-12-01T00:00:00.000Z');
const BEFORE = FROM - 1000;
const INSIDE = FROM + 1000;

const range = (partition: number, first: number, last: number, minTimestamp: number): ArchivedRange => ({
  partition,
  first: BigInt(first),
  last: BigInt(last),
  minTimestamp,
});
/** Partition 2 lost offsets 0–1,233 (low watermark 1,234), and its first held message is in the window. */
const LOST = [{ partition: 2, low: 1234n, start: 1234n }];

describe('archive gaps: what the window may need that neither the topic nor the archive holds', () => {
  it('none when the archive is contiguous from offset 0 up to the low watermark, in segments', () => {
    expect(archiveGaps(TOPIC, LOST, [range(2, 0, 499, INSIDE), range(2, 500, 1233, INSIDE)], FROM)).toEqual([]);
  });

  it('none when the archive starts at a message before the window, however far above offset 0', () => {
    expect(archiveGaps(TOPIC, LOST, [range(2, 900, 1233, BEFORE)], FROM)).toEqual([]);
    // Segments beyond the low watermark (the topic holds them too) change nothing.
    expect(archiveGaps(TOPIC, LOST, [range(2, 900, 1500, BEFORE)], FROM)).toEqual([]);
  });

  it('none when the topic lost nothing or the window starts above what it lost', () => {
    expect(archiveGaps(TOPIC, [{ partition: 0, low: 0n, start: 0n }], [], FROM)).toEqual([]);
    expect(archiveGaps(TOPIC, [{ partition: 1, low: 100n, start: 150n }], [], FROM)).toEqual([]);
  });

  it('a hole in the middle is a gap at its offsets, the start being known', () => {
    const archived = [range(2, 0, 99, BEFORE), range(2, 200, 1233, INSIDE)];
    expect(archiveGaps(TOPIC, LOST, archived, FROM)).toEqual([
      { topic: TOPIC, partition: 2, from: '100', to: '199', uncertainStart: false },
    ]);
    // A hole at the top: the archive stops short of the low watermark (a day removed, or not yet archived).
    expect(archiveGaps(TOPIC, LOST, [range(2, 0, 999, INSIDE)], FROM)).toEqual([
      { topic: TOPIC, partition: 2, from: '1000', to: '1233', uncertainStart: false },
    ]);
  });

  it('an archive that starts inside the window leaves its start uncertain: the offsets below it are a gap from 0', () => {
    // Archiving enabled later, or its retention shorter than the window is old.
    expect(archiveGaps(TOPIC, LOST, [range(2, 1000, 1233, INSIDE)], FROM)).toEqual([
      { topic: TOPIC, partition: 2, from: '0', to: '999', uncertainStart: true },
    ]);
    // With a hole too: both, lowest first.
    expect(archiveGaps(TOPIC, LOST, [range(2, 500, 599, INSIDE), range(2, 1000, 1233, INSIDE)], FROM)).toEqual([
      { topic: TOPIC, partition: 2, from: '0', to: '499', uncertainStart: true },
      { topic: TOPIC, partition: 2, from: '600', to: '999', uncertainStart: false },
    ]);
  });

  it('no archive: everything the topic lost, per partition, start uncertain', () => {
    const held = [
      { partition: 3, low: 10n, start: 12n },
      { partition: 2, low: 1234n, start: 1234n },
      { partition: 0, low: 0n, start: 0n },
      { partition: 1, low: 7n, start: 7n },
    ];
    // Another partition's and another topic's ranges are not this partition's.
    expect(archiveGaps(TOPIC, held, [range(0, 0, 1233, INSIDE)], FROM)).toEqual([
      { topic: TOPIC, partition: 1, from: '0', to: '6', uncertainStart: true },
      { topic: TOPIC, partition: 2, from: '0', to: '1233', uncertainStart: true },
    ]);
  });

  it('says which partition and offsets are gone, in the CLI’s words', () => {
    expect(gapLine({ topic: TOPIC, partition: 2, from: '0', to: '1233', uncertainStart: false })).toBe(
      'partition 2 of lgsp.land.v1: offsets 0–1,233 are gone from the topic and not in the archive',
    );
    expect(gapLine({ topic: TOPIC, partition: 1, from: '7', to: '7', uncertainStart: true })).toMatch(
      /^partition 1 of lgsp\.land\.v1: offset 7 is gone .* some or all of them are in the window\)$/,
    );
  });
});
