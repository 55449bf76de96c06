import { CheckpointsRepository, DecisionLogRepository, LogVerifier, publicKeyFromPem } from '@lgsp/audit';
import { examples } from '@lgsp/contracts';
import { eventually } from '../../../test/support/environment';
import { readTopic } from '../../../test/support/read-topic';
import { namesakesOf, parcelEventsOf, publish, registryEvents, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

/** The pipeline's decisions on the real broker land in the tamper-evident log, every one, in one order. */
describe('decision log written by the pipeline on Kafka', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka({ auditCheckpointSeconds: 1, auditCheckpointLeaves: 1_000_000 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('logs every decision of two workers once, in an order that keeps each record’s sequence, the chain unbroken', async () => {
    await h.startWorker();
    await h.startWorker();
    const citizens = namesakesOf(examples.TRAN_THI_MAI, 30, 200000);
    await publish(h.transport, h.topics.sources.population, registryEvents(citizens));
    await publish(h.transport, h.topics.sources.land, parcelEventsOf(citizens, '12460.7'));
    await h.settled(90_000);
    // A registry change re-decides a record: a second decision for it, later in the log.
    const dead = { ...citizens[0], status: 'DECEASED' as const, dateOfDeath: '2026-01-01' };
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', dead.citizenId, dead, citizens[0])]);
    await eventually(
      async () => Number((await h.pool.query(`SELECT count(*) FROM reconciliation.decisions`)).rows[0].count) >= 31 || undefined,
      60_000,
      'the registry change re-decided the record',
    );
    await h.settled(60_000);

    const entries = await new DecisionLogRepository().page(h.pool, 0, 10_000, false);
    const decisions = await h.pool.query(
      `SELECT source || '/' || entity_id || '/' || cause_event_id AS id, entity_id, sequence FROM reconciliation.decisions`,
    );
    expect(entries.length).toBe(decisions.rowCount);
    expect(new Set(entries.map((e) => e.decisionId))).toEqual(new Set(decisions.rows.map((r) => r.id)));
    expect(entries.map((e) => e.position)).toEqual(entries.map((_, i) => i + 1));
    const sequenceOf = new Map(decisions.rows.map((r) => [r.id as string, [r.entity_id as string, Number(r.sequence)] as const]));
    const lastSequence = new Map<string, number>();
    for (const e of entries) {
      const [entity, sequence] = sequenceOf.get(e.decisionId)!;
      expect(sequence).toBeGreaterThan(lastSequence.get(entity) ?? 0);
      lastSequence.set(entity, sequence);
    }
    expect(Math.max(...lastSequence.values())).toBeGreaterThan(1);
    // Within a second or so a signed checkpoint covers the whole log, in the database and on the checkpoint topic.
    const checkpoints = new CheckpointsRepository();
    const latest = await eventually(
      async () => {
        const c = await checkpoints.latest(h.pool);
        return c && c.size === entries.length ? c : undefined;
      },
      30_000,
      'a checkpoint of the whole log',
    );
    const published = await eventually(
      async () => {
        const m = (await readTopic(h.transport, h.topics.auditCheckpoints, 5_000)).find((x) => x.key === String(latest.size));
        return m ? (JSON.parse(String(m.value)) as typeof latest) : undefined;
      },
      30_000,
      'the checkpoint on its topic',
    );
    expect(published).toMatchObject({
      size: latest.size,
      root: latest.root,
      chainHead: latest.chainHead,
      signature: latest.signature,
    });
    const verifier = new LogVerifier([published], publicKeyFromPem(published.publicKey));
    for (const e of entries) verifier.push(e);
    expect(verifier.finish()).toMatchObject({
      ok: true,
      entries: decisions.rowCount,
      checkpointsChecked: 1,
      signaturesChecked: true,
    });
  });
});
