import { Pool } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { ratePerSecond } from './bench-stats';
import { Throughput } from './raw-consume';

/**
 * The write ceiling: PostgreSQL's bulk load (COPY … FROM STDIN) of the very result rows the
 * pipeline wrote, into a copy of reconciliation.results (same columns, primary key and
 * indexes; no metric triggers). The rows are read out first (COPY TO, untimed); the load is
 * repeated into a truncated table until it has written at least `minRows` rows.
 */
export async function copyWriteRate(pool: Pool, minRows = 100_000): Promise<Throughput & { rows: number }> {
  const client = await pool.connect();
  try {
    const chunks: Buffer[] = [];
    await pipeline(
      client.query(copyTo('COPY reconciliation.results TO STDOUT')),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback();
        },
      }),
    );
    const rows = Number((await client.query('SELECT count(*) AS n FROM reconciliation.results')).rows[0].n);
    if (rows === 0) throw new Error('no result rows to copy');
    await client.query('CREATE SCHEMA IF NOT EXISTS bench');
    await client.query('CREATE TABLE bench.copied_results (LIKE reconciliation.results INCLUDING ALL)');
    let written = 0;
    let elapsedMs = 0;
    do {
      await client.query('TRUNCATE bench.copied_results');
      const started = process.hrtime.bigint();
      await pipeline(Readable.from(chunks), client.query(copyFrom('COPY bench.copied_results FROM STDIN')));
      elapsedMs += Number(process.hrtime.bigint() - started) / 1e6;
      written += rows;
    } while (written < minRows);
    await client.query('DROP TABLE bench.copied_results');
    return { rows, messages: written, elapsedMs, rps: ratePerSecond(written, elapsedMs) };
  } finally {
    client.release();
  }
}
