import { randomUUID } from 'node:crypto';
import { examples } from '@lgsp/contracts';
import { eventually } from '../../../test/support/environment';
import { landParcel, personOf } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

/** A submission's status through the gateway while the real pipeline reconciles it, readable by its own system only. */
describe('the status of a submission', () => {
  let g: GatewayHarness;
  let key: string;
  let other: string;
  const get = (path: string, k = key) => fetch(`${g.gateway.url}${path}`, { headers: { authorization: `Bearer ${k}` } });

  beforeAll(async () => {
    g = await gatewayOnKafka();
    await g.h.startWorker();
    await g.h.loadRegistry([examples.NGUYEN_VAN_HUNG]);
    key = await g.key('land-office');
    other = await g.key('insurance-agency');
  });
  afterAll(async () => {
    await g.close();
  });

  it('goes from accepted to reconciled, by tracking id and by record key, and is unknown to another system', async () => {
    const record = landParcel('24133.7.5', personOf(examples.NGUYEN_VAN_HUNG, { fullName: 'Nguyen Van Hung' }));
    const res = await fetch(`${g.gateway.url}/v1/records/land`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ operation: 'create', record }),
    });
    expect(res.status).toBe(202);
    const { trackingId } = (await res.json()) as { trackingId: string };

    const reconciled = await eventually(
      async () => {
        const r = await get(`/v1/submissions/${trackingId}`);
        const body = (await r.json()) as { state: string; record: { current: { outcome: string; differences: unknown[] } } };
        return body.state === 'reconciled' ? body : undefined;
      },
      60_000,
      'the submission reconciled',
    );
    expect(reconciled.record.current.differences.length).toBeGreaterThan(0);

    const byKey = await get('/v1/records/land/24133.7.5');
    expect(byKey.status).toBe(200);
    expect(((await byKey.json()) as { submission: { trackingId: string } }).submission.trackingId).toBe(trackingId);

    for (const path of [`/v1/submissions/${trackingId}`, '/v1/records/land/24133.7.5']) {
      const refused = await get(path, other);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
