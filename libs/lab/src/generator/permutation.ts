import { mix32 } from './hash';

/**
 * A keyed bijection of [0, size): a balanced Feistel network on the smallest even power of
 * two that covers size, with cycle-walking back into range. Bijectivity is what makes
 * numbers derived from it (ID serials, insurance numbers, tax-code sequences) unique
 * without remembering which ones were already handed out.
 */
export class Permutation {
  private readonly halfSize: number;
  private readonly mask: number;

  constructor(
    readonly size: number,
    private readonly key: number,
  ) {
    if (!(size >= 1) || !Number.isSafeInteger(size)) throw new Error('permutation size must be a positive integer');
    let bits = 0;
    while (2 ** bits < size) bits++;
    const half = Math.max(1, Math.ceil(bits / 2));
    if (half > 26) throw new Error('permutation domain too large');
    this.halfSize = 2 ** half;
    this.mask = this.halfSize - 1;
  }

  /** The image of x; tweak selects an independent permutation of the same domain. */
  apply(x: number, tweak = 0): number {
    const k = mix32(this.key ^ Math.imul(tweak + 1, 0x2545f491));
    let y = x;
    do y = this.encrypt(y, k);
    while (y >= this.size);
    return y;
  }

  private encrypt(x: number, k: number): number {
    const half = this.halfSize;
    const mask = this.mask;
    let l = Math.floor(x / half);
    let r = x - l * half;
    for (let round = 0; round < 4; round++) {
      const f = mix32(Math.imul(r ^ k, 0x9e3779b1) + Math.imul(round + 1, 0x632be5ab)) & mask;
      const nl = r;
      r = (l ^ f) & mask;
      l = nl;
    }
    return l * half + r;
  }
}
