import { bucketLatencies, latencyBucketOf, percentilesOf } from './latency-histogram';

describe('latency histogram', () => {
  it('puts a latency in the first bucket that holds it', () => {
    expect(latencyBucketOf(0.01)).toBe(0.05);
    expect(latencyBucketOf(0.1)).toBe(0.1);
    expect(latencyBucketOf(7)).toBe(10);
    expect(latencyBucketOf(1e6)).toBe(Infinity);
  });

  it('interpolates percentiles inside buckets', () => {
    // 100 latencies: 50 in (0, 0.05], 45 in (0.5, 1], 5 in (5, 10]
    const p = percentilesOf(
      new Map([
        [0.05, 50],
        [1, 45],
        [10, 5],
      ]),
    );
    expect(p.count).toBe(100);
    expect(p.p50).toBeCloseTo(0.05);
    expect(p.p95).toBeCloseTo(1);
    expect(p.p99).toBeCloseTo(9);
  });

  it('has no percentiles without observations, and the lower bound in the open bucket', () => {
    expect(percentilesOf(new Map())).toEqual({ count: 0, p50: null, p95: null, p99: null });
    expect(percentilesOf(new Map([[Infinity, 3]])).p99).toBe(3600);
  });

  it('buckets observed latencies, negative clock skew as zero', () => {
    expect([...bucketLatencies([-1, 0.3, 0.4, 4]).entries()]).toEqual([
      [0.05, 1],
      [0.5, 2],
      [5, 1],
    ]);
  });
});
