import { Pool } from 'pg';

/**
 * A pool for a test's own queries. An idle connection the server ends (the forced drop of a scratch database, a busy
 * CI's server) is an 'error' event of the pool; unheard, Node turns it into an unhandled error that fails the whole
 * file, whatever its tests asserted. The next query takes a new connection, so the event needs no other answer.
 */
export function testPool(connectionString: string, max: number): Pool {
  const pool = new Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}
