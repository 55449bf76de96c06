import { Decision } from '../results/decision';

/** Items per group commit: a few transaction slices, so that no caller waits long for the others. */
export const DEFAULT_GROUP_SIZE = 2000;

/** What one flush did: the decisions it recorded and the events it found already applied. */
export interface FlushOutcome {
  decisions: Decision[];
  skippedEventIds: Set<string>;
}

/** One caller's share of a flush. */
export interface GroupShare {
  decisions: Decision[];
  skipped: number;
}

interface Waiting<T> {
  items: T[];
  resolve(share: GroupShare): void;
  reject(error: unknown): void;
}

/**
 * Group commit. The consumer hands over one partition's batch per call, several at once; the
 * batches that arrive while a flush runs are worked off together in the next one, so twenty small
 * batches cost one series of transactions instead of twenty (each with its locks, round trips and
 * publish). Under a steady load that is what keeps a partition from waiting for every other one.
 *
 * A caller is answered once the flush that holds its items has committed, with the decisions its
 * own events caused. A flush that fails is tried again caller by caller, so that one partition's
 * bad batch fails only its own caller and does not hold up the others.
 *
 * Items of one entity never come from two callers of the same flush: a topic is keyed by entity,
 * so they share a partition, and a partition's next batch is only delivered after this one.
 */
export class GroupCommit<T> {
  private readonly waiting: Waiting<T>[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<FlushOutcome>,
    private readonly eventIdOf: (item: T) => string,
    /** Items above which a flush takes no further caller (it always takes at least one). */
    private readonly maxItems: number,
  ) {}

  submit(items: T[]): Promise<GroupShare> {
    if (items.length === 0) return Promise.resolve({ decisions: [], skipped: 0 });
    return new Promise<GroupShare>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.nextGroup();
        try {
          this.answer(group, await this.flush(group.flatMap((w) => w.items)));
        } catch (error) {
          if (group.length === 1) group[0].reject(error);
          else await this.oneByOne(group);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private nextGroup(): Waiting<T>[] {
    let n = 0;
    let count = 0;
    while (n < this.waiting.length && (n === 0 || count + this.waiting[n].items.length <= this.maxItems)) {
      count += this.waiting[n].items.length;
      n++;
    }
    return this.waiting.splice(0, n);
  }

  private async oneByOne(group: Waiting<T>[]): Promise<void> {
    for (const w of group) {
      try {
        this.answer([w], await this.flush(w.items));
      } catch (error) {
        w.reject(error);
      }
    }
  }

  private answer(group: Waiting<T>[], outcome: FlushOutcome): void {
    for (const w of group) {
      const own = new Set(w.items.map(this.eventIdOf));
      w.resolve({
        decisions: outcome.decisions.filter((d) => own.has(d.causeEventId)),
        skipped: w.items.filter((item) => outcome.skippedEventIds.has(this.eventIdOf(item))).length,
      });
    }
  }
}
