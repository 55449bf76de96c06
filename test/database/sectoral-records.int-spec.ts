import { SectoralRecord, SectoralRecordsRepository } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { migratedTestDatabase, TestDatabase } from '../support/environment';

type Incoming = Omit<SectoralRecord, 'firstSeen'>;

function parcel(entityId: string, eventId: string, offset: number, fullName: string, partition = 0): Incoming {
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
      committedAt: '2026-11-30T00:00:00.000Z',
    },
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
    pool = new Pool({ connectionString: db.scratch.url, max: 1 });
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
    expect(later.get('p1')).toEqual({ firstSeen: first.get('p1')!.firstSeen, isNew: false });
    expect(await nameOf('p1')).toBe('A2');
  });

  it('skips a redelivered event and an older event of the same partition delivered after a newer one', async () => {
    await records.upsertNewer(pool, [parcel('p3', EVENT(4), 20, 'C'), parcel('p4', EVENT(5), 21, 'D')]);
    await records.upsertNewer(pool, [parcel('p4', EVENT(6), 30, 'D2')]);
    const again = await records.upsertNewer(pool, [parcel('p3', EVENT(4), 20, 'C'), parcel('p4', EVENT(5), 21, 'D')]);
    expect(again.size).toBe(0);
    expect(await nameOf('p4')).toBe('D2');
  });

  it('takes an event from another partition whatever its offset (offsets of partitions do not compare)', async () => {
    await records.upsertNewer(pool, [parcel('p5', EVENT(7), 500, 'E')]);
    const moved = await records.upsertNewer(pool, [parcel('p5', EVENT(8), 3, 'E2', 1)]);
    expect(moved.has('p5')).toBe(true);
    expect(await nameOf('p5')).toBe('E2');
  });
});
