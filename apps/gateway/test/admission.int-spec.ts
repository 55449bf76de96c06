import { randomUUID } from 'node:crypto';
import { examples } from '@lgsp/contracts';
import { GatewayError } from '@lgsp/gateway-client';
import { readTopic } from '../../../test/support/read-topic';
import { landParcel, personOf } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

/**
 * What the gateway refuses before publishing anything, over real HTTP on the real broker: bodies it cannot read,
 * records of the wrong types, bodies too large, a system over its rate, and every system while the pipeline is
 * behind (429 with Retry-After, never a silent drop: the same request succeeds once the pipeline caught up).
 */
describe('the gateway admits what it can take, and says when to come back', () => {
  let g: GatewayHarness;
  const record = (id: string) => landParcel(id, personOf(examples.NGUYEN_VAN_HUNG));
  const landOnTopic = async () => (await readTopic(g.h.transport, g.h.topics.sources.land)).length;
  const post = async (key: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${g.gateway.url}/v1/records/land`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'idempotency-key': randomUUID(),
        'content-type': 'application/json',
        ...headers,
      },
      body,
    });
  const problemOf = async (res: Response) => {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return (await res.json()) as { status: number; title: string; detail: string; errors?: { path: string }[] };
  };

  beforeAll(async () => {
    // A rate of 1 a second with a burst of 10 per system; more than 3 events behind on a topic is too far behind.
    g = await gatewayOnKafka(
      { maxBodyBytes: 4096, backpressureRetrySeconds: 1 },
      { gatewayRatePerSecond: 1, gatewayBurst: 10, gatewayMaxLag: 3 },
    );
  });
  afterAll(async () => {
    await g.close();
  });

  it('refuses malformed JSON, invalid UTF-8, wrong types and an oversized body as problem+json, publishing nothing', async () => {
    const key = await g.key('careless');
    const malformed = await post(key, '{"operation":"create","record":{');
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).title).toBe('Malformed JSON');

    const body = JSON.stringify({ operation: 'create', record: record('66001.2.1') });
    // 0xC3 opens a two-byte sequence that 0x28 cannot continue.
    const latin = Buffer.concat([Buffer.from(body.slice(0, -2)), Buffer.from([0xc3, 0x28]), Buffer.from('}}')]);
    const notUtf8 = await post(key, latin);
    expect(notUtf8.status).toBe(400);
    expect((await problemOf(notUtf8)).title).toBe('Not UTF-8');

    const wrongTypes = await post(
      key,
      JSON.stringify({ operation: 42, record: { ...record('66001.2.2'), areaM2: 'large', mapSheet: '7' } }),
    );
    expect(wrongTypes.status).toBe(422);
    const paths = (await problemOf(wrongTypes)).errors?.map((e) => e.path);
    expect(paths).toContain('/operation');
    const typed = await post(key, JSON.stringify({ operation: 'create', record: { ...record('66001.2.2'), areaM2: 'large' } }));
    expect(typed.status).toBe(422);
    expect((await problemOf(typed)).errors?.map((e) => e.path)).toContain('/record/areaM2');

    const oversized = await post(
      key,
      JSON.stringify({ operation: 'create', record: { ...record('66001.2.3'), pad: 'x'.repeat(5000) } }),
    );
    expect(oversized.status).toBe(413);
    expect((await problemOf(oversized)).status).toBe(413);

    expect(await landOnTopic()).toBe(0);
  });

  it('answers 429 with Retry-After once a system used its burst, and another system is not held back by it', async () => {
    const busy = g.client(await g.key('busy'));
    const calm = g.client(await g.key('calm'));
    const answers: number[] = [];
    let limited: GatewayError | undefined;
    for (let i = 0; i < 14 && !limited; i++) {
      try {
        await busy.summary();
        answers.push(200);
      } catch (e) {
        if (!(e instanceof GatewayError) || e.status !== 429) throw e;
        limited = e;
      }
    }
    // Ten in the burst, perhaps one refilled while they ran; then refused.
    expect(answers.length).toBeGreaterThanOrEqual(10);
    expect(answers.length).toBeLessThanOrEqual(12);
    expect(limited?.retryAfterSeconds).toBe(1);
    expect(limited?.problem).toMatchObject({ status: 429, refused: 'rate' });
    expect(limited?.retryable).toBe(true);
    expect((await calm.summary()).accepted).toBe(0);
  });

  it('answers 429 with Retry-After while the pipeline is behind, and takes the same submission once it caught up', async () => {
    const client = g.client(await g.key('land-office'));
    // No worker yet: four events wait on the land topic, more than the 3 allowed.
    for (const n of [1, 2, 3, 4])
      await client.submit('land', { operation: 'create', record: record(`66001.3.${n}`) }, randomUUID());
    expect(await landOnTopic()).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the lag measured is at most a second old

    const idem = randomUUID();
    const submission = { operation: 'create' as const, record: record('66001.3.5') };
    let behind: GatewayError | undefined;
    await client.submit('land', submission, idem).catch((e: unknown) => (behind = e as GatewayError));
    expect(behind?.status).toBe(429);
    expect(behind?.retryAfterSeconds).toBe(1);
    expect(behind?.problem).toMatchObject({ refused: 'backpressure' });
    expect(behind?.problem?.detail).toContain('4 events behind on land');
    expect(await landOnTopic()).toBe(4);

    // The pipeline catches up; the client, told to wait, sends the same submission again and it is taken, once.
    await g.h.startWorker();
    const accepted = await client.submitWithRetry('land', submission, idem, { attempts: 60 });
    expect(accepted.entityId).toBe('66001.3.5');
    expect(await landOnTopic()).toBe(5);
    const again = await client.submit('land', submission, idem);
    expect(again).toEqual({ ...accepted, replayed: true });
  });

  it('sends the security headers, and no X-Powered-By', async () => {
    const res = await fetch(`${g.gateway.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    await problemOf(res);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });
});
