import { TOPICS } from '@lgsp/contracts';
import {
  buildUncommittedEvent,
  canonicalJson,
  generateDataset,
  inTransaction,
  OutboxRepository,
  SourceRecordRepository,
} from '@lgsp/lab';
import { sourceDatabase, SourceDatabase } from './source-test-support';

describe('transactional outbox', () => {
  let db: SourceDatabase;
  const records = new SourceRecordRepository();
  const outbox = new OutboxRepository();
  const [first, second] = [...generateDataset({ seed: 5, citizens: 2, province: '01' }).citizens()];

  beforeAll(async () => {
    db = await sourceDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  async function createCitizen(citizen: typeof first, fail: boolean): Promise<void> {
    await inTransaction(db.pool, async (client) => {
      await records.insert(client, 'population', citizen);
      const event = buildUncommittedEvent(
        { source: 'population', operation: 'create', entityId: citizen.citizenId, before: null, after: citizen },
        { stream: 'outbox-test', sequence: 0 },
      );
      await outbox.append(client, 'population', TOPICS.population, [citizen.citizenId], `[${canonicalJson(event)}]`);
      if (fail) throw new Error('the change fails after its event was written');
    });
  }

  it('commits the event with the change, stamped with the commit time', async () => {
    const before = Date.now();
    await createCitizen(first, false);
    const rows = await outbox.oldest(db.pool, 'population', 10);
    expect(rows).toHaveLength(1);
    expect(rows[0].key).toBe(first.citizenId);
    expect(rows[0].topic).toBe(TOPICS.population);
    expect(Date.parse(rows[0].committedAt)).toBeGreaterThanOrEqual(before - 2000);
    expect(JSON.parse(rows[0].event).after).toEqual(first);
    expect(await records.findByKey(db.pool, 'population', first.citizenId)).toEqual(first);
  });

  it('leaves neither the change nor its event when the transaction rolls back', async () => {
    await expect(createCitizen(second, true)).rejects.toThrow('the change fails');
    expect(await records.findByKey(db.pool, 'population', second.citizenId)).toBeUndefined();
    expect(await outbox.pending(db.pool, 'population')).toBe(1);
    const rows = await outbox.oldest(db.pool, 'population', 10);
    expect(rows.map((r) => r.key)).toEqual([first.citizenId]);
  });
});
