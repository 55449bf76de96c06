import { mix32 } from './hash';
import { Permutation } from './permutation';

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
const HEADS = 1_000_000;
/** Every 6-digit head has at least 9 issuable last sequence digits (weight 3 is invertible mod 11). */
const DIGITS_PER_HEAD = 9;
export const ENTERPRISE_SEQUENCE_CAPACITY = HEADS * DIGITS_PER_HEAD;

/**
 * Tax codes for generated enterprises, unique per province prefix: a keyed bijection picks
 * (6-digit head, k), and k selects the k-th last sequence digit whose check digit is not 10,
 * so "never issued" sequences are skipped without any bookkeeping.
 */
export class EnterpriseCodes {
  private readonly order: Permutation;

  constructor(seed: number) {
    this.order = new Permutation(ENTERPRISE_SEQUENCE_CAPACITY, mix32(seed ^ 0x1b873593));
  }

  code(provinceCode: string, ordinal: number): string {
    if (ordinal >= ENTERPRISE_SEQUENCE_CAPACITY) throw new Error('enterprise sequence space exhausted for a province');
    const v = this.order.apply(ordinal, Number(provinceCode));
    const head = Math.floor(v / DIGITS_PER_HEAD);
    let k = v - head * DIGITS_PER_HEAD;
    const first8 = provinceCode + String(head).padStart(6, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (first8.charCodeAt(i) - 48) * WEIGHTS[i];
    for (let d = 0; d <= 9; d++) {
      const rest = (sum + 3 * d) % 11;
      if (rest === 0) continue;
      if (k-- === 0) return `${first8}${d}${10 - rest}`;
    }
    throw new Error('unreachable: fewer than nine issuable digits');
  }
}
