import { NewProvince, OLD_PROVINCES, newProvinceOfOld, oldProvincesOfNew } from '@lgsp/domain';
import { BIRTH_YEAR_WEIGHTS, BIRTH_YEARS, FIRST_BIRTH_YEAR } from './age-pyramid';
import { mix32 } from './hash';
import { Permutation } from './permutation';

const OLD_COUNT = OLD_PROVINCES.length;
/** An ID bucket = (birth province, gender, birth year): the part of a citizen ID before the serial. */
const BUCKETS = OLD_COUNT * 2 * BIRTH_YEARS;
export const SERIALS_PER_BUCKET = 1_000_000;
/** Share of residents whose ID was registered in a province outside their 2025 province. */
const MOVER_SHARE = 0.12;

export interface CitizenSlot {
  residence: number;
  birthOld: number;
  gender: 'M' | 'F';
  birthYear: number;
  bucket: number;
  /** Rank among citizens of the same ID bucket: distinct ranks give distinct serials. */
  bucketRank: number;
  /** Dense index of the citizen within its residence province, in [0, province size). */
  provinceIndex: number;
}

/**
 * Decides, for every citizen index, the residence province, birth province, gender and
 * birth year, without holding citizens in memory.
 *
 * The target distribution is a table of cells (residence × birth province × gender × year)
 * with integer counts summing exactly to the dataset size. A keyed permutation scatters
 * indices over the cells, and an index's offset inside its cell gives its rank within the
 * ID bucket. Because ranks are distinct and serials are a bijection of ranks, citizen IDs
 * never collide and no generated ID needs to be remembered.
 */
export class PopulationLayout {
  readonly size: number;
  private readonly cellEnd: Float64Array;
  private readonly cellBucketOffset: Float64Array;
  private readonly bucketTotal: Float64Array;
  private readonly provinceStart: Float64Array;
  private readonly order: Permutation;
  private readonly serials: Permutation;

  constructor(
    seed: number,
    size: number,
    readonly residences: readonly NewProvince[],
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new Error('citizens must be a positive integer');
    this.size = size;
    const R = residences.length;
    const cells = R * BUCKETS;
    const weights = new Float64Array(cells);
    const residenceWeights = residences.map((p) => oldProvincesOfNew(p.code).reduce((s, o) => s + o.populationThousands, 0));
    const nationalPop = OLD_PROVINCES.reduce((s, o) => s + o.populationThousands, 0);
    let yearTotal = 0;
    for (const w of BIRTH_YEAR_WEIGHTS) yearTotal += w;
    let total = 0;
    for (let r = 0; r < R; r++) {
      const home = residences[r];
      const homePop = residenceWeights[r];
      for (let b = 0; b < OLD_COUNT; b++) {
        const old = OLD_PROVINCES[b];
        const local = newProvinceOfOld(old.code) === home.code ? old.populationThousands / homePop : 0;
        const pBirth = (1 - MOVER_SHARE) * local + MOVER_SHARE * (old.populationThousands / nationalPop);
        for (let g = 0; g < 2; g++) {
          for (let y = 0; y < BIRTH_YEARS; y++) {
            const w = homePop * pBirth * 0.5 * (BIRTH_YEAR_WEIGHTS[y] / yearTotal);
            weights[r * BUCKETS + (b * 2 + g) * BIRTH_YEARS + y] = w;
            total += w;
          }
        }
      }
    }
    // Cumulative rounding: every cell's count is within one of its exact share, sum = size.
    this.cellEnd = new Float64Array(cells);
    this.cellBucketOffset = new Float64Array(cells);
    this.bucketTotal = new Float64Array(BUCKETS);
    this.provinceStart = new Float64Array(R + 1);
    let acc = 0;
    let prevEnd = 0;
    for (let c = 0; c < cells; c++) {
      acc += weights[c];
      const end = c === cells - 1 ? size : Math.min(size, Math.round((acc / total) * size));
      const count = end - prevEnd;
      const bucket = c % BUCKETS;
      this.cellBucketOffset[c] = this.bucketTotal[bucket];
      this.bucketTotal[bucket] += count;
      this.cellEnd[c] = end;
      prevEnd = end;
      if ((c + 1) % BUCKETS === 0) this.provinceStart[(c + 1) / BUCKETS] = end;
    }
    for (let b = 0; b < BUCKETS; b++) {
      if (this.bucketTotal[b] >= SERIALS_PER_BUCKET) {
        throw new Error('too many citizens for the 6-digit serial space of one birth province, gender and year');
      }
    }
    this.order = new Permutation(size, mix32(seed ^ 0x51ed270b));
    this.serials = new Permutation(SERIALS_PER_BUCKET, mix32(seed ^ 0x3c6ef372));
  }

  locate(index: number): CitizenSlot {
    const p = this.order.apply(index);
    const cellEnd = this.cellEnd;
    let lo = 0;
    let hi = cellEnd.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cellEnd[mid] > p) hi = mid;
      else lo = mid + 1;
    }
    const c = lo;
    const cellStart = c === 0 ? 0 : cellEnd[c - 1];
    const residence = Math.floor(c / BUCKETS);
    const bucket = c - residence * BUCKETS;
    const y = bucket % BIRTH_YEARS;
    const bg = (bucket - y) / BIRTH_YEARS;
    return {
      residence,
      birthOld: bg >> 1,
      gender: (bg & 1) === 0 ? 'M' : 'F',
      birthYear: FIRST_BIRTH_YEAR + y,
      bucket,
      bucketRank: this.cellBucketOffset[c] + (p - cellStart),
      provinceIndex: p - this.provinceStart[residence],
    };
  }

  /** Six-digit serial for a rank within a bucket (a bijection of the rank). */
  serial(bucket: number, rank: number): string {
    return String(this.serials.apply(rank, bucket)).padStart(6, '0');
  }

  bucketSize(bucket: number): number {
    return this.bucketTotal[bucket];
  }
}
