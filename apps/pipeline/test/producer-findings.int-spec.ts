import { DEAD_LETTER_HEADERS, DeadLetterReason, eventKey, examples, MESSAGE_HEADERS, traceparentHeader } from '@lgsp/contracts';
import { OutgoingMessage } from '@lgsp/transport';
import { readTopic } from '../../../test/support/read-topic';
import { landParcel, namesakesOf, personOf, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

type LandEvent = ReturnType<typeof syncEvent>;

/** The message a correct producer publishes, then `change` applied: the mistake under test. */
function message(event: LandEvent, change: (m: OutgoingMessage) => OutgoingMessage = (m) => m): OutgoingMessage {
  return change({
    key: eventKey(event as never),
    value: JSON.stringify(event),
    headers: {
      [MESSAGE_HEADERS.schemaVersion]: String(event.schemaVersion),
      [MESSAGE_HEADERS.traceparent]: traceparentHeader(event.traceId, '00f067aa0ba902b7'),
    },
  });
}

async function send(h: PipelineHarness, topic: string, messages: OutgoingMessage[]): Promise<void> {
  const producer = await h.transport.producer();
  await producer.send(topic, messages);
  await producer.disconnect();
}

/** `lgsp_producer_findings_total` of the worker, per `source/kind`. */
async function findingCounts(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^lgsp_producer_findings_total\{source="(\w+)",kind="(\w+)"\} (\d+)$/gm))
    counts[`${m[1]}/${m[2]}`] = Number(m[3]);
  return counts;
}

describe('producer findings, on Kafka and PostgreSQL', () => {
  let h: PipelineHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const citizens = namesakesOf(examples.NGUYEN_VAN_HUNG, 5, 810000);
  const parcel = (i: number, holder = personOf(citizens[i])) =>
    syncEvent('land', `24133.3.${i + 1}`, landParcel(`24133.3.${i + 1}`, holder));
  const populationMessages = () => citizens.map((c) => message(syncEvent('population', c.citizenId, c) as LandEvent));

  it('reconciles key, header and date mistakes and counts each as a finding of its kind', async () => {
    h = await pipelineOnKafka({ topicPartitions: 1 });
    const worker = await h.startWorker();
    await send(h, h.topics.sources.population, populationMessages());
    await h.settled();
    const events = [0, 1, 2, 3, 4].map((i) => parcel(i));
    events[4] = parcel(4, personOf(citizens[4], { dateOfBirth: '14/03/1985' }));
    await send(h, h.topics.sources.land, [
      message(events[0]),
      message(events[1], (m) => ({ ...m, key: events[1].entityId })),
      message(events[2], (m) => ({ ...m, headers: { [MESSAGE_HEADERS.traceparent]: m.headers![MESSAGE_HEADERS.traceparent] } })),
      message(events[3], (m) => ({ ...m, headers: { ...m.headers, [MESSAGE_HEADERS.traceparent]: 'garbage' } })),
      message(events[4]),
    ]);
    await h.settled();

    const results = await h.pool.query<{ entity_id: string }>(`SELECT entity_id FROM reconciliation.results ORDER BY 1`);
    expect(results.rows.map((r) => r.entity_id)).toEqual(events.map((e) => e.entityId).sort());
    expect(await readTopic(h.transport, h.topics.deadLetter)).toHaveLength(0);
    expect(await findingCounts(worker.url)).toEqual({
      'land/KEY_NOT_CITIZEN_ID': 1,
      'land/SCHEMA_VERSION_HEADER_MISSING': 1,
      'land/TRACEPARENT_WRONG': 1,
      'land/DATE_NOT_ISO': 1,
    });
  });

  it('dead-letters key and header mistakes with LGSP_STRICT_PRODUCERS, and still reconciles a day-first date', async () => {
    h = await pipelineOnKafka({ topicPartitions: 1, strictProducers: true });
    const worker = await h.startWorker();
    await send(h, h.topics.sources.population, populationMessages());
    await h.settled();
    const wrongKey = parcel(0);
    const dayFirst = parcel(1, personOf(citizens[1], { dateOfBirth: '14/03/1985' }));
    const right = parcel(2);
    await send(h, h.topics.sources.land, [
      message(wrongKey, (m) => ({ ...m, key: wrongKey.entityId })),
      message(dayFirst),
      message(right),
    ]);
    await h.settled();

    const letters = await readTopic(h.transport, h.topics.deadLetter);
    expect(letters).toHaveLength(1);
    const reason = JSON.parse(letters[0].headers[DEAD_LETTER_HEADERS.reason]) as DeadLetterReason;
    expect(reason.kind).toBe('CONTRACT_VIOLATION');
    expect(reason.errors.map((e) => [e.keyword, e.message.split(':')[0]])).toEqual([['producer', 'KEY_NOT_CITIZEN_ID']]);
    expect(letters[0].key).toBe(wrongKey.entityId);
    const results = await h.pool.query<{ entity_id: string }>(`SELECT entity_id FROM reconciliation.results ORDER BY 1`);
    expect(results.rows.map((r) => r.entity_id)).toEqual([dayFirst.entityId, right.entityId].sort());
    expect(await findingCounts(worker.url)).toEqual({ 'land/KEY_NOT_CITIZEN_ID': 1, 'land/DATE_NOT_ISO': 1 });
  });
});
