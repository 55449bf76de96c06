import type { Logger } from 'pino';
import { EventConsumer, withTimeout } from '@lgsp/transport';

export interface RegistryFirstOptions {
  /** Population events the group may be behind before the sectoral topics are held; 0 never holds. */
  maxLag: number;
  /** How often a hold is looked at again (no sectoral batch comes while the topics are held). */
  intervalMs: number;
  /** A lag read this recently answers the gate of a sectoral batch without asking the broker again. */
  gateIntervalMs: number;
  /**
   * The longest a lag read may take before it counts as unavailable. Sectoral batches wait on it at the gate,
   * without heartbeats, so it stays under the group session: a slow broker must not cost the group its member.
   */
  lagTimeoutMs: number;
  sectoralTopics: string[];
}

/**
 * Holds the sectoral topics back while the worker group is far behind on the population
 * topic: on a first load or a registry re-sync, a sectoral record reconciled before its
 * citizen has arrived is decided NOT_FOUND, searched for candidates, and decided again when
 * the citizen comes. Results do not depend on the order either way (the registry intake
 * re-reconciles); this only spares the wasted work. It lets go at half the threshold, so a
 * lag hovering at the threshold does not toggle the topics every tick.
 *
 * A timer alone missed a load reaching a running pipeline: in the second between two ticks, the sectoral
 * records of a fresh load were fetched and decided against a registry still thousands of events behind.
 * So the lag is also read at the gate of every sectoral batch (at most once per `gateIntervalMs`, shared
 * by the partitions handled at the same time), and a batch fetched while the registry is behind is not
 * handled: it comes again when the hold lets go.
 */
export class RegistryFirst {
  private holding = false;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();
  private lastCheckAt = Number.NEGATIVE_INFINITY;
  private readonly sectoral: Set<string>;

  constructor(
    private readonly consumer: EventConsumer,
    private readonly populationLag: () => Promise<number>,
    private readonly options: RegistryFirstOptions,
    private readonly logger: Pick<Logger, 'info' | 'warn'>,
    private readonly now: () => number = Date.now,
  ) {
    this.sectoral = new Set(options.sectoralTopics);
  }

  get isHolding(): boolean {
    return this.holding;
  }

  start(): void {
    if (this.options.maxLag <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.checkOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
  }

  /** The gate before a batch is handled: a sectoral batch waits for a fresh enough reading of the population lag. */
  async beforeBatch(topic: string): Promise<void> {
    if (this.options.maxLag <= 0 || !this.sectoral.has(topic) || this.holding) return;
    if (this.now() - this.lastCheckAt < this.options.gateIntervalMs) return this.checking;
    await this.checkOnce();
  }

  /** One reading at a time: callers arriving while one is under way share it. */
  private checkOnce(): Promise<void> {
    this.lastCheckAt = this.now();
    this.checking = this.checking.then(() => this.check());
    return this.checking;
  }

  async check(): Promise<void> {
    this.lastCheckAt = this.now();
    let lag: number;
    try {
      lag = await withTimeout(
        this.populationLag(),
        this.options.lagTimeoutMs,
        `the population lag was not read within ${this.options.lagTimeoutMs} ms`,
      );
    } catch (e) {
      // Holding only spares work (results do not depend on the order), so a hold that cannot be
      // justified is let go: a broker outage must not leave the sectoral topics paused for ever.
      if (this.holding) {
        this.holding = false;
        this.consumer.resume(this.options.sectoralTopics);
      }
      this.logger.warn(
        { err: e },
        'registry-first: population lag unavailable; the sectoral topics are not held until it can be read again',
      );
      return;
    }
    if (!this.holding && lag > this.options.maxLag) {
      this.holding = true;
      this.consumer.pause(this.options.sectoralTopics);
      this.logger.info({ populationLag: lag }, 'registry-first: holding the sectoral topics until the registry catches up');
    } else if (this.holding && lag <= this.options.maxLag / 2) {
      this.holding = false;
      this.consumer.resume(this.options.sectoralTopics);
      this.logger.info({ populationLag: lag }, 'registry-first: registry caught up; sectoral topics resumed');
    }
  }
}
