import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckpointsRepository,
  DecisionLogRepository,
  keyIdOf,
  LogVerifier,
  makeCheckpoint,
  merkleRoot,
  publicKeyFromPem,
  seedOf,
  signingKeyOf,
} from '@lgsp/audit';
import { loadSettings } from '@lgsp/config';
import { Decision, ResultsRepository } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { testDecision } from '../support/decisions';
import { migratedTestDatabase, TestDatabase } from '../support/environment';
import { testPool } from '../support/test-pool';

function decision(n: number): Decision {
  return testDecision(n);
}

/** Signed checkpoints of the decision log on the real PostgreSQL. */
describe('decision log checkpoints', () => {
  let db: TestDatabase;
  let pool: Pool;
  const key = generateKeyPairSync('ed25519').privateKey;
  const results = new ResultsRepository();
  const checkpoints = new CheckpointsRepository();
  const decide = (from: number, n: number) =>
    results.record(
      pool,
      Array.from({ length: n }, (_, i) => decision(from + i)),
      new Date(),
    );

  beforeAll(async () => {
    db = await migratedTestDatabase();
    pool = testPool(db.scratch.url, 4); // idle connections the server ends (see decision-log.int-spec.ts)
  });
  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('signs the tree head and chain head, going on from the last checkpoint as if it had read the whole log', async () => {
    await decide(1, 7);
    const first = await makeCheckpoint(pool, key, null);
    expect(first).toMatchObject({ size: 7, keyId: keyIdOf(key) });
    expect(await makeCheckpoint(pool, key, null)).toBeNull(); // nothing new
    await decide(100, 30);
    const second = (await makeCheckpoint(pool, key, null))!;
    const leaves = await new DecisionLogRepository().leaves(pool, 37);
    expect(second.root).toBe(merkleRoot(leaves).toString('hex'));
    const all = await checkpoints.all(pool);
    expect(all.map((c) => c.size)).toEqual([7, 37]);
    const verifier = new LogVerifier(all, publicKeyFromPem(all[1].publicKey));
    for (const e of await new DecisionLogRepository().page(pool, 0, 1000, false)) verifier.push(e);
    expect(verifier.finish()).toMatchObject({ ok: true, checkpointsChecked: 2, signaturesChecked: true });
  });

  it('waits for N leaves or T seconds, whichever comes first', async () => {
    await decide(200, 3);
    const now = Date.now();
    expect(await makeCheckpoint(pool, key, { leaves: 5, seconds: 60 }, () => new Date(now))).toBeNull();
    await decide(300, 2);
    expect(await makeCheckpoint(pool, key, { leaves: 5, seconds: 60 }, () => new Date(now))).toMatchObject({ size: 42 });
    await decide(400, 1);
    expect(await makeCheckpoint(pool, key, { leaves: 5, seconds: 60 }, () => new Date(now + 30_000))).toBeNull();
    expect(await makeCheckpoint(pool, key, { leaves: 5, seconds: 60 }, () => new Date(now + 61_000))).toMatchObject({ size: 43 });
  });

  it('refuses to edit or delete a checkpoint', async () => {
    await expect(pool.query(`UPDATE audit.checkpoints SET signature = 'x'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(pool.query(`DELETE FROM audit.checkpoints`)).rejects.toThrow(/append-only: DELETE refused/);
  });
});

describe('the signing key', () => {
  it('comes from LGSP_AUDIT_SIGNING_KEY; a malformed one stops start-up naming the setting', () => {
    const seed = seedOf(generateKeyPairSync('ed25519').privateKey);
    const settings = loadSettings({ LGSP_AUDIT_SIGNING_KEY: seed });
    expect(seedOf(signingKeyOf(settings).key)).toBe(seed);
    expect(signingKeyOf(loadSettings({ LGSP_AUDIT_SIGNING_KEY: Buffer.from(seed, 'hex').toString('base64') })).origin).toBe(
      'setting',
    );
    expect(() => loadSettings({ LGSP_AUDIT_SIGNING_KEY: 'not-a-key' })).toThrow(/LGSP_AUDIT_SIGNING_KEY is malformed/);
  });

  it('without the setting: generated once beside the data directory (0600) and the same key after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lgsp-key-'));
    const settings = { auditSigningKey: null, dataDir: join(dir, 'pgdata') };
    const first = signingKeyOf(settings);
    expect(first).toMatchObject({ origin: 'generated', path: join(dir, 'audit-signing-key') });
    expect(statSync(first.path!).mode & 0o777).toBe(0o600);
    const again = signingKeyOf(settings);
    expect(again.origin).toBe('file');
    expect(seedOf(again.key)).toBe(readFileSync(first.path!, 'utf8').trim());
  });
});
