import { examples } from '@lgsp/contracts';
import { eventually } from '../../../test/support/environment';
import { namesakesOf, publish, registryEvents } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

describe('stall detection on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;
  beforeEach(async () => {
    h = await pipelineOnKafka({ stallSeconds: 3 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers /health 503 stalled while events wait and every attempt fails, and 200 again once they are processed', async () => {
    const worker = await h.startWorker();
    expect((await fetch(`${worker.url}/health`)).status).toBe(200);
    // A transient failure on every attempt (serialization_failure): retried for ever, nothing processed.
    await h.pool.query(`CREATE FUNCTION registry.always_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; END $$`);
    await h.pool.query(
      `CREATE TRIGGER always_conflict BEFORE INSERT OR UPDATE ON registry.citizens FOR EACH ROW EXECUTE FUNCTION registry.always_conflict()`,
    );
    const citizens = namesakesOf(examples.NGUYEN_VAN_HUNG, 3, 700000);
    await publish(h.transport, h.topics.sources.population, registryEvents(citizens));
    const stalled = await eventually(
      async () => {
        const r = await fetch(`${worker.url}/health`);
        return r.status === 503 ? ((await r.json()) as { status: string; consumer: { stalled: { lag: number } } }) : undefined;
      },
      30_000,
      '/health to report the stall',
    );
    expect(stalled).toMatchObject({ status: 'stalled', consumer: { stalled: { lag: 3 } } });

    await h.pool.query(`DROP TRIGGER always_conflict ON registry.citizens`);
    await h.settled();
    await eventually(async () => ((await fetch(`${worker.url}/health`)).status === 200 ? true : undefined), 20_000, 'recovery');
    const stored = await h.pool.query(`SELECT count(*)::int AS n FROM registry.citizens`);
    expect(stored.rows[0].n).toBe(3);
  });
});
