import type { CitizenRecord } from '@lgsp/contracts';
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';
import type { BlockingKeyPair, LegacyIdPair } from './citizen-changes';

export interface StoredCitizen {
  citizenId: string;
  legacyId: string | null;
  record: CitizenRecord | null;
  deleted: boolean;
  version: number;
}

export interface CitizenStateRow {
  citizenId: string;
  legacyId: string | null;
  record: CitizenRecord | null;
  deleted: boolean;
  version: number;
  committedAt: string;
  eventId: string;
}

export interface CitizenHistoryRow extends CitizenStateRow {
  topic: string;
  partition: number;
  offset: string;
}

/** Registries smaller than this are counted, not estimated (estimatedSize). */
const COUNTED_BELOW = 1_000_000;

/** SQL of the registry view: current citizens, their history, legacy IDs and blocking keys. */
@Injectable()
export class RegistryRepository {
  async findCurrent(sql: Sql, citizenIds: string[]): Promise<Map<string, StoredCitizen>> {
    const out = new Map<string, StoredCitizen>();
    if (citizenIds.length === 0) return out;
    const r = await sql.query(
      `SELECT citizen_id, legacy_id, record, deleted, version FROM registry.citizens WHERE citizen_id = ANY($1::text[])`,
      [citizenIds],
    );
    for (const row of r.rows) {
      out.set(row.citizen_id, {
        citizenId: row.citizen_id,
        legacyId: row.legacy_id,
        record: row.record,
        deleted: row.deleted,
        version: row.version,
      });
    }
    return out;
  }

  /** Maps legacy 9-digit IDs to the 12-digit IDs that replaced them. */
  async resolveLegacyIds(sql: Sql, legacyIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (legacyIds.length === 0) return out;
    const r = await sql.query(`SELECT legacy_id, citizen_id FROM registry.legacy_ids WHERE legacy_id = ANY($1::text[])`, [
      legacyIds,
    ]);
    for (const row of r.rows) out.set(row.legacy_id, row.citizen_id);
    return out;
  }

  async appliedEventIds(sql: Sql, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const r = await sql.query(`SELECT event_id FROM registry.citizen_history WHERE event_id = ANY($1::uuid[])`, [eventIds]);
    return new Set(r.rows.map((row) => row.event_id as string));
  }

  async appendHistory(sql: Sql, rows: CitizenHistoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    // Rows as one JSON document: the records are encoded once, not again as array literals.
    await sql.query(
      `INSERT INTO registry.citizen_history (citizen_id, version, valid_from, record, event_id, topic, partition, "offset")
       SELECT citizen_id, version, valid_from, record, event_id, topic, partition, "offset"
       FROM json_to_recordset($1::json) AS x(citizen_id text, version int, valid_from timestamptz, record jsonb, event_id uuid,
         topic text, partition int, "offset" bigint)
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          rows.map((r) => ({
            citizen_id: r.citizenId,
            version: r.version,
            valid_from: r.committedAt,
            record: r.record,
            event_id: r.eventId,
            topic: r.topic,
            partition: r.partition,
            offset: r.offset,
          })),
        ),
      ],
    );
  }

  async upsertCurrent(sql: Sql, rows: CitizenStateRow[]): Promise<void> {
    if (rows.length === 0) return;
    await sql.query(
      `INSERT INTO registry.citizens (citizen_id, legacy_id, record, deleted, version, committed_at, event_id)
       SELECT citizen_id, legacy_id, record, deleted, version, committed_at, event_id
       FROM json_to_recordset($1::json) AS x(citizen_id text, legacy_id text, record jsonb, deleted boolean, version int,
         committed_at timestamptz, event_id uuid)
       ON CONFLICT (citizen_id) DO UPDATE SET legacy_id = EXCLUDED.legacy_id, record = EXCLUDED.record, deleted = EXCLUDED.deleted,
         version = EXCLUDED.version, committed_at = EXCLUDED.committed_at, event_id = EXCLUDED.event_id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            citizen_id: r.citizenId,
            legacy_id: r.legacyId,
            record: r.record,
            deleted: r.deleted,
            version: r.version,
            committed_at: r.committedAt,
            event_id: r.eventId,
          })),
        ),
      ],
    );
  }

  /**
   * Maps legacy IDs to their citizens (a legacy ID claimed again moves to the later claimant) and
   * removes the stale pairs, each by its own key.
   */
  async replaceLegacyIds(sql: Sql, stale: LegacyIdPair[], current: LegacyIdPair[]): Promise<void> {
    if (stale.length > 0)
      await sql.query(
        `DELETE FROM registry.legacy_ids l USING unnest($1::text[], $2::text[]) AS x(legacy_id, citizen_id)
         WHERE l.legacy_id = x.legacy_id AND l.citizen_id = x.citizen_id`,
        [stale.map((p) => p.legacyId), stale.map((p) => p.citizenId)],
      );
    if (current.length === 0) return;
    await sql.query(
      `INSERT INTO registry.legacy_ids (legacy_id, citizen_id) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (legacy_id) DO UPDATE SET citizen_id = EXCLUDED.citizen_id`,
      [current.map((p) => p.legacyId), current.map((p) => p.citizenId)],
    );
  }

  /** Removes the keys citizens no longer have and adds the ones they gain, each by its own key. */
  async replaceBlockingKeys(sql: Sql, stale: BlockingKeyPair[], added: BlockingKeyPair[]): Promise<void> {
    if (stale.length > 0)
      await sql.query(
        `DELETE FROM registry.blocking_keys b USING unnest($1::text[], $2::text[]) AS x(key, citizen_id)
         WHERE b.key = x.key AND b.citizen_id = x.citizen_id`,
        [stale.map((p) => p.key), stale.map((p) => p.citizenId)],
      );
    if (added.length === 0) return;
    await sql.query(
      `INSERT INTO registry.blocking_keys (key, citizen_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
      [added.map((p) => p.key), added.map((p) => p.citizenId)],
    );
  }

  /**
   * How many citizens the registry holds, estimated from PostgreSQL's statistics instead of counted
   * (a count scans millions of rows): the greater of the planner's row count, which lags growth
   * until the next analyze, and the statistics' live rows, which start from 0 after a crash or a
   * statistics reset. Both include deleted citizens, a small share.
   *
   * Under a million, the rows are counted instead: a registry loaded moments ago has no statistics yet
   * (reltuples -1 until the first analyze, live rows flushed to the statistics a second or more after
   * each transaction), and an estimate of 0 made the prior 1 in 2. Counting that many is a few tens
   * of milliseconds, once per refresh.
   */
  async estimatedSize(sql: Sql): Promise<number> {
    const r = await sql.query(
      `WITH estimate AS (
         SELECT GREATEST(c.reltuples, COALESCE(s.n_live_tup, 0), 0)::float8 AS n
         FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
         WHERE c.oid = 'registry.citizens'::regclass)
       SELECT CASE WHEN n < $1 THEN (SELECT count(*) FROM registry.citizens)::float8 ELSE n END AS n FROM estimate`,
      [COUNTED_BELOW],
    );
    return Math.round(Number(r.rows[0]?.n ?? 0));
  }

  /**
   * Citizens sharing any blocking key, at most `perKey` per key (a common key must not flood the
   * search). The cap keeps the lowest citizen IDs and the lists come in that order, so two runs
   * on the same registry find the same candidates (an unordered LIMIT kept whichever rows the
   * scan met first).
   */
  async candidatesByKeys(sql: Sql, keys: string[], perKey = 40): Promise<Map<string, StoredCitizen[]>> {
    const out = new Map<string, StoredCitizen[]>();
    if (keys.length === 0) return out;
    const r = await sql.query(
      `SELECT q.key, c.citizen_id, c.legacy_id, c.record, c.deleted, c.version
       FROM unnest($1::text[]) AS q(key)
       CROSS JOIN LATERAL (SELECT citizen_id FROM registry.blocking_keys b WHERE b.key = q.key ORDER BY citizen_id LIMIT $2) k
       JOIN registry.citizens c ON c.citizen_id = k.citizen_id AND NOT c.deleted
       ORDER BY q.key, c.citizen_id`,
      [keys, perKey],
    );
    for (const row of r.rows) {
      let list = out.get(row.key);
      if (!list) out.set(row.key, (list = []));
      list.push({
        citizenId: row.citizen_id,
        legacyId: row.legacy_id,
        record: row.record,
        deleted: row.deleted,
        version: row.version,
      });
    }
    return out;
  }

  /** The citizen as the registry held them at a past time (for audits and replays). */
  async asOf(sql: Sql, citizenId: string, at: Date): Promise<{ version: number; record: CitizenRecord | null } | null> {
    const r = await sql.query(
      `SELECT version, record FROM registry.citizen_history WHERE citizen_id = $1 AND valid_from <= $2
       ORDER BY valid_from DESC, version DESC LIMIT 1`,
      [citizenId, at.toISOString()],
    );
    return r.rowCount === 0 ? null : { version: r.rows[0].version, record: r.rows[0].record };
  }
}
