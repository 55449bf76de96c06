import { randomUUID } from 'node:crypto';
import { examples, latestSchemaVersion, MESSAGE_HEADERS } from '@lgsp/contracts';
import { readTopic } from '../../../test/support/read-topic';
import { landParcel, personOf } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

/** Submissions over real HTTP to the gateway, published on the real broker, answers kept in PostgreSQL. */
describe('the gateway takes one record per request', () => {
  let g: GatewayHarness;
  let key: string;
  const post = (source: string, body: unknown, idempotencyKey: string, raw?: string) =>
    fetch(`${g.gateway.url}/v1/records/${source}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });

  beforeAll(async () => {
    g = await gatewayOnKafka();
    key = await g.key('land-office');
  });
  afterAll(async () => {
    await g.close();
  });

  it('answers a tracking id once the broker holds the event, keyed and headed by the gateway; a replay publishes nothing', async () => {
    const record = landParcel('24133.7.9', personOf(examples.NGUYEN_VAN_HUNG));
    const idem = randomUUID();
    const first = await post('land', { operation: 'create', record }, idem);
    expect(first.status).toBe(202);
    const answer = (await first.json()) as { trackingId: string; partition: number; offset: string };
    expect(answer.trackingId).toMatch(/^[0-9a-f-]{36}$/);

    // The answer came after the broker's acknowledgement: the event is on the topic at the offset the answer names.
    const onTopic = await readTopic(g.h.transport, g.h.topics.sources.land);
    expect(onTopic).toHaveLength(1);
    const [message] = onTopic;
    expect(message.partition).toBe(answer.partition);
    expect(String(message.offset)).toBe(String(answer.offset));
    const event = JSON.parse(message.value!.toString()) as { eventId: string; entityId: string; after: unknown };
    expect(event.eventId).toBe(answer.trackingId);
    expect(event.entityId).toBe('24133.7.9');
    expect(event.after).toEqual(record);
    expect(message.key?.toString()).toBe(examples.NGUYEN_VAN_HUNG.citizenId);
    expect(message.headers?.[MESSAGE_HEADERS.schemaVersion]?.toString()).toBe(String(latestSchemaVersion('land')));
    expect(message.headers?.[MESSAGE_HEADERS.traceparent]?.toString()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    const replay = await post('land', { operation: 'create', record }, idem);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(answer);
    expect(await readTopic(g.h.transport, g.h.topics.sources.land)).toHaveLength(1);

    // The same key with another body is a mistake of the caller, not a replay.
    const reused = await post('land', { operation: 'snapshot', record }, idem);
    expect(reused.status).toBe(422);
    expect(await readTopic(g.h.transport, g.h.topics.sources.land)).toHaveLength(1);
  });

  it('publishes once when requests race on one idempotency key: each gets the first answer, none loops', async () => {
    const record = landParcel('24133.7.7', personOf(examples.NGUYEN_VAN_HUNG));
    const idem = randomUUID();
    const before = (await readTopic(g.h.transport, g.h.topics.sources.land)).length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        post('land', { operation: 'create', record }, idem).then(async (r) => ({
          status: r.status,
          replayed: r.headers.get('idempotent-replayed'),
          body: await r.json(),
        })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
    expect(answers.filter((a) => a.replayed !== 'true')).toHaveLength(1);
    const onTopic = await readTopic(g.h.transport, g.h.topics.sources.land);
    expect(onTopic).toHaveLength(before + 1);
  });

  it('refuses an invalid record with problem+json naming the JSON path of the field, and publishes nothing', async () => {
    const before = (await readTopic(g.h.transport, g.h.topics.sources.land)).length;
    const record = landParcel('24133.7.8', personOf(examples.NGUYEN_VAN_HUNG, { dateOfBirth: 42 as never }));
    const res = await post('land', { operation: 'create', record }, randomUUID());
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain('/record/holder/dateOfBirth');

    const malformed = await post('land', null, randomUUID(), '{"record": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(await readTopic(g.h.transport, g.h.topics.sources.land)).toHaveLength(before);
  });

  it('refuses a key without gateway:write, and an unknown key, as problem+json', async () => {
    const readOnly = await g.key('reader', ['records:read']);
    const refused = await fetch(`${g.gateway.url}/v1/records/land`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readOnly}`, 'idempotency-key': randomUUID() },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    const unknown = await fetch(`${g.gateway.url}/v1/records/land`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'idempotency-key': randomUUID() },
      body: '{}',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});
