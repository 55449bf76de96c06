import { Decision } from '../results/decision';
import { FlushOutcome, GroupCommit } from './group-commit';

interface Item {
  eventId: string;
  bad?: boolean;
}

function decisionFor(eventId: string): Decision {
  return { causeEventId: eventId } as Decision;
}

/** A flush that records every item it is given, one decision per item, except those already applied. */
function recordingFlush(applied: Set<string> = new Set()) {
  const flushes: string[][] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  const flush = async (items: Item[]): Promise<FlushOutcome> => {
    flushes.push(items.map((i) => i.eventId));
    if (gate) await gate;
    if (items.some((i) => i.bad)) throw new Error('bad batch');
    const fresh = items.filter((i) => !applied.has(i.eventId));
    return {
      decisions: fresh.map((i) => decisionFor(i.eventId)),
      skippedEventIds: new Set(items.filter((i) => applied.has(i.eventId)).map((i) => i.eventId)),
    };
  };
  return {
    flush,
    flushes,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release() {
      gate = undefined;
      release();
    },
  };
}

const items = (...ids: string[]): Item[] => ids.map((eventId) => ({ eventId }));

describe('GroupCommit', () => {
  it('works off the batches that arrive during a flush together, in the next flush', async () => {
    const f = recordingFlush();
    const group = new GroupCommit<Item>(f.flush, (i) => i.eventId, 100);
    f.hold();
    const first = group.submit(items('a1', 'a2'));
    const second = group.submit(items('b1'));
    const third = group.submit(items('c1', 'c2'));
    f.release();
    await Promise.all([first, second, third]);
    expect(f.flushes).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1', 'c2'],
    ]);
  });

  it('answers each caller with the decisions its own events caused and its own skipped count', async () => {
    const f = recordingFlush(new Set(['c2']));
    const group = new GroupCommit<Item>(f.flush, (i) => i.eventId, 100);
    f.hold();
    const first = group.submit(items('a1'));
    const second = group.submit(items('b1', 'b2'));
    const third = group.submit(items('c1', 'c2'));
    f.release();
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(a).toEqual({ decisions: [decisionFor('a1')], skipped: 0 });
    expect(b).toEqual({ decisions: [decisionFor('b1'), decisionFor('b2')], skipped: 0 });
    expect(c).toEqual({ decisions: [decisionFor('c1')], skipped: 1 });
  });

  it('fails only the caller whose batch fails, trying the group again one by one', async () => {
    const f = recordingFlush();
    const group = new GroupCommit<Item>(f.flush, (i) => i.eventId, 100);
    f.hold();
    const first = group.submit(items('a1'));
    const good = group.submit(items('b1'));
    const bad = group.submit([{ eventId: 'c1', bad: true }]);
    f.release();
    const [a, b, c] = await Promise.allSettled([first, good, bad]);
    expect(a.status).toBe('fulfilled');
    expect(b).toEqual({ status: 'fulfilled', value: { decisions: [decisionFor('b1')], skipped: 0 } });
    expect(c).toMatchObject({ status: 'rejected', reason: new Error('bad batch') });
    expect(f.flushes).toEqual([['a1'], ['b1', 'c1'], ['b1'], ['c1']]);
  });

  it('takes no further caller past maxItems, but always at least one', async () => {
    const f = recordingFlush();
    const group = new GroupCommit<Item>(f.flush, (i) => i.eventId, 3);
    f.hold();
    const all = [
      group.submit(items('a1')),
      group.submit(items('b1', 'b2', 'b3', 'b4')),
      group.submit(items('c1', 'c2')),
      group.submit(items('d1')),
    ];
    f.release();
    await Promise.all(all);
    expect(f.flushes).toEqual([['a1'], ['b1', 'b2', 'b3', 'b4'], ['c1', 'c2', 'd1']]);
  });

  it('answers an empty batch at once, without a flush', async () => {
    const f = recordingFlush();
    const group = new GroupCommit<Item>(f.flush, (i) => i.eventId, 3);
    expect(await group.submit([])).toEqual({ decisions: [], skipped: 0 });
    expect(f.flushes).toEqual([]);
  });
});
