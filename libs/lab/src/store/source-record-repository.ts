import type { SourceName } from '@lgsp/contracts';
import type { RecordOf } from '../events/sync-event-factory';
import { SOURCE_TABLES } from './source-tables';
import type { Queryable } from '@lgsp/database';

/** The records of the four mock national databases. */
export class SourceRecordRepository {
  /**
   * Inserts many records in one statement. They travel as a single JSON array, parsed once
   * by PostgreSQL, which is far cheaper than a parameter per field or a row per statement.
   */
  async insertMany(db: Queryable, source: SourceName, firstSeq: number, recordsJsonArray: string): Promise<void> {
    await db.query(
      `INSERT INTO ${SOURCE_TABLES[source].records} (seq, record)
       SELECT $1::bigint + r.ord - 1, r.record FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS r(record, ord)`,
      [firstSeq, recordsJsonArray],
    );
  }

  async insert<S extends SourceName>(db: Queryable, source: S, record: RecordOf<S>): Promise<void> {
    const table = SOURCE_TABLES[source].records;
    await db.query(`INSERT INTO ${table} (seq, record) SELECT coalesce(max(seq) + 1, 0), $1::jsonb FROM ${table}`, [
      JSON.stringify(record),
    ]);
  }

  /** The record at a position, locked until the transaction ends; undefined past the end. */
  async lockBySeq<S extends SourceName>(db: Queryable, source: S, seq: number): Promise<RecordOf<S> | undefined> {
    const r = await db.query(`SELECT record FROM ${SOURCE_TABLES[source].records} WHERE seq = $1 FOR UPDATE`, [seq]);
    return r.rows[0]?.record as RecordOf<S> | undefined;
  }

  async findByKey<S extends SourceName>(db: Queryable, source: S, key: string): Promise<RecordOf<S> | undefined> {
    const t = SOURCE_TABLES[source];
    const r = await db.query(`SELECT record FROM ${t.records} WHERE ${t.keyColumn} = $1`, [key]);
    return r.rows[0]?.record as RecordOf<S> | undefined;
  }

  async exists(db: Queryable, source: SourceName, key: string): Promise<boolean> {
    const t = SOURCE_TABLES[source];
    const r = await db.query(`SELECT 1 FROM ${t.records} WHERE ${t.keyColumn} = $1`, [key]);
    return (r.rowCount ?? 0) > 0;
  }

  async update<S extends SourceName>(db: Queryable, source: S, key: string, record: RecordOf<S>): Promise<void> {
    const t = SOURCE_TABLES[source];
    const r = await db.query(`UPDATE ${t.records} SET record = $2::jsonb, updated_at = now() WHERE ${t.keyColumn} = $1`, [
      key,
      JSON.stringify(record),
    ]);
    if (r.rowCount !== 1) throw new Error(`${source} record to update not found`);
  }

  /** Number of positions in use: records are numbered densely from 0 and never removed. */
  async size(db: Queryable, source: SourceName): Promise<number> {
    const r = await db.query(`SELECT coalesce(max(seq) + 1, 0) AS n FROM ${SOURCE_TABLES[source].records}`);
    return Number(r.rows[0].n);
  }

  async count(db: Queryable, source: SourceName): Promise<number> {
    const r = await db.query(`SELECT count(*) AS n FROM ${SOURCE_TABLES[source].records}`);
    return Number(r.rows[0].n);
  }

  /** Empties a source before a new snapshot replaces it (its undelivered events go too). */
  async clear(db: Queryable, source: SourceName): Promise<void> {
    const t = SOURCE_TABLES[source];
    await db.query(`TRUNCATE ${t.records}, ${t.outbox} RESTART IDENTITY`);
  }
}
