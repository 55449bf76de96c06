import { IncomingRecord, SectoralRecordsRepository } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { migratedTestDatabase, TestDatabase } from '../support/environment';
import { testPool } from '../support/test-pool';

type Incoming = IncomingRecord;

function parcel(
  entityId: string,
  eventId: string,
  offset: number,
  fullName: string,
  partition = 0,
  committedAt = '2026-11-30T00:00:00.000Z',
): Incoming {
  return {
    source: 'land',
    entityId,
    lookupId: '066085001234',
    citizenId: null,
    person: {
      citizenId: '066085001234',
      fullName,
      dateOfBirth: null,
      gender: null,
      address: null,
      provinceCode: null,
      communeCode: null,
    },
    active: true,
    deleted: false,
    ref: {
      eventId,
      topic: 'lgsp.land.v1',
      partition,
      offset: String(offset),
      eventHash: 'h',
      committedAt,
    },
    duplicateIdentity: 'ACTIVE',
  };
}

const EVENT = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The store decides which events replace a record: the intake has no other guard against redelivery. */
describe('sectoral records store on the real PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const records = new SectoralRecordsRepository();

  beforeAll(async () => {
    db = await migratedTestDatabase();
    pool = testPool(db.scratch.url, 1);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  async function nameOf(entityId: string): Promise<string> {
    const r = await pool.query(`SELECT person->>'fullName' AS name FROM reconciliation.sectoral_records WHERE entity_id = $1`, [
      entityId,
    ]);
    return r.rows[0].name;
  }

  it('stores new records and later events, and marks which were new', async () => {
    const first = await records.upsertNewer(pool, [parcel('p1', EVENT(1), 10, 'A'), parcel('p2', EVENT(2), 11, 'B')]);
    expect([...first.values()].map((m) => m.isNew)).toEqual([true, true]);
    const later = await records.upsertNewer(pool, [parcel('p1', EVENT(3), 12, 'A2')]);
    expect(later.get('p1')).toEqual({
      firstSeen: first.get('p1')!.firstSeen,
      isNew: false,
      // Each stored version reserves the next sequence number for its decision.
      decisionSequence: 2,
      previousGroup: null,
    });
    expect(await nameOf('p1')).toBe('A2');
    expect(first.get('p2')!.decisionSequence).toBe(1);
    // The sequence of the record's decisions outlives its versions (a registry change decided it twice since).
    await records.setDecisionSequences(pool, [{ source: 'land', entityId: 'p1', sequence: 4 }]);
    const next = await records.upsertNewer(pool, [parcel('p1', EVENT(30), 13, 'A3')]);
    expect(next.get('p1')).toMatchObject({ isNew: false, decisionSequence: 5 });
    // A redelivered event reserves nothing.
    expect((await records.upsertNewer(pool, [parcel('p1', EVENT(30), 13, 'A3')])).size).toBe(0);
  });

  it('skips a redelivered event and an older event of the same partition delivered after a newer one', async () => {
    await records.upsertNewer(pool, [parcel('p3', EVENT(4), 20, 'C'), parcel('p4', EVENT(5), 21, 'D')]);
    await records.upsertNewer(pool, [parcel('p4', EVENT(6), 30, 'D2')]);
    const again = await records.upsertNewer(pool, [parcel('p3', EVENT(4), 20, 'C'), parcel('p4', EVENT(5), 21, 'D')]);
    expect(again.size).toBe(0);
    expect(await nameOf('p4')).toBe('D2');
  });

  it('orders events of one record on two partitions by committedAt, whatever their offsets or arrival order', async () => {
    await records.upsertNewer(pool, [parcel('p5', EVENT(7), 500, 'E', 0, '2026-11-30T00:00:00.000Z')]);
    const moved = await records.upsertNewer(pool, [parcel('p5', EVENT(8), 3, 'E2', 1, '2026-11-30T00:00:01.000Z')]);
    expect(moved.has('p5')).toBe(true);
    expect(await nameOf('p5')).toBe('E2');
    // The older event of the other partition, arriving last (its partition lagged), does not replace it.
    const older = await records.upsertNewer(pool, [parcel('p6', EVENT(9), 40, 'F-new', 1, '2026-11-30T00:00:05.000Z')]);
    expect(older.has('p6')).toBe(true);
    expect((await records.upsertNewer(pool, [parcel('p6', EVENT(10), 900, 'F-old', 0, '2026-11-30T00:00:01.000Z')])).size).toBe(
      0,
    );
    expect(await nameOf('p6')).toBe('F-new');
    // On one partition the position decides, even against an earlier commit time (a source's clock went back).
    await records.upsertNewer(pool, [parcel('p7', EVENT(11), 1, 'G', 0, '2026-11-30T00:00:05.000Z')]);
    expect((await records.upsertNewer(pool, [parcel('p7', EVENT(12), 2, 'G2', 0, '2026-11-30T00:00:01.000Z')])).size).toBe(1);
    expect(await nameOf('p7')).toBe('G2');
  });

  /** A record of another source naming a citizen by `lookupId`, resolved to `citizenId`. */
  function naming(entityId: string, n: number, lookupId: string, citizenId: string | null, deleted = false): Incoming {
    const r = parcel(entityId, EVENT(n), n, 'N');
    return { ...r, source: 'insurance', lookupId, citizenId, deleted, active: !deleted };
  }

  it('finds the members of duplicate groups, the original first (current ID, then first seen), never a deleted one', async () => {
    const HUNG = '066085001234';
    const MAI = '034192004567';
    const LAN = '079201008910';
    // Seen in this order: a legacy-ID record of Hùng before his current-ID ones; Mai's first record deleted later.
    await records.upsertNewer(pool, [naming('i1', 100, '241234567', HUNG)]);
    await records.upsertNewer(pool, [naming('i2', 101, HUNG, HUNG), naming('i3', 102, HUNG, HUNG)]);
    await records.upsertNewer(pool, [naming('i4', 103, MAI, MAI), naming('i5', 104, MAI, MAI)]);
    const replaced = await records.upsertNewer(pool, [naming('i4', 105, MAI, MAI, true)]);
    // The delete replaced a member of Mai's group: the store says which group it left.
    expect(replaced.get('i4')!.previousGroup).toEqual({ citizenId: MAI, identity: 'ACTIVE' });
    // Another identity of the same citizen is another group (a second parcel, say).
    await records.upsertNewer(pool, [{ ...naming('i6', 106, HUNG, HUNG), duplicateIdentity: 'OTHER' }]);

    const groups = (excluded: string[] = [], ...citizens: string[]) =>
      records.findDuplicateGroups(
        pool,
        'insurance',
        citizens.map((citizenId) => ({ citizenId, identity: 'ACTIVE' })),
        excluded,
      );
    expect((await groups([], HUNG, MAI, LAN)).map((r) => r.entityId)).toEqual(['i2', 'i3', 'i1', 'i5']);
    // The slice being decided is left out: the decide step compares its own records.
    expect((await groups(['i2', 'i5'], HUNG, MAI)).map((r) => r.entityId)).toEqual(['i3', 'i1']);
    expect(await records.findDuplicateGroups(pool, 'land', [{ citizenId: HUNG, identity: 'ACTIVE' }])).toEqual([]);
  });

  it('finds the live records naming any of the IDs, new or legacy, once each', async () => {
    await records.upsertNewer(pool, [
      naming('i6', 110, '001190000001', '001190000001'),
      naming('i7', 111, '123456789', '001190000001'),
      naming('i8', 112, '001190000001', '001190000001', true),
      naming('i9', 113, '001190000002', '001190000002'),
    ]);
    const found = await records.findByLookupIds(pool, ['001190000001', '123456789', '001190000001', '001190009999']);
    expect(found.map((r) => r.entityId).sort()).toEqual(['i6', 'i7']);
    expect(found.find((r) => r.entityId === 'i7')).toMatchObject({ lookupId: '123456789', citizenId: '001190000001' });
  });
});
