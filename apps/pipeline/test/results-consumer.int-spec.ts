import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { apply, currentDecisions, followResults, ResultsFollower, Table } from '../../../docs/examples/results-consumer';
import { eventually, kafkaBrokers, uniqueName } from '../../../test/support/environment';
import { enterprise, insuranceRecord, landParcel, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;
const MAI: CitizenRecord = examples.TRAN_THI_MAI;
// Not in the registry until the registry publishes her, late.
const LAN: CitizenRecord = { ...MAI, citizenId: '034192007788', legacyId: null, fullName: 'Trần Thị Lan' };

interface Row {
  source: string;
  entity_id: string;
  outcome: string;
  sequence: number;
}

const ordered = (rows: Row[]) =>
  [...rows].sort((a, b) => `${a.source}/${a.entity_id}`.localeCompare(`${b.source}/${b.entity_id}`));

function rowsOf(table: Table): Row[] {
  return ordered(
    currentDecisions(table).map((d) => ({ source: d.source, entity_id: d.entityId, outcome: d.outcome, sequence: d.sequence })),
  );
}

async function resultsTable(h: PipelineHarness): Promise<Row[]> {
  return ordered((await h.pool.query(`SELECT source, entity_id, outcome, sequence FROM reconciliation.results`)).rows);
}

describe('the example results consumer (docs/examples) against the pipeline on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;
  let follower: ResultsFollower | undefined;

  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await follower?.stop();
    await h.close();
  });

  it('ends with the table reconciliation.results holds, after creates, updates, deletes, registry changes and redeliveries', async () => {
    await h.startWorker();
    const land = h.topics.sources.land;
    await publish(h.transport, h.topics.sources.population, [
      syncEvent('population', HUNG.citizenId, HUNG),
      syncEvent('population', MAI.citizenId, MAI),
    ]);
    const unaccented = landParcel('24133.3.2', personOf(MAI, { fullName: 'Tran Thi Mai' }));
    const createUnaccented = syncEvent('land', '24133.3.2', unaccented);
    const doomed = landParcel('24133.3.4', personOf(HUNG, { citizenId: '066085999999' }));
    const reborn = landParcel('24133.3.5', personOf(HUNG));
    // A redelivery: the same event twice in a row.
    await publish(h.transport, land, [
      syncEvent('land', '24133.3.1', landParcel('24133.3.1', personOf(HUNG))),
      createUnaccented,
      createUnaccented,
      syncEvent('land', '24133.3.3', landParcel('24133.3.3', personOf(HUNG, { citizenId: HUNG.legacyId }))),
      syncEvent('land', '24133.3.4', doomed),
      syncEvent('land', '24133.3.5', reborn),
      syncEvent('land', '24133.3.6', landParcel('24133.3.6', personOf(LAN))),
    ]);
    await publish(h.transport, h.topics.sources.insurance, [
      syncEvent('insurance', '7920345618', insuranceRecord('7920345618', personOf(MAI))),
    ]);
    await publish(h.transport, h.topics.sources.business, [
      syncEvent('business', '0312345673', enterprise('0312345673', personOf(HUNG, { dateOfBirth: '14/03/1985' }))),
    ]);
    await h.settled();

    // Updates and deletes: the name corrected, a record deleted, another deleted and created again.
    const corrected = { ...unaccented, holder: personOf(MAI) };
    await publish(h.transport, land, [
      syncEvent('land', '24133.3.2', corrected, unaccented),
      syncEvent('land', '24133.3.4', null, doomed),
      syncEvent('land', '24133.3.5', null, reborn),
    ]);
    await h.settled();
    await publish(h.transport, land, [syncEvent('land', '24133.3.5', reborn)]);
    // Registry changes: Hùng dies (his records are decided again), Lan arrives (her NOT_FOUND record resolves).
    await publish(h.transport, h.topics.sources.population, [
      syncEvent('population', HUNG.citizenId, { ...HUNG, status: 'DECEASED' as const, dateOfDeath: '2026-01-01' }, HUNG),
      syncEvent('population', LAN.citizenId, LAN),
    ]);
    // An old event delivered again after the newer ones: the create of the record since corrected.
    await publish(h.transport, land, [createUnaccented]);
    await h.settled();

    const expected = await resultsTable(h);
    // The run did what it says, so the comparison below covers every kind of change.
    expect(expected.find((r) => r.entity_id === '24133.3.2')).toMatchObject({ outcome: 'MATCHED' });
    expect(expected.find((r) => r.entity_id === '24133.3.1')).toMatchObject({ outcome: 'DECEASED' });
    expect(expected.find((r) => r.entity_id === '24133.3.6')).toMatchObject({ outcome: 'MATCHED' });
    // Created, deleted, created again (3), and decided again for Hùng's death unless that came first.
    expect(expected.find((r) => r.entity_id === '24133.3.5')).toMatchObject({ outcome: 'DECEASED' });
    expect(expected.find((r) => r.entity_id === '24133.3.5')!.sequence).toBeGreaterThanOrEqual(3);
    expect(expected.some((r) => r.entity_id === '24133.3.4')).toBe(false);
    const published = (await h.publishedResults()).map((r) => r.message);
    expect(published.filter((m) => m.kind === 'RETRACTION').map((m) => m.entityId)).toEqual(
      expect.arrayContaining(['24133.3.4', '24133.3.5']),
    );
    expect(published.some((m) => m.cause === 'registry-change')).toBe(true);

    // The example consumer, as an integrator runs it: from the beginning of the topic, with a group of its own.
    follower = await followResults({ brokers: kafkaBrokers(), topic: h.topics.results, groupId: uniqueName('example-consumer') });
    const matches = () => JSON.stringify(rowsOf(follower!.table())) === JSON.stringify(expected);
    // It catches up in its own time; a timeout falls through to the comparison, which shows the difference.
    await eventually(matches, 60_000, 'the example consumer to catch up').catch(() => undefined);
    expect(rowsOf(follower.table())).toEqual(expected);

    // Order comes from the sequence, not from arrival: the topic's messages read backwards, from nothing or over
    // the table (a consumer that lost its offsets reads everything again), give the same table.
    const backwards = [...published].reverse();
    expect(rowsOf(backwards.reduce(apply, new Map() as Table))).toEqual(expected);
    expect(rowsOf(backwards.reduce(apply, follower.table()))).toEqual(expected);
  });
});
