import { Writable } from 'node:stream';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { createLogger } from '@lgsp/logging';
import type { RecordPage, RecordStatus } from '@lgsp/records';
import { eventually } from '../../../test/support/environment';
import { landParcel, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { plain } from '../src/monitoring/api/endpoint';
import type { RunningPipeline } from '../src/pipeline';
import { RECORD, RECORDS } from '../src/records/record-endpoints';
import { startInstance } from './monitoring-harness';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;
const MAI: CitizenRecord = examples.TRAN_THI_MAI;

/** Every line the instance logs, at info and above, as written (after the logger's own masking). */
function capturedLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

const responses = addFormats(new Ajv({ allErrors: true, strict: false }));
function expectSchema(schema: unknown, body: unknown): void {
  const valid = responses.validate(plain(schema as never), body);
  expect(valid ? null : responses.errors).toBeNull();
}

describe('record status over HTTP, behind API keys, on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;
  let app: RunningPipeline;
  let lines: string[];
  let key: string;
  let credentialId: string;
  let credentials: Credentials;
  const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${key}` }) =>
    fetch(`${app.url}${path}`, { headers });

  // One pipeline for the whole file: the cases read the same small data set.
  const misspelt = syncEvent('land', '24133.7.1', landParcel('24133.7.1', personOf(HUNG, { fullName: 'Nguyen Van Hung' })));
  const matched = syncEvent('land', '12460.7.2', landParcel('12460.7.2', personOf(MAI)));
  const unknownHolder = syncEvent(
    'land',
    '12460.7.3',
    landParcel('12460.7.3', personOf(MAI, { citizenId: '034192999999', fullName: 'Trần Thị Mây' })),
  );

  beforeAll(async () => {
    h = await pipelineOnKafka();
    const captured = capturedLogger();
    lines = captured.lines;
    app = await startInstance(h, { consume: true, logger: captured.logger });
    credentials = new Credentials(new CredentialsRepository(h.pool));
    const created = await credentials.create('land-office-steward');
    key = created.key;
    credentialId = created.credential.id;

    await h.loadRegistry([HUNG, MAI]);
    await publish(h.transport, h.topics.sources.land, [misspelt, matched, unknownHolder]);
    await eventually(
      async () => ((await h.pool.query(`SELECT 1 FROM reconciliation.results`)).rowCount === 3 ? true : undefined),
      60_000,
      '3 results',
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a request without a key, or with a key it does not know, as 401 problem+json', async () => {
    const refusals: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { 'x-api-key': `lgsp_${credentialId}_${'A'.repeat(43)}` },
    ];
    for (const headers of refusals) {
      const r = await get('/api/records/land/24133.7.1', headers);
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const problem = (await r.json()) as { status: number; detail: string };
      expect(problem.status).toBe(401);
      expect(problem.detail).toMatch(/API key/);
    }
    // The listing is guarded too; the aggregates stay open.
    expect((await get('/api/records', {})).status).toBe(401);
    expect((await get('/api/match-rates', {})).status).toBe(200);
    expect((await get('/metrics', {})).status).toBe(200);
  });

  it("shows a record's current result, its corrections and its history, to Bearer and X-API-Key alike", async () => {
    const r = await get('/api/records/land/24133.7.1');
    expect(r.status).toBe(200);
    const status = (await r.json()) as RecordStatus;
    expectSchema(RECORD.response, status);
    expect(status.record).toMatchObject({
      source: 'land',
      entityId: '24133.7.1',
      deleted: false,
      traceId: misspelt.traceId,
      latestEvent: { eventId: misspelt.eventId },
    });
    expect(status.current).toMatchObject({
      citizenId: HUNG.citizenId,
      communeCode: HUNG.communeCode,
      sequence: 1,
      cause: 'record-event',
      input: { eventId: misspelt.eventId, topic: h.topics.sources.land },
    });
    expect(status.current!.differences).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'fullName', proposed: HUNG.fullName })]),
    );
    expect(status.history).toEqual([
      expect.objectContaining({ sequence: 1, outcome: status.current!.outcome, causeEventId: misspelt.eventId }),
    ]);
    const byHeader = await get('/api/records/land/24133.7.1', { 'x-api-key': key });
    expect(await byHeader.json()).toEqual(status);
  });

  it('answers 404 problem+json for a record it never saw, and 400 for a source it does not reconcile', async () => {
    const r = await get('/api/records/land/99999.9.9');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await r.json()) as { title: string }).title).toBe('Record not found');
    const population = await get(`/api/records/population/${HUNG.citizenId}`);
    expect(population.status).toBe(400);
    expect(((await population.json()) as { 'invalid-params': { name: string }[] })['invalid-params']).toEqual([
      expect.objectContaining({ name: 'source' }),
    ]);
  });

  it('finds records by the event and by the trace that led to them', async () => {
    const byEvent = (await (await get(`/api/records?eventId=${matched.eventId}`)).json()) as RecordPage;
    expectSchema(RECORDS.response, byEvent);
    expect(byEvent.items.map((i) => i.entityId)).toEqual(['12460.7.2']);
    const byTrace = (await (await get(`/api/records?traceId=${unknownHolder.traceId}`)).json()) as RecordPage;
    expect(byTrace.items.map((i) => i.entityId)).toEqual(['12460.7.3']);
    expect(byTrace.items[0].outcome).not.toBe('MATCHED');
    const nothing = (await (await get(`/api/records?traceId=${'0'.repeat(32)}`)).json()) as RecordPage;
    expect(nothing).toEqual({ items: [], next: null });
  });

  it('lists records by their current result, filtered, a stable page at a time', async () => {
    const all = (await (await get('/api/records?source=land')).json()) as RecordPage;
    expectSchema(RECORDS.response, all);
    expect(all.items.map((i) => i.entityId)).toEqual(['12460.7.2', '12460.7.3', '24133.7.1']);
    expect(all.next).toBeNull();

    const matchedOnly = (await (await get('/api/records?outcome=MATCHED')).json()) as RecordPage;
    expect(matchedOnly.items.map((i) => i.entityId)).toEqual(['12460.7.2']);
    const kind = all.items.find((i) => i.entityId === '24133.7.1')!.differences[0].kind;
    const byKind = (await (await get(`/api/records?differenceKind=${kind}`)).json()) as RecordPage;
    expect(byKind.items.map((i) => i.entityId)).toContain('24133.7.1');
    expect(byKind.items.map((i) => i.entityId)).not.toContain('12460.7.2');
    const commune = (await (await get(`/api/records?commune=${HUNG.communeCode}&province=66`)).json()) as RecordPage;
    expect(commune.items.map((i) => i.entityId)).toEqual(['24133.7.1']);
    const later = (await (
      await get(`/api/records?changedSince=${new Date(Date.now() + 60_000).toISOString()}`)
    ).json()) as RecordPage;
    expect(later.items).toEqual([]);

    // Pages of one: each page's cursor leads to the next record, and the last page says so.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (
        await get(`/api/records?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).json()) as RecordPage;
      seen.push(...page.items.map((i) => i.entityId));
      cursor = page.next;
    } while (cursor !== null && seen.length < 10);
    expect(seen).toEqual(['12460.7.2', '12460.7.3', '24133.7.1']);
    const badCursor = await get('/api/records?cursor=garbage');
    expect(badCursor.status).toBe(400);
  });

  it('exports the listing as CSV, by Accept header or format=csv', async () => {
    const byAccept = await get('/api/records?commune=24133', { authorization: `Bearer ${key}`, accept: 'text/csv' });
    expect(byAccept.status).toBe(200);
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await byAccept.text();
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['source', 'entity_id', 'outcome', 'proposed_corrections']));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('24133.7.1');
    expect(rows[0]).toContain(`fullName=${HUNG.fullName}`);
    const byFormat = await get('/api/records?commune=24133&format=csv');
    expect(await byFormat.text()).toBe(csv);
    const paged = await get('/api/records?limit=1&format=csv');
    expect(paged.headers.get('x-next-cursor')).toBeTruthy();
  });

  it("keeps a deleted record's history, newest first, and finds it by its delete event", async () => {
    const gone = syncEvent('land', '12460.7.3', null, unknownHolder.after);
    await publish(h.transport, h.topics.sources.land, [gone]);
    await eventually(
      async () =>
        (await h.pool.query(`SELECT 1 FROM reconciliation.results WHERE entity_id = '12460.7.3'`)).rowCount === 0
          ? true
          : undefined,
      60_000,
      'the retraction',
    );
    const status = (await (await get('/api/records/land/12460.7.3')).json()) as RecordStatus;
    expectSchema(RECORD.response, status);
    expect(status.current).toBeNull();
    expect(status.record).toMatchObject({ deleted: true, traceId: gone.traceId });
    expect(status.history.map((d) => [d.sequence, d.outcome, d.causeEventId])).toEqual([
      [2, 'RETRACTED', gone.eventId],
      [1, expect.any(String), unknownHolder.eventId],
    ]);
    const byEvent = (await (await get(`/api/records?eventId=${gone.eventId}`)).json()) as RecordPage;
    expect(byEvent.items).toEqual([expect.objectContaining({ entityId: '12460.7.3', outcome: null })]);
  });

  it('lists dead letters by event, trace and record where the message parsed', async () => {
    const broken = { ...syncEvent('land', '12460.7.9', landParcel('12460.7.9', personOf(MAI))), committedAt: 'yesterday' };
    await publish(h.transport, h.topics.sources.land, [broken]);
    type Letter = { eventId: string | null; traceId: string | null; entityId: string | null; reasonKind: string };
    const letters = await eventually(
      async () => {
        const r = await get(`/api/dead-letters?traceId=${broken.traceId}`, {});
        const body = (await r.json()) as Letter[];
        return body.length > 0 ? body : undefined;
      },
      60_000,
      'the dead letter',
    );
    expect(letters).toEqual([
      expect.objectContaining({
        eventId: broken.eventId,
        traceId: broken.traceId,
        entityId: '12460.7.9',
        reasonKind: 'CONTRACT_VIOLATION',
      }),
    ]);
    expect(await (await get(`/api/dead-letters?eventId=${broken.eventId}`, {})).json()).toEqual(letters);
    expect(await (await get(`/api/dead-letters?entityId=12460.7.9`, {})).json()).toEqual(letters);
    expect(await (await get(`/api/dead-letters?entityId=12460.7.8`, {})).json()).toEqual([]);
  });

  it('documents the record endpoints from their definitions, with their path parameters and API-key security', async () => {
    type Operation = { parameters: { name: string; in: string }[]; security?: unknown[]; responses: Record<string, unknown> };
    const doc = (await (await get('/api/docs-json', {})).json()) as {
      paths: Record<string, { get: Operation }>;
      components: { securitySchemes: Record<string, unknown> };
    };
    const one = doc.paths['/api/records/{source}/{entityId}'].get;
    expect(one.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['source', 'entityId']);
    expect(Object.keys(one.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(one.security).toEqual(expect.arrayContaining([{ bearer: [] }, { 'api-key': [] }]));
    const list = doc.paths['/api/records'].get;
    expect(list.parameters.map((p) => p.name)).toEqual(Object.keys(RECORDS.query.properties));
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
  });

  it('refuses a revoked key at once', async () => {
    const { credential, key: short } = await credentials.create('revoked-soon');
    expect((await get('/api/records/land/24133.7.1', { authorization: `Bearer ${short}` })).status).toBe(200);
    await credentials.revoke(credential.id);
    const r = await get('/api/records/land/24133.7.1', { authorization: `Bearer ${short}` });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { detail: string }).detail).toMatch(/revoked/);
  });

  it('logged every access with who, what and when, and nothing personal in clear', () => {
    const access = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'record access');
    expect(access.length).toBeGreaterThan(10);
    const one = access.find((l) => (l.access as { route: string }).route === '/api/records/:source/:entityId')!;
    expect(one).toMatchObject({
      time: expect.any(String),
      access: { credentialId, credential: 'land-office-steward', source: 'land', entityId: '241****.1' },
    });
    const refused = lines.filter((l) => l.includes('record access refused'));
    expect(refused.length).toBeGreaterThanOrEqual(4);
    const all = lines.join('\n');
    for (const personal of [HUNG.citizenId, MAI.citizenId, '034192999999', HUNG.fullName, MAI.fullName, 'Nguyen Van Hung', key])
      expect(all).not.toContain(personal);
  });
});
