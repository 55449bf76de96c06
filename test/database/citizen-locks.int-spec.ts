import { createPool, createScratchDatabase, ScratchDatabase } from '@lgsp/database';
import { lockCitizens, lockCitizensOfSource } from '@lgsp/reconciliation';
import { Pool, PoolClient } from 'pg';
import { databaseServerUrl } from '../support/environment';

/**
 * Who waits for whom, on the real PostgreSQL: a transaction holds a citizen's locks, and a second
 * one tries to take its own with a short lock_timeout (55P03 means it would have waited).
 */
describe('citizen locks on the real PostgreSQL', () => {
  const CITIZEN = '066085001234';
  let scratch: ScratchDatabase;
  let pool: Pool;

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseServerUrl(), 'lgsp_locks');
    pool = createPool(scratch.url, { max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await scratch?.drop();
  });

  async function waits(holder: (c: PoolClient) => Promise<void>, contender: (c: PoolClient) => Promise<void>): Promise<boolean> {
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      await a.query('BEGIN');
      await holder(a);
      await b.query('BEGIN');
      await b.query(`SET LOCAL lock_timeout = '200ms'`);
      try {
        await contender(b);
        return false;
      } catch (e) {
        if ((e as { code?: string }).code === '55P03') return true;
        throw e;
      } finally {
        await b.query('ROLLBACK');
      }
    } finally {
      await a.query('ROLLBACK');
      a.release();
      b.release();
    }
  }

  const ofSource = (source: string) => (c: PoolClient) => lockCitizensOfSource(c, source, [CITIZEN]);
  const registry = (c: PoolClient) => lockCitizens(c, [CITIZEN]);

  it('lets two sources work on one citizen at once', async () => {
    expect(await waits(ofSource('land'), ofSource('insurance'))).toBe(false);
  });

  it('makes one source wait for itself on the same citizen, not on another citizen', async () => {
    expect(await waits(ofSource('land'), ofSource('land'))).toBe(true);
    expect(await waits(ofSource('land'), (c) => lockCitizensOfSource(c, 'land', ['034192004567']))).toBe(false);
  });

  it('makes a registry change and any source wait for each other', async () => {
    expect(await waits(registry, ofSource('business'))).toBe(true);
    expect(await waits(ofSource('business'), registry)).toBe(true);
    expect(await waits(registry, registry)).toBe(true);
  });
});
