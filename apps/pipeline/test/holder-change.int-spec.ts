import { account, isClean, loadAccounting } from '@lgsp/accounting';
import { examples } from '@lgsp/contracts';
import { partitionFor } from '@lgsp/transport';
import { landParcel, namesakesOf, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { eventually } from '../../../test/support/environment';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

describe('a holder change on Kafka and PostgreSQL (the record moves to another partition)', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await pipelineOnKafka();
  });
  afterAll(async () => {
    await h.close();
  });

  it('ends with the event committed last, although it arrived first and the older one came after it', async () => {
    await h.startWorker();
    const citizens = namesakesOf(examples.LE_HOANG_ANH, 12, 800000);
    await h.loadRegistry(citizens);
    const topic = h.topics.sources.land;
    // The event's key is the holder's ID: two holders whose keys land on different partitions.
    const oldHolder = citizens[0];
    const newHolder = citizens.find((c) => partitionFor(topic, c.citizenId, 4) !== partitionFor(topic, oldHolder.citizenId, 4))!;
    const parcelId = '07954.3.7';
    const older = syncEvent('land', parcelId, landParcel(parcelId, personOf(oldHolder)));
    const newer = syncEvent('land', parcelId, landParcel(parcelId, personOf(newHolder)), older.after);
    older.committedAt = '2026-06-01T08:00:00.000Z';
    newer.committedAt = '2026-06-01T09:00:00.000Z';

    const holderOfResult = async () =>
      (
        await h.pool.query<{ citizen_id: string | null; event_id: string }>(
          `SELECT citizen_id, event_id::text FROM reconciliation.results WHERE source = 'land' AND entity_id = $1`,
          [parcelId],
        )
      ).rows[0];
    await publish(h.transport, topic, [newer]);
    await eventually(
      async () => (await holderOfResult())?.citizen_id === newHolder.citizenId || undefined,
      30_000,
      'the first result',
    );
    // The old holder's event arrives late (its partition lagged behind).
    await publish(h.transport, topic, [older]);
    await h.settled();

    expect(await holderOfResult()).toEqual({ citizen_id: newHolder.citizenId, event_id: newer.eventId });
    const stored = await h.pool.query(`SELECT event_id::text FROM reconciliation.sectoral_records WHERE entity_id = $1`, [
      parcelId,
    ]);
    expect(stored.rows).toEqual([{ event_id: newer.eventId }]);
    // The accounting agrees: the record holds its latest event by the contract's rule.
    const { input } = await loadAccounting(h.transport, h.pool, { topics: h.topics, groupId: h.groupId });
    const report = account(input);
    expect(report.missing).toEqual([]);
    expect(isClean(report)).toBe(true);
  });
});
