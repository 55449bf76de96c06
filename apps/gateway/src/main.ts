import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadSettings } from '@lgsp/config';
import { stopEmbeddedPostgresOnOwnSignals } from '@lgsp/database';
import { armShutdownDeadline, openRuntime, stopWhenParentGoes } from '@lgsp/runtime';
import { startGateway } from './gateway';
import { runGatewayProcesses, WORKER_INDEX_ENV } from './processes';

/** Runs the integration gateway alone (`lgsp gateway`), beside the pipeline on the same transport and database. */
async function main(): Promise<void> {
  const settings = loadSettings();
  if (cluster.isPrimary && settings.gatewayProcesses > 1) {
    if (settings.databaseUrl) {
      runGatewayProcesses(settings.gatewayProcesses);
      return;
    }
    process.stderr.write(
      `gateway: LGSP_GATEWAY_PROCESSES=${settings.gatewayProcesses} needs DATABASE_URL (the embedded database has one ` +
        'owner): running one process\n',
    );
  }
  // Of several processes, the first delivers the webhooks and says where the gateway listens.
  const first = !cluster.isWorker || process.env[WORKER_INDEX_ENV] === '0';
  // Heard from the start: a stop asked while the gateway is starting closes it once started (the process of several
  // that is still starting when they are all stopped ends as cleanly as the others). Ctrl-C reaches every process of
  // the group and the parent of several forwards its signal too: either signal once, the second of it kills.
  const stopAsked = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    stopWhenParentGoes(() => resolve());
  });
  stopEmbeddedPostgresOnOwnSignals();
  const runtime = await openRuntime(settings);
  const gateway = await startGateway(runtime, { deliverWebhooks: first });
  runtime.logger.info({ url: gateway.url }, 'gateway started');
  if (first) process.stdout.write(`gateway: ${gateway.url}/v1\n`);
  await stopAsked;
  let closed = false;
  armShutdownDeadline(runtime.settings.shutdownSeconds, runtime.logger, () =>
    closed ? (runtime.closingStep?.() ?? 'closing the runtime') : 'closing the gateway',
  );
  try {
    await gateway.close();
    closed = true;
    await runtime.close();
  } catch (e) {
    runtime.logger.error({ err: e }, 'shutdown failed');
    process.exit(1);
  }
  process.exit(0);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
