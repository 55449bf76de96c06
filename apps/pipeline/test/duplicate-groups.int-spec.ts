import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { eventually, registryHolds } from '../../../test/support/environment';
import { enterprise, insuranceRecord, landParcel, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;

interface Row {
  outcome: string;
  evidence: { duplicateGroup?: { original: string; originalBecause: string; duplicates?: string[] } };
}

async function resultsOf(h: PipelineHarness, source: string): Promise<Map<string, Row>> {
  const r = await h.pool.query(`SELECT entity_id, outcome, evidence FROM reconciliation.results WHERE source = $1`, [source]);
  return new Map(r.rows.map((row) => [row.entity_id, row]));
}

/**
 * Duplicates by the record's own identity on the real broker and PostgreSQL (issue 13): several
 * parcels or enterprises of one person are no duplicates; the same parcel registered again is,
 * names its twin, and is decided again when the twin is deleted (the load step finds the group).
 */
describe('duplicate groups on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await h.close();
  });

  it('decides a re-registered parcel DUPLICATE naming its twin, two parcels of one holder MATCHED, and the group again when the twin is deleted', async () => {
    await h.startWorker();
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', HUNG.citizenId, HUNG)]);
    await registryHolds(h.pool, 1);
    const first = landParcel('24133.1.1', personOf(HUNG));
    const second = landParcel('24133.1.2', personOf(HUNG));
    // The first parcel registered again under another sheet and number: same commune, area and use.
    const again = { ...landParcel('24133.7.9', personOf(HUNG)), areaM2: first.areaM2, landUse: first.landUse };
    await publish(h.transport, h.topics.sources.land, [
      syncEvent('land', first.parcelId, first),
      syncEvent('land', second.parcelId, second),
    ]);
    await eventually(async () => ((await resultsOf(h, 'land')).size === 2 ? true : undefined), 60_000, 'two parcels');
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', again.parcelId, again)]);
    await h.settled();

    const before = await resultsOf(h, 'land');
    expect(before.get(second.parcelId)!.outcome).toBe('MATCHED');
    expect(before.get(second.parcelId)!.evidence.duplicateGroup).toBeUndefined();
    expect(before.get(again.parcelId)!.outcome).toBe('DUPLICATE');
    expect(before.get(again.parcelId)!.evidence.duplicateGroup).toEqual({
      original: first.parcelId,
      originalBecause: 'FIRST_SEEN',
    });
    // The original stays MATCHED and names its duplicates.
    expect(before.get(first.parcelId)!.outcome).toBe('MATCHED');
    expect(before.get(first.parcelId)!.evidence.duplicateGroup).toEqual({
      original: first.parcelId,
      originalBecause: 'FIRST_SEEN',
      duplicates: [again.parcelId],
    });

    // The original is deleted: its twin, which no land event touches, is a group of one again.
    await publish(h.transport, h.topics.sources.land, [syncEvent('land', first.parcelId, null, first)]);
    await eventually(
      async () => ((await resultsOf(h, 'land')).get(again.parcelId)?.outcome === 'MATCHED' ? true : undefined),
      60_000,
      'twin decided again',
    );
    const after = await resultsOf(h, 'land');
    expect(after.has(first.parcelId)).toBe(false);
    expect(after.get(again.parcelId)!.evidence.duplicateGroup).toBeUndefined();
    const history = await h.pool.query(
      `SELECT cause, outcome FROM reconciliation.decisions WHERE source = 'land' AND entity_id = $1 ORDER BY id`,
      [again.parcelId],
    );
    expect(history.rows).toEqual([
      { cause: 'record-event', outcome: 'DUPLICATE' },
      { cause: 'duplicate-group', outcome: 'MATCHED' },
    ]);
  });

  it('decides two active insurance numbers of one citizen DUPLICATE, two enterprises of one representative not', async () => {
    await h.startWorker();
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', HUNG.citizenId, HUNG)]);
    await registryHolds(h.pool, 1);
    await publish(h.transport, h.topics.sources.insurance, [
      syncEvent('insurance', '7900000001', insuranceRecord('7900000001', personOf(HUNG))),
    ]);
    await eventually(async () => ((await resultsOf(h, 'insurance')).size === 1 ? true : undefined), 60_000, 'first card');
    await publish(h.transport, h.topics.sources.insurance, [
      syncEvent('insurance', '7900000002', insuranceRecord('7900000002', personOf(HUNG))),
      syncEvent('insurance', '7900000003', insuranceRecord('7900000003', personOf(HUNG), 'EXPIRED')),
    ]);
    const firm = enterprise('0300000001', personOf(HUNG));
    const otherFirm = { ...enterprise('0300000002', personOf(HUNG)), name: 'Công ty Cổ phần Sông Hồng' };
    await publish(h.transport, h.topics.sources.business, [
      syncEvent('business', firm.enterpriseCode, firm),
      syncEvent('business', otherFirm.enterpriseCode, otherFirm),
    ]);
    await h.settled();

    const cards = await resultsOf(h, 'insurance');
    expect(cards.get('7900000002')!.outcome).toBe('DUPLICATE');
    expect(cards.get('7900000002')!.evidence.duplicateGroup!.original).toBe('7900000001');
    expect(cards.get('7900000001')!.outcome).toBe('MATCHED');
    expect(cards.get('7900000003')!.outcome).toBe('MATCHED'); // an expired card is history, not a second number
    const firms = await resultsOf(h, 'business');
    expect([...firms.values()].map((r) => r.outcome)).toEqual(['MATCHED', 'MATCHED']);
  });
});
