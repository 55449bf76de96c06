import { DEAD_LETTER_HEADERS, DeadLetterReason, eventKey, examples } from '@lgsp/contracts';
import { DeliveredMessage, OutgoingMessage, sendInRequests } from '@lgsp/transport';
import { readTopic } from '../../../test/support/read-topic';
import { landParcel, namesakesOf, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const reasonOf = (m: DeliveredMessage): DeadLetterReason => JSON.parse(m.headers[DEAD_LETTER_HEADERS.reason]);
const sourceOffsetOf = (m: DeliveredMessage) => m.headers[DEAD_LETTER_HEADERS.sourceOffset];

async function resultIds(h: PipelineHarness): Promise<string[]> {
  const r = await h.pool.query<{ entity_id: string }>(`SELECT entity_id FROM reconciliation.results ORDER BY 1`);
  return r.rows.map((row) => row.entity_id);
}

/** The series of a counter in the worker's Prometheus text, e.g. every `lgsp_poison_messages_total{…} n` line. */
async function seriesOf(url: string, name: string): Promise<string[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith(`${name}{`));
}

// One partition: every event of a test in the same batches, as a busy partition has them.
describe('values PostgreSQL cannot store, on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka({ topicPartitions: 1 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('dead-letters each refused event once, naming its field, even when the batch is halved around a poison message; decides the rest', async () => {
    const worker = await h.startWorker();
    // Valid edge values: diacritics, an astral-plane character (a proper surrogate pair), born 1900, a +07:00 offset.
    const citizens = namesakesOf(examples.NGUYEN_VAN_HUNG, 10, 700000).map((c, i) => ({
      ...c,
      fullName: i % 2 === 0 ? 'Nguyễn Văn Hùng' : 'Nguyễn 𠀧 Hùng',
      dateOfBirth: i === 0 ? '1900-01-01' : c.dateOfBirth,
    }));
    await publish(
      h.transport,
      h.topics.sources.population,
      citizens.map((c) => ({ ...syncEvent('population', c.citizenId, c), committedAt: '2026-12-01T08:00:00+07:00' })),
    );
    await h.settled();

    const parcel = (i: number, holder = personOf(citizens[i])) =>
      syncEvent('land', `24133.1.${i + 1}`, landParcel(`24133.1.${i + 1}`, holder));
    const bad = {
      nul: parcel(1, personOf(citizens[1], { fullName: 'Nguyễn\u0000Văn Hùng' })),
      loneSurrogate: parcel(3, personOf(citizens[3], { address: 'Thôn \ud840 Đông, xã Hòa Phú' })),
      yearZero: { ...parcel(5), committedAt: '0000-06-01T00:00:00Z' },
      offset: { ...parcel(7), committedAt: '2026-12-01T10:00:00+23:00' },
    };
    // Contract-valid, but this database refuses it every time: the batch is halved until it fails alone.
    const poison = parcel(8);
    await h.pool.query(`CREATE FUNCTION reconciliation.refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.entity_id = '${poison.entityId}' THEN
          RAISE EXCEPTION 'unsupported Unicode escape sequence' USING ERRCODE = 'untranslatable_character';
        END IF;
        RETURN NEW;
      END $$`);
    await h.pool.query(`CREATE TRIGGER refuse_one BEFORE INSERT OR UPDATE ON reconciliation.sectoral_records
      FOR EACH ROW EXECUTE FUNCTION reconciliation.refuse_one()`);
    const valid = [0, 2, 4, 6, 9].map((i) => parcel(i));
    const events = [
      valid[0],
      bad.nul,
      valid[1],
      bad.loneSurrogate,
      valid[2],
      bad.yearZero,
      valid[3],
      bad.offset,
      poison,
      valid[4],
    ];
    await publish(h.transport, h.topics.sources.land, events);
    await h.settled();

    const letters = await readTopic(h.transport, h.topics.deadLetter);
    // Exactly once each: the halving runs the batch's parts again, and their invalid messages with them.
    expect(letters).toHaveLength(5);
    const byEntity = new Map(letters.map((m) => [JSON.parse(m.value.toString('utf8')).entityId as string, m]));
    const violations = (e: { entityId: string }) =>
      reasonOf(byEntity.get(e.entityId)!).errors.map(({ path, keyword }) => ({ path, keyword }));
    expect(reasonOf(byEntity.get(bad.nul.entityId)!).kind).toBe('CONTRACT_VIOLATION');
    expect(violations(bad.nul)).toEqual([{ path: '/after/holder/fullName', keyword: 'text' }]);
    expect(violations(bad.loneSurrogate)).toEqual([{ path: '/after/holder/address', keyword: 'text' }]);
    expect(violations(bad.yearZero)).toEqual([{ path: '/committedAt', keyword: 'dateRange' }]);
    expect(violations(bad.offset)).toEqual([{ path: '/committedAt', keyword: 'utcOffset' }]);
    expect(reasonOf(byEntity.get(poison.entityId)!)).toMatchObject({
      kind: 'PROCESSING_FAILED',
      errors: [{ path: '', keyword: 'processing:data-exception' }],
    });
    expect(new Set(letters.map(sourceOffsetOf)).size).toBe(5);
    for (const m of letters) expect(m.headers[DEAD_LETTER_HEADERS.reason]).not.toMatch(/Nguy|Hùng|Thôn/);

    expect(await resultIds(h)).toEqual(valid.map((e) => e.entityId).sort());
    const published = await h.publishedResults();
    expect(new Set(published.map((r) => r.message.entityId))).toEqual(new Set(valid.map((e) => e.entityId)));

    // The partition is not stuck: a later event is decided, and the worker is ready.
    const afterwards = syncEvent('land', '24133.2.1', landParcel('24133.2.1', personOf(citizens[9])));
    await publish(h.transport, h.topics.sources.land, [afterwards]);
    await h.settled();
    expect(await resultIds(h)).toContain('24133.2.1');
    expect((await fetch(`${worker.url}/ready`)).status).toBe(200);
  });

  it('dead-letters ~1,000 invalid 1 kB events fetched in one batch, each once and in requests the broker takes, then goes on', async () => {
    // The documented "producer upgraded first" case: events of a schema version this consumer does not know yet.
    const invalid = Array.from({ length: 1000 }, (_, i) => {
      const holder = personOf(examples.NGUYEN_VAN_HUNG, {
        address: `Số ${i} đường Trần Phú, phường Hải Châu, `.padEnd(480, 'x'),
      });
      return { ...syncEvent('land', `24133.3.${i + 1}`, landParcel(`24133.3.${i + 1}`, holder)), schemaVersion: 3 };
    });
    const messages: OutgoingMessage[] = invalid.map((e) => ({ key: eventKey(e as never), value: JSON.stringify(e) }));
    expect(messages.reduce((n, m) => n + Buffer.byteLength(m.value), 0)).toBeGreaterThan(1_000_000);
    // Published before any worker runs, so that its first fetch holds them all (the production batch size, 2000).
    await h.transport.createTopics([{ topic: h.topics.sources.land, partitions: 1 }]);
    const producer = await h.transport.producer();
    await sendInRequests(producer, h.topics.sources.land, messages);
    await producer.disconnect();
    const worker = await h.startWorker({ maxBatchSize: 2000 });
    await h.settled();

    const letters = await readTopic(h.transport, h.topics.deadLetter);
    expect(letters).toHaveLength(1000);
    expect(new Set(letters.map(sourceOffsetOf)).size).toBe(1000);
    for (const m of letters) expect(reasonOf(m).errors.map((e) => e.keyword)).toEqual(['schemaVersion']);
    // Nothing failed on the way: one request for the batch's dead letters would be refused (MESSAGE_TOO_LARGE),
    // and the policy would get round it only by halving the batch.
    expect(h.refusedSends).toEqual([]);
    expect(await seriesOf(worker.url, 'lgsp_consumer_retries_total')).toEqual([]);
    expect(await seriesOf(worker.url, 'lgsp_poison_messages_total')).toEqual([]);

    await publish(h.transport, h.topics.sources.population, [
      syncEvent('population', examples.NGUYEN_VAN_HUNG.citizenId, examples.NGUYEN_VAN_HUNG),
    ]);
    const valid = syncEvent('land', '24133.4.1', landParcel('24133.4.1', personOf(examples.NGUYEN_VAN_HUNG)));
    await publish(h.transport, h.topics.sources.land, [valid]);
    await h.settled();
    expect(await resultIds(h)).toEqual(['24133.4.1']);
    expect((await fetch(`${worker.url}/ready`)).status).toBe(200);
    expect(h.refusedSends).toEqual([]);
  });

  it("dead-letters a message at the broker's size limit whole (its dead letter is larger than the limit), then goes on", async () => {
    const worker = await h.startWorker();
    // The largest record a source topic takes by default (message.max.bytes 1048588, less the batch's framing).
    const big = Buffer.alloc(1_048_588 - 200, 'x');
    const producer = await h.transport.producer();
    await producer.send(h.topics.sources.land, [{ key: 'big', value: big }]);
    await producer.disconnect();
    await publish(h.transport, h.topics.sources.population, [
      syncEvent('population', examples.NGUYEN_VAN_HUNG.citizenId, examples.NGUYEN_VAN_HUNG),
    ]);
    const valid = syncEvent('land', '24133.5.1', landParcel('24133.5.1', personOf(examples.NGUYEN_VAN_HUNG)));
    await publish(h.transport, h.topics.sources.land, [valid]);
    await h.settled();

    const letters = await readTopic(h.transport, h.topics.deadLetter);
    expect(letters.map((m) => ({ bytes: m.value.length, same: m.value.equals(big), kind: reasonOf(m).kind }))).toEqual([
      { bytes: big.length, same: true, kind: 'INVALID_JSON' },
    ]);
    expect(await resultIds(h)).toEqual(['24133.5.1']);
    expect(h.refusedSends).toEqual([]);
    expect((await fetch(`${worker.url}/ready`)).status).toBe(200);
  });
});
