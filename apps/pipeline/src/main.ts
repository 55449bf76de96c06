import 'reflect-metadata';
import { loadSettings } from '@lgsp/config';
import { stopEmbeddedPostgresOnOwnSignals } from '@lgsp/database';
import {
  armShutdownDeadline,
  openRuntime,
  removeRunningInstance,
  Runtime,
  stopWhenParentGoes,
  withoutPassword,
  writeRunningInstance,
} from '@lgsp/runtime';
import { RunningPipeline, startPipeline } from './pipeline';

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
  let closingStep = () => 'waiting for the start to finish';
  void started.then(
    (p) => (closingStep = () => p.closingStep()),
    () => undefined,
  );
  const shutdown = async () => {
    armShutdownDeadline(runtime.settings.shutdownSeconds, runtime.logger, () => closingStep());
    // First, so no command connects to an instance on its way out.
    if (runtime.embedded) removeRunningInstance(runtime.settings.dataDir);
    // A start that failed has nothing to close (main reports its error); a failed close is reported below.
    await started.then(
      (p) => p.close(),
      () => undefined,
    );
    closingStep = () => runtime.closingStep?.() ?? 'closing the runtime';
    await runtime.close();
  };
  process.on('SIGINT', stopOn('SIGINT', shutdown, runtime));
  process.on('SIGTERM', stopOn('SIGTERM', shutdown, runtime));
  stopWhenParentGoes(stopOn('SIGTERM', shutdown, runtime));
  stopEmbeddedPostgresOnOwnSignals();
  const pipeline = await started;
  runtime.logger.info({ url: pipeline.url, dashboard: `${pipeline.url}/dashboard` }, 'pipeline started');
  // A plain line too: the address people look for among the JSON logs.
  process.stdout.write(`dashboard: ${pipeline.url}/\n`);
  if (runtime.embedded) announceInstance(runtime, pipeline);
}

/** A second Ctrl-C this soon after the first is the same one (the terminal's and `lgsp start`'s forwarded copy). */
const SAME_SIGNAL_MS = 1000;

/**
 * The signal handler: says "stopping…", shuts down, says "stopped" and exits 0. A signal listener's
 * return value is ignored, so the shutdown runs detached: its failure is logged and turned into a
 * non-zero exit rather than an unhandled rejection. Another signal during the stop exits at once.
 */
function stopOn(signal: NodeJS.Signals, shutdown: () => Promise<void>, runtime: Runtime): () => void {
  return () => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < SAME_SIGNAL_MS) return;
      process.stdout.write('stopping at once (a second signal): the database recovers on the next start\n');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stoppingSince = Date.now();
    process.stdout.write('stopping… (finishing the batches in hand, then the database)\n');
    void shutdown().then(
      () => {
        process.stdout.write('stopped\n');
        process.exit(0);
      },
      (e: unknown) => {
        runtime.logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
}
let stoppingSince: number | undefined;

/**
 * Serving the embedded data directory: the address goes where the other commands look for it, so
 * `lgsp generate` in a second terminal feeds this instance instead of starting a second server.
 */
function announceInstance(runtime: Runtime, pipeline: RunningPipeline): void {
  const { settings } = runtime;
  const file = writeRunningInstance(settings.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    databaseUrl: runtime.databaseUrl,
    httpUrl: pipeline.url,
    transport: settings.transport,
    kafkaBrokers: settings.kafkaBrokers,
    topicPrefix: settings.topicPrefix,
  });
  runtime.logger.info(
    { file, database: withoutPassword(runtime.databaseUrl), transport: settings.transport },
    'running-instance file written: lgsp generate, eval, ground-truth and credentials use this instance',
  );
  // An exit on any path (a crashed consumer included) takes the file with it.
  process.once('exit', () => removeRunningInstance(settings.dataDir));
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
