import { offsetLags } from '@lgsp/monitoring';
import type { EventTransport } from '@lgsp/transport';

/** How long a measured lag is reused: a burst of submissions asks the broker once a second, not once a request. */
const FRESH_MS = 1000;

/**
 * The pipeline's consumer lag on a topic, measured as /metrics measures it (offset lag: log end minus the group's
 * committed offset, summed over the partitions; `offsetLags` of @lgsp/monitoring), cached for a second.
 */
export class PipelineLag {
  private readonly measured = new Map<string, { at: number; lag: Promise<number> }>();

  constructor(
    private readonly transport: EventTransport,
    private readonly consumerGroup: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  of(topic: string): Promise<number> {
    const t = this.now();
    const cached = this.measured.get(topic);
    if (cached && t - cached.at < FRESH_MS) return cached.lag;
    const lag = this.measure(topic);
    this.measured.set(topic, { at: t, lag });
    // A failed measurement is not kept: the next request measures again.
    lag.catch(() => this.measured.delete(topic));
    return lag;
  }

  private async measure(topic: string): Promise<number> {
    const [ends, committed] = await Promise.all([
      this.transport.topicOffsets(topic),
      this.transport.groupOffsets(this.consumerGroup, topic),
    ]);
    return offsetLags(topic, ends, committed).reduce((sum, p) => sum + p.offsetLag, 0);
  }
}
