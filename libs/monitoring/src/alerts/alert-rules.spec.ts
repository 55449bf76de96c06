import { MetricsSnapshot, SourceSnapshot } from '../snapshot';
import { alertChanges, AlertThresholds, conditionsOf, sustained } from './alert-rules';

const T: AlertThresholds = {
  lagMessages: 100,
  lagSeconds: 60,
  lagForSeconds: 10,
  matchRateDropPoints: 5,
  deadLetterRate: 0.05,
  minEvents: 10,
};

function source(overrides: Partial<SourceSnapshot>): SourceSnapshot {
  return {
    source: 'land',
    outcomes: {},
    total: 1000,
    matched: 900,
    rate: 0.9,
    processed: 1000,
    deadLettered: 0,
    offsetLag: 0,
    eventTimeLagSeconds: 0,
    throughput: null,
    latency: { count: 0, p50: null, p95: null, p99: null },
    ...overrides,
  };
}

function snapshot(...sources: SourceSnapshot[]): MetricsSnapshot {
  return { takenAt: '2025-07-01T00:00:00Z', consumerGroup: 'g', sources, partitions: [], provinces: [] };
}

describe('alert rules', () => {
  it('finds nothing in a healthy pipeline', () => {
    expect(conditionsOf(snapshot(source({})), snapshot(source({})), T)).toEqual([]);
  });

  it('flags offset lag, or else event-time lag', () => {
    const [byOffset] = conditionsOf(snapshot(source({ offsetLag: 101, eventTimeLagSeconds: 999 })), undefined, T);
    expect(byOffset).toMatchObject({ kind: 'CONSUMER_LAG', subject: 'land', value: 101, threshold: 100 });
    const [byTime] = conditionsOf(snapshot(source({ eventTimeLagSeconds: 61 })), undefined, T);
    expect(byTime).toMatchObject({ kind: 'CONSUMER_LAG', value: 61, threshold: 60 });
  });

  it('flags a match-rate drop against the baseline, given enough results', () => {
    const now = snapshot(source({ total: 1000, matched: 800, rate: 0.8 }));
    expect(conditionsOf(now, snapshot(source({})), T)).toEqual([
      expect.objectContaining({ kind: 'MATCH_RATE_DROP', value: expect.closeTo(10, 6) }),
    ]);
    const tiny = snapshot(source({ total: 5, matched: 0, rate: 0 }));
    expect(conditionsOf(tiny, snapshot(source({ total: 5, matched: 5, rate: 1 })), T)).toEqual([]);
  });

  it('judges no match-rate drop against a baseline, or a now, taken while a backlog was being worked off', () => {
    const now = snapshot(source({ total: 1000, matched: 800, rate: 0.8 }));
    const duringFill = snapshot(source({ offsetLag: 3000 }));
    expect(conditionsOf(now, duringFill, T).filter((c) => c.kind === 'MATCH_RATE_DROP')).toEqual([]);
    const nowFilling = snapshot(source({ total: 1000, matched: 400, rate: 0.4, offsetLag: 3000 }));
    expect(conditionsOf(nowFilling, snapshot(source({})), T).filter((c) => c.kind === 'MATCH_RATE_DROP')).toEqual([]);
  });

  it('flags a dead-letter spike within the window', () => {
    const now = snapshot(source({ processed: 1200, deadLettered: 20 }));
    expect(conditionsOf(now, snapshot(source({})), T)).toEqual([
      expect.objectContaining({ kind: 'DEAD_LETTER_SPIKE', value: 0.1 }),
    ]);
    const few = snapshot(source({ processed: 1010, deadLettered: 5 }));
    expect(conditionsOf(few, snapshot(source({})), T)).toEqual([]);
  });

  it('opens a lag alert only after the period, and forgets it when the lag ends', () => {
    const [lag] = conditionsOf(snapshot(source({ offsetLag: 500 })), undefined, T);
    const first = sustained([lag], new Map(), 0, T.lagForSeconds);
    expect(first.ready).toEqual([]);
    expect(sustained([lag], first.since, 9_999, T.lagForSeconds).ready).toEqual([]);
    expect(sustained([lag], first.since, 10_000, T.lagForSeconds).ready).toEqual([lag]);
    expect(sustained([], first.since, 11_000, T.lagForSeconds).since.size).toBe(0);
  });

  it('opens new alerts, keeps firing ones and clears the rest', () => {
    const open = [
      { kind: 'CONSUMER_LAG', subject: 'land', id: '1' },
      { kind: 'CONSUMER_LAG', subject: 'business', id: '2' },
    ];
    const firing = [
      { kind: 'CONSUMER_LAG' as const, subject: 'land', message: '', value: 1, threshold: 0 },
      { kind: 'DEAD_LETTER_SPIKE' as const, subject: 'land', message: '', value: 1, threshold: 0 },
    ];
    const changes = alertChanges(open, firing);
    expect(changes.opened.map((c) => c.kind)).toEqual(['DEAD_LETTER_SPIKE']);
    expect(changes.continuing.map((c) => c.subject)).toEqual(['land']);
    expect(changes.cleared.map((a) => a.id)).toEqual(['2']);
  });
});
