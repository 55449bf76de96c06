import { Decision, decisionIdOf, ResultsRepository, Retraction } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { testDecision, testEventId } from '../support/decisions';
import { migratedTestDatabase, TestDatabase } from '../support/environment';
import { testPool } from '../support/test-pool';

const EVENT = testEventId;

function decision(entityId: string, cause: number, outcome: Decision['outcome']): Decision {
  return testDecision(cause, { entityId, outcome, sequence: cause });
}

const AT = new Date('2026-12-01T00:00:00.000Z');

function retraction(entityId: string, cause: number): Retraction {
  const { source, input, ruleVersion } = decision(entityId, cause, 'MATCHED');
  return {
    source,
    entityId,
    reason: 'RECORD_DELETED',
    cause: 'record-event',
    causeEventId: EVENT(cause),
    input,
    ruleVersion,
    sequence: 9,
  };
}

/** The results' statements on the real PostgreSQL, without the broker. */
describe('results repository on the real PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  const results = new ResultsRepository();
  const current = async () =>
    (await pool.query(`SELECT entity_id, outcome FROM reconciliation.results ORDER BY entity_id`)).rows.map((r) => [
      r.entity_id,
      r.outcome,
    ]);
  const historyCount = async () => Number((await pool.query(`SELECT count(*) FROM reconciliation.decisions`)).rows[0].count);

  beforeAll(async () => {
    db = await migratedTestDatabase();
    pool = testPool(db.scratch.url, 1);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('appends each decision once and makes the latest current; a redelivered one changes nothing', async () => {
    const first = await results.record(pool, [decision('p1', 1, 'NOT_FOUND'), decision('p2', 2, 'MATCHED')], AT);
    expect(first.map(decisionIdOf)).toEqual(['land/p1/' + EVENT(1), 'land/p2/' + EVENT(2)]);
    const later = await results.record(pool, [decision('p1', 3, 'MATCHED'), decision('p2', 2, 'MISMATCHED')], AT);
    // p2's decision of event 2 is already recorded: not new, and its current row keeps the first answer.
    expect(later.map((d) => d.entityId)).toEqual(['p1']);
    expect(await current()).toEqual([
      ['p1', 'MATCHED'],
      ['p2', 'MATCHED'],
    ]);
    expect(await historyCount()).toBe(3);
  });

  it("keeps each decision's sequence and time, in the history and the current row", async () => {
    const rows = await pool.query(`SELECT sequence, decided_at FROM reconciliation.results WHERE entity_id = 'p1'`);
    expect(rows.rows).toEqual([{ sequence: 3, decided_at: AT }]);
  });

  it('retracts deleted records once: a RETRACTED entry in the history, the current result gone', async () => {
    const fresh = await results.retract(pool, [retraction('p1', 10), { ...retraction('p2', 11), source: 'insurance' }], AT);
    expect(fresh.map(decisionIdOf)).toEqual([`land/p1/${EVENT(10)}`, `insurance/p2/${EVENT(11)}`]);
    // Only the land record p1 had a result; the insurance p2 is another record.
    expect(await current()).toEqual([['p2', 'MATCHED']]);
    expect(await historyCount()).toBe(5);
    const entry = await pool.query(`SELECT outcome, sequence, evidence FROM reconciliation.decisions WHERE cause_event_id = $1`, [
      EVENT(10),
    ]);
    expect(entry.rows).toEqual([{ outcome: 'RETRACTED', sequence: 9, evidence: { reason: 'RECORD_DELETED' } }]);
    expect(await results.retract(pool, [retraction('p1', 10)], AT)).toEqual([]);
  });
});
