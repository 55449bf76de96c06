import { createPool, createScratchDatabase, inRetriedTransaction, inTransaction, ScratchDatabase } from '@lgsp/database';
import { Pool, PoolClient } from 'pg';
import { databaseServerUrl } from '../support/environment';

/** Two transactions that take the same two locks in opposite orders: PostgreSQL aborts one. */
describe('inRetriedTransaction on the real PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let pool: Pool;

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseServerUrl(), 'lgsp_retry');
    pool = createPool(scratch.url, { max: 4 });
    await pool.query(`SET deadlock_timeout = '50ms'`);
    await pool.query(`CREATE TABLE ledger (writer text NOT NULL)`);
  });
  afterAll(async () => {
    await pool?.end();
    await scratch?.drop();
  });

  /** Locks `first`, waits until the other side holds its own first lock, then locks `second`. */
  function crossing(first: number, second: number, mine: Barrier, theirs: Barrier, writer: string) {
    return async (client: PoolClient) => {
      await client.query(`SET LOCAL deadlock_timeout = '50ms'`);
      await client.query('SELECT pg_advisory_xact_lock($1)', [first]);
      mine.open();
      await theirs.wait();
      await client.query('SELECT pg_advisory_xact_lock($1)', [second]);
      await client.query('INSERT INTO ledger (writer) VALUES ($1)', [writer]);
    };
  }

  it('plain transactions: PostgreSQL detects the deadlock and one of them fails', async () => {
    const [a, b] = [new Barrier(), new Barrier()];
    const results = await Promise.allSettled([
      inTransaction(pool, crossing(1, 2, a, b, 'a')),
      inTransaction(pool, crossing(2, 1, b, a, 'b')),
    ]);
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(failed).toHaveLength(1);
    expect((failed[0].reason as { code: string }).code).toBe('40P01');
  });

  it('retried transactions: the victim runs again and both commit, once each', async () => {
    await pool.query('TRUNCATE ledger');
    const [a, b] = [new Barrier(), new Barrier()];
    const retries: number[] = [];
    await Promise.all([
      inRetriedTransaction(pool, crossing(11, 12, a, b, 'a'), { onRetry: (_, n) => retries.push(n) }),
      inRetriedTransaction(pool, crossing(12, 11, b, a, 'b'), { onRetry: (_, n) => retries.push(n) }),
    ]);
    expect(retries).toEqual([1]);
    const rows = (await pool.query('SELECT writer FROM ledger ORDER BY writer')).rows;
    expect(rows).toEqual([{ writer: 'a' }, { writer: 'b' }]);
  });

  it('does not retry other errors', async () => {
    let runs = 0;
    await expect(
      inRetriedTransaction(pool, async (client) => {
        runs++;
        await client.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(runs).toBe(1);
  });
});

/** Opens once; waiting on an opened barrier returns at once (a retried run passes straight through). */
class Barrier {
  private resolve!: () => void;
  private readonly opened = new Promise<void>((r) => (this.resolve = r));
  open(): void {
    this.resolve();
  }
  wait(): Promise<void> {
    return this.opened;
  }
}
