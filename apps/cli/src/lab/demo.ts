import {
  canonicalJson,
  countRows,
  DatasetRepository,
  generateDataset,
  LAB_MIGRATIONS,
  OutboxRelay,
  SnapshotLoader,
  SourceChanges,
} from '@lgsp/lab';
import { openCliRuntime } from '../commands/cli-runtime';
import { RuntimeFlags } from '../commands/runtime-flags';
import { loadAndPublish, loadedDigest, sourceTopics } from './generate';

/** The demo of `lgsp start`: a small province, with the generator's default dirt, changing gently. */
export const DEMO = {
  seed: 1,
  citizens: 2000,
  /** Đắk Lắk. */
  province: '66',
  /** Changes per second: enough to move every chart within seconds, little enough to read. */
  rate: 3,
  /** INVALID_EVENT: one live event in ten broken, so the dead-letter queue and its alert show. */
  invalidEventRate: 0.1,
} as const;

export interface RunningDemo {
  stop(): Promise<void>;
}

/**
 * Runs beside a started `lgsp start` on the embedded database, as a lab command would (its tables are
 * the lab's, migrated by it; the product never reads them). An empty database gets the demo
 * province; one holding the demo resumes its changes; one holding anything else is left alone.
 */
export async function startDemo(flags: RuntimeFlags, say: (line: string) => void): Promise<RunningDemo | undefined> {
  const runtime = await openCliRuntime(flags, { migrations: LAB_MIGRATIONS });
  let stopping = false;
  try {
    const dataset = generateDataset({ seed: DEMO.seed, citizens: DEMO.citizens, province: DEMO.province });
    const current = await new DatasetRepository().current(runtime.pool);
    const isDemo = current && canonicalJson(current.parameters) === canonicalJson(SnapshotLoader.parametersOf(dataset));
    if (await loadedDigest(runtime, dataset)) {
      say('demo: the demo province is loaded already; its sources go on changing');
    } else if (current || (await countRows(runtime.pool, 'registry.citizens')) > 0) {
      say(
        isDemo
          ? 'demo: an interrupted demo load is in the database: run lgsp reset (with lgsp stopped) to load it afresh'
          : 'demo: none, the database holds data of its own (lgsp reset empties it; lgsp start --no-demo skips this check)',
      );
      await runtime.close();
      return undefined;
    } else {
      say(
        `demo: loading a small province (${DEMO.citizens.toLocaleString('en')} citizens of province ${DEMO.province} Đắk Lắk, seed ` +
          `${DEMO.seed}) with the generator's default dirt into the empty embedded database…`,
      );
      await loadAndPublish(runtime, dataset, { batchSize: 5000, progress: false });
    }
    let changed = 0;
    let invalid = 0;
    const changes = new SourceChanges(runtime.pool, {
      seed: DEMO.seed,
      rate: DEMO.rate,
      invalidEventRate: DEMO.invalidEventRate,
      onChange: (change) => {
        changed++;
        if (change.invalidEvent) invalid++;
      },
      // A change caught by the stop (the database shutting down) is no failure worth a line.
      onError: (error) => stopping || runtime.logger.warn({ err: error }, 'demo: a live change failed; skipped'),
    });
    const relay = new OutboxRelay(runtime.pool, runtime.transport, {
      topics: sourceTopics(runtime),
      onError: (source, error) => stopping || runtime.logger.warn({ err: error, source }, 'demo: publishing failed; retrying'),
    });
    relay.start();
    changes.start();
    say(
      `demo: the sources now change at ${DEMO.rate} changes/s (moves, deaths, name corrections, new parcels, cards and ` +
        `companies); about ${DEMO.invalidEventRate * 100} % of these events are broken on purpose (INVALID_EVENT), so the ` +
        'dead-letter queue fills, and its alert opens once the first load has left the alert window ' +
        '(LGSP_ALERT_WINDOW_SECONDS, 5 minutes). lgsp start --no-demo starts empty.',
    );
    const report = setInterval(() => say(`demo: ${changed} changes, ${invalid} of them with a broken event`), 60_000);
    report.unref();
    return {
      async stop() {
        stopping = true;
        clearInterval(report);
        await changes.stop();
        await relay.close();
        await runtime.close();
      },
    };
  } catch (e) {
    stopping = true;
    await runtime.close().catch(() => undefined);
    throw e;
  }
}
