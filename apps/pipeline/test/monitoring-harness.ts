import { loadSettings, Settings } from '@lgsp/config';
import { createPool } from '@lgsp/database';
import { createLogger } from '@lgsp/logging';
import { Runtime } from '@lgsp/runtime';
import { KafkaTransport } from '@lgsp/transport';
import type { Logger } from 'pino';
import { kafkaBrokers } from '../../../test/support/environment';
import { RunningPipeline, startPipeline } from '../src/pipeline';
import { PipelineHarness } from './pipeline-harness';

/** Monitoring settings fast enough for a test: snapshots every 300 ms, small lag thresholds. */
export const FAST_MONITORING: Partial<Settings> = {
  metricsIntervalMs: 300,
  alertLagMessages: 1000,
  alertLagSeconds: 30,
  alertLagForSeconds: 1,
  alertWindowSeconds: 60,
  alertMinEvents: 50,
};

/**
 * Starts a pipeline instance of the harness with monitoring settings of the test's own:
 * with workers (consume) or only the API, dashboard and monitor. The harness closes it.
 */
export async function startInstance(
  h: PipelineHarness,
  options: { consume: boolean; settings?: Partial<Settings>; logger?: Logger },
): Promise<RunningPipeline> {
  const base = loadSettings({});
  const settings: Settings = {
    ...base,
    transport: 'kafka',
    kafkaBrokers: kafkaBrokers(),
    topicPartitions: 4,
    logLevel: 'warn',
    // The harness's archive, removed with it.
    archiveDir: h.settings.archiveDir,
    ...FAST_MONITORING,
    ...options.settings,
  };
  const pool = createPool(h.db.scratch.url);
  // pool.end() resolves before its sockets close: an idle client cut off by the database drop is expected.
  pool.on('error', () => undefined);
  const runtime: Runtime = {
    settings,
    databaseUrl: h.db.scratch.url,
    dataSource: h.db.dataSource,
    pool,
    transport: new KafkaTransport({ brokers: settings.kafkaBrokers, clientId: 'lgsp-test' }),
    logger: options.logger ?? createLogger('warn'),
    close: async () => undefined,
  };
  const instance = await startPipeline(runtime, {
    port: 0,
    topics: h.topics,
    groupId: h.groupId,
    maxBatchSize: 500,
    consume: options.consume,
  });
  const close = instance.close;
  let closed = false;
  instance.close = async () => {
    if (closed) return;
    closed = true;
    try {
      await close();
    } finally {
      await runtime.transport.close();
      await runtime.pool.end();
    }
  };
  h.workers.push(instance);
  return instance;
}

export async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}
