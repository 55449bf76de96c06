import { readFileSync } from 'node:fs';
import { EventTransport, groupLag } from '@lgsp/transport';
import { PipelineProcess } from '../eval/pipeline-process';
import { peakRssMiB, ratePerSecond } from './bench-stats';
import { Throughput } from './raw-consume';

/**
 * The real pipeline app on Kafka under the run's topic prefix: `count` processes of one
 * consumer group, as a deployment scales out (the group splits the partitions between them).
 */
export class PipelineWorkers {
  private readonly processes: PipelineProcess[] = [];

  constructor(databaseUrl: string, brokers: string[], prefix: string, partitions: number, count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new PipelineProcess();
      worker.start({
        DATABASE_URL: databaseUrl,
        LGSP_TRANSPORT: 'kafka',
        KAFKA_BROKERS: brokers.join(','),
        LGSP_TOPIC_PREFIX: prefix,
        LGSP_TOPIC_PARTITIONS: String(partitions),
        HTTP_PORT: '0',
        LOG_LEVEL: 'warn',
      });
      this.processes.push(worker);
    }
  }

  isRunning(): boolean {
    return this.processes.every((p) => p.isRunning());
  }

  /** The largest peak resident memory (VmHWM) among the workers, in MiB: the bound is per process. */
  peakRssMiB(): number {
    return Math.max(...this.processes.map((p) => peakRssMiB(readFileSync(`/proc/${p.pid}/status`, 'utf8'))));
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
  }
}

/**
 * Waits until the pipeline's group has committed every source message. Its rate is timed from
 * the first commit seen (start-up and group join excluded) to the last: events are the lag
 * left at that first commit. Offsets are committed after results are written and published.
 */
export async function drainRate(
  pipeline: Pick<PipelineWorkers, 'isRunning'>,
  transport: EventTransport,
  groupId: string,
  sourceTopics: string[],
  idleTimeoutMs: number,
  say: (line: string) => void,
): Promise<Throughput> {
  let first: { at: number; lag: number } | undefined;
  let initial: number | undefined;
  let lastLag = -1;
  let lastChange = Date.now();
  let lastSaid = 0;
  for (;;) {
    if (!pipeline.isRunning()) throw new Error('the pipeline process exited during the benchmark');
    const lag = await groupLag(transport, groupId, sourceTopics);
    const now = Date.now();
    initial ??= lag;
    if (!first && lag < initial) first = { at: now, lag };
    if (lag === 0) {
      if (!first) return { messages: 0, elapsedMs: 0, rps: 0 };
      return { messages: first.lag, elapsedMs: now - first.at, rps: ratePerSecond(first.lag, now - first.at) };
    }
    if (lag !== lastLag) {
      lastLag = lag;
      lastChange = now;
    } else if (now - lastChange > idleTimeoutMs)
      throw new Error(`the pipeline made no progress for ${idleTimeoutMs / 1000} s (${lag} events left)`);
    if (now - lastSaid > 5000) {
      say(`  pipeline: ${lag} events to go`);
      lastSaid = now;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
