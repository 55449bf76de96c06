import 'reflect-metadata';
import { loadSettings } from '@lgsp/config';
import { stopEmbeddedPostgresOnOwnSignals } from '@lgsp/database';
import { openRuntime } from '@lgsp/runtime';
import { startGateway } from './gateway';

/** Runs the integration gateway alone (`lgsp gateway`), beside the pipeline on the same transport and database. */
async function main(): Promise<void> {
  const runtime = await openRuntime(loadSettings());
  const gateway = await startGateway(runtime);
  const stop = () => {
    void gateway
      .close()
      .then(() => runtime.close())
      .then(
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
  runtime.logger.info({ url: gateway.url }, 'gateway started');
  process.stdout.write(`gateway: ${gateway.url}/v1\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
