import type { SourceName } from '@lgsp/contracts';
import { SOURCE_TABLES } from './source-tables';
import type { Queryable } from '@lgsp/database';

/** An outbox row as the relay publishes it. */
export interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  /** The event as JSON text, committedAt included. */
  event: string;
  traceId: string;
  schemaVersion: string;
  committedAt: string;
}

/** Lock keys: one per source outbox, so writers and relays of different sources never wait on each other. */
const WRITER_LOCK = 0x6c677370; // "lgsp"
const RELAY_LOCK = 0x72656c61; // "rela"
const SOURCE_LOCK_ID: Record<SourceName, number> = { population: 1, land: 2, insurance: 3, business: 4 };

export class OutboxRepository {
  /**
   * Appends events (JSON objects without committedAt, as one JSON array) in the caller's
   * transaction and stamps them with the source database's clock: the time of this last
   * statement before COMMIT is the commit time consumers measure lag from.
   *
   * Writers of one source are serialised from here to their COMMIT by a transaction-level
   * lock, so ids become visible in id order and the relay, which publishes in id order,
   * never passes over a lower id that commits later.
   */
  async append(
    db: Queryable,
    source: SourceName,
    topic: string,
    keys: (string | null)[],
    eventsJsonArray: string,
  ): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock($1, $2)`, [WRITER_LOCK, SOURCE_LOCK_ID[source]]);
    await db.query(
      `WITH stamp AS (
         SELECT jsonb_build_object('committedAt', to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) AS committed
       )
       INSERT INTO ${SOURCE_TABLES[source].outbox} (topic, key, event)
       SELECT $1, e.key, e.event || stamp.committed
       FROM ROWS FROM (unnest($2::text[]), jsonb_array_elements($3::jsonb)) WITH ORDINALITY AS e(key, event, ord), stamp
       ORDER BY e.ord`,
      [topic, keys, eventsJsonArray],
    );
  }

  /** A number never handed out before for this source: the position of a live change. */
  async nextChangeSequence(db: Queryable, source: SourceName): Promise<string> {
    const r = await db.query(`SELECT nextval('${SOURCE_TABLES[source].schema}.live_change_seq') AS n`);
    return String(r.rows[0].n);
  }

  /** True when this transaction may relay the source; one relay per source keeps its order. */
  async tryLockForRelay(db: Queryable, source: SourceName): Promise<boolean> {
    const r = await db.query(`SELECT pg_try_advisory_xact_lock($1, $2) AS ok`, [RELAY_LOCK, SOURCE_LOCK_ID[source]]);
    return r.rows[0].ok === true;
  }

  async oldest(db: Queryable, source: SourceName, limit: number): Promise<OutboxRow[]> {
    const r = await db.query(
      // Ordered by the bigint column, not by the text alias of the same name.
      `SELECT o.id::text AS id, o.topic, o.key, o.event::text AS event, o.event->>'traceId' AS "traceId",
              o.event->>'schemaVersion' AS "schemaVersion", o.event->>'committedAt' AS "committedAt"
       FROM ${SOURCE_TABLES[source].outbox} o ORDER BY o.id LIMIT $1`,
      [limit],
    );
    return r.rows as OutboxRow[];
  }

  async remove(db: Queryable, source: SourceName, fromId: string, toId: string): Promise<void> {
    await db.query(`DELETE FROM ${SOURCE_TABLES[source].outbox} WHERE id BETWEEN $1 AND $2`, [fromId, toId]);
  }

  async pending(db: Queryable, source: SourceName): Promise<number> {
    const r = await db.query(`SELECT count(*) AS n FROM ${SOURCE_TABLES[source].outbox}`);
    return Number(r.rows[0].n);
  }
}
