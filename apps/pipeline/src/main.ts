import 'reflect-metadata';
import { loadSettings } from '@lgsp/config';
import { stopEmbeddedPostgresOnOwnSignals } from '@lgsp/database';
import { openRuntime } from '@lgsp/runtime';
import { startPipeline } from './pipeline';

/** Runs the pipeline process alone (the `lgsp start` command wraps the same calls). */
async function main(): Promise<void> {
  const runtime = await openRuntime(loadSettings());
  const started = startPipeline(runtime, {
    // A process whose consumer will not consume again must not stay up looking healthy.
    onConsumerCrashed: (error) => {
      runtime.logger.fatal({ err: error }, 'the consumer crashed for good; exiting');
      process.exit(1);
    },
  });
  // Listening from before the start: a stop asked for while the pipeline is still starting waits for
  // the start, then closes it; without a listener, the database's own fallback would stop it under us.
  const shutdown = async () => {
    // A start that failed has nothing to close (main reports its error); a failed close is reported below.
    await started.then(
      (p) => p.close(),
      () => undefined,
    );
    await runtime.close();
  };
  // A signal listener's return value is ignored, so the shutdown runs detached: its failure is
  // logged and turned into a non-zero exit rather than an unhandled rejection.
  const stop = () => {
    void shutdown().then(
      () => process.exit(0),
      (e: unknown) => {
        runtime.logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  stopEmbeddedPostgresOnOwnSignals();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const pipeline = await started;
  runtime.logger.info({ url: pipeline.url, dashboard: `${pipeline.url}/dashboard` }, 'pipeline started');
  // A plain line too: the address people look for among the JSON logs.
  process.stdout.write(`dashboard: ${pipeline.url}/\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
