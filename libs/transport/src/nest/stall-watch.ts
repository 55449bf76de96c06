/** A stall: messages wait on the consumer's partitions and none was processed for that long. */
export interface Stall {
  lag: number;
  idleMs: number;
  since: string;
}

export interface StallWatchOptions {
  /** Messages waiting and none processed for this long is a stall; 0 disables the watch. */
  stallMs: number;
  /** Messages waiting on the partitions this consumer owns; undefined when it cannot be told now (the broker is away). */
  lagOf: () => Promise<number | undefined>;
  onStall: (stall: Stall) => void;
  onRecover: (stall: Stall) => void;
  now?: () => number;
}

/**
 * Tells a stalled consumer from a busy or an idle one. A consumer that keeps failing the same
 * batch, waits on a coordinator that never answers, or lost its fetch loop looks alive to every
 * other check; this one only asks: is work waiting, and has any been done lately? An idle
 * consumer (nothing waiting) is never stalled, and a lag it cannot read leaves the verdict as it was.
 */
export class StallWatch {
  private lastProgress: number;
  private stall: Stall | undefined;
  private readonly now: () => number;

  constructor(private readonly options: StallWatchOptions) {
    this.now = options.now ?? Date.now;
    this.lastProgress = this.now();
  }

  /** A batch was processed. */
  progressed(): void {
    this.lastProgress = this.now();
    this.recover();
  }

  stalled(): Stall | undefined {
    return this.stall;
  }

  async check(): Promise<void> {
    if (this.options.stallMs <= 0) return;
    const lag = await this.options.lagOf().catch(() => undefined);
    if (lag === undefined) return;
    const now = this.now();
    if (lag === 0) {
      // Nothing waiting: idle, not stalled; the clock starts again when work arrives.
      this.lastProgress = now;
      this.recover();
      return;
    }
    const idleMs = now - this.lastProgress;
    if (idleMs < this.options.stallMs) return;
    if (this.stall) {
      this.stall = { ...this.stall, lag, idleMs };
      return;
    }
    this.stall = { lag, idleMs, since: new Date(now).toISOString() };
    this.options.onStall(this.stall);
  }

  private recover(): void {
    if (!this.stall) return;
    const stall = this.stall;
    this.stall = undefined;
    this.options.onRecover(stall);
  }
}
