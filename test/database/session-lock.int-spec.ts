import { createPool, SessionLock } from '@lgsp/database';
import { Pool } from 'pg';
import { databaseServerUrl, eventually } from '../support/environment';
import { testPool } from '../support/test-pool';

const KEY = 1732599990;
const checkedOut = (pool: Pool) => pool.totalCount - pool.idleCount;

/** The monitor's leadership lock: every way out gives its connection back, so pg's end() never waits on it. */
describe('SessionLock on PostgreSQL', () => {
  let pool: Pool;
  let admin: Pool;

  beforeEach(() => {
    pool = createPool(databaseServerUrl(), { max: 3, logger: { warn: () => undefined } as never });
    admin = testPool(databaseServerUrl(), 1);
  });
  afterEach(async () => {
    await pool.end();
    await admin.end();
  });

  it('is held by one session at a time; a refused attempt returns its connection', async () => {
    const first = new SessionLock(pool, KEY);
    const second = new SessionLock(pool, KEY);
    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    expect({ checkedOut: checkedOut(pool), first: first.held, second: second.held }).toEqual({
      checkedOut: 1,
      first: true,
      second: false,
    });
    first.release();
    expect(await second.tryAcquire()).toBe(true);
    second.release();
    expect(checkedOut(pool)).toBe(0);
  });

  it('gives its connection back when the holding session is terminated, and can be taken again', async () => {
    const lock = new SessionLock(pool, KEY);
    expect(await lock.tryAcquire()).toBe(true);
    const holder = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`,
      [KEY],
    );
    expect(holder.rows).toHaveLength(1);
    await admin.query('SELECT pg_terminate_backend($1)', [holder.rows[0].pid]);
    await eventually(() => (!lock.held ? true : undefined), 10_000, 'the lost session to be noticed');
    expect(checkedOut(pool)).toBe(0);
    expect(await lock.tryAcquire()).toBe(true);
    lock.release();
  });

  it('gives its connection back when the attempt itself fails, so the pool ends at once', async () => {
    // A key PostgreSQL refuses: the query fails after the connection was checked out (as it does when the server goes away).
    const lock = new SessionLock(pool, 1.5);
    await expect(lock.tryAcquire()).rejects.toThrow(/bigint|integer/);
    expect({ held: lock.held, checkedOut: checkedOut(pool) }).toEqual({ held: false, checkedOut: 0 });
    const ended = Date.now();
    await pool.end();
    expect(Date.now() - ended).toBeLessThan(5000);
    pool = createPool(databaseServerUrl(), { max: 1, logger: { warn: () => undefined } as never });
  });
});
