import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import type { MatchRateRow, MetricsSnapshot, StoredAlert } from '@lgsp/monitoring';
import { eventually, registryHolds } from '../../../test/support/environment';
import {
  insuranceRecord,
  landParcel,
  namesakesOf,
  personOf,
  publish,
  registryEvents,
  syncEvent,
} from '../../../test/support/sync-events';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { openApiParameters, plain } from '../src/monitoring/api/endpoint';
import { ENDPOINTS } from '../src/monitoring/api/endpoints';
import { expectation } from '../src/monitoring/api/query';
import { getJson, startInstance } from './monitoring-harness';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;
const MAI: CitizenRecord = examples.TRAN_THI_MAI;

type Recount = Map<string, number>;

/** Decisions with an outcome (the history also holds the retractions of deleted records). */
async function decisionCount(h: PipelineHarness): Promise<number> {
  return (await h.pool.query(`SELECT count(*)::int AS n FROM reconciliation.decisions WHERE outcome <> 'RETRACTED'`)).rows[0].n;
}

/** The ground truth: a plain GROUP BY over the results table. */
async function recount(h: PipelineHarness, columns: string): Promise<Recount> {
  const r = await h.pool.query(
    `SELECT ${columns}, outcome, count(*)::int AS n FROM reconciliation.results GROUP BY ${columns}, outcome`,
  );
  return new Map(r.rows.map((row) => [[...columns.split(', ').map((c) => row[c] ?? 'unknown'), row.outcome].join('|'), row.n]));
}

function fromApi(rows: MatchRateRow[], keys: (r: MatchRateRow) => (string | null)[]): Recount {
  const m = new Map<string, number>();
  for (const r of rows) for (const [outcome, n] of Object.entries(r.outcomes)) m.set([...keys(r), outcome].join('|'), n);
  return m;
}

async function resultCount(h: PipelineHarness): Promise<number> {
  return Number((await h.pool.query(`SELECT count(*) FROM reconciliation.results`)).rows[0].count);
}

describe('monitoring on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;

  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await h.close();
  });

  it('shows match rates in the API and /metrics equal to a SQL recount, through inserts, updates and deletes', async () => {
    const app = await startInstance(h, { consume: true });
    // One holder per record, so that each outcome below is set by that record's own dirt.
    const citizens = namesakesOf(MAI, 30, 200000);
    await publish(h.transport, h.topics.sources.population, registryEvents(citizens));
    await registryHolds(h.pool, 30);
    const land = citizens.map((c, i) => {
      const id = `12460.5.${i + 1}`;
      const holder =
        i % 5 === 0
          ? personOf(c, { fullName: 'Tran Thi Mai' })
          : i % 7 === 0
            ? personOf(c, { citizenId: '034192999999' })
            : i % 3 === 0
              ? personOf(c, { address: '' })
              : personOf(c);
      return syncEvent('land', id, landParcel(id, holder));
    });
    const insurance = citizens
      .slice(0, 12)
      .map((c, i) => syncEvent('insurance', String(3300000000 + i), insuranceRecord(String(3300000000 + i), personOf(c))));
    await publish(h.transport, h.topics.sources.land, land);
    await publish(h.transport, h.topics.sources.insurance, insurance);
    await eventually(async () => ((await resultCount(h)) === 42 ? true : undefined), 60_000, '42 results');

    // Updates (outcome changes) and deletes go through the UPDATE and DELETE triggers.
    const changed = land
      .slice(1, 4)
      .map((e) =>
        syncEvent('land', e.entityId, landParcel(e.entityId, { ...e.after!.holder, fullName: 'Tran Thi Mai' }), e.after),
      );
    const deleted = land.slice(10, 12).map((e) => syncEvent('land', e.entityId, null, e.after));
    await publish(h.transport, h.topics.sources.land, [...changed, ...deleted]);
    await eventually(async () => ((await resultCount(h)) === 40 ? true : undefined), 60_000, '40 results after deletes');
    await eventually(
      // 42 first decisions and 3 updates; the deletes' retractions are history rows too, but not outcomes.
      async () => (await decisionCount(h)) >= 45 || undefined,
      60_000,
      'update decisions',
    );

    const bySource = await getJson<MatchRateRow[]>(`${app.url}/api/match-rates?groupBy=source`);
    expect(fromApi(bySource, (r) => [r.source])).toEqual(await recount(h, 'source'));
    const byCommune = await getJson<MatchRateRow[]>(`${app.url}/api/match-rates?groupBy=commune`);
    expect(fromApi(byCommune, (r) => [r.source, r.provinceCode, r.communeCode])).toEqual(
      await recount(h, 'source, province_code, commune_code'),
    );
    const landRate = bySource.find((r) => r.source === 'land')!;
    const sql = await recount(h, 'source');
    expect(landRate.total).toBe(40 - 12);
    expect(landRate.matched).toBe(sql.get('land|MATCHED'));
    expect(landRate.matched).toBeGreaterThan(0);
    expect(landRate.report).toMatch(new RegExp(`^\\d+\\.\\d{2} %: ${landRate.matched} of ${landRate.total} land parcels$`));

    // Field completeness: the MISSING counts equal a recount of the differences.
    const fields = await getJson<{ source: string; field: string; missing: number; differing: number }[]>(
      `${app.url}/api/field-quality`,
    );
    const diffs = await h.pool.query(
      `SELECT source, d->>'field' AS field, count(*) FILTER (WHERE d->>'kind' = 'MISSING')::int AS missing, count(*)::int AS differing
       FROM reconciliation.results, jsonb_array_elements(differences) d GROUP BY 1, 2`,
    );
    expect(fields.map((f) => [f.source, f.field, f.missing, f.differing]).sort()).toEqual(
      diffs.rows.map((r) => [r.source, r.field, r.missing, r.differing]).sort(),
    );

    // Decisions per minute window add up to the decisions made (a retraction decides no outcome).
    const windows = await getJson<{ count: number }[]>(`${app.url}/api/windows?grain=minute`);
    const decided = await decisionCount(h);
    expect(windows.reduce((s, w) => s + w.count, 0)).toBe(decided);

    // Prometheus: the results gauge after the next monitor round.
    await eventually(
      async () => {
        const text = await (await fetch(`${app.url}/metrics`)).text();
        return text.includes(`lgsp_results{source="land",outcome="MATCHED"} ${sql.get('land|MATCHED')}`) || undefined;
      },
      20_000,
      'metrics gauge',
    );
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/lgsp_records_reconciled_total\{source="land",outcome="MATCHED"\} \d+/);
    expect(metrics).toMatch(/lgsp_consumer_lag_messages\{topic="[^"]+\.land",partition="0"\} \d+/);
    expect(metrics).toMatch(/lgsp_result_latency_seconds_bucket\{le="1",source="land"\} \d+/);
    expect(metrics).not.toMatch(/066085001234|Nguyễn|1985-/);

    // A message that breaks the contract shows in the dead-letter queue with its JSON path.
    await h.transport.producer().then(async (p) => {
      await p.send(h.topics.sources.land, [{ key: 'x', value: JSON.stringify({ ...land[0], committedAt: 'yesterday' }) }]);
      await p.disconnect();
    });
    const dead = await eventually(
      async () => {
        const rows = await getJson<{ reasonKind: string; violations: { path: string }[]; sourceTopic: string }[]>(
          `${app.url}/api/dead-letters?source=land`,
        );
        return rows.length > 0 ? rows : undefined;
      },
      60_000,
      'dead letter listed',
    );
    expect(dead[0]).toMatchObject({ reasonKind: 'CONTRACT_VIOLATION', sourceTopic: h.topics.sources.land });
    expect(dead[0].violations.map((v) => v.path)).toContain('/committedAt');

    // Invalid requests: RFC 9457 problems naming the field.
    const bad = await fetch(`${app.url}/api/match-rates?province=6&groupBy=planet`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await bad.json()) as { status: number; 'invalid-params': { name: string }[] };
    expect(problem).toMatchObject({ status: 400, title: 'Invalid request parameters', instance: '/api/match-rates' });
    expect(problem['invalid-params'].map((p) => p.name).sort()).toEqual(['groupBy', 'province']);

    // OpenAPI document.
    const doc = await getJson<{ paths: Record<string, unknown> }>(`${app.url}/api/docs-json`);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/match-rates', '/api/lag', '/api/alerts', '/api/dead-letters']),
    );

    // Every endpoint answers, with its defaults, what its response schema says (the data above fills most of them).
    const responses = addFormats(new Ajv({ allErrors: true, strict: false }));
    for (const e of ENDPOINTS) {
      const body = await getJson<unknown>(`${app.url}/api/${e.path}`);
      const valid = responses.validate(plain(e.response), body);
      expect({ path: e.path, errors: valid ? null : responses.errors }).toEqual({ path: e.path, errors: null });
    }
  });

  it('documents each endpoint from its definition and names each invalid parameter in a problem', async () => {
    const app = await startInstance(h, { consume: false });
    type Operation = {
      parameters?: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
      responses: Record<string, { content: Record<string, { schema: unknown }> }>;
    };
    const doc = await getJson<{ openapi: string; paths: Record<string, { get: Operation }> }>(`${app.url}/api/docs-json`);
    expect(doc.openapi).toBe('3.1.0');
    // The record endpoints and the audit replays (behind API keys) are described and tested in records.int-spec.ts
    // and audit-replay.int-spec.ts.
    const documented = Object.keys(doc.paths).filter(
      (p) => p.startsWith('/api/') && !p.startsWith('/api/records') && !p.startsWith('/api/audit/'),
    );
    expect(documented.sort()).toEqual(ENDPOINTS.map((e) => `/api/${e.path}`).sort());
    for (const e of ENDPOINTS) {
      const operation = doc.paths[`/api/${e.path}`].get;
      // Exactly the definition's parameters, each with its schema; nothing else.
      expect({ path: e.path, parameters: operation.parameters ?? [] }).toEqual({
        path: e.path,
        parameters: openApiParameters(e.query).map((p) => ({ ...p, in: 'query' })),
      });
      expect(operation.responses['200'].content['application/json'].schema).toEqual(plain(e.response));
      expect(operation.responses['400'].content['application/problem+json'].schema).toBeDefined();
    }

    // Each parameter of each endpoint, given a value its schema refuses, is named with the reason its schema gives.
    for (const e of ENDPOINTS) {
      for (const [name, schema] of Object.entries(e.query.properties)) {
        const bad = (schema as { type?: string }).type === 'integer' ? '-1' : 'not valid!';
        const response = await fetch(`${app.url}/api/${e.path}?${name}=${encodeURIComponent(bad)}`);
        expect({ path: e.path, name, status: response.status }).toEqual({ path: e.path, name, status: 400 });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = (await response.json()) as { instance: string; 'invalid-params': { name: string; reason: string }[] };
        expect(problem.instance).toBe(`/api/${e.path}`);
        expect(problem['invalid-params']).toEqual([{ name, reason: expectation(schema) }]);
      }
      // Unknown parameters stay an error.
      const unknown = await fetch(`${app.url}/api/${e.path}?colour=red`);
      expect(unknown.status).toBe(400);
      expect(((await unknown.json()) as { 'invalid-params': { name: string }[] })['invalid-params']).toEqual([
        expect.objectContaining({ name: 'colour' }),
      ]);
    }
  });

  it('raises lag and an alert within seconds when the worker stops under load, and clears them when it is back', async () => {
    const monitor = await startInstance(h, { consume: false });
    let worker = await startInstance(h, { consume: true });
    await publish(h.transport, h.topics.sources.population, [syncEvent('population', HUNG.citizenId, HUNG)]);
    await registryHolds(h.pool, 1);

    // Load: 30 land events every 100 ms, until the end of the test: well within what a worker
    // keeps up with on a busy 2-core machine, and past the 1,000-message lag threshold in seconds once it stops.
    let sent = 0;
    let loading = true;
    const load = (async () => {
      const producer = await h.transport.producer();
      while (loading) {
        const events = Array.from({ length: 30 }, () => {
          sent += 1;
          const id = `24133.${Math.floor(sent / 1000) + 100}.${(sent % 1000) + 1}`;
          // Holders unknown to the registry, each a different ID: no duplicates to re-decide.
          return syncEvent('land', id, landParcel(id, personOf(HUNG, { citizenId: `066085${String(sent).padStart(6, '0')}` })));
        });
        await producer.send(
          h.topics.sources.land,
          events.map((e) => ({ key: e.entityId, value: JSON.stringify(e) })),
        );
        await new Promise((r) => setTimeout(r, 100));
      }
      await producer.disconnect();
    })();
    const lagOf = async () =>
      (await getJson<MetricsSnapshot>(`${monitor.url}/api/lag`)).sources.find((s) => s.source === 'land')!;
    const openAlerts = () => getJson<StoredAlert[]>(`${monitor.url}/api/alerts`);

    try {
      // The worker keeps up.
      await eventually(
        async () => ((await lagOf()).processed > 500 && (await lagOf()).offsetLag < 500 ? true : undefined),
        60_000,
        'worker keeps up',
      );
      expect(await openAlerts()).toEqual([]);
      await worker.close();
      const stoppedAt = Date.now();
      const late = await eventually(
        async () => {
          const lag = await lagOf();
          return lag.offsetLag > 1000 && lag.eventTimeLagSeconds > 0 ? lag : undefined;
        },
        10_000,
        'lag rises',
      );
      expect(late.offsetLag).toBeGreaterThan(1000);
      const alert = await eventually(
        async () => (await openAlerts()).find((a) => a.kind === 'CONSUMER_LAG' && a.subject === 'land'),
        10_000,
        'lag alert',
      );
      const raisedIn = Date.now() - stoppedAt;
      expect(raisedIn).toBeLessThan(10_000);
      expect(alert.message).toMatch(/^land: \d+ messages behind/);
      // The dashboard's charts read the stored snapshots: the lag shows over time.
      const series = await getJson<{ sources: { source: string; offsetLag: number }[] }[]>(`${monitor.url}/api/series?minutes=5`);
      expect(Math.max(...series.map((p) => p.sources.find((s) => s.source === 'land')!.offsetLag))).toBeGreaterThan(1000);
      worker = await startInstance(h, { consume: true });
      await eventually(async () => ((await lagOf()).offsetLag < 500 ? true : undefined), 90_000, 'lag back near zero');
      await eventually(async () => ((await openAlerts()).length === 0 ? true : undefined), 30_000, 'alert cleared');
      const history = await getJson<StoredAlert[]>(`${monitor.url}/api/alerts?state=all`);
      expect(history.find((a) => a.id === alert.id)!.clearedAt).not.toBeNull();
      // Both transitions went to the alerts topic.
      const published = await h.transport.topicOffsets(h.topics.deadLetter.replace(/\.dead-letter$/, '.alerts'));
      expect(published.reduce((s, p) => s + Number(p.high), 0)).toBeGreaterThanOrEqual(2);
    } finally {
      loading = false;
      await load;
    }
    await eventually(async () => ((await lagOf()).offsetLag === 0 ? true : undefined), 60_000, 'lag zero after the load');
    expect((await lagOf()).eventTimeLagSeconds).toBe(0);
  });
});
