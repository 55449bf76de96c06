import { loadSettings, Settings } from '@lgsp/config';
import { createPool } from '@lgsp/database';
import { createLogger } from '@lgsp/logging';
import { Runtime } from '@lgsp/runtime';
import { KafkaTransport } from '@lgsp/transport';
import { examples } from '@lgsp/contracts';
import { eventually, kafkaBrokers } from '../../../test/support/environment';
import { namesakesOf, publish, registryEvents } from '../../../test/support/sync-events';
import { RunningPipeline, startPipeline } from '../src/pipeline';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

interface ReadyBody {
  status: string;
  reason?: string;
  consumer?: { state: string; retrying: { topic: string; kind: string }[] };
}

async function ready(url: string): Promise<{ code: number; body: ReadyBody; ms: number }> {
  const started = Date.now();
  const r = await fetch(`${url}/ready`);
  return { code: r.status, body: (await r.json()) as ReadyBody, ms: Date.now() - started };
}

/**
 * A worker whose own sessions give up a lock after 200 ms: a test holding a lock on a table
 * the intake writes makes every attempt fail with 55P03, a transient failure, while the
 * database itself answers.
 */
async function workerWithLockTimeout(h: PipelineHarness): Promise<RunningPipeline> {
  const url = new URL(h.db.scratch.url);
  url.searchParams.set('options', '-c jit=off -c lock_timeout=200');
  const settings: Settings = {
    ...loadSettings({}),
    transport: 'kafka',
    kafkaBrokers: kafkaBrokers(),
    topicPartitions: 4,
    logLevel: 'silent',
    archiveDir: h.settings.archiveDir,
  };
  const runtime: Runtime = {
    settings,
    databaseUrl: h.db.scratch.url,
    dataSource: h.db.dataSource,
    pool: createPool(url.toString(), { logger: createLogger('silent') }),
    transport: new KafkaTransport({ brokers: settings.kafkaBrokers, clientId: 'lgsp-test' }),
    logger: createLogger((process.env.LGSP_TEST_LOG as 'warn' | undefined) || 'silent'),
    close: async () => undefined,
  };
  const worker = await startPipeline(runtime, {
    port: 0,
    topics: h.topics,
    groupId: h.groupId,
    maxBatchSize: 500,
    retry: { initialMs: 50, maxMs: 200 },
  });
  const close = worker.close;
  worker.close = async () => {
    await close();
    await runtime.transport.close();
    await runtime.pool.end();
  };
  h.workers.push(worker);
  return worker;
}

describe('/ready on Kafka', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers 200 within a few seconds while the consumer runs, 503 naming the state while it retries', async () => {
    const worker = await workerWithLockTimeout(h);
    const first = await ready(worker.url);
    expect(first.code).toBe(200);
    expect(first.ms).toBeLessThan(3000);
    expect(['running', 'paused']).toContain(first.body.consumer?.state);

    const holder = await h.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE registry.citizens IN ACCESS EXCLUSIVE MODE');
      const citizens = namesakesOf(examples.TRAN_THI_MAI, 5, 300000);
      await publish(h.transport, h.topics.sources.population, registryEvents(citizens));
      const stalled = await eventually(
        async () => {
          const r = await ready(worker.url);
          return r.code === 503 ? r : undefined;
        },
        30_000,
        '/ready to report the retrying consumer',
      );
      expect(stalled.body.consumer?.state).toBe('retrying');
      expect(stalled.body.reason).toBe('the consumer is retrying');
      expect(stalled.body.consumer?.retrying.length).toBeGreaterThan(0);
      for (const waiting of stalled.body.consumer!.retrying)
        expect(waiting).toMatchObject({ topic: h.topics.sources.population, kind: 'lock-not-available' });
      expect(stalled.ms).toBeLessThan(3000);
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      expect(metrics).toMatch(/lgsp_consumer_state\{state="retrying"\} 1/);
      expect(metrics).toMatch(/lgsp_consumer_retries_total\{topic="[^"]+",kind="lock-not-available"\} [1-9]/);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    // Nothing was skipped: once the lock is gone every citizen is stored and /ready is 200 again.
    await eventually(
      async () => ((await h.pool.query('SELECT count(*)::int AS n FROM registry.citizens')).rows[0].n === 5 ? true : undefined),
      30_000,
      'the 5 citizens',
    );
    await eventually(async () => ((await ready(worker.url)).code === 200 ? true : undefined), 10_000, '/ready 200 again');
  });
});
