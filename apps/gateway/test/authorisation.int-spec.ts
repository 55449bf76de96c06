import { randomUUID } from 'node:crypto';
import { examples } from '@lgsp/contracts';
import { GatewayClient, GatewayError } from '@lgsp/gateway-client';
import { eventually } from '../../../test/support/environment';
import { readTopic } from '../../../test/support/read-topic';
import { insuranceRecord, landParcel, personOf } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

/** The error a client call ends with (the test fails if it succeeds). */
async function refusal(call: Promise<unknown>): Promise<GatewayError> {
  const e = await call.then(
    () => new Error('expected a refusal, got an answer'),
    (x: unknown) => x,
  );
  if (!(e instanceof GatewayError)) throw e;
  return e;
}

/**
 * Who may write and read what, through the typed client over real HTTP, on the real broker, with the real pipeline
 * reconciling: a system authorised for land in Đắk Lắk (66), one for land in Hồ Chí Minh City (79), and one made
 * without restriction (as every credential was before grants).
 */
describe('the gateway authorises each system for its sources and provinces', () => {
  let g: GatewayHarness;
  let land66: GatewayClient;
  let land79: GatewayClient;
  let legacy: GatewayClient;
  let land79Key: string;
  let land66Key: string;
  const hung = examples.NGUYEN_VAN_HUNG; // lives in 66
  const anh = examples.LE_HOANG_ANH; // lives in 79
  const landOnTopic = async () => (await readTopic(g.h.transport, g.h.topics.sources.land)).length;

  beforeAll(async () => {
    g = await gatewayOnKafka();
    await g.h.startWorker();
    await g.h.loadRegistry([hung, anh]);
    land66Key = await g.key('land-66', undefined, { sources: ['land'], provinces: ['66'] });
    land66 = g.client(land66Key);
    land79Key = await g.key('land-79', undefined, { sources: ['land'], provinces: ['79'] });
    land79 = g.client(land79Key);
    legacy = g.client(await g.key('legacy'));
  });
  afterAll(async () => {
    await g.close();
  });

  it('writes only records of its sources whose address province is one of its own, and names what it refused', async () => {
    const own = await land66.submit(
      'land',
      { operation: 'create', record: landParcel('66001.1.1', personOf(hung)) },
      randomUUID(),
    );
    expect(own.entityId).toBe('66001.1.1');
    // Phú Yên (54) was merged into Đắk Lắk: a stale address of the old province is still province 66.
    const stale = landParcel('66001.1.2', personOf(hung, { provinceCode: '54' }));
    expect((await land66.submit('land', { operation: 'create', record: stale }, randomUUID())).entityId).toBe('66001.1.2');
    const published = await landOnTopic();

    const otherSource = await refusal(
      land66.submit('insurance', { operation: 'create', record: insuranceRecord('6601234567', personOf(hung)) }, randomUUID()),
    );
    expect(otherSource.status).toBe(403);
    expect(otherSource.problem).toMatchObject({ status: 403, refused: 'source', source: 'insurance' });
    expect(otherSource.retryable).toBe(false);

    const otherProvince = await refusal(
      land66.submit('land', { operation: 'create', record: landParcel('79001.1.1', personOf(anh)) }, randomUUID()),
    );
    expect(otherProvince.problem).toMatchObject({ status: 403, refused: 'province', provinceCode: '79' });
    expect(otherProvince.problem?.detail).toContain('province 79');

    const noProvince = await refusal(
      land66.submit('land', { record: landParcel('66001.1.3', personOf(hung, { provinceCode: null })) }, randomUUID()),
    );
    expect(noProvince.problem).toMatchObject({ status: 403, refused: 'province', provinceCode: null });
    expect(await readTopic(g.h.transport, g.h.topics.sources.insurance)).toHaveLength(0);
    expect(await landOnTopic()).toBe(published);

    // A credential without restriction writes any source and province, as before grants.
    await legacy.submit('land', { operation: 'create', record: landParcel('79001.1.2', personOf(anh)) }, randomUUID());
    await legacy.submit('insurance', { record: insuranceRecord('7901234567', personOf(anh)) }, randomUUID());
    expect(await landOnTopic()).toBe(published + 1);
  });

  it('refuses, line by line, the lines of a bulk body outside its provinces, and a bulk body of another source whole', async () => {
    const before = await landOnTopic();
    const line = (id: string, person: ReturnType<typeof personOf>) =>
      JSON.stringify({ idempotencyKey: randomUUID(), operation: 'create', record: landParcel(id, person) });
    const bulk = (source: string, body: string) =>
      fetch(`${g.gateway.url}/v1/records/${source}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${land66Key}`, 'content-type': 'application/x-ndjson' },
        body,
      });
    const res = await bulk('land', `${line('66001.4.1', personOf(hung))}\n${line('79001.4.2', personOf(anh))}\n`);
    expect(res.status).toBe(200);
    const [first, second, summary] = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ line: 1, status: 202, entityId: '66001.4.1' });
    expect(second).toMatchObject({ line: 2, status: 403, refused: 'province', provinceCode: '79' });
    expect(summary).toMatchObject({ summary: { accepted: 1, refused: 1 } });
    expect(await landOnTopic()).toBe(before + 1);

    const otherSource = await bulk('insurance', `${line('66001.4.3', personOf(hung))}\n`);
    expect(otherSource.status).toBe(403);
    expect(await otherSource.json()).toMatchObject({ refused: 'source', source: 'insurance' });
  });

  it("reads the results of its own provinces only: another province's is 403, another source's too", async () => {
    // The legacy system's parcel in 79 reconciles; it counts in province 79 (the registry's residence of its holder).
    const reconciled = await eventually(
      async () => {
        const s = await legacy.recordStatus('land', '79001.1.2');
        return s.state === 'reconciled' ? s : undefined;
      },
      60_000,
      'the parcel in 79 reconciled',
    );
    expect(reconciled.record?.current?.provinceCode).toBe('79');

    // The system of province 79 reads it though another system sent it: it is a record of its source and province.
    const read79 = await land79.recordStatus('land', '79001.1.2');
    expect(read79).toMatchObject({ submission: null, state: 'reconciled' });
    expect(read79.record?.current?.outcome).toBe(reconciled.record?.current?.outcome);

    const cross = await refusal(land66.recordStatus('land', '79001.1.2'));
    expect(cross.problem).toMatchObject({ status: 403, refused: 'province', provinceCode: '79' });
    const otherSource = await refusal(land79.recordStatus('insurance', '7901234567'));
    expect(otherSource.problem).toMatchObject({ status: 403, refused: 'source', source: 'insurance' });

    // Its own submissions it reads by record key and tracking id.
    const own = await eventually(
      async () => {
        const s = await land66.recordStatus('land', '66001.1.1');
        return s.state === 'reconciled' ? s : undefined;
      },
      60_000,
      'the parcel in 66 reconciled',
    );
    expect((await land66.status(own.submission!.trackingId)).submission?.entityId).toBe('66001.1.1');

    // A credential without a province list reads only what it submitted, as before: the record of 66 is unknown to it.
    expect((await refusal(legacy.recordStatus('land', '66001.1.1'))).status).toBe(404);
    expect((await refusal(land79.status(own.submission!.trackingId))).status).toBe(404);
  });

  it("summarises the system's own submissions: accepted, reconciled, dead-lettered, match rate, lag", async () => {
    const summary = await eventually(
      async () => {
        const s = await land66.summary();
        return s.reconciled === 3 ? s : undefined;
      },
      60_000,
      'the three parcels of 66 reconciled',
    );
    expect(summary).toMatchObject({ accepted: 3, refused: 0, records: 3, reconciled: 3, deadLettered: 0 });
    expect(summary.matchRate).toBe(summary.matched / 3);
    // Authorised for land only: the lag of the land topic, not of the others.
    expect(Object.keys(summary.lag)).toEqual(['land']);
    expect(summary.lag.land).toBeGreaterThanOrEqual(0);
    const legacySummary = await legacy.summary();
    expect(legacySummary.accepted).toBe(2);
    expect(Object.keys(legacySummary.lag).sort()).toEqual(['business', 'insurance', 'land', 'population']);
  });

  it('refuses a revoked key at once, with 401 problem+json', async () => {
    expect((await land79.summary()).accepted).toBe(0);
    const [, id] = /^lgsp_([0-9a-f]{12})_/.exec(land79Key)!;
    await g.credentials.revoke(id);
    const revoked = await refusal(land79.recordStatus('land', '79001.1.2'));
    expect(revoked.status).toBe(401);
    expect(revoked.problem?.detail).toContain('revoked');
    expect(revoked.retryable).toBe(false);
  });
});
