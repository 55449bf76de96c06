import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { eventually, registryHolds } from '../../../test/support/environment';
import {
  insuranceRecord,
  landParcel,
  namesakesOf,
  parcelEventsOf,
  personOf,
  publish,
  registryEvents,
  syncEvent,
} from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;
const MAI: CitizenRecord = examples.TRAN_THI_MAI;

async function resultsOf(
  h: PipelineHarness,
): Promise<Map<string, { outcome: string; differences: { field: string; kind: string }[]; citizen_id: string | null }>> {
  const r = await h.pool.query(`SELECT entity_id, outcome, differences, citizen_id FROM reconciliation.results`);
  return new Map(r.rows.map((row) => [row.entity_id, row]));
}

async function decisionCount(h: PipelineHarness): Promise<number> {
  return Number((await h.pool.query(`SELECT count(*) FROM reconciliation.decisions`)).rows[0].count);
}

describe('reconciliation pipeline on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await h.close();
  });

  it('reconciles sectoral records against the registry and re-reconciles them when the registry changes', async () => {
    await h.startWorker();
    await publish(h.transport, h.topics.sources.population, [
      syncEvent('population', HUNG.citizenId, HUNG),
      syncEvent('population', MAI.citizenId, MAI),
    ]);
    await publish(h.transport, h.topics.sources.land, [
      syncEvent('land', '24133.1.1', landParcel('24133.1.1', personOf(HUNG))),
      syncEvent('land', '24133.1.2', landParcel('24133.1.2', personOf(MAI, { fullName: 'Tran Thi Mai' }))),
      syncEvent('land', '24133.1.3', landParcel('24133.1.3', personOf(HUNG, { citizenId: HUNG.legacyId }))),
      syncEvent('land', '24133.1.4', landParcel('24133.1.4', personOf(HUNG, { citizenId: '066085999999' }))),
    ]);
    // Which of the registry and the land events is reconciled first is up to the worker; the
    // final results, once the group has caught up, are not.
    await h.settled();
    const results = await resultsOf(h);
    expect(results.size).toBe(4);
    expect(results.get('24133.1.1')!.outcome).toBe('MATCHED');
    expect(results.get('24133.1.2')!.outcome).toBe('MISMATCHED');
    expect(results.get('24133.1.2')!.differences).toEqual([
      expect.objectContaining({ field: 'fullName', kind: 'MISSING_DIACRITICS' }),
    ]);
    expect(results.get('24133.1.3')!.outcome).toBe('LEGACY_ID');
    expect(results.get('24133.1.3')!.citizen_id).toBe(HUNG.citizenId);
    expect(results.get('24133.1.4')!.outcome).toBe('NOT_FOUND');
    const candidates = (await h.pool.query(`SELECT candidates FROM reconciliation.results WHERE entity_id = '24133.1.4'`)).rows[0]
      .candidates;
    expect(candidates[0].citizenId).toBe(HUNG.citizenId);

    // The registry records Hùng's death: his records become DECEASED without any new land event.
    const dead = { ...HUNG, status: 'DECEASED' as const, dateOfDeath: '2026-01-01' };
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', HUNG.citizenId, dead, HUNG)]);
    await eventually(
      async () => ((await resultsOf(h)).get('24133.1.1')!.outcome === 'DECEASED' ? true : undefined),
      60_000,
      'DECEASED',
    );
    const after = await resultsOf(h);
    expect(after.get('24133.1.3')!.outcome).toBe('LEGACY_ID'); // still legacy first; deceased listed in alsoApplies
    expect(after.get('24133.1.2')!.outcome).toBe('MISMATCHED'); // Mai is untouched
    const history = await h.pool.query(`SELECT cause FROM reconciliation.decisions WHERE entity_id = '24133.1.1' ORDER BY id`);
    expect(history.rows.map((r) => r.cause)).toEqual(['record-event', 'registry-change']);

    // Results are published too.
    const published = await h.transport.topicOffsets(h.topics.results);
    expect(published.reduce((s, p) => s + Number(p.high), 0)).toBeGreaterThanOrEqual(6);
  });

  it("publishes a record's decisions keyed by the record, on one partition, in sequence, and a retraction when it is deleted", async () => {
    await h.startWorker();
    const parcel = landParcel('24133.2.1', personOf(HUNG));
    // NOT_FOUND first (the registry does not hold Hùng yet), then MATCHED when he arrives, then an update, then the delete.
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', '24133.2.1', parcel)]);
    await eventually(
      async () => ((await resultsOf(h)).get('24133.2.1')?.outcome === 'NOT_FOUND' ? true : undefined),
      60_000,
      'NOT_FOUND',
    );
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', HUNG.citizenId, HUNG)]);
    await eventually(
      async () => ((await resultsOf(h)).get('24133.2.1')?.outcome === 'MATCHED' ? true : undefined),
      60_000,
      'MATCHED',
    );
    const moved = { ...parcel, areaM2: 99 };
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', '24133.2.1', moved, parcel)]);
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', '24133.2.1', null, moved)]);
    await h.settled();
    expect((await resultsOf(h)).has('24133.2.1')).toBe(false);

    const published = (await h.publishedResults()).filter((r) => r.message.entityId === '24133.2.1');
    expect(
      published.map((r) => [r.message.kind, r.message.sequence, r.message.kind === 'DECISION' ? r.message.outcome : null]),
    ).toEqual([
      ['DECISION', 1, 'NOT_FOUND'],
      ['DECISION', 2, 'MATCHED'],
      ['DECISION', 3, 'MATCHED'],
      ['RETRACTION', 4, null],
    ]);
    expect(new Set(published.map((r) => r.key))).toEqual(new Set(['land/24133.2.1']));
    expect(new Set(published.map((r) => r.partition)).size).toBe(1);
    // Created again, it goes on counting: a consumer that remembers the retraction takes the new decision.
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', '24133.2.1', parcel)]);
    await eventually(
      async () => ((await resultsOf(h)).get('24133.2.1')?.outcome === 'MATCHED' ? true : undefined),
      60_000,
      'again',
    );
    const again = (await h.publishedResults()).filter((r) => r.message.entityId === '24133.2.1');
    expect(again.at(-1)!.message.sequence).toBe(5);
  });

  it('reaches the same final result whether the record or the registry change arrives first', async () => {
    await h.startWorker();
    const record = landParcel('24133.2.1', personOf(MAI, { fullName: 'TRẦN  THỊ MAI' }));
    // record first: NOT_FOUND, then the citizen arrives
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', '24133.2.1', record)]);
    await eventually(
      async () => ((await resultsOf(h)).get('24133.2.1')?.outcome === 'NOT_FOUND' ? true : undefined),
      60_000,
      'NOT_FOUND',
    );
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', MAI.citizenId, MAI)]);
    const recordFirst = await eventually(
      async () => {
        const r = (await resultsOf(h)).get('24133.2.1');
        return r?.outcome === 'MISMATCHED' ? r : undefined;
      },
      60_000,
      'record-first final result',
    );

    // registry first, on a fresh pipeline
    await h.close();
    h = await pipelineOnKafka();
    await h.startWorker();
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', MAI.citizenId, MAI)]);
    await registryHolds(h.pool, 1);
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', '24133.2.1', record)]);
    const registryFirst = await eventually(async () => (await resultsOf(h)).get('24133.2.1'), 60_000, 'registry-first result');
    expect(registryFirst.outcome).toBe(recordFirst.outcome);
    expect(registryFirst.differences).toEqual(recordFirst.differences);
    expect(registryFirst.citizen_id).toBe(MAI.citizenId);
  });

  it('searches a record with a wrong ID again only when a new citizen would enter its best candidates', async () => {
    await h.startWorker();
    const entityId = '24133.3.1';
    const decisionsOfRecord = async () =>
      Number(
        (await h.pool.query(`SELECT count(*) FROM reconciliation.decisions WHERE entity_id = $1`, [entityId])).rows[0].count,
      );
    const candidatesOfRecord = async (): Promise<string[]> =>
      (
        await h.pool.query(`SELECT candidates FROM reconciliation.results WHERE entity_id = $1`, [entityId])
      ).rows[0].candidates.map((c: { citizenId: string }) => c.citizenId);
    const citizen = (citizenId: string, fullName: string, dateOfBirth: string, gender: 'M' | 'F', provinceCode: string) =>
      ({ ...HUNG, citizenId, legacyId: null, fullName, dateOfBirth, gender, provinceCode }) as CitizenRecord;
    await publish(h.transport, h.topics.sources.land, [
      syncEvent('land', entityId, landParcel(entityId, personOf(HUNG, { citizenId: '066085999999' }))),
    ]);
    await h.settled();
    const brother = citizen('066085004321', 'Nguyễn Văn Hưng', '1985-07-02', 'M', '66');
    const cousin = citizen('066085007777', 'Nguyễn Văn Hải', '1985-03-14', 'M', '66');
    await publish(
      h.transport,
      h.topics.sources.population,
      [HUNG, brother, cousin].map((c) => syncEvent('population', c.citizenId, c)),
    );
    await h.settled();
    expect((await candidatesOfRecord())[0]).toBe(HUNG.citizenId);
    expect(await candidatesOfRecord()).toHaveLength(3);
    const before = await decisionsOfRecord();

    // Strangers under the same family-name-and-year key rank below all three: no new search.
    const strangers = [
      citizen('001185000001', 'Nguyễn Thị Lan', '1985-11-30', 'F', '01'),
      citizen('001185000002', 'Nguyễn Thị Cúc', '1985-01-01', 'F', '01'),
    ];
    await publish(
      h.transport,
      h.topics.sources.population,
      strangers.map((c) => syncEvent('population', c.citizenId, c)),
    );
    await h.settled();
    expect(
      (await h.pool.query(`SELECT 1 FROM registry.citizens WHERE citizen_id = ANY($1)`, [strangers.map((c) => c.citizenId)]))
        .rowCount,
    ).toBe(2);
    expect(await decisionsOfRecord()).toBe(before);

    // A namesake born the same day elsewhere outranks the brother: the record is searched again.
    const namesake = citizen('079085001111', 'Nguyễn Văn Hùng', '1985-03-14', 'M', '79');
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', namesake.citizenId, namesake)]);
    await h.settled();
    expect(await decisionsOfRecord()).toBe(before + 1);
    expect(await candidatesOfRecord()).toEqual([HUNG.citizenId, namesake.citizenId, cousin.citizenId]);
  });

  it('records no second decision for a redelivered batch', async () => {
    await h.startWorker();
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', MAI.citizenId, MAI)]);
    const events = Array.from({ length: 20 }, (_, i) =>
      syncEvent('insurance', String(7900000000 + i), insuranceRecord(String(7900000000 + i), personOf(MAI))),
    );
    await registryHolds(h.pool, 1);
    await publish(h.transport, h.topics.sources.insurance, events);
    await eventually(async () => ((await decisionCount(h)) === 20 ? true : undefined), 60_000, '20 decisions');
    const duplicates = await resultsOf(h);
    expect([...duplicates.values()].filter((r) => r.outcome === 'DUPLICATE')).toHaveLength(19);

    // Redeliver: the same group is moved back to the beginning, as after a crash before the commit.
    await h.workers[0].close();
    h.workers.splice(0);
    const offsets = await h.transport.topicOffsets(h.topics.sources.insurance);
    await h.transport.setGroupOffsets(
      h.groupId,
      h.topics.sources.insurance,
      offsets.map((o) => ({ partition: o.partition, offset: o.low })),
    );
    await h.startWorker();
    await eventually(
      async () => {
        const committed = await h.transport.groupOffsets(h.groupId, h.topics.sources.insurance);
        return committed.every((c, i) => c.offset === offsets[i].high) ? true : undefined;
      },
      60_000,
      'redelivered batch consumed',
    );
    expect(await decisionCount(h)).toBe(20);
    expect((await resultsOf(h)).size).toBe(20);
  });

  it('splits the partitions between two workers of one group and completes every result', async () => {
    const a = await h.startWorker();
    const b = await h.startWorker();
    await eventually(
      () =>
        (a.assignment().length > 0 && b.assignment().length > 0 && a.assignment().length + b.assignment().length === 16) ||
        undefined,
      60_000,
      'both workers own partitions',
    );
    const ownedByA = new Set(a.assignment().map((p) => `${p.topic}/${p.partition}`));
    expect(b.assignment().filter((p) => ownedByA.has(`${p.topic}/${p.partition}`))).toEqual([]);
    const citizens = namesakesOf(MAI, 40, 100000);
    await publish(h.transport, h.topics.sources.population, registryEvents(citizens));
    await publish(h.transport, h.topics.sources.land, parcelEventsOf(citizens, '12460.9'));
    await h.settled(90_000);
    const results = await resultsOf(h);
    expect(results.size).toBe(40);
    expect([...results.values()].every((r) => r.outcome === 'MATCHED')).toBe(true);
    const partitions = await h.pool.query(`SELECT DISTINCT partition FROM reconciliation.results`);
    expect(partitions.rowCount).toBeGreaterThan(1);
  });
});
