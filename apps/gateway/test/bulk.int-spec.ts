import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { examples } from '@lgsp/contracts';
import { readTopic } from '../../../test/support/read-topic';
import { landParcel, personOf } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

type Answer = { line?: number; status?: number; trackingId?: string; replayed?: boolean; errors?: { path: string }[] } & {
  summary?: {
    complete: boolean;
    lines: number;
    accepted: number;
    replayed: number;
    refused: number;
    problem?: { status: number };
  };
};

const LIMITS = { maxBodyBytes: 64 * 1024, maxLineBytes: 4 * 1024, batchLines: 3, batchesInFlight: 2 };

/** The NDJSON endpoint over real HTTP, published on the real broker, answers kept in PostgreSQL. */
describe('the gateway takes records in bulk (NDJSON)', () => {
  let g: GatewayHarness;
  let key: string;
  const hung = examples.NGUYEN_VAN_HUNG;
  const line = (parcelId: string, idempotencyKey: string = randomUUID(), overrides = {}) =>
    JSON.stringify({ idempotencyKey, operation: 'create', record: landParcel(parcelId, personOf(hung, overrides)) });
  const bulk = async (body: string | Buffer | Readable, headers: Record<string, string> = {}) => {
    const res = await fetch(`${g.gateway.url}/v1/records/land`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', ...headers },
      body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
      ...(body instanceof Readable ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await res.text();
    return {
      res,
      text,
      answers:
        text.trim() === ''
          ? []
          : text
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as Answer),
    };
  };
  const onTopic = async () =>
    (await readTopic(g.h.transport, g.h.topics.sources.land)).map((m) => JSON.parse(m.value!.toString()));

  beforeAll(async () => {
    g = await gatewayOnKafka({ bulk: LIMITS });
    key = await g.key('land-office');
  });
  afterAll(async () => {
    await g.close();
  });

  it('answers each line, good or bad, by its line number; publishes only the good ones; a replay publishes nothing', async () => {
    const body = Buffer.concat([
      Buffer.from(`${line('24133.8.1')}\n`),
      Buffer.from(`${line('24133.8.2', randomUUID(), { dateOfBirth: 42 })}\n`),
      Buffer.from('{"idempotencyKey": "x", "record": \n'),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
      Buffer.from('\n'),
      Buffer.from(`${JSON.stringify({ operation: 'create', record: landParcel('24133.8.6', personOf(hung)) })}\r\n`),
      Buffer.from(`${JSON.stringify({ idempotencyKey: 'k', record: 'x'.repeat(LIMITS.maxLineBytes) })}\n`),
      Buffer.from(`${line('24133.8.8')}\n`),
      Buffer.from(line('24133.8.9')),
    ]);
    const { res, answers } = await bulk(body);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const summary = answers.pop()!.summary!;
    expect(answers.map((a) => [a.line, a.status])).toEqual([
      [1, 202],
      [2, 422],
      [3, 400],
      [4, 400],
      [6, 422],
      [7, 413],
      [8, 202],
      [9, 202],
    ]);
    expect(answers[1].errors!.map((e) => e.path)).toContain('/record/holder/dateOfBirth');
    expect(answers[4].errors!.map((e) => e.path)).toEqual(['/idempotencyKey']);
    expect(summary).toMatchObject({ complete: true, lines: 8, accepted: 3, replayed: 0, refused: 5 });

    // Accepted means on the broker: each accepted line's tracking id is an event on the topic, and nothing else is.
    const accepted = answers.filter((a) => a.status === 202).map((a) => a.trackingId);
    const events = await onTopic();
    expect(events.map((e) => e.eventId).sort()).toEqual([...accepted].sort());
    expect(events.map((e) => e.entityId)).toEqual(['24133.8.1', '24133.8.8', '24133.8.9']);

    // The same body again: every keyed line gets its first answer, nothing is published.
    const again = await bulk(body);
    const replay = again.answers.pop()!.summary!;
    expect(replay).toMatchObject({ complete: true, accepted: 0, replayed: 3 });
    expect(again.answers.filter((a) => a.status === 202).map((a) => a.trackingId)).toEqual(accepted);
    expect(again.answers.filter((a) => a.status === 202).every((a) => a.replayed)).toBe(true);
    expect(await onTopic()).toHaveLength(3);

    // Read by the status endpoint as any submission is.
    const status = await fetch(`${g.gateway.url}/v1/submissions/${accepted[0]}`, { headers: { authorization: `Bearer ${key}` } });
    expect(status.status).toBe(200);
  });

  it('publishes a key once when it comes twice in one body (in one batch or across batches), and refuses it with another body', async () => {
    const before = (await onTopic()).length;
    const k = randomUUID();
    const same = line('24133.9.1', k);
    const { answers } = await bulk(
      [same, same, line('24133.9.2'), line('24133.9.3'), same, line('24133.9.1', k, { fullName: 'X' })].join('\n'),
    );
    const summary = answers.pop()!.summary!;
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 422]);
    expect(answers.map((a) => Boolean(a.replayed))).toEqual([false, true, false, false, true, false]);
    expect(new Set([answers[0], answers[1], answers[4]].map((a) => a.trackingId)).size).toBe(1);
    expect(summary).toMatchObject({ accepted: 3, replayed: 2, refused: 1 });
    expect((await onTopic()).length).toBe(before + 3);
  });

  it('refuses a line whose idempotency key PostgreSQL cannot store (NUL, a lone surrogate) alone, and publishes the rest', async () => {
    // Found by the gateway's fuzz run: such a key failed its whole batch with 503 on every resend.
    const before = (await onTopic()).length;
    const { answers } = await bulk(
      [line('24133.9.4', 'nul-\u0000-key'), line('24133.9.5'), line('24133.9.6', 'lone-\uD800'), line('24133.9.7')].join('\n'),
    );
    const summary = answers.pop()!.summary!;
    expect(answers.map((a) => [a.status, a.errors?.map((e) => e.path)])).toEqual([
      [422, ['/idempotencyKey']],
      [202, undefined],
      [422, ['/idempotencyKey']],
      [202, undefined],
    ]);
    expect(summary).toMatchObject({ complete: true, accepted: 2, refused: 2 });
    expect((await onTopic()).length).toBe(before + 2);
  });

  it('refuses a declared body over the limit before reading it, and stops a streamed one at the limit', async () => {
    const before = (await onTopic()).length;
    const lines = Array.from({ length: 200 }, (_, i) => line(`24133.10.${i + 1}`));
    const whole = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(whole)).toBeGreaterThan(LIMITS.maxBodyBytes);

    const declared = await bulk(whole);
    expect(declared.res.status).toBe(413);
    expect(declared.res.headers.get('content-type')).toContain('application/problem+json');
    expect((await onTopic()).length).toBe(before);

    // Sent chunked (no length declared): the lines within the limit are answered, then the summary says where it stopped.
    const streamed = await bulk(Readable.from(lines.map((l) => `${l}\n`)));
    expect(streamed.res.status).toBe(200);
    const summary = streamed.answers.pop()!.summary!;
    expect(summary.complete).toBe(false);
    expect(summary.problem!.status).toBe(413);
    expect(summary.lines).toBeGreaterThan(0);
    expect(summary.lines).toBeLessThan(lines.length);
    expect(streamed.answers.every((a) => a.status === 202)).toBe(true);
    expect((await onTopic()).length).toBe(before + summary.accepted);
  });
});
