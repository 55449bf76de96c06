import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { examples } from '@lgsp/contracts';
import { verifySignature, WEBHOOK_HEADERS } from '@lgsp/corrections';
import { eventually } from '../../../test/support/environment';
import { landParcel, personOf } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

/** A receiver that answers the given statuses in turn (the last one from then on) and keeps what it got. */
async function receiver(statuses: number[]): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/lgsp`, received };
}

/** Corrections pushed to a system's webhook, signed, retried after a failure, visible in the webhook's status. */
describe('the corrections webhook', () => {
  let g: GatewayHarness;
  let key: string;
  let other: string;
  let servers: Server[] = [];
  const HUNG = examples.NGUYEN_VAN_HUNG;
  const call = (path: string, k: string, init: RequestInit = {}) =>
    fetch(`${g.gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${k}`, ...init.headers } });
  const setWebhook = (url: unknown, k: string) => call('/v1/webhook', k, { method: 'PUT', body: JSON.stringify({ url }) });

  beforeAll(async () => {
    g = await gatewayOnKafka({ webhooks: { pollMs: 100, baseBackoffMs: 200, maxBackoffMs: 1000, batch: 100, timeoutMs: 2000 } });
    await g.h.startWorker();
    await g.h.loadRegistry([HUNG]);
    key = await g.key('land-office');
    other = await g.key('insurance-agency');
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await g.close();
  });

  it('pushes the correction to its system only, signed, after retrying a failed delivery with backoff', async () => {
    const mine = await receiver([503, 200]);
    const theirs = await receiver([200]);
    servers = [mine.server, theirs.server];
    const wrong = await setWebhook('ftp://example.org/x', key);
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['/url']);
    const set = await setWebhook(mine.url, key);
    expect(set.status).toBe(200);
    const { secret } = (await set.json()) as { secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect((await setWebhook(theirs.url, other)).status).toBe(200);

    const res = await call('/v1/records/land', key, {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        operation: 'create',
        record: landParcel('24133.7.11', personOf(HUNG, { fullName: 'Nguyen Van Hung' })),
      }),
    });
    expect(res.status).toBe(202);

    await eventually(async () => (mine.received.length >= 2 ? true : undefined), 60_000, 'a failed delivery, then a good one');
    const [failed, delivered] = mine.received;
    // The retry is the same batch: same body and delivery id, signed again.
    expect(delivered.body).toBe(failed.body);
    expect(delivered.headers[WEBHOOK_HEADERS.deliveryId]).toBe(failed.headers[WEBHOOK_HEADERS.deliveryId]);
    const header = delivered.headers[WEBHOOK_HEADERS.signature] as string;
    expect(verifySignature(secret, delivered.body, header, new Date())).toBe(true);
    expect(verifySignature(secret, `${delivered.body} `, header, new Date())).toBe(false);
    const { corrections } = JSON.parse(delivered.body) as {
      corrections: { entityId: string; field: string; proposed: string }[];
    };
    expect(corrections.map((c) => [c.entityId, c.field, c.proposed])).toEqual([['24133.7.11', 'fullName', HUNG.fullName]]);

    const status = (await (await call('/v1/webhook', key)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ url: mine.url, delivered: 1, failures: 0, lastFailure: 'HTTP 503' });
    expect(status).not.toHaveProperty('secret');
    // The other system's webhook is polled every 100 ms too: a second later it has delivered nothing of a record it
    // may not read.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(theirs.received).toEqual([]);
    expect((await call('/v1/webhook', other, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/v1/webhook', other)).status).toBe(404);
  });
});
