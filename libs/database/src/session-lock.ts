import type { Pool, PoolClient } from 'pg';

/**
 * A PostgreSQL session advisory lock, held on a connection of its own for as long as this process keeps it
 * (the monitor's leadership). The connection is checked out the whole time, so every way out gives it back:
 * a failed attempt and a session lost while holding destroy it (released with the error), a refusal and a
 * release return it. A connection left checked out is lost to the pool for good, and pg's `end()` waits on
 * it for ever: a worker's stop hung that way after a PostgreSQL restart.
 */
export class SessionLock {
  private client: PoolClient | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly key: number,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  /** Takes the lock if no other session holds it; true while held (asking again costs nothing). */
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = await this.pool.connect();
    let got: boolean;
    try {
      got = (await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock($1) AS got`, [this.key])).rows[0].got;
    } catch (e) {
      client.release(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    if (!got) {
      client.release();
      return false;
    }
    // A broken session has lost the lock with it; its connection is destroyed, not kept.
    client.on('error', (e) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.release(e);
    });
    this.client = client;
    return true;
  }

  /** Gives the lock up: its connection is destroyed with it, so no session in the pool keeps holding it. */
  release(): void {
    const client = this.client;
    this.client = undefined;
    client?.release(true);
  }
}
