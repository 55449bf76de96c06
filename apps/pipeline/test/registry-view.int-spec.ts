import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { blockingKeys } from '@lgsp/domain';
import { landParcel, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;
const MAI: CitizenRecord = examples.TRAN_THI_MAI;
const ANH: CitizenRecord = examples.LE_HOANG_ANH;

/**
 * The registry view deletes a changed citizen's old search keys and legacy ID by their own
 * keys, computed from the record it stored: what it holds must stay exactly what the
 * citizens' current records give, through moves, new legacy numbers and deletions.
 */
describe('registry view on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await h.close();
  });

  async function keysByCitizen(): Promise<Map<string, string[]>> {
    const r = await h.pool.query(`SELECT citizen_id, array_agg(key ORDER BY key) AS keys FROM registry.blocking_keys GROUP BY 1`);
    return new Map(r.rows.map((row) => [row.citizen_id, row.keys]));
  }

  async function legacyIds(): Promise<Record<string, string>> {
    const r = await h.pool.query(`SELECT legacy_id, citizen_id FROM registry.legacy_ids`);
    return Object.fromEntries(r.rows.map((row) => [row.legacy_id, row.citizen_id]));
  }

  it('holds exactly the keys and legacy IDs of the current records after moves, renumbering and deletions', async () => {
    await h.startWorker();
    await publish(h.transport, h.topics.sources.population, [
      syncEvent('population', HUNG.citizenId, HUNG),
      syncEvent('population', MAI.citizenId, MAI),
      syncEvent('population', ANH.citizenId, ANH),
    ]);
    await h.settled();
    expect(await keysByCitizen()).toEqual(new Map([HUNG, MAI, ANH].map((c) => [c.citizenId, [...blockingKeys(c)].sort()])));
    expect(await legacyIds()).toEqual({ [HUNG.legacyId!]: HUNG.citizenId, [MAI.legacyId!]: MAI.citizenId });

    // Hùng moves to Hồ Chí Minh City and gets another legacy number; Mai's record is deleted.
    const moved: CitizenRecord = {
      ...HUNG,
      legacyId: '241234999',
      provinceCode: '79',
      communeCode: '26734',
      address: '1 Lê Lợi, phường Sài Gòn, Thành phố Hồ Chí Minh',
    };
    await publish(h.transport, h.topics.sources.population, [
      syncEvent('population', HUNG.citizenId, moved, HUNG),
      syncEvent('population', MAI.citizenId, null, MAI),
    ]);
    await h.settled();
    const keys = await keysByCitizen();
    expect(keys.get(HUNG.citizenId)).toEqual([...blockingKeys(moved)].sort());
    expect(keys.get(HUNG.citizenId)).not.toEqual([...blockingKeys(HUNG)].sort());
    expect(keys.has(MAI.citizenId)).toBe(false);
    expect(keys.get(ANH.citizenId)).toEqual([...blockingKeys(ANH)].sort());
    expect(await legacyIds()).toEqual({ '241234999': HUNG.citizenId });

    // The old legacy number now leads nowhere; the new one leads to Hùng.
    await publish(h.transport, h.topics.sources.land, [
      syncEvent('land', '26734.1.1', landParcel('26734.1.1', personOf(moved, { citizenId: HUNG.legacyId }))),
      syncEvent('land', '26734.1.2', landParcel('26734.1.2', personOf(moved, { citizenId: '241234999' }))),
    ]);
    await h.settled();
    const r = await h.pool.query(`SELECT entity_id, outcome, citizen_id FROM reconciliation.results ORDER BY entity_id`);
    expect(r.rows).toEqual([
      { entity_id: '26734.1.1', outcome: 'NOT_FOUND', citizen_id: null },
      { entity_id: '26734.1.2', outcome: 'LEGACY_ID', citizen_id: HUNG.citizenId },
    ]);
  });
});
