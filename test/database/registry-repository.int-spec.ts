import { examples } from '@lgsp/contracts';
import { CitizenStateRow, RegistryRepository } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { migratedTestDatabase, TestDatabase } from '../support/environment';
import { testPool } from '../support/test-pool';

const { NGUYEN_VAN_HUNG: HUNG, TRAN_THI_MAI: MAI } = examples;
const EVENT = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function state(record: typeof HUNG | null, citizenId: string, version: number, n: number, committedAt: string): CitizenStateRow {
  return {
    citizenId,
    legacyId: record?.legacyId ?? null,
    record,
    deleted: record === null,
    version,
    committedAt,
    eventId: EVENT(n),
  };
}

/** The registry view's statements on the real PostgreSQL, without the broker. */
describe('registry repository on the real PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const registry = new RegistryRepository();
  const history = (s: CitizenStateRow, offset: number) => ({
    ...s,
    topic: 'lgsp.population.v1',
    partition: 0,
    offset: String(offset),
  });

  beforeAll(async () => {
    db = await migratedTestDatabase();
    pool = testPool(db.scratch.url, 1);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('keeps the current state of each citizen and every past version, for "as of" questions', async () => {
    const v1 = state(HUNG, HUNG.citizenId, 1, 1, '2025-07-01T00:00:00Z');
    const v2 = state({ ...HUNG, communeCode: '24181' }, HUNG.citizenId, 2, 2, '2025-09-01T00:00:00Z');
    await registry.appendHistory(pool, [history(v1, 0), history(v2, 1)]);
    await registry.upsertCurrent(pool, [v1]);
    await registry.upsertCurrent(pool, [v2]);
    // Appending the same versions again (a redelivery) adds nothing.
    await registry.appendHistory(pool, [history(v1, 0)]);

    const current = await registry.findCurrent(pool, [HUNG.citizenId, MAI.citizenId]);
    expect([...current.keys()]).toEqual([HUNG.citizenId]);
    expect(current.get(HUNG.citizenId)).toMatchObject({ version: 2, deleted: false, legacyId: HUNG.legacyId });
    expect(current.get(HUNG.citizenId)!.record!.communeCode).toBe('24181');
    expect(await registry.appliedEventIds(pool, [EVENT(1), EVENT(2), EVENT(99)])).toEqual(new Set([EVENT(1), EVENT(2)]));
    expect(await registry.asOf(pool, HUNG.citizenId, new Date('2025-08-01T00:00:00Z'))).toMatchObject({ version: 1 });
    expect(await registry.asOf(pool, HUNG.citizenId, new Date('2025-10-01T00:00:00Z'))).toMatchObject({ version: 2 });
    expect(await registry.asOf(pool, HUNG.citizenId, new Date('2025-01-01T00:00:00Z'))).toBeNull();
  });

  it('moves a legacy ID claimed again to the later claimant, and deletes only the stale pair', async () => {
    await registry.replaceLegacyIds(pool, [], [{ legacyId: '111111111', citizenId: HUNG.citizenId }]);
    await registry.replaceLegacyIds(pool, [], [{ legacyId: '111111111', citizenId: MAI.citizenId }]);
    expect(await registry.resolveLegacyIds(pool, ['111111111', '999999999'])).toEqual(new Map([['111111111', MAI.citizenId]]));
    // Hùng's stale pair no longer exists: deleting it leaves Mai's claim alone.
    await registry.replaceLegacyIds(pool, [{ legacyId: '111111111', citizenId: HUNG.citizenId }], []);
    expect((await registry.resolveLegacyIds(pool, ['111111111'])).get('111111111')).toBe(MAI.citizenId);
    await registry.replaceLegacyIds(pool, [{ legacyId: '111111111', citizenId: MAI.citizenId }], []);
    expect((await registry.resolveLegacyIds(pool, ['111111111'])).size).toBe(0);
  });

  it('finds candidates by blocking key, at most perKey per key, never a deleted citizen', async () => {
    const mai = state(MAI, MAI.citizenId, 1, 10, '2025-07-01T00:00:00Z');
    const gone = state(null, '001190000001', 2, 11, '2025-07-01T00:00:00Z');
    await registry.upsertCurrent(pool, [mai, gone]);
    await registry.replaceBlockingKeys(
      pool,
      [],
      [
        { key: 'k1', citizenId: HUNG.citizenId },
        { key: 'k1', citizenId: MAI.citizenId },
        { key: 'k2', citizenId: MAI.citizenId },
        { key: 'k2', citizenId: '001190000001' },
      ],
    );
    const all = await registry.candidatesByKeys(pool, ['k1', 'k2', 'k3']);
    // In citizen ID order, whatever order the keys were written in: two runs see the same list.
    expect(all.get('k1')!.map((c) => c.citizenId)).toEqual([MAI.citizenId, HUNG.citizenId].sort());
    expect(all.get('k2')!.map((c) => c.citizenId)).toEqual([MAI.citizenId]);
    expect(all.has('k3')).toBe(false);
    // The cap keeps the lowest citizen IDs, not whichever rows a scan meets first.
    expect((await registry.candidatesByKeys(pool, ['k1'], 1)).get('k1')!.map((c) => c.citizenId)).toEqual([
      [MAI.citizenId, HUNG.citizenId].sort()[0],
    ]);
    // A stale key goes by its own pair: Mai keeps k1 when Hùng loses it.
    await registry.replaceBlockingKeys(pool, [{ key: 'k1', citizenId: HUNG.citizenId }], []);
    expect((await registry.candidatesByKeys(pool, ['k1'])).get('k1')!.map((c) => c.citizenId)).toEqual([MAI.citizenId]);
  });

  it('knows the size of a registry loaded a moment ago, before PostgreSQL has statistics of it', async () => {
    // Hùng, Mai and the deleted citizen of the tests above, with no analyze since: the prior is one in this.
    const stored = (await pool.query(`SELECT count(*)::int AS n FROM registry.citizens`)).rows[0].n;
    expect(stored).toBe(3);
    expect(await registry.estimatedSize(pool)).toBe(stored);
  });
});
