import type { PersonRef, SectoralSource } from '@lgsp/contracts';
import type { KeptCandidate } from '@lgsp/domain';
import { Injectable } from '@nestjs/common';
import type { RecordKey } from '../record-key';
import { EventRef } from '../event-ref';
import { Sql } from '../sql';

export type { SectoralSource };

/** The latest known version of a sectoral record, as reconciliation needs it. */
export interface SectoralRecord {
  source: SectoralSource;
  entityId: string;
  /** The ID as recorded, trimmed: what the registry is searched by. */
  lookupId: string | null;
  /** The citizen the record resolved to (directly or through the legacy mapping). */
  citizenId: string | null;
  person: PersonRef | null;
  active: boolean;
  deleted: boolean;
  firstSeen: number;
  ref: EventRef;
  /** The sequence number of the record's last decision or retraction (0: none yet). */
  decisionSequence: number;
  /** What makes it the same thing as another record of its source naming the same citizen (duplicateIdentityOf). */
  duplicateIdentity: string | null;
  /** The W3C trace id of the latest event (stored for the record-status look-up; reconciliation does not read it). */
  traceId?: string | null;
}

function fromRow(row: Record<string, unknown>): SectoralRecord {
  return {
    source: row.source as SectoralSource,
    entityId: row.entity_id as string,
    lookupId: row.lookup_id as string | null,
    citizenId: row.citizen_id as string | null,
    person: row.person as PersonRef | null,
    active: row.active as boolean,
    deleted: row.deleted as boolean,
    firstSeen: Number(row.first_seen),
    decisionSequence: Number(row.decision_sequence ?? 0),
    duplicateIdentity: (row.duplicate_identity as string | null) ?? null,
    ref: {
      eventId: row.event_id as string,
      topic: row.topic as string,
      partition: row.partition as number,
      offset: String(row.offset),
      eventHash: row.event_hash as string,
      committedAt: (row.committed_at as Date).toISOString(),
    },
  };
}

/** A record still looking for its citizen, and the best candidates found for it so far (best first). */
export interface WaitingRecord {
  record: SectoralRecord;
  kept: KeptCandidate[];
}

/** The blocking keys of a record still looking for its citizen (none once it found them). */
export interface UnresolvedKeys {
  source: string;
  entityId: string;
  keys: string[];
  /** A record stored for the first time has no keys to replace. */
  isNew: boolean;
}

/** How a record was stored: its first-seen mark, and whether it was new. */
export interface StoredMark {
  firstSeen: number;
  isNew: boolean;
  /**
   * The sequence number reserved for the decision (or retraction) of the version just stored: one
   * more than the record's last. Reserved in the same statement, so the record's row is written once.
   */
  decisionSequence: number;
  /** The duplicate group the stored version belonged to, before this one replaced it (null: new or in none). */
  previousGroup: DuplicateGroupKey | null;
}

/** A duplicate group of one source: the records resolving to one citizen with one identity. */
export interface DuplicateGroupKey {
  citizenId: string;
  identity: string;
}

/** A record as its event brings it: the store adds the first-seen mark and keeps the decision sequence. */
export type IncomingRecord = Omit<SectoralRecord, 'firstSeen' | 'decisionSequence'>;

/** Most members of one duplicate group read back (the original and the first re-registrations). */
const GROUP_CAP = 50;

const COLUMNS = `source, entity_id, lookup_id, citizen_id, person, active, deleted, first_seen, event_id, topic, partition, "offset", event_hash, committed_at, decision_sequence, duplicate_identity`;

/** SQL of the sectoral records kept for reconciliation. */
@Injectable()
export class SectoralRecordsRepository {
  /**
   * Records whose recorded ID is one of these (new IDs or legacy IDs): they depend on those citizens.
   * One index probe per ID (`OFFSET 0` keeps the planner from turning it into a join): as
   * `lookup_id = ANY(…)` a server without fresh statistics read the whole table instead,
   * 228 ms per 450 IDs at half a million records, against 16 ms this way.
   */
  async findByLookupIds(sql: Sql, lookupIds: string[]): Promise<SectoralRecord[]> {
    if (lookupIds.length === 0) return [];
    const r = await sql.query(
      `SELECT s.* FROM unnest($1::text[]) AS q(lookup_id)
       CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM reconciliation.sectoral_records
         WHERE lookup_id = q.lookup_id AND NOT deleted OFFSET 0) s`,
      [[...new Set(lookupIds)]],
    );
    return r.rows.map(fromRow);
  }

  /**
   * Unresolved records (wrong or unknown ID) sharing a blocking key, with the candidates
   * their current result holds: a new citizen under that key may belong among them.
   * One index probe per key, as in findByLookupIds: the table grows with every record still waiting.
   */
  async findWaitingByKeys(sql: Sql, keys: string[]): Promise<WaitingRecord[]> {
    if (keys.length === 0) return [];
    const r = await sql.query(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `s.${c}`)
        .join(', ')}, r.candidates AS kept FROM reconciliation.sectoral_records s
       LEFT JOIN reconciliation.results r ON r.source = s.source AND r.entity_id = s.entity_id
       WHERE (s.source, s.entity_id) IN (SELECT u.source, u.entity_id FROM unnest($1::text[]) AS q(key)
           CROSS JOIN LATERAL (SELECT source, entity_id FROM reconciliation.unresolved_keys k WHERE k.key = q.key OFFSET 0) u)
         AND NOT s.deleted`,
      [[...new Set(keys)]],
    );
    return r.rows.map((row) => ({ record: fromRow(row), kept: (row.kept as KeptCandidate[] | null) ?? [] }));
  }

  /**
   * Stores each record unless the stored version is the same event (a redelivery), a later
   * event of the same partition (an older event delivered again), or, when the record's events
   * moved to another partition (its key is the holder's ID, so a holder change moves it), an event
   * committed later at the source: offsets of two partitions do not compare, so the contract
   * orders them by committedAt (ties by event id, so either arrival order ends the same). Returns the records stored,
   * with their first-seen mark, whether they are new, the sequence number their decision takes,
   * and the duplicate group the replaced version was in (its other members may need deciding again).
   */
  async upsertNewer(sql: Sql, records: readonly IncomingRecord[]): Promise<Map<string, StoredMark>> {
    const stored = new Map<string, StoredMark>();
    if (records.length === 0) return stored;
    const rows = records.map((r) => ({
      source: r.source,
      entity_id: r.entityId,
      lookup_id: r.lookupId,
      citizen_id: r.citizenId,
      person: r.person,
      active: r.active,
      deleted: r.deleted,
      event_id: r.ref.eventId,
      topic: r.ref.topic,
      partition: r.ref.partition,
      offset: r.ref.offset,
      event_hash: r.ref.eventHash,
      committed_at: r.ref.committedAt,
      duplicate_identity: r.duplicateIdentity,
      trace_id: r.traceId ?? null,
    }));
    // The statement's sub-queries see the table as it was before it: `previous` is the replaced version.
    const r = await sql.query(
      `WITH input AS MATERIALIZED (
         SELECT * FROM json_to_recordset($1::json) AS x(source text, entity_id text, lookup_id text, citizen_id text, person jsonb,
           active boolean, deleted boolean, event_id uuid, topic text, partition int, "offset" bigint, event_hash text,
           committed_at timestamptz, duplicate_identity text, trace_id text)),
       previous AS MATERIALIZED (
         SELECT p.source, p.entity_id, p.citizen_id, p.duplicate_identity FROM reconciliation.sectoral_records p
         JOIN input i USING (source, entity_id) WHERE NOT p.deleted)
       INSERT INTO reconciliation.sectoral_records AS s (source, entity_id, lookup_id, citizen_id, person, active, deleted, first_seen,
         event_id, topic, partition, "offset", event_hash, committed_at, duplicate_identity, trace_id, decision_sequence)
       SELECT source, entity_id, lookup_id, citizen_id, person, active, deleted, nextval('reconciliation.first_seen_seq'),
         event_id, topic, partition, "offset", event_hash, committed_at, duplicate_identity, trace_id, 1
       FROM input
       ON CONFLICT (source, entity_id) DO UPDATE SET lookup_id = EXCLUDED.lookup_id, citizen_id = EXCLUDED.citizen_id,
         person = EXCLUDED.person, active = EXCLUDED.active, deleted = EXCLUDED.deleted, event_id = EXCLUDED.event_id,
         topic = EXCLUDED.topic, partition = EXCLUDED.partition, "offset" = EXCLUDED."offset", event_hash = EXCLUDED.event_hash,
         committed_at = EXCLUDED.committed_at, duplicate_identity = EXCLUDED.duplicate_identity,
         trace_id = EXCLUDED.trace_id,
         decision_sequence = s.decision_sequence + 1
       WHERE s.event_id <> EXCLUDED.event_id
         AND CASE WHEN s.topic = EXCLUDED.topic AND s.partition = EXCLUDED.partition THEN s."offset" < EXCLUDED."offset"
           ELSE (EXCLUDED.committed_at, EXCLUDED.event_id) > (s.committed_at, s.event_id) END
       RETURNING s.entity_id, s.first_seen, s.decision_sequence, (xmax = 0) AS inserted,
         (SELECT v.citizen_id FROM previous v WHERE v.source = s.source AND v.entity_id = s.entity_id) AS previous_citizen_id,
         (SELECT v.duplicate_identity FROM previous v WHERE v.source = s.source AND v.entity_id = s.entity_id) AS previous_identity`,
      [JSON.stringify(rows)],
    );
    for (const row of r.rows) {
      const previousGroup =
        row.previous_citizen_id !== null && row.previous_identity !== null
          ? { citizenId: row.previous_citizen_id as string, identity: row.previous_identity as string }
          : null;
      stored.set(row.entity_id, {
        firstSeen: Number(row.first_seen),
        isNew: row.inserted,
        decisionSequence: Number(row.decision_sequence),
        previousGroup,
      });
    }
    return stored;
  }

  /** Records the sequence number each record's latest decision or retraction took. */
  async setDecisionSequences(sql: Sql, decided: readonly (RecordKey & { sequence: number })[]): Promise<void> {
    if (decided.length === 0) return;
    await sql.query(
      `UPDATE reconciliation.sectoral_records s SET decision_sequence = x.n
       FROM unnest($1::text[], $2::text[], $3::int[]) AS x(s, e, n) WHERE s.source = x.s AND s.entity_id = x.e`,
      [decided.map((d) => d.source), decided.map((d) => d.entityId), decided.map((d) => d.sequence)],
    );
  }

  /** Records the citizen each record now resolves to: duplicates are counted per citizen. */
  async setCitizen(sql: Sql, changes: readonly (RecordKey & { citizenId: string | null })[]): Promise<void> {
    if (changes.length === 0) return;
    await sql.query(
      `UPDATE reconciliation.sectoral_records s SET citizen_id = x.c
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(s, e, c) WHERE s.source = x.s AND s.entity_id = x.e`,
      [changes.map((c) => c.source), changes.map((c) => c.entityId), changes.map((c) => c.citizenId)],
    );
  }

  /**
   * The live records of a source in any of these duplicate groups (same citizen, same identity),
   * other than `excluded` (the records being decided, which the decide step compares itself).
   *
   * One index probe per group, on both columns of the (source, citizen) index, which the planner
   * takes even without statistics: as `citizen_id = ANY(…)`, a server without fresh statistics
   * (autovacuum off) chose the primary key's `source` prefix instead and read every record of the
   * source, 92–145 ms per 450 citizens at half a million records, against 4–8 ms. A group is
   * capped: a source that registered one thing hundreds of times needs no more to decide it.
   */
  async findDuplicateGroups(
    sql: Sql,
    source: SectoralSource,
    groups: readonly DuplicateGroupKey[],
    excluded: readonly string[] = [],
  ): Promise<SectoralRecord[]> {
    if (groups.length === 0) return [];
    const r = await sql.query(
      `SELECT m.* FROM unnest($2::text[], $3::text[]) AS q(citizen_id, identity)
       CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM reconciliation.sectoral_records s
         WHERE s.source = $1 AND s.citizen_id = q.citizen_id AND s.duplicate_identity = q.identity AND NOT s.deleted
           AND s.entity_id <> ALL($4::text[])
         ORDER BY (s.lookup_id IS DISTINCT FROM s.citizen_id), s.first_seen LIMIT ${GROUP_CAP}) m`,
      [source, groups.map((g) => g.citizenId), groups.map((g) => g.identity), excluded],
    );
    return r.rows.map(fromRow);
  }

  async replaceUnresolvedKeys(sql: Sql, records: readonly UnresolvedKeys[]): Promise<void> {
    if (records.length === 0) return;
    const existing = records.filter((r) => !r.isNew);
    if (existing.length > 0) {
      await sql.query(
        `DELETE FROM reconciliation.unresolved_keys u USING unnest($1::text[], $2::text[]) AS x(s, e) WHERE u.source = x.s AND u.entity_id = x.e`,
        [existing.map((r) => r.source), existing.map((r) => r.entityId)],
      );
    }
    const flat = records.flatMap((r) => r.keys.map((key) => ({ key, source: r.source, entityId: r.entityId })));
    if (flat.length === 0) return;
    await sql.query(
      `INSERT INTO reconciliation.unresolved_keys (key, source, entity_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT DO NOTHING`,
      [flat.map((f) => f.key), flat.map((f) => f.source), flat.map((f) => f.entityId)],
    );
  }
}
