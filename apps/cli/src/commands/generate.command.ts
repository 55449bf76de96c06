import { Command } from 'commander';
import { SourceName, TOPICS } from '@lgsp/contracts';
import { prefixedTopicNames } from '@lgsp/reconciliation';
import { Runtime } from '@lgsp/runtime';
import { canonicalJson, DatasetRepository, generateDataset, OutboxRelay, SnapshotLoader } from '@lgsp/sources';
import { openCliRuntime, RuntimeFlags, withRuntimeOptions } from './cli-runtime';
import { dirtRatesFrom } from './dirt-options';
import { GenerateProgress } from './generate-progress';
import { runLiveChanges } from './live-changes';

interface GenerateFlags extends RuntimeFlags {
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

export function generateCommand(): Command {
  return withRuntimeOptions(
    new Command('generate')
      .description(
        'generate the four mock national databases (population, land, insurance, business) with injected dirt and ground truth, ' +
          'load them through their transactional outboxes and publish the snapshot events; prints `digest: <sha256>` ' +
          '(same seed and sizes, same digest)',
      )
      .option('--citizens <n>', 'citizens in the population registry', '10000')
      .option('--seed <s>', 'seed (32-bit integer); same seed and sizes give the same data and digest', '1')
      .option('--province <code|national>', '2025 province code (e.g. 66 Đắk Lắk) or "national" for all 34', '66')
      .option('--dirt-scale <factor>', 'multiply every default dirt rate (0 = clean data)')
      .option('--dirt <KIND=rate,...>', 'set single dirt rates, e.g. TYPO=0.05,DUPLICATE=0')
      .option('--batch-size <n>', 'records per transaction', '5000')
      .option('--no-progress', 'no progress bars')
      .option(
        '--live <rate>',
        'then keep changing the sources at <rate> changes/second until Ctrl-C (a dataset already fully loaded with the same parameters is not reloaded)',
      ),
  ).action(async (flags: GenerateFlags) => {
    const citizens = positiveInteger(flags.citizens, '--citizens');
    const seed = Number(flags.seed);
    if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
    const dataset = generateDataset({
      seed,
      citizens,
      province: flags.province,
      dirt: dirtRatesFrom(flags.dirtScale, flags.dirt),
    });
    const runtime = await openCliRuntime(flags);
    try {
      const topics = sourceTopics(runtime);
      await runtime.transport.createTopics(
        Object.values(topics).map((topic) => ({ topic, partitions: runtime.settings.topicPartitions })),
      );
      const loaded = flags.live !== undefined ? await loadedDigest(runtime, dataset) : undefined;
      if (loaded) say('the sources already hold this dataset: going live without reloading it');
      const digest = loaded ?? (await loadAndPublish(runtime, dataset, flags));
      process.stdout.write(`digest: ${digest}\n`);
      if (flags.live !== undefined) await runLiveChanges(runtime, { seed, rate: Number(flags.live), topics, say });
    } finally {
      await runtime.close();
    }
  });
}

/** Loads the snapshot while the relay publishes it concurrently, then drains what is left. */
async function loadAndPublish(
  runtime: Runtime,
  dataset: ReturnType<typeof generateDataset>,
  flags: GenerateFlags,
): Promise<string> {
  const citizens = dataset.to - dataset.from;
  const progress = new GenerateProgress(citizens, flags.progress && process.stderr.isTTY === true);
  const relay = new OutboxRelay(runtime.pool, runtime.transport, {
    topics: sourceTopics(runtime),
    onPublished: (_source, count) => progress.publishedMore(count),
    onError: (source, error) => runtime.logger.warn({ err: error, source }, 'outbox relay batch failed; retrying'),
  });
  const started = Date.now();
  relay.start();
  try {
    const loader = new SnapshotLoader(runtime.pool, {
      batchSize: positiveInteger(flags.batchSize, '--batch-size'),
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
async function loadedDigest(runtime: Runtime, dataset: ReturnType<typeof generateDataset>): Promise<string | undefined> {
  const current = await new DatasetRepository().current(runtime.pool);
  if (!current?.digest) return undefined;
  const same = canonicalJson(current.parameters) === canonicalJson(SnapshotLoader.parametersOf(dataset));
  return same ? current.digest : undefined;
}

/** The contract's topics, or the LGSP_TOPIC_PREFIX set the pipeline consumes. */
export function sourceTopics(runtime: Runtime): Record<SourceName, string> {
  const prefix = runtime.settings.topicPrefix;
  return prefix ? prefixedTopicNames(prefix).sources : { ...TOPICS };
}

function positiveInteger(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
  return n;
}
