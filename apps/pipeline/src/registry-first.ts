import type { Logger } from 'pino';
import { EventConsumer } from '@lgsp/transport';

export interface RegistryFirstOptions {
  /** Population events the group may be behind before the sectoral topics are held; 0 never holds. */
  maxLag: number;
  intervalMs: number;
  sectoralTopics: string[];
}

/**
 * Holds the sectoral topics back while the worker group is far behind on the population
 * topic: on a first load or a registry re-sync, a sectoral record reconciled before its
 * citizen has arrived is decided NOT_FOUND, searched for candidates, and decided again when
 * the citizen comes. Results do not depend on the order either way (the registry intake
 * re-reconciles); this only spares the wasted work. It lets go at half the threshold, so a
 * lag hovering at the threshold does not toggle the topics every tick.
 */
export class RegistryFirst {
  private holding = false;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly consumer: EventConsumer,
    private readonly populationLag: () => Promise<number>,
    private readonly options: RegistryFirstOptions,
    private readonly logger: Pick<Logger, 'info' | 'warn'>,
  ) {}

  get isHolding(): boolean {
    return this.holding;
  }

  start(): void {
    if (this.options.maxLag <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() => this.check());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
  }

  async check(): Promise<void> {
    let lag: number;
    try {
      lag = await this.populationLag();
    } catch (e) {
      this.logger.warn({ err: e }, 'registry-first: population lag unavailable; leaving the sectoral topics as they are');
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
