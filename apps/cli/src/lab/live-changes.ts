import { Runtime } from '@lgsp/runtime';
import type { SourceName } from '@lgsp/contracts';
import { OutboxRelay, SourceChanges } from '@lgsp/lab';

export interface LiveOptions {
  seed: number;
  /** Changes per second. */
  rate: number;
  topics: Record<SourceName, string>;
  /** INVALID_EVENT: share of live events published broken. */
  invalidEventRate?: number;
  say: (line: string) => void;
}

/** Keeps changing the sources and publishing their events until Ctrl-C (or SIGTERM). */
export async function runLiveChanges(runtime: Runtime, options: LiveOptions): Promise<void> {
  if (!(options.rate > 0)) throw new Error('--live needs a positive rate (changes per second)');
  let applied = 0;
  let published = 0;
  const changes = new SourceChanges(runtime.pool, {
    seed: options.seed,
    rate: options.rate,
    invalidEventRate: options.invalidEventRate,
    onChange: () => applied++,
    onError: (error) => runtime.logger.warn({ err: error }, 'live change failed; skipped'),
  });
  const relay = new OutboxRelay(runtime.pool, runtime.transport, {
    topics: options.topics,
    onPublished: (_source, count) => (published += count),
    onError: (source, error) => runtime.logger.warn({ err: error, source }, 'outbox relay batch failed; retrying'),
  });
  relay.start();
  changes.start();
  options.say(`live mode: ${options.rate} changes/s; Ctrl-C to stop`);
  const report = setInterval(() => options.say(`live: ${applied} changes committed, ${published} events published`), 10_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(report);
  await changes.stop();
  await relay.stop();
  await relay.drain();
  await relay.close();
  options.say(`live mode stopped: ${applied} changes committed, ${published} events published`);
}
