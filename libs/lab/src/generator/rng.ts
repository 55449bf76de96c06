import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { hash3 } from './hash';

/**
 * A random stream owned by one (seed, citizen index, purpose) triple. Deriving a fresh
 * stream per citizen, instead of sharing one sequential stream, is what lets record i be
 * generated alone, so a dataset can be produced in chunks and in any order.
 * The 128-bit state comes from four independent hashes, so distinct citizens do not share
 * streams the way 32-bit seeds would after a few tens of thousands of them.
 */
export class Rng {
  private readonly g: RandomGenerator;

  constructor(seed: number, index: number, stream: number) {
    const base = stream * 4;
    this.g = xoroshiro128plus.fromState([
      hash3(seed, index, base) | 0,
      hash3(seed, index, base + 1) | 0,
      hash3(seed, index, base + 2) | 0,
      hash3(seed, index, base + 3) | 1,
    ]);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return (this.g.unsafeNext() >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Index into a cumulative weight table (last entry = total). */
  pickCumulative(cumulative: Float64Array): number {
    const x = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Purposes, so that each source draws from its own stream and stays stable when another changes. */
export const STREAM = { citizen: 1, land: 2, insurance: 3, business: 4 } as const;

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}
