import type { Logger } from 'pino';
import type { EventArchive } from './event-archive';

const HOUR_MS = 3_600_000;

/**
 * Removes the archive's days older than LGSP_ARCHIVE_RETENTION_DAYS, at start and hourly, in every worker: removing
 * a day twice is harmless. 0 keeps everything (nothing runs).
 */
export class ArchiveRetention {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly archive: EventArchive,
    private readonly days: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.days <= 0) return;
    void this.prune();
    this.timer = setInterval(() => void this.prune(), HOUR_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async prune(): Promise<void> {
    try {
      const removed = await this.archive.prune(this.days);
      if (removed.length > 0)
        this.logger.info({ removed: removed.length, retentionDays: this.days }, 'archive days past their retention removed');
    } catch (e) {
      this.logger.warn({ err: e }, 'archive retention not applied this round (tried again in an hour)');
    }
  }
}
