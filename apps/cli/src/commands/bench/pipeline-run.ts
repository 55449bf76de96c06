import { readFileSync } from 'node:fs';
import { EventTransport, groupLag } from '@lgsp/transport';
import { PipelineProcess } from '../eval/pipeline-process';
import { peakRssMiB, ratePerSecond } from './bench-stats';
import { Throughput } from './raw-consume';

/** The real pipeline app, its own process, on Kafka under the run's topic prefix. */
export function startPipelineProcess(
  databaseUrl: string,
  brokers: string[],
  prefix: string,
  partitions: number,
): PipelineProcess {
  const pipeline = new PipelineProcess();
  pipeline.start({
    DATABASE_URL: databaseUrl,
    LGSP_TRANSPORT: 'kafka',
    KAFKA_BROKERS: brokers.join(','),
    LGSP_TOPIC_PREFIX: prefix,
    LGSP_TOPIC_PARTITIONS: String(partitions),
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  });
  return pipeline;
}

/**
 * Waits until the pipeline's group has committed every source message. Its rate is timed from
 * the first commit seen (start-up and group join excluded) to the last: events are the lag
 * left at that first commit. Offsets are committed after results are written and published.
 */
export async function drainRate(
  pipeline: PipelineProcess,
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

/** Peak resident memory (VmHWM) of a running process, in MiB. */
export function processPeakRssMiB(pid: number): number {
  return peakRssMiB(readFileSync(`/proc/${pid}/status`, 'utf8'));
}
