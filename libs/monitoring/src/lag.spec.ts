import { eventTimeLagSeconds, offsetLags, waitingSince } from './lag';

describe('lag', () => {
  it('is log end minus committed offset per partition', () => {
    const lags = offsetLags(
      't',
      [
        { partition: 1, low: '0', high: '10' },
        { partition: 0, low: '5', high: '8' },
      ],
      [
        { partition: 0, offset: '-1' },
        { partition: 1, offset: '4' },
      ],
    );
    expect(lags).toEqual([
      { topic: 't', partition: 0, logEnd: '8', committed: null, offsetLag: 3 },
      { topic: 't', partition: 1, logEnd: '10', committed: '4', offsetLag: 6 },
    ]);
  });

  it('measures event time only while messages wait', () => {
    const now = new Date('2025-07-01T00:01:00Z');
    expect(eventTimeLagSeconds(new Date('2025-07-01T00:00:00Z'), 5, now)).toBe(60);
    expect(eventTimeLagSeconds(new Date('2025-07-01T00:00:00Z'), 0, now)).toBe(0);
  });

  it('never reads 0 while messages wait and none was processed: the wait the snapshots saw', () => {
    const now = new Date('2025-07-01T00:01:00Z');
    expect(eventTimeLagSeconds(null, 500, now, '2025-07-01T00:00:35Z')).toBe(25);
  });

  it('after a restart, does not count the downtime of an idle source: at most the wait seen', () => {
    const now = new Date('2025-07-01T01:00:00Z');
    const lastEventBeforeRestart = new Date('2025-07-01T00:45:20Z');
    expect(eventTimeLagSeconds(lastEventBeforeRestart, 40, now, '2025-07-01T00:59:40Z')).toBe(20);
    // A backlog worked off for longer than its newest processed event is old: the event time counts.
    expect(eventTimeLagSeconds(new Date('2025-07-01T00:59:50Z'), 40, now, '2025-07-01T00:30:00Z')).toBe(10);
  });

  it('keeps the start of a wait across snapshots, starts it at the previous snapshot, ends it when nothing waits', () => {
    const now = new Date('2025-07-01T00:01:00Z');
    const prevAt = '2025-07-01T00:00:55Z';
    expect(waitingSince(3, { offsetLag: 0, waitingSince: null }, prevAt, now)).toBe(prevAt);
    expect(waitingSince(3, { offsetLag: 9, waitingSince: '2025-07-01T00:00:10Z' }, prevAt, now)).toBe('2025-07-01T00:00:10Z');
    expect(waitingSince(0, { offsetLag: 9, waitingSince: '2025-07-01T00:00:10Z' }, prevAt, now)).toBeNull();
    expect(waitingSince(3, undefined, undefined, now)).toBe(now.toISOString());
  });
});
