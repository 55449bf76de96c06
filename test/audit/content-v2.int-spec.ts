import { generateKeyPairSync } from 'node:crypto';
import {
  DecisionLogRepository,
  exportLog,
  InclusionProofFile,
  leafHash,
  makeCheckpoint,
  proofProblem,
  proveDecision,
  verifyDatabase,
} from '@lgsp/audit';
import { createScratchDatabase, openDatabase, ScratchDatabase } from '@lgsp/database';
import { Decision, ResultsRepository } from '@lgsp/reconciliation';
import { productMigrations } from '@lgsp/runtime';
import { Pool } from 'pg';
import { testDecision, testEventId } from '../support/decisions';
import { databaseServerUrl } from '../support/environment';
import { testPool } from '../support/test-pool';

/** The two migrations of content v2 (ADR 0025): the history's JSON as written, and the leaf over it. */
const V2_MIGRATIONS = /^(DecisionsJsonAsWritten|AuditDecisionContentV2)\d+$/;

/** Evidence whose jsonb text is not the text written: keys out of jsonb's order, a number with a trailing zero. */
function decision(n: number): Decision {
  return testDecision(n, {
    evidence: { zeta: 2.5, notes: [`n${n}`], alpha: { weight: 4.2 } } as unknown as Decision['evidence'],
    candidates: [{ weight: 1.0, citizenId: '066085000123' }] as unknown as Decision['candidates'],
  });
}
const id = (n: number) => `land/p${n}/${testEventId(n)}`;

/**
 * An installation that logged decisions in content v1 and was then upgraded: its old entries keep v1, new ones are
 * v2, and verify, export, prove and the tamper findings hold for both.
 */
describe('decision log content v2 beside v1 entries from before the upgrade', () => {
  let scratch: ScratchDatabase;
  let pool: Pool;
  const key = generateKeyPairSync('ed25519').privateKey;
  const results = new ResultsRepository();
  const log = new DecisionLogRepository();

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseServerUrl());
    const all = productMigrations('embedded');
    const old = await openDatabase(
      scratch.url,
      all.filter((m) => !V2_MIGRATIONS.test(m.name)),
    );
    await old.query(`SELECT 1`);
    pool = testPool(scratch.url, 4);
    // Before the upgrade: jsonb columns, v1 leaves.
    await results.record(
      pool,
      Array.from({ length: 10 }, (_, i) => decision(i + 1)),
      new Date(),
    );
    await old.destroy();
    const upgraded = await openDatabase(scratch.url, all);
    await upgraded.destroy();
    await results.record(
      pool,
      Array.from({ length: 10 }, (_, i) => decision(i + 11)),
      new Date(),
    );
    await makeCheckpoint(pool, key, null);
  });

  afterAll(async () => {
    await pool?.end();
    await scratch?.drop();
  });

  it('keeps the old entries in v1 and logs new ones in v2 over the JSON as the writer wrote it', async () => {
    const versions = await pool.query(
      `SELECT content_version, count(*)::int AS n, count(decision_id)::int AS with_id FROM audit.decision_log GROUP BY 1 ORDER BY 1`,
    );
    expect(versions.rows).toEqual([
      { content_version: 1, n: 10, with_id: 0 },
      { content_version: 2, n: 10, with_id: 10 },
    ]);
    const types = await pool.query(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'reconciliation' AND table_name = 'decisions' AND column_name IN ('differences', 'evidence', 'candidates')`,
    );
    expect(new Set(types.rows.map((r) => r.data_type))).toEqual(new Set(['json']));
    const [v1, v2] = (
      await pool.query(
        `SELECT evidence::text AS evidence FROM reconciliation.decisions WHERE entity_id IN ('p1', 'p11') ORDER BY entity_id`,
      )
    ).rows.map((r) => r.evidence as string);
    // v1's row holds jsonb's text (keys sorted by length, spaces), v2's the text the writer sent.
    expect(v1).toBe('{"zeta": 2.5, "alpha": {"weight": 4.2}, "notes": ["n1"], "alsoApplies": []}');
    expect(v2).toBe('{"zeta":2.5,"notes":["n11"],"alpha":{"weight":4.2},"alsoApplies":[]}');
  });

  it('verifies both in place, page by page, and in the export; each content says its version', async () => {
    expect(await log.verifyPage(pool, 0, 100)).toMatchObject({ count: 20, differing: 0 });
    expect(await verifyDatabase(pool, { trusted: key })).toMatchObject({ ok: true, entries: 20, checkpointsChecked: 1 });
    const lines: string[] = [];
    await exportLog(pool, (l) => void lines.push(l));
    const entries = lines.map((l) => JSON.parse(l)).filter((l) => l.type === 'entry');
    expect(entries.map((e) => (e.content as string).slice(0, 20))).toEqual([
      ...Array(10).fill('["lgsp-decision/v1",'),
      ...Array(10).fill('["lgsp-decision/v2",'),
    ]);
    for (const e of entries) expect(leafHash(e.content).toString('hex')).toBe(e.leafHash);
    // Content v2 is a JSON array like v1's, the JSON columns inside it as written.
    expect(JSON.parse(entries[10].content)).toEqual([
      'lgsp-decision/v2',
      'land',
      'p11',
      testEventId(11),
      'record-event',
      'NOT_FOUND',
      null,
      [],
      { zeta: 2.5, notes: ['n11'], alpha: { weight: 4.2 }, alsoApplies: [] },
      [{ weight: 1, citizenId: '066085000123' }],
      'test',
      null,
      testEventId(11),
      'lgsp.land.v1',
      0,
      11,
      'h',
      1,
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
    ]);
  });

  it('proves a v1 and a v2 decision against the checkpoint', async () => {
    for (const entityId of ['p3', 'p13']) {
      const proof = (await proveDecision(pool, { source: 'land', entityId })) as InclusionProofFile;
      expect(proof.decisionId).toBe(id(Number(entityId.slice(1))));
      expect(proofProblem(proof, key)).toBeNull();
    }
  });

  it('still verifies when the decision ids were renumbered (the id is a hint), and names an edited v1 and v2 row', async () => {
    const client = await pool.connect();
    try {
      await client.query(`UPDATE reconciliation.decisions SET id = id + 1000`);
    } finally {
      client.release();
    }
    expect(await log.verifyPage(pool, 0, 100)).toMatchObject({ count: 20, differing: 10 });
    expect(await verifyDatabase(pool, { trusted: key })).toMatchObject({ ok: true, entries: 20 });
    // Whitespace of a v2 row's JSON is part of what was written: any byte changed is an edit.
    await pool.query(`UPDATE reconciliation.decisions SET evidence = evidence::jsonb::json WHERE entity_id = 'p14'`);
    await pool.query(`UPDATE reconciliation.decisions SET outcome = 'MATCHED' WHERE entity_id = 'p4'`);
    const report = await verifyDatabase(pool, { trusted: key });
    expect(report.findings.map((f) => [f.kind, f.position, f.decisionId])).toEqual([
      ['decision-edited', 4, id(4)],
      ['decision-edited', 14, id(14)],
    ]);
  });
});
