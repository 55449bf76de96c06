import type { KeyObject } from 'node:crypto';
import type { EventProducer } from '@lgsp/transport';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CheckpointPolicy, makeCheckpoint, publishedCheckpoint } from './checkpointer';
import type { StoredCheckpoint } from './checkpoints.repository';

/**
 * Signs a checkpoint when one is due (policy) and publishes it to the checkpoint topic, keyed by the log's size, so
 * that a copy lives outside the database. A failed round is logged and tried again at the next tick: the leaves stay
 * in the log, the next checkpoint covers them.
 */
export class CheckpointSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly key: KeyObject,
    private readonly policy: CheckpointPolicy,
    private readonly producer: EventProducer,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  start(tickMs = Math.min(1000, this.policy.seconds * 1000)): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick().then(() => undefined));
    }, tickMs);
    this.timer.unref();
  }

  /** One round: the checkpoint it signed and published, or null when none was due. */
  async tick(): Promise<StoredCheckpoint | null> {
    try {
      const c = await makeCheckpoint(this.pool, this.key, this.policy);
      if (c) await publishCheckpoint(this.producer, this.topic, c);
      return c;
    } catch (e) {
      this.logger.warn({ err: e }, 'audit checkpoint not signed or not published this round (retried at the next)');
      return null;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

export async function publishCheckpoint(producer: EventProducer, topic: string, c: StoredCheckpoint): Promise<void> {
  await producer.send(topic, [{ key: String(c.size), value: JSON.stringify(publishedCheckpoint(c)) }]);
}
