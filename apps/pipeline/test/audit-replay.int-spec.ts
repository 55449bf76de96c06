import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import type { CitizenRecord } from '@lgsp/contracts';
import { ReplayResult, ReplayRun } from '@lgsp/audit';
import { RULE_VERSION, ruleSetFrom } from '@lgsp/domain';
import { eventually, kafkaBrokers } from '../../../test/support/environment';
import { generateDataset } from '@lgsp/lab';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';
import { publish, syncEvent } from '../../../test/support/sync-events';

/** What a replay must leave alone: live tables, the live group's offsets, the results and metrics topics. */
async function liveState(h: PipelineHarness): Promise<unknown> {
  const digestOf = async (table: string, order: string) =>
    (await h.pool.query(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY ${order})) AS h FROM ${table} t`))
      .rows[0];
  const metricTables = (
    await h.pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'metrics' ORDER BY 1`)
  ).rows.map((r) => r.table_name as string);
  const metrics: Record<string, unknown> = {};
  for (const t of metricTables) metrics[t] = await digestOf(`metrics.${t}`, 't::text');
  const groups: Record<string, unknown> = {};
  for (const topic of Object.values(h.topics.sources)) groups[topic] = await h.transport.groupOffsets(h.groupId, topic);
  return {
    results: await digestOf('reconciliation.results', 'source, entity_id'),
    decisions: await digestOf('reconciliation.decisions', 'id'),
    records: await digestOf('reconciliation.sectoral_records', 'source, entity_id'),
    registry: await digestOf('registry.citizen_history', 'citizen_id, version'),
    metrics,
    groups,
    resultsTopic: await h.transport.topicOffsets(h.topics.results),
    metricsTopic: await h.transport.topicOffsets(h.topics.metrics),
  };
}

describe('audit replay of a window the live pipeline decided', () => {
  let h: PipelineHarness;
  // The window and the first replay of it, for the CLI and REST tests that follow.
  let from: Date;
  let to: Date;
  let first: ReplayResult;

  beforeAll(async () => {
    h = await pipelineOnKafka();
  });
  afterAll(async () => {
    await h.close();
  });

  it('replays a window twice with the digest of its live decisions, against the registry as of each event, touching nothing live', async () => {
    // Duplicates off: the live worker decides a batch's members of one group together, which an
    // event-by-event replay does not reproduce (ADR 0012).
    // Wrong IDs more often than by default, so that the window holds searched records whose
    // probabilities (a prior of one in the registry size the live loader estimated) must replay.
    const dataset = generateDataset({ seed: 1206, citizens: 250, province: '66', dirt: { DUPLICATE: 0, UNKNOWN_ID: 0.05 } });
    const citizens = [...dataset.citizens()];
    await h.startWorker();
    await h.loadRegistry(citizens);

    from = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const land = [...dataset.landParcels()].map((p) => syncEvent('land', p.parcelId, p));
    const insurance = [...dataset.insuranceRecords()].map((r) => syncEvent('insurance', r.socialInsuranceNumber, r));
    await publish(h.transport, h.topics.sources.land, land);
    await publish(h.transport, h.topics.sources.insurance, insurance);
    await h.settled();
    to = new Date();

    // After the window the registry changes the names of the citizens the land records name: live
    // decides those records again (registry-change), so the registry as it is now is not the one
    // their window decisions saw. The replay must still give the live window's digest.
    const named = new Set(land.map((e) => e.after?.holder.citizenId));
    const renamed = citizens
      .filter((c) => named.has(c.citizenId))
      .slice(0, 30)
      .map((c): [CitizenRecord, CitizenRecord] => [c, { ...c, fullName: `${c.fullName} Thị` }]);
    await new Promise((r) => setTimeout(r, 5));
    await publish(
      h.transport,
      h.topics.sources.population,
      renamed.map(([before, after]) => syncEvent('population', after.citizenId, after, before)),
    );
    await h.settled();
    const redecided = await h.pool.query(
      `SELECT count(*)::int AS n FROM reconciliation.decisions WHERE cause = 'registry-change'`,
    );
    expect(redecided.rows[0].n).toBeGreaterThan(0);
    for (const w of h.workers.splice(0)) await w.close();

    const before = await liveState(h);
    const replay = new ReplayRun(h.pool, h.transport);
    const sources = { land: h.topics.sources.land, insurance: h.topics.sources.insurance };
    first = await replay.run({ sources, from, to });
    const second = await replay.run({ sources, from, to: new Date() });

    const records = new Set([...land, ...insurance].map((e) => `${e.source}/${e.entityId}`)).size;
    expect(first.eventsInWindow).toBe(land.length + insurance.length);
    expect(first.decided).toBe(records);
    expect(first.invalid).toBe(0);
    expect(first.otherRuleVersions).toEqual([]);
    expect(first.liveMissing).toBe(0);
    expect(first.liveCount).toBe(records);
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(first.digest).toBe(first.liveDigest);
    const searched = await h.pool.query(
      `SELECT count(*)::int AS n, min((evidence->>'registrySize')::int) AS size FROM reconciliation.decisions
       WHERE cause = 'record-event' AND evidence -> 'registrySize' IS NOT NULL`,
    );
    expect(searched.rows[0].n).toBeGreaterThan(3);
    expect(searched.rows[0].size).toBeGreaterThan(0);
    expect(first.changes).toEqual([]);
    expect(first.ruleSet).toBe(`reconcile@${RULE_VERSION}`);
    expect(second.runId).not.toBe(first.runId);
    expect(second.digest).toBe(first.digest);
    expect(second.liveDigest).toBe(first.liveDigest);
    expect(await liveState(h)).toEqual(before);

    const runs = await h.pool.query(`SELECT run_id, status, digest FROM audit_replay.runs ORDER BY started_at`);
    expect(runs.rows).toEqual([
      { run_id: first.runId, status: 'done', digest: first.digest },
      { run_id: second.runId, status: 'done', digest: first.digest },
    ]);

    // A province none of the records counts in: nothing decided, the empty digest on both sides.
    const none = await replay.run({ sources, from, to, provinces: ['01'] });
    expect(none.decided).toBe(0);
    expect(none.digest).toBe(none.liveDigest);
  });

  it('a candidate rule set that stops reporting tone placement changes exactly the records whose names differ only so', async () => {
    const rules = ruleSetFrom({
      name: 'reconcile',
      version: 'candidate-no-tone-placement',
      ignoredNameKinds: ['TONE_PLACEMENT'],
    });
    const run = await new ReplayRun(h.pool, h.transport).run({
      sources: { land: h.topics.sources.land, insurance: h.topics.sources.insurance },
      from,
      to,
      rules,
    });
    // What the test knows from the live decisions: the records with a tone-placement name difference.
    const live = await h.pool.query(
      `SELECT d.source, d.entity_id, d.outcome, d.differences FROM reconciliation.decisions d
       JOIN audit_replay.decisions a ON a.run_id = $1 AND (a.source, a.entity_id, a.cause_event_id) = (d.source, d.entity_id, d.cause_event_id)
       WHERE d.differences::jsonb @> '[{"field": "fullName", "kind": "TONE_PLACEMENT"}]' ORDER BY d.source, d.entity_id`,
      [run.runId],
    );
    expect(live.rows.length).toBeGreaterThan(0);
    expect(run.ruleSet).toBe('reconcile@candidate-no-tone-placement');
    expect(run.digest).not.toBe(run.liveDigest);
    expect(run.changes).toEqual(
      live.rows.map((row) => ({
        source: row.source,
        entityId: row.entity_id,
        outcome: row.outcome === 'MISMATCHED' && row.differences.length === 1 ? { live: 'MISMATCHED', replay: 'MATCHED' } : null,
        differences: [{ field: 'fullName', live: { kind: 'TONE_PLACEMENT', rule: 'name.tone-placement' }, replay: null }],
        candidates: null,
      })),
    );
    expect(run.changes.some((c) => c.outcome !== null)).toBe(true);
    const stored = await h.pool.query(`SELECT DISTINCT rule_version FROM audit_replay.decisions WHERE run_id = $1`, [run.runId]);
    expect(stored.rows).toEqual([{ rule_version: 'candidate-no-tone-placement' }]);
  });

  it('lgsp audit replay prints the run id and the digest of the window, equal to the live one', async () => {
    const prefix = h.topics.results.replace(/\.results$/, '');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bin/lgsp.js', 'audit', 'replay', '--sources', 'land,insurance', '--from', from.toISOString(), '--to', to.toISOString()],
      {
        env: {
          ...process.env,
          DATABASE_URL: h.db.scratch.url,
          LGSP_TRANSPORT: 'kafka',
          KAFKA_BROKERS: kafkaBrokers().join(','),
          LGSP_TOPIC_PREFIX: prefix,
          LOG_LEVEL: 'warn',
        },
      },
    );
    expect(stdout).toMatch(/^run [0-9a-f-]{36}$/m);
    expect(stdout).toContain(`digest ${first.digest} (${first.decided} records decided, 0 deleted)`);
    expect(stdout).toContain(
      `live   ${first.digest} (${first.liveCount} live decisions of the same events, 0 records without one)`,
    );
    expect(stdout).toContain('the replay gives the live decisions');
  });

  it('a replay started over HTTP reports its progress and digest; a bad window is refused naming the field; cancel ends a run', async () => {
    const worker = await h.startWorker();
    const { key } = await new Credentials(new CredentialsRepository(h.pool)).create('auditor');
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${worker.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads the JSON it asserts on
      return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as any };
    };
    const window = { sources: ['land', 'insurance'], from: from.toISOString(), to: to.toISOString() };

    const bad = await call('POST', '/api/audit/replays', { ...window, to: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body['invalid-params']).toEqual([{ name: 'to', reason: expect.stringContaining('ISO 8601') }]);
    expect((await fetch(`${worker.url}/api/audit/replays`, { method: 'POST' })).status).toBe(401);

    const started = await call('POST', '/api/audit/replays', window);
    expect(started.status).toBe(202);
    const done = await eventually(
      async () => {
        const r = await call('GET', `/api/audit/replays/${started.body.runId}`);
        return r.body.run.status === 'done' ? r.body : undefined;
      },
      60_000,
      'the replay to finish',
    );
    expect(done.run).toMatchObject({ runId: started.body.runId, digest: first.digest, liveDigest: first.digest, liveMissing: 0 });
    expect(done.result).toMatchObject({ decided: first.decided });
    expect(done.progress).toMatchObject({ phase: 'comparing' });

    // Cancelled at once: the run stops between steps and says so; a finished one cannot be cancelled.
    const doomed = await call('POST', '/api/audit/replays', window);
    const cancelled = await call('POST', `/api/audit/replays/${doomed.body.runId}/cancel`);
    expect(cancelled.status).toBe(201);
    expect(cancelled.body.run).toMatchObject({ status: 'cancelled', error: 'cancelled' });
    expect((await call('POST', `/api/audit/replays/${started.body.runId}/cancel`)).status).toBe(409);

    // Resumed: a new run of the same window, which gives the same digest; a finished run is not resumed.
    const resumed = await call('POST', `/api/audit/replays/${doomed.body.runId}/resume`);
    expect(resumed.status).toBe(202);
    expect(resumed.body.resumes).toBe(doomed.body.runId);
    const again = await eventually(
      async () => {
        const r = await call('GET', `/api/audit/replays/${resumed.body.runId}`);
        return r.body.run.status === 'done' ? r.body : undefined;
      },
      60_000,
      'the resumed replay to finish',
    );
    expect(again.run).toMatchObject({ digest: first.digest, from: from.toISOString(), to: to.toISOString() });
    expect((await call('POST', `/api/audit/replays/${started.body.runId}/resume`)).status).toBe(409);
    expect((await call('GET', `/api/audit/replays/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
