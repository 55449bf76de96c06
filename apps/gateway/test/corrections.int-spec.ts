import { randomUUID } from 'node:crypto';
import { examples } from '@lgsp/contracts';
import { CORRECTION_HEADERS } from '@lgsp/corrections';
import { eventually } from '../../../test/support/environment';
import { readTopic } from '../../../test/support/read-topic';
import { landParcel, personOf } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

interface Correction {
  id: string;
  entityId: string;
  field: string;
  proposed: string;
  state: string;
  acknowledgement: { status: string; reason: string | null } | null;
  closed: { reason: string } | null;
}

/**
 * The correction round trip on Kafka + PostgreSQL with the real pipeline: a mismatched record submitted through the
 * gateway opens a correction, its system fetches it, answers it, submits the corrected record, and the next sync
 * closes it. Another system (or one of other provinces) never sees it.
 */
describe('corrections back to the source', () => {
  let g: GatewayHarness;
  let key: string;
  let other: string;
  let daklak: string;
  let hanoi: string;
  const HUNG = examples.NGUYEN_VAN_HUNG;
  const call = (path: string, k = key, init: RequestInit = {}) =>
    fetch(`${g.gateway.url}${path}`, { ...init, headers: { authorization: `Bearer ${k}`, ...init.headers } });
  const acknowledge = (id: string, body: unknown, k = key) =>
    call(`/v1/corrections/${id}/acknowledgement`, k, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const submit = async (body: unknown) => {
    const res = await call('/v1/records/land', key, {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
  };
  const openCorrection = (entityId: string) =>
    eventually(
      async () => {
        const r = await call(`/v1/corrections?source=land&entityId=${entityId}`);
        expect(r.status).toBe(200);
        const page = (await r.json()) as { corrections: Correction[] };
        return page.corrections.length > 0 ? page.corrections : undefined;
      },
      60_000,
      `the correction of ${entityId}`,
    );

  beforeAll(async () => {
    g = await gatewayOnKafka();
    await g.h.startWorker();
    await g.h.loadRegistry([HUNG]);
    key = await g.key('land-office');
    other = await g.key('insurance-agency');
    daklak = (await g.credentials.create('daklak-land', ['gateway:read'], { sources: ['land'], provinces: ['66'] })).key;
    hanoi = (await g.credentials.create('hanoi-land', ['gateway:read'], { sources: ['land'], provinces: ['01'] })).key;
  });
  afterAll(async () => {
    await g.close();
  });

  it('is fetched by its system, applied by a new submission of the corrected record, and closed by the sync', async () => {
    const dirty = landParcel('24133.7.8', personOf(HUNG, { fullName: 'Nguyen Van Hung' }));
    await submit({ operation: 'create', record: dirty });

    const [correction, ...more] = await openCorrection('24133.7.8');
    expect(more).toEqual([]);
    expect(correction).toMatchObject({ field: 'fullName', proposed: HUNG.fullName, state: 'open', acknowledgement: null });
    expect(JSON.stringify(correction)).not.toContain(HUNG.citizenId);

    // Pushed too: the same correction on the corrections topic, keyed by the record.
    const pushed = (await readTopic(g.h.transport, g.h.topics.corrections)).filter(
      (m) => m.headers[CORRECTION_HEADERS.correctionId] === correction.id,
    );
    expect(pushed.map((m) => m.key)).toEqual(['land/24133.7.8']);
    expect(JSON.parse(pushed[0].value.toString())).toEqual({ schemaVersion: 1, ...correction });

    const one = await call(`/v1/corrections/${correction.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as Correction).id).toBe(correction.id);
    // The province's own reader sees it; another system, or a reader of another province, does not.
    expect((await call(`/v1/corrections/${correction.id}`, daklak)).status).toBe(200);
    for (const k of [other, hanoi]) {
      const refused = await call(`/v1/corrections/${correction.id}`, k);
      expect(refused.status).toBe(404);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      const listed = (await (await call('/v1/corrections', k)).json()) as { corrections: Correction[] };
      expect(listed.corrections).toEqual([]);
    }

    const applied = await acknowledge(correction.id, { status: 'applied' });
    expect(applied.status).toBe(200);
    expect((await applied.json()) as Correction).toMatchObject({ state: 'applied', acknowledgement: { status: 'applied' } });

    await submit({ operation: 'update', previous: dirty, record: { ...dirty, holder: personOf(HUNG) } });
    const closed = await eventually(
      async () => {
        const c = (await (await call(`/v1/corrections/${correction.id}`)).json()) as Correction;
        return c.state === 'closed' ? c : undefined;
      },
      60_000,
      'the correction closed by the sync',
    );
    expect(closed).toMatchObject({ closed: { reason: 'resolved-by-sync' }, acknowledgement: { status: 'applied' } });
    const after = await acknowledge(correction.id, { status: 'rejected', reason: 'late' });
    expect(after.status).toBe(409);
  });

  it('keeps a rejected correction rejected with its reason, and names the failing field of a wrong answer', async () => {
    await submit({ operation: 'create', record: landParcel('24133.7.9', personOf(HUNG, { dateOfBirth: '1985-14-03' })) });
    const [correction] = await openCorrection('24133.7.9');
    expect(correction).toMatchObject({ field: 'dateOfBirth', proposed: HUNG.dateOfBirth });

    const wrong = await acknowledge(correction.id, { status: 'maybe', extra: 1 });
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await wrong.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['/extra', '/status']);
    const noReason = (await (await acknowledge(correction.id, { status: 'rejected' })).json()) as { errors: { path: string }[] };
    expect(noReason.errors.map((e) => e.path)).toEqual(['/reason']);
    expect((await acknowledge(correction.id, '{"status":')).status).toBe(400);

    const rejected = await acknowledge(correction.id, { status: 'rejected', reason: 'the papers say 14 March' });
    expect((await rejected.json()) as Correction).toMatchObject({
      state: 'rejected',
      acknowledgement: { status: 'rejected', reason: 'the papers say 14 March' },
    });
    expect((await acknowledge(correction.id, { status: 'applied' })).status).toBe(409);
    const listed = (await (await call('/v1/corrections?state=rejected')).json()) as { corrections: Correction[] };
    expect(listed.corrections.map((c) => c.id)).toEqual([correction.id]);
    const badQuery = (await (await call('/v1/corrections?state=gone&limit=0')).json()) as { errors: { path: string }[] };
    expect(badQuery.errors.map((e) => e.path).sort()).toEqual(['/query/limit', '/query/state']);
  });
});
