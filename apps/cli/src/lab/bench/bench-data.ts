import { Pool } from 'pg';
import { SOURCE_NAMES, SourceName, TopicNames } from '@lgsp/contracts';
import { EventTransport } from '@lgsp/transport';
import { generateDataset, OutboxRelay, SnapshotLoader } from '@lgsp/lab';

export interface LoadedData {
  events: Record<SourceName, number>;
  total: number;
  loadMs: number;
  relayMs: number;
}

/**
 * Generates the dataset, loads it into the mock sources with their outbox (SnapshotLoader),
 * then relays every event to the run's prefixed source topics. Nothing consumes yet: each
 * contender then reads the same backlog.
 */
export async function loadAndRelay(
  pool: Pool,
  transport: EventTransport,
  topics: TopicNames,
  run: { citizens: number; seed: number; province: string },
): Promise<LoadedData> {
  const started = Date.now();
  const dataset = generateDataset({ seed: run.seed, citizens: run.citizens, province: run.province });
  const result = await new SnapshotLoader(pool).load(dataset);
  const loaded = Date.now();
  const relay = new OutboxRelay(pool, transport, { topics: topics.sources, batchSize: 5000 });
  try {
    await relay.drain();
  } finally {
    await relay.close();
  }
  const total = SOURCE_NAMES.reduce((n, s) => n + result.events[s], 0);
  return { events: result.events, total, loadMs: loaded - started, relayMs: Date.now() - loaded };
}
