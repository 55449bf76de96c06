import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  checkpointsOfFile,
  DecisionLogRepository,
  exportLog,
  InclusionProofFile,
  makeCheckpoint,
  proofProblem,
  proveDecision,
  publicKeyPem,
  verifyDatabase,
  verifyExportFile,
} from '@lgsp/audit';
import { Decision, ResultsRepository } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { testDecision, testEventId } from '../support/decisions';
import { migratedTestDatabase, TestDatabase } from '../support/environment';
import { testPool } from '../support/test-pool';

const LGSP = join(__dirname, '..', '..', 'bin', 'lgsp.js');
function decision(n: number): Decision {
  return testDecision(n);
}
const EVENT = testEventId;

const id = (n: number) => `land/p${n}/${EVENT(n)}`;

/** `lgsp audit …` as a user runs it against a database: stdout, stderr and the exit code. */
async function lgspAudit(url: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' };
  delete env.LGSP_TRANSPORT;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [LGSP, 'audit', ...args], { env });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/** Tampering in PostgreSQL, and `lgsp audit verify` / prove / export catching it. */
describe('verifying the decision log', () => {
  let db: TestDatabase;
  let pool: Pool;
  const key = generateKeyPairSync('ed25519').privateKey;
  const dir = mkdtempSync(join(tmpdir(), 'lgsp-audit-'));
  const results = new ResultsRepository();

  /** 30 decisions in three transactions, and a checkpoint of them. */
  async function freshLog(): Promise<void> {
    await pool?.end();
    await db?.close();
    db = await migratedTestDatabase();
    pool = testPool(db.scratch.url, 4);
    for (const from of [1, 11, 21])
      await results.record(
        pool,
        Array.from({ length: 10 }, (_, i) => decision(from + i)),
        new Date(),
      );
    await makeCheckpoint(pool, key, null);
  }

  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('finds an intact log intact, in the database and in its export, and says so with exit 0', async () => {
    await freshLog();
    expect(await verifyDatabase(pool, { trusted: key })).toMatchObject({ ok: true, entries: 30, checkpointsChecked: 1 });
    const file = join(dir, 'intact.jsonl');
    const lines: string[] = [];
    await exportLog(pool, (l) => void lines.push(l));
    writeFileSync(file, lines.join(''));
    expect(await verifyExportFile(file, { trusted: null })).toMatchObject({ ok: true, entries: 30, signaturesChecked: true });
    const cli = await lgspAudit(db.scratch.url, 'verify');
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.out).toContain('decision log intact: 30 entries in the database, 1 checkpoints matched');
    // Offline: the export, no database at all.
    const offline = await lgspAudit('postgres://nobody@127.0.0.1:1/none', 'verify', '--file', file);
    expect(offline.code).toBe(0);
  });

  it('names an edited decision row at its position, exit 1; the export of it too', async () => {
    await pool.query(`UPDATE reconciliation.decisions SET outcome = 'MATCHED' WHERE entity_id = 'p17'`);
    const report = await verifyDatabase(pool, { trusted: key });
    expect(report.first).toMatchObject({ kind: 'decision-edited', position: 17, decisionId: id(17) });
    expect(report.findings).toHaveLength(1);
    const cli = await lgspAudit(db.scratch.url, 'verify');
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`first bad row at position 17, decision ${id(17)}: decision-edited`);
    const file = join(dir, 'edited.jsonl');
    await lgspAudit(db.scratch.url, 'export', '--out', file);
    expect((await verifyExportFile(file, { trusted: null })).first).toMatchObject({ kind: 'decision-edited', position: 17 });
    // An export edited by hand is caught offline the same way.
    const intact = join(dir, 'intact.jsonl');
    const forged = join(dir, 'forged.jsonl');
    const lines = readFileSync(intact, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; position?: number; content?: string });
    for (const l of lines) if (l.type === 'entry' && l.position === 5) l.content = l.content!.replace('NOT_FOUND', 'MATCHED');
    writeFileSync(forged, lines.map((l) => JSON.stringify(l)).join('\n'));
    expect((await verifyExportFile(forged, { trusted: null })).first).toMatchObject({ kind: 'decision-edited', position: 5 });
  });

  it('names a deleted decision, a removed log entry and a decision inserted behind the log’s back', async () => {
    await freshLog();
    await pool.query(`DELETE FROM reconciliation.decisions WHERE entity_id = 'p4'`);
    const client = await pool.connect();
    try {
      // As someone who can turn the triggers off: the row goes in, the log does not hear of it.
      await client.query(`SET session_replication_role = replica`);
      await results.record(client, [decision(99)], new Date());
      await client.query(`DELETE FROM audit.decision_log WHERE position = 20`);
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
    const report = await verifyDatabase(pool, { trusted: key });
    expect(report.findings.map((f) => [f.kind, f.position, f.decisionId])).toEqual([
      ['decision-deleted', 4, id(4)],
      ['log-entry-missing', 20, null],
      ['chain-broken', 21, id(21)], // its chain hash goes on from the removed entry's
      ['checkpoint-beyond-log', 30, null], // 29 leaves left under a checkpoint of 30
      ['decision-not-logged', null, id(20)],
      ['decision-not-logged', null, id(99)],
    ]);
  });

  it('names a decision inserted behind the log’s back when everything else is intact, and one hidden by a duplicated entry', async () => {
    await freshLog();
    const client = await pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await results.record(client, [decision(98)], new Date());
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
    // One row more than entries: the rows are looked for one by one.
    expect((await verifyDatabase(pool, { trusted: key })).findings.map((f) => [f.kind, f.decisionId])).toEqual([
      ['decision-not-logged', id(98)],
    ]);
    // As many entries as rows again, by an entry appended twice for one row (its chain recomputed, after the last
    // checkpoint, the log's unique index dropped to let it in): every entry matches, yet a row is no entry's.
    const c = await pool.connect();
    try {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`ALTER TABLE audit.decision_log DROP CONSTRAINT decision_log_source_entity_id_cause_event_id_key`);
      await c.query(`INSERT INTO audit.decision_log (position, source, entity_id, cause_event_id, leaf_hash, chain_hash,
          content_version, decision_id)
        SELECT 31, l.source, l.entity_id, l.cause_event_id, l.leaf_hash,
          sha256((SELECT chain_hash FROM audit.decision_log WHERE position = 30) || l.leaf_hash), l.content_version, l.decision_id
        FROM audit.decision_log l WHERE position = 5`);
    } finally {
      await c.query(`RESET session_replication_role`);
      c.release();
    }
    const report = await verifyDatabase(pool, { trusted: key });
    expect(report.entries).toBe(31);
    expect(report.findings.map((f) => [f.kind, f.decisionId])).toEqual([['decision-not-logged', id(98)]]);
  });

  it('catches a log rewritten whole, chain and checkpoints re-signed, against a checkpoint held elsewhere', async () => {
    await freshLog();
    const elsewhere = join(dir, 'held-elsewhere.jsonl');
    expect((await lgspAudit(db.scratch.url, 'export', '--out', elsewhere)).code).toBe(0);
    const publicKeyFile = join(dir, 'public.pem');
    writeFileSync(publicKeyFile, publicKeyPem(key));
    // The attacker edits a decision and rebuilds the log and the checkpoints from scratch with a key of their own.
    const client = await pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE reconciliation.decisions SET outcome = 'MATCHED' WHERE entity_id = 'p8'`);
      await client.query(`DELETE FROM audit.checkpoints`);
      await client.query(`DELETE FROM audit.decision_log`);
      await client.query(`DO $$ DECLARE d reconciliation.decisions;
        BEGIN FOR d IN SELECT * FROM reconciliation.decisions ORDER BY id LOOP PERFORM audit.log_decision(d); END LOOP; END $$`);
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
    await makeCheckpoint(pool, generateKeyPairSync('ed25519').privateKey, null);
    // On its own the database is consistent again...
    expect((await verifyDatabase(pool, { trusted: null })).ok).toBe(true);
    // ...but not with the checkpoint exported before, nor with the key held elsewhere.
    const report = await verifyDatabase(pool, { trusted: null, extraCheckpoints: await checkpointsOfFile(elsewhere) });
    expect(report.first).toMatchObject({ kind: 'checkpoint-mismatch', position: 30 });
    const cli = await lgspAudit(db.scratch.url, 'verify', '--checkpoints', elsewhere, '--public-key', publicKeyFile);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/checkpoint-signature|checkpoint-mismatch/);
    expect(cli.out).toContain('checkpoint-mismatch');
  });

  it('proves a decision against the latest checkpoint offline; a forged proof does not hold', async () => {
    await freshLog();
    const proof = (await proveDecision(pool, { source: 'land', entityId: 'p13' })) as InclusionProofFile;
    expect(proof).toMatchObject({ decisionId: id(13), position: 13, treeSize: 30 });
    expect(proofProblem(proof, key)).toBeNull();
    const forged = { ...proof, proof: [...proof.proof] };
    forged.proof[1] = forged.proof[1].replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(proofProblem(forged, key)).toMatch(/do not reach the checkpoint's tree head/);
    expect(proofProblem({ ...proof, content: proof.content!.replace('NOT_FOUND', 'MATCHED') }, key)).toMatch(/does not hash/);
    const file = join(dir, 'proof.json');
    expect((await lgspAudit(db.scratch.url, 'prove', 'land', 'p13', '--out', file)).code).toBe(0);
    expect(await lgspAudit('postgres://nobody@127.0.0.1:1/none', 'check-proof', file)).toMatchObject({ code: 0 });
    writeFileSync(file, JSON.stringify(forged));
    expect(await lgspAudit('postgres://nobody@127.0.0.1:1/none', 'check-proof', file)).toMatchObject({ code: 1 });
    const missing = await lgspAudit(db.scratch.url, 'prove', 'land', 'nobody');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no logged decision of land/nobody');
    expect(missing.err).toContain('next:');
  });

  it('could not check: exit 2 with the cause and the next step', async () => {
    const cli = await lgspAudit(db.scratch.url, 'verify', '--file', join(dir, 'no-such-file.jsonl'));
    expect(cli.code).toBe(2);
    expect(cli.err).toMatch(/could not check: .*no-such-file/);
    expect(cli.err).toContain('next:');
  });

  it('checks an intact log page by page in PostgreSQL, on rows with every kind of value the content spells', async () => {
    await freshLog();
    // Awkward values: quotes, backslashes, control and non-ASCII characters, numbers in the jsonb, nulls and not.
    await results.record(
      pool,
      [
        testDecision(31, { entityId: 'p"31\\ \u0001 Đắk Lắk\t', citizenId: '066085000123', registryVersion: 7 }),
        testDecision(32, {
          outcome: 'MISMATCHED',
          differences: [{ field: 'fullName', kind: 'TONE_PLACEMENT', rule: 'name.tone-placement' }] as Decision['differences'],
          evidence: { notes: ['ngày "sinh"\n'], weight: 4.25, big: 1e21, tiny: 0.000001 } as unknown as Decision['evidence'],
          candidates: [{ citizenId: '066085000124', weight: -3.5 }] as unknown as Decision['candidates'],
        }),
      ],
      new Date(),
    );
    const page = await new DecisionLogRepository().verifyPage(pool, 0, 100);
    // No row differs: the fast comparison agrees with audit.decision_content on all of them, so no page is read twice.
    expect(page).toMatchObject({ count: 32, first: 1, last: 32, differing: 0 });
    expect(page.leaves.length).toBe(32 * 32);
    expect(await verifyDatabase(pool, { trusted: key })).toMatchObject({ ok: true, entries: 32 });
    await pool.query(`UPDATE reconciliation.decisions SET outcome = 'MATCHED' WHERE entity_id = 'p32'`);
    expect((await new DecisionLogRepository().verifyPage(pool, 0, 100)).differing).toBe(1);
    expect((await verifyDatabase(pool, { trusted: key })).first).toMatchObject({ kind: 'decision-edited', position: 32 });
  });
});
