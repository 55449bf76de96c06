import { DEAD_LETTER_HEADERS, examples } from '@lgsp/contracts';
import { DeliveredMessage } from '@lgsp/transport';
import { eventually, uniqueName } from '../../../test/support/environment';
import { namesakesOf, publish, registryEvents } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

/** Everything on the deployment's dead-letter topic, read by a group of the test's own. */
async function deadLetters(h: PipelineHarness, atLeast: number): Promise<DeliveredMessage[]> {
  const consumer = h.transport.consumer({ groupId: uniqueName('dlq-reader'), fromBeginning: true });
  const received: DeliveredMessage[] = [];
  try {
    await consumer.subscribe([h.topics.deadLetter]);
    await consumer.run(async (batch) => {
      received.push(...batch.messages);
    });
    await eventually(() => received.length >= atLeast || undefined, 30_000, `${atLeast} dead letters`);
    // any more on the way would show up now
    await new Promise((r) => setTimeout(r, 1500));
  } finally {
    await consumer.stop();
  }
  return received;
}

describe('a poison message on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await h.close();
  });

  it('dead-letters each event PostgreSQL refuses, with its reason and provenance, and stores the rest', async () => {
    const worker = await h.startWorker();
    const citizens = namesakesOf(examples.TRAN_THI_MAI, 6, 400000);
    // The contract refuses the values PostgreSQL is known to refuse (a NUL, year 0000, …); these two
    // stand for any it does not foresee: a data exception (SQLSTATE 22P05, as for a \u0000 in jsonb)
    // raised for one citizen, and a constraint (23514) another one breaks, both on every retry.
    const [refused, constrained] = [citizens[3].citizenId, citizens[5].citizenId];
    await h.pool.query(`CREATE FUNCTION registry.refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.citizen_id = '${refused}' THEN
          RAISE EXCEPTION 'unsupported Unicode escape sequence' USING ERRCODE = 'untranslatable_character';
        END IF;
        RETURN NEW;
      END $$`);
    await h.pool.query(
      `CREATE TRIGGER refuse_one BEFORE INSERT OR UPDATE ON registry.citizens FOR EACH ROW EXECUTE FUNCTION registry.refuse_one()`,
    );
    await h.pool.query(`ALTER TABLE registry.citizens ADD CONSTRAINT not_this_one CHECK (citizen_id <> '${constrained}')`);
    const events = registryEvents(citizens);
    await publish(h.transport, h.topics.sources.population, events);
    await h.settled();

    const stored = await h.pool.query<{ citizen_id: string }>('SELECT citizen_id FROM registry.citizens ORDER BY 1');
    expect(stored.rows.map((r) => r.citizen_id)).toEqual(
      citizens
        .filter((_, i) => i !== 3 && i !== 5)
        .map((c) => c.citizenId)
        .sort(),
    );

    const letters = await deadLetters(h, 2);
    expect(letters).toHaveLength(2);
    const reasonOf = (m: DeliveredMessage) => JSON.parse(m.headers[DEAD_LETTER_HEADERS.reason]);
    const constraintLetter = letters.find((m) => JSON.parse(m.value.toString('utf8')).entityId === constrained)!;
    expect(reasonOf(constraintLetter)).toMatchObject({
      kind: 'PROCESSING_FAILED',
      errors: [{ path: '', keyword: 'processing:integrity-violation' }],
    });
    expect(constraintLetter.headers[DEAD_LETTER_HEADERS.reason]).not.toContain(constrained);

    const letter = letters.find((m) => m !== constraintLetter)!;
    expect(JSON.parse(letter.value.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(events[3])));
    const headers = letter.headers;
    expect(headers[DEAD_LETTER_HEADERS.sourceTopic]).toBe(h.topics.sources.population);
    expect(headers[DEAD_LETTER_HEADERS.consumerGroup]).toBe(h.groupId);
    expect(headers[DEAD_LETTER_HEADERS.sourceOffset]).toMatch(/^\d+$/);
    const reason = JSON.parse(headers[DEAD_LETTER_HEADERS.reason]);
    expect(reason).toMatchObject({
      kind: 'PROCESSING_FAILED',
      errors: [{ path: '', keyword: 'processing:data-exception' }],
      processing: { reason: 'processing:data-exception', errorClass: expect.any(String) },
    });
    expect(reason.processing.stackSha256).toMatch(/^[0-9a-f]{64}$/);
    // No value of the record travels in the reason.
    expect(headers[DEAD_LETTER_HEADERS.reason]).not.toContain(refused);
    expect(headers[DEAD_LETTER_HEADERS.reason]).not.toContain('Tran');

    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/lgsp_poison_messages_total\{topic="[^"]+",reason="processing:data-exception"\} 1/);
    expect(metrics).toMatch(/lgsp_poison_messages_total\{topic="[^"]+",reason="processing:integrity-violation"\} 1/);
    expect((await fetch(`${worker.url}/ready`)).status).toBe(200);
  });
});
