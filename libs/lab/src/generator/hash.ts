/** 32-bit avalanche (murmur3 finaliser): cheap, and good enough to decorrelate seeds. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_32 = 4294967296;

/** Hash of (seed, index, salt); index may exceed 32 bits. */
export function hash3(seed: number, index: number, salt: number): number {
  const lo = index % TWO_32;
  const hi = Math.floor(index / TWO_32);
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ lo);
  h = mix32((h + Math.imul(hi, 0x7feb352d)) ^ 0x27d4eb2f);
  return mix32(h ^ Math.imul(salt + 1, 0x165667b1));
}
