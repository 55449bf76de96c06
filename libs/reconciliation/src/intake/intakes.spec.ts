import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DEAD_LETTER_HEADERS, examples, LandEvent, PopulationEvent } from '@lgsp/contracts';
import { messageBytes, type DeliveredMessage, type EventTransport, type MessageBatch } from '@lgsp/transport';
import { DEFAULT_TOPIC_NAMES } from '../topic-names';
import { ReconciliationModule } from '../reconciliation.module';
import { RegistryRepository } from '../registry/registry.repository';
import { ResultsRepository } from '../results/results.repository';
import { SectoralRecordsRepository } from '../results/sectoral-records.repository';
import { SliceTransactions } from '../slice-transactions';
import { CorrectionsRepository } from '@lgsp/corrections';
import {
  ImmediateTransactions,
  InMemoryCorrections,
  InMemoryRegistry,
  InMemoryResults,
  InMemorySectoralRecords,
  RecordingProducer,
} from '../testing/in-memory-store.spec-helper';
import { RegistryIntake } from './registry-intake';
import { SectoralIntake } from './sectoral-intake';

const POOL = Symbol('POOL');
const TRANSPORT = Symbol('TRANSPORT');
const topics = DEFAULT_TOPIC_NAMES;

/** The intakes as the app builds them, with the repositories, transactions and producer replaced by fakes. */
async function intakes() {
  const producer = new RecordingProducer();
  const results = new InMemoryResults();
  const records = new InMemorySectoralRecords(results);
  const registry = new InMemoryRegistry();
  const corrections = new InMemoryCorrections();
  @Global()
  @Module({
    providers: [
      { provide: POOL, useValue: {} },
      { provide: TRANSPORT, useValue: { producer: async () => producer } as Partial<EventTransport> },
    ],
    exports: [POOL, TRANSPORT],
  })
  class HostModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [HostModule, ReconciliationModule.register({ topics, consumerGroup: 'g', pool: POOL, transport: TRANSPORT })],
  })
    .overrideProvider(RegistryRepository)
    .useValue(registry)
    .overrideProvider(SectoralRecordsRepository)
    .useValue(records)
    .overrideProvider(ResultsRepository)
    .useValue(results)
    .overrideProvider(CorrectionsRepository)
    .useValue(corrections)
    .overrideProvider(SliceTransactions)
    .useValue(new ImmediateTransactions())
    .compile();
  return {
    sectoral: moduleRef.get(SectoralIntake),
    registry: moduleRef.get(RegistryIntake),
    store: { producer, results, records, registry, corrections },
  };
}

let offset = 0;
function batchOf(topic: string, events: (LandEvent | PopulationEvent | string)[]): MessageBatch {
  const messages: DeliveredMessage[] = events.map((e) => ({
    topic,
    partition: 0,
    offset: String(offset++),
    key: typeof e === 'string' ? null : e.entityId,
    value: Buffer.from(typeof e === 'string' ? e : JSON.stringify(e)),
    headers: {},
    timestamp: Date.now(),
  }));
  return { topic, partition: 0, messages, highWatermark: String(offset) };
}

const land = (events: (LandEvent | string)[]) => batchOf(topics.sources.land, events);
const population = (events: PopulationEvent[]) => batchOf(topics.sources.population, events);
const { POPULATION_SNAPSHOT, LAND_CREATE, LAND_DELETE, NGUYEN_VAN_HUNG } = examples;

describe('intakes, with repository fakes', () => {
  it('decides a new land record against the registry and publishes the decision once', async () => {
    const { sectoral, registry, store } = await intakes();
    await registry.handle(population([POPULATION_SNAPSHOT]));
    const report = await sectoral.handle('land', land([LAND_CREATE]));
    expect(report).toMatchObject({ received: 1, deadLettered: 0, skipped: 0 });
    expect(report.decisions.map((d) => [d.entityId, d.outcome, d.citizenId])).toEqual([
      [LAND_CREATE.entityId, 'MATCHED', NGUYEN_VAN_HUNG.citizenId],
    ]);
    expect(store.producer.count(topics.results)).toBe(1);
    expect(store.records.rows.get({ source: 'land', entityId: LAND_CREATE.entityId })?.citizenId).toBe(NGUYEN_VAN_HUNG.citizenId);
  });

  it('adds no decision and publishes nothing for a redelivered event', async () => {
    const { sectoral, store } = await intakes();
    const batch = land([LAND_CREATE]);
    await sectoral.handle('land', batch);
    const again = await sectoral.handle('land', batch);
    expect(again).toMatchObject({ received: 1, skipped: 1, decisions: [] });
    expect(store.results.history).toHaveLength(1);
    expect(store.producer.count(topics.results)).toBe(1);
  });

  it('removes the current result and the blocking keys of a deleted record, and keeps its history', async () => {
    const { sectoral, store } = await intakes();
    // The parcel first names a citizen the registry does not hold: it waits, with blocking keys.
    const created: LandEvent = {
      ...LAND_DELETE,
      eventId: '1e0d3a56-5b0e-4a4e-9d3a-5e7d0c1f2a11',
      operation: 'create',
      after: LAND_DELETE.before,
      before: null,
    };
    await sectoral.handle('land', land([created]));
    const key = { source: 'land' as const, entityId: LAND_DELETE.entityId };
    expect(store.results.current.get(key)?.outcome).toBe('NOT_FOUND');
    expect(store.records.unresolved.get(key)?.length).toBeGreaterThan(0);

    const report = await sectoral.handle('land', land([LAND_DELETE]));
    expect(report.decisions).toEqual([]);
    expect(store.results.current.has(key)).toBe(false);
    expect(store.records.unresolved.get(key)).toEqual([]);
    expect(store.results.history).toHaveLength(1);
  });

  it('opens a correction per mismatched field with the decision, and closes it when the next sync agrees', async () => {
    const { sectoral, registry, store } = await intakes();
    await registry.handle(population([POPULATION_SNAPSHOT]));
    const holder = (LAND_CREATE.after as { holder: { fullName: string } }).holder;
    const dirty: LandEvent = {
      ...LAND_CREATE,
      eventId: '5b1f0c2e-3d4a-4b5c-8d6e-7f8091a2b3c4',
      after: { ...LAND_CREATE.after!, holder: { ...holder, fullName: 'Nguyen Van Hung' } } as LandEvent['after'],
    };
    const first = await sectoral.handle('land', land([dirty]));
    expect(first.decisions.map((d) => d.outcome)).toEqual(['MISMATCHED']);
    const opened = [...store.corrections.rows.values()];
    expect(opened.map((c) => [c.entityId, c.field, c.proposed, c.state])).toEqual([
      [LAND_CREATE.entityId, 'fullName', holder.fullName, 'open'],
    ]);
    expect(store.producer.sent.get(topics.corrections)?.map((m) => m.key)).toEqual([`land/${LAND_CREATE.entityId}`]);

    const fixed: LandEvent = { ...LAND_CREATE, eventId: '6c2a1d3f-4e5b-4c6d-9e7f-8091a2b3c4d5', operation: 'update' };
    fixed.before = dirty.after;
    await sectoral.handle('land', land([fixed]));
    expect([...store.corrections.rows.values()].map((c) => [c.state, c.closedReason])).toEqual([['closed', 'resolved-by-sync']]);
    expect(store.producer.count(topics.corrections)).toBe(1);
  });

  it('dead-letters an event that breaks the contract and decides the rest of the batch', async () => {
    const { sectoral, store } = await intakes();
    const report = await sectoral.handle('land', land(['{"not":"an event"}', LAND_CREATE]));
    expect(report).toMatchObject({ received: 2, deadLettered: 1 });
    expect(report.decisions).toHaveLength(1);
    expect(store.producer.count(topics.deadLetter)).toBe(1);
  });

  it('dead-letters an invalid message once per delivery, however often the policy retries or halves its batch', async () => {
    const { sectoral, store } = await intakes();
    const batch = land(['{"not":"an event"}', LAND_CREATE, 'not even JSON']);
    await sectoral.handle('land', batch);
    // A retry after a transient failure hands the same batch again, a bisection its halves.
    await sectoral.handle('land', batch);
    await sectoral.handle('land', { ...batch, messages: batch.messages.slice(0, 2) });
    const again = await sectoral.handle('land', { ...batch, messages: batch.messages.slice(2) });
    // The report still counts the part's invalid messages: monitoring sees each once, from the run that succeeds.
    expect(again).toMatchObject({ received: 1, deadLettered: 1 });
    const offsetsOf = () =>
      (store.producer.sent.get(topics.deadLetter) ?? []).map((m) => m.headers?.[DEAD_LETTER_HEADERS.sourceOffset]);
    expect(offsetsOf()).toEqual([batch.messages[0].offset, batch.messages[2].offset]);

    // A redelivery (a new fetch after a crash) is another delivery: its dead letters are written again.
    const redelivered = { ...batch, messages: batch.messages.map((m) => ({ ...m })) };
    await sectoral.handle('land', redelivered);
    expect(offsetsOf()).toHaveLength(4);
  });

  it('writes the dead letters of ~1,000 invalid 1 kB messages in requests of at most 512 kB', async () => {
    const { sectoral, store } = await intakes();
    const invalid = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({ ...LAND_CREATE, schemaVersion: 3, pad: 'x'.repeat(900), i }),
    );
    const report = await sectoral.handle('land', land([...invalid, LAND_CREATE]));
    expect(report).toMatchObject({ received: 1001, deadLettered: 1000 });
    expect(report.decisions).toHaveLength(1);
    const requests = store.producer.requests.get(topics.deadLetter) ?? [];
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) expect(request.reduce((n, m) => n + messageBytes(m), 0)).toBeLessThanOrEqual(512 * 1024);
    expect(requests.flat()).toHaveLength(1000);
  });

  it('re-decides a waiting record when its citizen arrives, naming the population event', async () => {
    const { sectoral, registry, store } = await intakes();
    await sectoral.handle('land', land([LAND_CREATE]));
    expect(store.results.current.values()[0].outcome).toBe('NOT_FOUND');
    const report = await registry.handle(population([POPULATION_SNAPSHOT]));
    expect(report.decisions.map((d) => [d.outcome, d.cause, d.causeEventId])).toEqual([
      ['MATCHED', 'registry-change', POPULATION_SNAPSHOT.eventId],
    ]);
    expect(store.records.unresolved.values()[0]).toEqual([]);
    // The same population event again changes nothing.
    expect(await registry.handle(population([POPULATION_SNAPSHOT]))).toMatchObject({ skipped: 1, decisions: [] });
    expect(store.producer.count(topics.results)).toBe(2);
  });

  describe("duplicates by the record's own identity", () => {
    const parcelEvent = (parcelId: string, areaM2: number, n: number, operation: 'create' | 'delete' = 'create'): LandEvent => {
      const [communeCode, sheet, number] = parcelId.split('.');
      const parcel = {
        parcelId,
        communeCode,
        mapSheet: Number(sheet),
        parcelNumber: Number(number),
        areaM2,
        landUse: 'ODT',
        holder: examples.asPersonRef(NGUYEN_VAN_HUNG),
        registeredAt: '2015-01-01',
      };
      return {
        eventId: `2a000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        source: 'land',
        operation,
        entityId: parcelId,
        before: operation === 'delete' ? parcel : null,
        after: operation === 'delete' ? null : parcel,
        committedAt: '2026-11-30T00:00:00Z',
        schemaVersion: 1,
        traceId: '0'.repeat(32),
      };
    };
    const outcomes = (store: Awaited<ReturnType<typeof intakes>>['store']) =>
      Object.fromEntries(store.results.current.values().map((d) => [d.entityId, d.outcome]));

    it('decides a holder of two parcels MATCHED twice, and the same parcel registered again DUPLICATE, naming its twin', async () => {
      const { sectoral, registry, store } = await intakes();
      await registry.handle(population([POPULATION_SNAPSHOT]));
      await sectoral.handle('land', land([parcelEvent('24133.1.1', 126.5, 1), parcelEvent('24133.2.7', 5230, 2)]));
      expect(outcomes(store)).toEqual({ '24133.1.1': 'MATCHED', '24133.2.7': 'MATCHED' });

      // The house plot again under another sheet and number: the same commune, area and use.
      await sectoral.handle('land', land([parcelEvent('24133.9.4', 126.5, 3)]));
      expect(outcomes(store)['24133.9.4']).toBe('DUPLICATE');
      const twin = store.results.current.get({ source: 'land', entityId: '24133.9.4' })!;
      expect(twin.evidence.duplicateGroup).toEqual({ original: '24133.1.1', originalBecause: 'FIRST_SEEN' });
      // The original is decided again: it now lists its duplicate (cause: the twin's event).
      const original = store.results.current.get({ source: 'land', entityId: '24133.1.1' })!;
      expect(original).toMatchObject({ outcome: 'MATCHED', cause: 'duplicate-group', causeEventId: twin.causeEventId });
      expect(original.evidence.duplicateGroup).toEqual({
        original: '24133.1.1',
        originalBecause: 'FIRST_SEEN',
        duplicates: ['24133.9.4'],
      });
    });

    it('decides the duplicate again when its original is deleted: it is the original now', async () => {
      const { sectoral, registry, store } = await intakes();
      await registry.handle(population([POPULATION_SNAPSHOT]));
      await sectoral.handle('land', land([parcelEvent('24133.1.1', 126.5, 11)]));
      await sectoral.handle('land', land([parcelEvent('24133.9.4', 126.5, 12)]));
      expect(outcomes(store)['24133.9.4']).toBe('DUPLICATE');
      const report = await sectoral.handle('land', land([parcelEvent('24133.1.1', 126.5, 13, 'delete')]));
      expect(report.decisions.map((d) => [d.entityId, d.outcome, d.cause])).toEqual([
        ['24133.9.4', 'MATCHED', 'duplicate-group'],
      ]);
      expect(outcomes(store)).toEqual({ '24133.9.4': 'MATCHED' });
      expect(store.results.current.get({ source: 'land', entityId: '24133.9.4' })!.evidence.duplicateGroup).toBeUndefined();
    });

    it("keeps a group's decisions linear: a third member decides again only the original, not every duplicate", async () => {
      const { sectoral, registry, store } = await intakes();
      await registry.handle(population([POPULATION_SNAPSHOT]));
      for (const [i, id] of ['24133.1.1', '24133.9.4', '24133.9.5', '24133.9.6'].entries()) {
        await sectoral.handle('land', land([parcelEvent(id, 126.5, 20 + i)]));
      }
      // Four own decisions, and the original once per joining duplicate.
      expect(store.results.history).toHaveLength(4 + 3);
      expect(outcomes(store)).toEqual({
        '24133.1.1': 'MATCHED',
        '24133.9.4': 'DUPLICATE',
        '24133.9.5': 'DUPLICATE',
        '24133.9.6': 'DUPLICATE',
      });
    });
  });
});
