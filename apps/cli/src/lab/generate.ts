import { SourceName, topicNames } from '@lgsp/contracts';
import { Runtime } from '@lgsp/runtime';
import { canonicalJson, DatasetRepository, generateDataset, LAB_MIGRATIONS, OutboxRelay, SnapshotLoader } from '@lgsp/lab';
import { openCliRuntime } from '../commands/cli-runtime';
import { RuntimeFlags } from '../commands/runtime-flags';
import { dirtRatesFrom, invalidEventRateFrom } from './dirt-options';
import { GenerateProgress } from './generate-progress';
import { runLiveChanges } from './live-changes';

export interface GenerateFlags extends RuntimeFlags {
  citizens: string;
  seed: string;
  province: string;
  dirtScale?: string;
  dirt?: string;
  batchSize: string;
  progress: boolean;
  live?: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

/** `lgsp generate`: generates the mock sources, loads them through their outboxes and publishes the snapshot. */
export async function runGenerate(flags: GenerateFlags): Promise<void> {
  const citizens = positiveInteger(flags.citizens, '--citizens');
  const seed = Number(flags.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const dataset = generateDataset({
    seed,
    citizens,
    province: flags.province,
    dirt: dirtRatesFrom(flags.dirtScale, flags.dirt),
  });
  const invalidEventRate = invalidEventRateFrom(flags.dirt);
  const runtime = await openCliRuntime(flags, { migrations: LAB_MIGRATIONS });
  try {
    const topics = sourceTopics(runtime);
    await runtime.transport.createTopics(
      Object.values(topics).map((topic) => ({ topic, partitions: runtime.settings.topicPartitions })),
    );
    const loaded = flags.live !== undefined ? await loadedDigest(runtime, dataset) : undefined;
    if (loaded) say('the sources already hold this dataset: going live without reloading it');
    const digest =
      loaded ??
      (await loadAndPublish(runtime, dataset, {
        batchSize: positiveInteger(flags.batchSize, '--batch-size'),
        progress: flags.progress && process.stderr.isTTY === true,
      }));
    process.stdout.write(`digest: ${digest}\n`);
    if (flags.live !== undefined)
      await runLiveChanges(runtime, { seed, rate: Number(flags.live), topics, invalidEventRate, say });
  } finally {
    await runtime.close();
  }
}

/** Loads the snapshot while the relay publishes it concurrently, then drains what is left. */
export async function loadAndPublish(
  runtime: Runtime,
  dataset: ReturnType<typeof generateDataset>,
  options: { batchSize: number; progress: boolean },
): Promise<string> {
  const citizens = dataset.to - dataset.from;
  const progress = new GenerateProgress(citizens, options.progress);
  const relay = new OutboxRelay(runtime.pool, runtime.transport, {
    topics: sourceTopics(runtime),
    onPublished: (_source, count) => progress.publishedMore(count),
    onError: (source, error) => runtime.logger.warn({ err: error, source }, 'outbox relay batch failed; retrying'),
  });
  const started = Date.now();
  relay.start();
  try {
    const loader = new SnapshotLoader(runtime.pool, {
      batchSize: options.batchSize,
      onProgress: (p) => progress.loaded(p),
    });
    const result = await loader.load(dataset);
    const loadedAt = Date.now();
    await relay.stop();
    await relay.drain();
    progress.stop();
    const total = Object.values(result.events).reduce((a, b) => a + b, 0);
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    say(
      `generated ${citizens} citizens, ${total} events (${Object.entries(result.events)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ')}), ${result.groundTruth} ground-truth records; ` +
        `loaded in ${seconds(loadedAt - started)} s, all published after ${seconds(Date.now() - started)} s (${runtime.transport.kind} transport)`,
    );
    return result.digest;
  } finally {
    progress.stop();
    await relay.close();
  }
}

/** The digest of the dataset the sources hold, when it is this one and its load completed. */
export async function loadedDigest(runtime: Runtime, dataset: ReturnType<typeof generateDataset>): Promise<string | undefined> {
  const current = await new DatasetRepository().current(runtime.pool);
  if (!current?.digest) return undefined;
  const same = canonicalJson(current.parameters) === canonicalJson(SnapshotLoader.parametersOf(dataset));
  return same ? current.digest : undefined;
}

/** The contract's topics, or the LGSP_TOPIC_PREFIX set the pipeline consumes. */
export function sourceTopics(runtime: Runtime): Record<SourceName, string> {
  return topicNames(runtime.settings.topicPrefix).sources;
}

function positiveInteger(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
  return n;
}
