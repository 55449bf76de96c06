import { DecisionLogRepository, leafHash, LogVerifier, StoredEntry } from '@lgsp/audit';
import { inTransaction } from '@lgsp/database';
import { Decision, ResultsRepository } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { testDecision, testEventId } from '../support/decisions';
import { migratedTestDatabase, TestDatabase } from '../support/environment';
import { testPool } from '../support/test-pool';

function decision(entityId: string, cause: number): Decision {
  return testDecision(cause, { entityId, outcome: 'MATCHED', citizenId: '066085000001', registryVersion: 1 });
}
const EVENT = testEventId;

/** The decision log on the real PostgreSQL: appended with each decision write, in one total order, never edited. */
describe('the decision log (audit.decision_log)', () => {
  let db: TestDatabase;
  let pool: Pool;
  const results = new ResultsRepository();
  const log = new DecisionLogRepository();
  const entries = async (): Promise<StoredEntry[]> => log.page(pool, 0, 100_000, true);

  beforeAll(async () => {
    db = await migratedTestDatabase();
    pool = testPool(db.scratch.url, 8);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('logs each decision of a committed transaction, in write order, with the leaf of its content and an unbroken chain', async () => {
    await inTransaction(pool, async (tx) => {
      await results.record(tx, [decision('p1', 1), decision('p2', 2)], new Date());
      // Deferred to COMMIT: nothing is logged while the transaction is still writing.
      expect((await tx.query(`SELECT count(*)::int AS n FROM audit.decision_log`)).rows[0].n).toBe(0);
    });
    await results.record(pool, [decision('p1', 3)], new Date());
    const logged = await entries();
    expect(logged.map((e) => [e.position, e.decisionId])).toEqual([
      [1, `land/p1/${EVENT(1)}`],
      [2, `land/p2/${EVENT(2)}`],
      [3, `land/p1/${EVENT(3)}`],
    ]);
    // The leaf is RFC 9162's SHA-256(0x00 || content), the same in Node as in PostgreSQL.
    for (const e of logged) expect(leafHash(e.content!).equals(e.leafHash)).toBe(true);
    const verifier = new LogVerifier([], null);
    for (const e of logged) verifier.push(e);
    expect(verifier.finish()).toMatchObject({ ok: true, entries: 3, findings: [] });
  });

  it('logs nothing of a transaction that rolls back, and a redelivered decision once', async () => {
    const before = await log.size(pool);
    await expect(
      inTransaction(pool, async (tx) => {
        await results.record(tx, [decision('p9', 9)], new Date());
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await results.record(pool, [decision('p1', 1)], new Date()); // already decided: not new
    expect(await log.size(pool)).toBe(before);
  });

  it('orders concurrent writers totally: positions without gaps, one per decision, the chain unbroken', async () => {
    const before = await log.size(pool);
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        inTransaction(pool, (tx) =>
          results.record(
            tx,
            Array.from({ length: 25 }, (_, i) => decision(`w${w}.${i}`, 1000 + w * 100 + i)),
            new Date(),
          ),
        ),
      ),
    );
    const logged = await entries();
    expect(logged.length).toBe(before + 200);
    expect(logged.map((e) => e.position)).toEqual(logged.map((_, i) => i + 1));
    const decisions = Number((await pool.query(`SELECT count(*) FROM reconciliation.decisions`)).rows[0].count);
    expect(new Set(logged.map((e) => e.decisionId)).size).toBe(decisions);
    // One writer's decisions are contiguous: the lock is taken at its commit, for all of them.
    const writerOf = logged.slice(before).map((e) => e.decisionId.split('/')[1].split('.')[0]);
    expect(writerOf.filter((w, i) => i === 0 || w !== writerOf[i - 1]).length).toBe(8);
    const verifier = new LogVerifier([], null);
    for (const e of logged) verifier.push(e);
    expect(verifier.finish().ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log', async () => {
    await expect(pool.query(`UPDATE audit.decision_log SET leaf_hash = chain_hash WHERE position = 1`)).rejects.toThrow(
      /audit.decision_log is append-only: UPDATE refused/,
    );
    await expect(pool.query(`DELETE FROM audit.decision_log WHERE position = 1`)).rejects.toThrow(/DELETE refused/);
    await expect(pool.query(`TRUNCATE audit.decision_log`)).rejects.toThrow(/TRUNCATE refused/);
    expect((await entries())[0].position).toBe(1);
  });
});
