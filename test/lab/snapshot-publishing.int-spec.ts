import { createHash } from 'node:crypto';
import {
  eventKey,
  MESSAGE_HEADERS,
  SOURCE_NAMES,
  sourceOfTopic,
  SyncEventValidator,
  type AnySyncEvent,
  type SourceName,
} from '@lgsp/contracts';
import { digestLine, eventIdFor, generateDataset, OutboxRelay, OutboxRepository, SnapshotLoader, streamNameFor } from '@lgsp/lab';
import { DeliveredMessage, EventTransport } from '@lgsp/transport';
import { consumeAll, freshTopics, openTransport, sourceDatabase, SourceDatabase, TransportKind } from './source-test-support';

const validator = new SyncEventValidator();

describe.each<TransportKind>(['embedded', 'kafka'])('snapshot published through the %s transport', (kind) => {
  let db: SourceDatabase;
  let transport: EventTransport;
  let topics: Record<SourceName, string>;
  let received: DeliveredMessage[];
  let digest: string;
  let counts: Record<SourceName, number>;
  const dataset = generateDataset({
    seed: 7,
    citizens: 300,
    province: '66',
    dirt: { LEGACY_ID: 0.2, INVALID_ID_STRUCTURE: 0.05 },
  });

  beforeAll(async () => {
    db = await sourceDatabase();
    transport = openTransport(kind, db.pool);
    topics = await freshTopics(transport);
    const loaded = await new SnapshotLoader(db.pool, { batchSize: 100 }).load(dataset);
    digest = loaded.digest;
    counts = loaded.events;
    const relay = new OutboxRelay(db.pool, transport, { topics, batchSize: 150 });
    const published = await relay.drain();
    await relay.close();
    expect(published).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    received = await consumeAll(transport, Object.values(topics), published);
  });
  afterAll(async () => {
    await transport?.close();
    await db?.close();
  });

  const sourceOf = (m: DeliveredMessage): SourceName => SOURCE_NAMES.find((s) => topics[s] === m.topic)!;

  it('publishes every event exactly once and empties the outboxes', async () => {
    expect(received).toHaveLength(Object.values(counts).reduce((a, b) => a + b, 0));
    for (const source of SOURCE_NAMES) {
      expect(received.filter((m) => sourceOf(m) === source)).toHaveLength(counts[source]);
      expect(await new OutboxRepository().pending(db.pool, source)).toBe(0);
    }
    expect(new Set(received.map((m) => JSON.parse(m.value.toString()).eventId)).size).toBe(received.length);
    expect(sourceOfTopic(topics.population)).toBeUndefined();
  });

  it('publishes only events that validate against the contract, with their headers', () => {
    for (const m of received) {
      const result = validator.parse(sourceOf(m), m.value);
      if (!result.ok) throw new Error(`${sourceOf(m)}: ${JSON.stringify(result.errors)}`);
      const event = result.event as AnySyncEvent;
      expect(event.operation).toBe('snapshot');
      expect(m.headers[MESSAGE_HEADERS.schemaVersion]).toBe(String(event.schemaVersion));
      expect(m.headers[MESSAGE_HEADERS.traceparent]).toMatch(new RegExp(`^00-${event.traceId}-[0-9a-f]{16}-01$`));
      expect(m.timestamp).toBe(Date.parse(event.committedAt));
    }
  });

  it('keys every event by the citizen ID its record names, and keeps each key in order', () => {
    const stream = streamNameFor(SnapshotLoader.parametersOf(dataset));
    const positions = new Map<string, number>();
    for (const source of SOURCE_NAMES) for (let i = 0; i < counts[source]; i++) positions.set(eventIdFor(stream, source, i), i);
    const lastPosition = new Map<string, number>();
    for (const m of received) {
      const event = JSON.parse(m.value.toString()) as AnySyncEvent;
      expect(m.key).toBe(eventKey(event));
      if (event.source === 'population') expect(m.key).toBe(event.entityId);
      const position = positions.get(event.eventId);
      expect(position).toBeDefined();
      const keyOfTopic = `${m.topic}/${m.key}`;
      expect(position!).toBeGreaterThan(lastPosition.get(keyOfTopic) ?? -1);
      lastPosition.set(keyOfTopic, position!);
    }
    // Most sectoral records name a registered citizen: their key is a 12-digit ID.
    const sectoral = received.filter((m) => sourceOf(m) !== 'population');
    expect(sectoral.filter((m) => /^[0-9]{12}$/.test(m.key ?? '')).length).toBeGreaterThan(sectoral.length * 0.7);
  });

  it('has the digest of exactly the events published', () => {
    const hash = createHash('sha256');
    const stream = streamNameFor(SnapshotLoader.parametersOf(dataset));
    const byId = new Map(
      received.map((m) => [JSON.parse(m.value.toString()).eventId as string, JSON.parse(m.value.toString()) as AnySyncEvent]),
    );
    for (const source of SOURCE_NAMES) {
      for (let i = 0; i < counts[source]; i++) hash.update(digestLine(byId.get(eventIdFor(stream, source, i))!));
    }
    expect(hash.digest('hex')).toBe(digest);
  });
});
