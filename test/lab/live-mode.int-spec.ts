import { eventKey, SOURCE_NAMES, SyncEventValidator, type AnySyncEvent, type SourceName } from '@lgsp/contracts';
import { AppliedChange, generateDataset, OutboxRelay, SnapshotLoader, SourceChanges } from '@lgsp/lab';
import { EventTransport } from '@lgsp/transport';
import { consumeAll, freshTopics, openTransport, sourceDatabase, SourceDatabase, TransportKind } from './source-test-support';

const validator = new SyncEventValidator();
const today = () => '2025-09-02';
const dataset = () => generateDataset({ seed: 31, citizens: 300, province: '66' });

async function applyChanges(db: SourceDatabase, seed: number, count: number): Promise<AppliedChange[]> {
  const changes = new SourceChanges(db.pool, { seed, today });
  const applied: AppliedChange[] = [];
  for (let i = 0; i < count; i++) {
    const change = await changes.next();
    if (change) applied.push(change);
  }
  return applied;
}

describe.each<TransportKind>(['embedded', 'kafka'])('live mode through the %s transport', (kind) => {
  let db: SourceDatabase;
  let transport: EventTransport;

  beforeAll(async () => {
    db = await sourceDatabase();
    transport = openTransport(kind, db.pool);
    await new SnapshotLoader(db.pool, { validateEvery: 0 }).load(dataset());
  });
  afterAll(async () => {
    await transport?.close();
    await db?.close();
  });

  it('publishes valid create and update events of every kind of change, keyed by citizen ID', async () => {
    const topics = await freshTopics(transport);
    const relay = new OutboxRelay(db.pool, transport, { topics });
    const snapshot = await relay.drain();
    const applied = await applyChanges(db, 4, 80);
    expect(applied.length).toBeGreaterThan(60);
    expect(new Set(applied.map((c) => c.kind)).size).toBe(6);
    expect(await relay.drain()).toBe(applied.length);
    await relay.close();

    const received = await consumeAll(transport, Object.values(topics), snapshot + applied.length);
    const live = received
      .map((m) => ({ m, event: JSON.parse(m.value.toString()) as AnySyncEvent }))
      .filter((x) => x.event.operation !== 'snapshot');
    expect(live.map((x) => x.event.eventId).sort()).toEqual(applied.map((c) => c.eventId).sort());
    const sourceOf = (topic: string) => SOURCE_NAMES.find((s) => topics[s] === topic) as SourceName;
    for (const { m, event } of live) {
      const result = validator.validate(sourceOf(m.topic), event);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(['create', 'update']).toContain(event.operation);
      expect(m.key).toBe(eventKey(event));
      if (event.operation === 'update') expect(event.after).not.toEqual(event.before);
    }
    // Per key, events arrive in the order their changes committed (a citizen moved twice).
    const commitOrder = new Map(applied.map((c, i) => [c.eventId, i]));
    const last = new Map<string, number>();
    for (const { m, event } of live) {
      const at = commitOrder.get(event.eventId)!;
      expect(at).toBeGreaterThan(last.get(`${m.topic}/${m.key}`) ?? -1);
      last.set(`${m.topic}/${m.key}`, at);
    }
  });
});

describe('live mode determinism', () => {
  it('applies the same changes with the same events from the same seed and sources', async () => {
    const runs: AppliedChange[][] = [];
    for (let run = 0; run < 2; run++) {
      const db = await sourceDatabase();
      try {
        await new SnapshotLoader(db.pool, { validateEvery: 0 }).load(dataset());
        runs.push(await applyChanges(db, 8, 40));
      } finally {
        await db.close();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0].length).toBeGreaterThan(30);
  });
});
