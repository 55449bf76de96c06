import { account, AccountingInput, isClean, recordKey, SourceEvent, StoredState } from './accounting';

const ev = (
  offset: number,
  entityId: string,
  eventId: string,
  committedAt: string,
  partition = 0,
  topic = 't.land',
): SourceEvent => ({
  topic,
  partition,
  offset: String(offset),
  event: { source: topic === 't.population' ? 'population' : 'land', entityId, eventId, committedAt },
});

function input(overrides: Partial<AccountingInput> = {}): AccountingInput {
  return {
    events: [],
    progress: [],
    deadLetters: [],
    stored: new Map<string, StoredState>(),
    sectoralSources: ['land', 'insurance', 'business'],
    decisions: [],
    published: [],
    ...overrides,
  };
}
const progress = (committed: number, end = committed, moved = false, partition = 0, topic = 't.land') => ({
  topic,
  partition,
  committed: String(committed),
  end: String(end),
  moved,
});

describe('account', () => {
  it('is clean when each record holds its latest event and a result from it', () => {
    const report = account(
      input({
        events: [ev(0, 'a', 'e1', '2025-01-01T00:00:00Z'), ev(1, 'a', 'e2', '2025-01-02T00:00:00Z')],
        progress: [progress(2)],
        stored: new Map([[recordKey('land', 'a'), { eventId: 'e2', deleted: false, resultEventId: 'e2' }]]),
        decisions: [{ decisionId: 'land/a/e2', source: 'land', entityId: 'a', sequence: 1 }],
        published: [
          { decisionId: 'land/a/e2', sequence: 1 },
          { decisionId: 'land/a/e2', sequence: 1 },
        ],
      }),
    );
    expect(isClean(report)).toBe(true);
    expect(report).toMatchObject({ events: 2, pending: 0, republished: 1, decisions: 1 });
  });

  it('names an event whose record still holds an older one, and a record without a current result', () => {
    const report = account(
      input({
        events: [
          ev(0, 'a', 'e1', '2025-01-01T00:00:00Z'),
          ev(1, 'a', 'e2', '2025-01-02T00:00:00Z'),
          ev(2, 'b', 'e3', '2025-01-01T00:00:00Z'),
        ],
        progress: [progress(3)],
        stored: new Map([
          [recordKey('land', 'a'), { eventId: 'e1', deleted: false, resultEventId: 'e1' }],
          [recordKey('land', 'b'), { eventId: 'e3', deleted: false, resultEventId: null }],
        ]),
      }),
    );
    expect(report.missing.map((m) => [m.offset, m.why])).toEqual([
      ['1', 'not-applied'],
      ['2', 'no-current-result'],
    ]);
    expect(isClean(report)).toBe(false);
  });

  it('accounts a dead-lettered message by its coordinates, and an unreadable one only so', () => {
    const garbage: SourceEvent = { topic: 't.land', partition: 0, offset: '0', event: null };
    const lost: SourceEvent = { topic: 't.land', partition: 0, offset: '1', event: null };
    const report = account(
      input({
        events: [garbage, lost],
        progress: [progress(2)],
        deadLetters: [
          { topic: 't.land', partition: 0, offset: '0' },
          { topic: 't.land', partition: 0, offset: '0' },
        ],
      }),
    );
    expect(report.missing).toEqual([{ topic: 't.land', partition: 0, offset: '1', why: 'unreadable-not-dead-lettered' }]);
    expect(report).toMatchObject({ deadLettered: 1, repeatedDeadLetters: 1 });
  });

  it('orders across partitions by committedAt (a holder change), and on one partition by offset', () => {
    // The newer event sits on partition 0 at a lower position in time of delivery; partition 1 holds an older one.
    const events = [ev(0, 'a', 'new', '2025-02-01T00:00:00Z', 0), ev(0, 'a', 'old', '2025-01-01T00:00:00Z', 1)];
    const progressed = [progress(1, 1, false, 0), progress(1, 1, false, 1)];
    const holding = (eventId: string) =>
      account(
        input({
          events,
          progress: progressed,
          stored: new Map([[recordKey('land', 'a'), { eventId, deleted: false, resultEventId: eventId }]]),
        }),
      );
    expect(holding('new').missing).toEqual([]);
    expect(holding('old').missing.map((m) => m.why)).toEqual(['not-applied']);
    // On one partition an event redelivered later with an older commit time still wins by position.
    const onePartition = [ev(0, 'b', 'first', '2025-02-01T00:00:00Z'), ev(1, 'b', 'second', '2025-01-01T00:00:00Z')];
    const r = account(
      input({
        events: onePartition,
        progress: [progress(2)],
        stored: new Map([[recordKey('land', 'b'), { eventId: 'second', deleted: false, resultEventId: 'second' }]]),
      }),
    );
    expect(r.missing).toEqual([]);
  });

  it('accepts a redelivered event (same eventId at a later offset) as the one the record holds', () => {
    const events = [
      ev(0, 'a', 'e1', '2025-01-01T00:00:00Z'),
      ev(1, 'a', 'e2', '2025-01-02T00:00:00Z'),
      ev(2, 'a', 'e1', '2025-01-01T00:00:00Z'),
    ];
    const r = account(
      input({
        events,
        progress: [progress(3)],
        stored: new Map([[recordKey('land', 'a'), { eventId: 'e1', deleted: false, resultEventId: 'e1' }]]),
      }),
    );
    expect(r.missing).toEqual([]);
  });

  it('wants a deleted record without a current result, and a population record without one at all', () => {
    const r = account(
      input({
        events: [
          ev(0, 'a', 'd1', '2025-01-01T00:00:00Z'),
          ev(0, '079000000001', 'p1', '2025-01-01T00:00:00Z', 0, 't.population'),
        ],
        progress: [progress(1), progress(1, 1, false, 0, 't.population')],
        stored: new Map([
          [recordKey('land', 'a'), { eventId: 'd1', deleted: true, resultEventId: 'd1' }],
          [recordKey('population', '079000000001'), { eventId: 'p1', deleted: false }],
        ]),
      }),
    );
    expect(r.missing.map((m) => [m.entityId, m.why])).toEqual([['a', 'not-retracted']]);
  });

  it('leaves events beyond the committed offset unjudged, and accepts a store already holding one', () => {
    const r = account(
      input({
        events: [ev(0, 'a', 'e1', '2025-01-01T00:00:00Z'), ev(1, 'a', 'e2', '2025-01-02T00:00:00Z')],
        progress: [progress(1, 2, true)],
        stored: new Map([[recordKey('land', 'a'), { eventId: 'e2', deleted: false, resultEventId: 'e2' }]]),
      }),
    );
    expect(r).toMatchObject({ pending: 1, missing: [], stuck: [], draining: [{ partition: 0, committed: '1', end: '2' }] });
  });

  it('names a duplicated sequence, an unpublished decision and a partition behind without moving', () => {
    const r = account(
      input({
        progress: [progress(5, 9, false), progress(-1, 0, false, 1)],
        decisions: [
          { decisionId: 'land/a/e1', source: 'land', entityId: 'a', sequence: 2 },
          { decisionId: 'land/a/p7', source: 'land', entityId: 'a', sequence: 2 },
        ],
        published: [{ decisionId: 'land/a/e1', sequence: 2 }],
      }),
    );
    expect(r.duplicated).toEqual([{ source: 'land', entityId: 'a', sequence: 2, decisionIds: ['land/a/e1', 'land/a/p7'] }]);
    expect(r.unpublished).toEqual(['land/a/p7']);
    expect(r.stuck).toEqual([{ topic: 't.land', partition: 0, committed: '5', end: '9' }]);
    expect(isClean(r)).toBe(false);
  });
});
