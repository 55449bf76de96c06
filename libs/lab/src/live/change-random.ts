import { createHash } from 'node:crypto';

/**
 * The random draws of one live change, from (seed, change number) alone, so a run of live
 * mode is reproducible from its seed and the state of the sources it starts from.
 */
export class ChangeRandom {
  private readonly words: number[] = [];
  private used = 0;
  private block = 0;

  constructor(
    private readonly seed: number,
    private readonly change: number,
  ) {}

  /** Uniform in [0, 1). */
  next(): number {
    if (this.used === this.words.length) this.refill();
    return this.words[this.used++] / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  private refill(): void {
    const h = createHash('sha256').update(`lgsp-live\n${this.seed}\n${this.change}\n${this.block++}`).digest();
    this.words.length = 0;
    this.used = 0;
    for (let i = 0; i < 32; i += 4) this.words.push(h.readUInt32BE(i));
  }
}
