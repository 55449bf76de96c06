import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('lets a burst through, then refuses with the seconds until the next token, per credential', () => {
    let t = 0;
    const buckets = new TokenBuckets(0.5, 3, () => t);
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    // Another credential has a bucket of its own.
    expect(buckets.take('b').ok).toBe(true);
    t = 1000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    t = 2000;
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
  });

  it('refills up to the burst only, and a rate of 0 limits nothing', () => {
    let t = 0;
    const buckets = new TokenBuckets(100, 2, () => t);
    t = 3_600_000;
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, false]);
    const open = new TokenBuckets(0, 1);
    expect(Array.from({ length: 1000 }, () => open.take('a').ok).every(Boolean)).toBe(true);
  });
});
