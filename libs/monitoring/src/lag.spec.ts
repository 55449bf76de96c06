import { eventTimeLagSeconds, offsetLags } from './lag';

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
    expect(eventTimeLagSeconds(null, 5, now)).toBe(0);
  });
});
