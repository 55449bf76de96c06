/** Upper bounds (seconds) of the source-commit-to-result latency buckets, shared by Prometheus and the stored histogram. */
export const LATENCY_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, Infinity] as const;

/** The bucket (its upper bound) a latency falls in. */
export function latencyBucketOf(seconds: number): number {
  return LATENCY_BUCKETS_SECONDS.find((le) => seconds <= le) ?? Infinity;
}

/** Counts latencies per bucket upper bound. */
export function bucketLatencies(seconds: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of seconds) {
    const le = latencyBucketOf(Math.max(0, s));
    counts.set(le, (counts.get(le) ?? 0) + 1);
  }
  return counts;
}

export interface LatencyPercentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Percentiles from bucket counts, interpolating linearly inside a bucket (as Prometheus'
 * histogram_quantile does); a percentile in the open last bucket is its lower bound.
 */
export function percentilesOf(buckets: Map<number, number>): LatencyPercentiles {
  const sorted = [...buckets.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = sorted.reduce((s, [, n]) => s + n, 0);
  const at = (q: number): number | null => {
    if (count === 0) return null;
    const rank = q * count;
    let below = 0;
    for (const [le, n] of sorted) {
      if (below + n >= rank) {
        const lowerBound = previousBound(le);
        if (!Number.isFinite(le)) return lowerBound;
        return lowerBound + ((le - lowerBound) * (rank - below)) / n;
      }
      below += n;
    }
    return previousBound(sorted[sorted.length - 1][0]);
  };
  return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function previousBound(le: number): number {
  const i = LATENCY_BUCKETS_SECONDS.indexOf(le as (typeof LATENCY_BUCKETS_SECONDS)[number]);
  return i > 0 ? LATENCY_BUCKETS_SECONDS[i - 1] : 0;
}
