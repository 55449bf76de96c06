import type { PersonRef, SourceName } from '@lgsp/contracts';
import type { KeptCandidate } from '@lgsp/domain';
import { EventRef } from '../event-ref';
import { Sql } from '../sql';

export type SectoralSource = Exclude<SourceName, 'population'>;

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

const COLUMNS = `source, entity_id, lookup_id, citizen_id, person, active, deleted, first_seen, event_id, topic, partition, "offset", event_hash, committed_at`;

/** SQL of the sectoral records kept for reconciliation. */
export class SectoralRecordsRepository {
  async find(sql: Sql, source: SectoralSource, entityIds: string[]): Promise<Map<string, SectoralRecord>> {
    const out = new Map<string, SectoralRecord>();
    if (entityIds.length === 0) return out;
    const r = await sql.query(
      `SELECT ${COLUMNS} FROM reconciliation.sectoral_records WHERE source = $1 AND entity_id = ANY($2::text[])`,
      [source, entityIds],
    );
    for (const row of r.rows) out.set(row.entity_id, fromRow(row));
    return out;
  }

  /** Records whose recorded ID is one of these (new IDs or legacy IDs): they depend on those citizens. */
  async findByLookupIds(sql: Sql, lookupIds: string[]): Promise<SectoralRecord[]> {
    if (lookupIds.length === 0) return [];
    const r = await sql.query(
      `SELECT ${COLUMNS} FROM reconciliation.sectoral_records WHERE lookup_id = ANY($1::text[]) AND NOT deleted`,
      [lookupIds],
    );
    return r.rows.map(fromRow);
  }

  /**
   * Unresolved records (wrong or unknown ID) sharing a blocking key, with the candidates
   * their current result holds: a new citizen under that key may belong among them.
   */
  async findWaitingByKeys(sql: Sql, keys: string[]): Promise<WaitingRecord[]> {
    if (keys.length === 0) return [];
    const r = await sql.query(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `s.${c}`)
        .join(', ')}, r.candidates AS kept FROM reconciliation.sectoral_records s
       LEFT JOIN reconciliation.results r ON r.source = s.source AND r.entity_id = s.entity_id
       WHERE (s.source, s.entity_id) IN (SELECT DISTINCT source, entity_id FROM reconciliation.unresolved_keys WHERE key = ANY($1::text[]))
         AND NOT s.deleted`,
      [keys],
    );
    return r.rows.map((row) => ({ record: fromRow(row), kept: (row.kept as KeptCandidate[] | null) ?? [] }));
  }

  async upsert(sql: Sql, records: Omit<SectoralRecord, 'firstSeen'>[]): Promise<Map<string, number>> {
    const firstSeen = new Map<string, number>();
    if (records.length === 0) return firstSeen;
    const r = await sql.query(
      `INSERT INTO reconciliation.sectoral_records (source, entity_id, lookup_id, citizen_id, person, active, deleted, first_seen,
         event_id, topic, partition, "offset", event_hash, committed_at)
       SELECT s, e, l, c, p, a, d, nextval('reconciliation.first_seen_seq'), ev, t, pa, o, h, ca
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::boolean[], $7::boolean[],
                   $8::uuid[], $9::text[], $10::int[], $11::bigint[], $12::text[], $13::timestamptz[]) AS x(s, e, l, c, p, a, d, ev, t, pa, o, h, ca)
       ON CONFLICT (source, entity_id) DO UPDATE SET lookup_id = EXCLUDED.lookup_id, citizen_id = EXCLUDED.citizen_id,
         person = EXCLUDED.person, active = EXCLUDED.active, deleted = EXCLUDED.deleted, event_id = EXCLUDED.event_id,
         topic = EXCLUDED.topic, partition = EXCLUDED.partition, "offset" = EXCLUDED."offset", event_hash = EXCLUDED.event_hash,
         committed_at = EXCLUDED.committed_at
       RETURNING entity_id, first_seen`,
      [
        records.map((r) => r.source),
        records.map((r) => r.entityId),
        records.map((r) => r.lookupId),
        records.map((r) => r.citizenId),
        records.map((r) => (r.person ? JSON.stringify(r.person) : null)),
        records.map((r) => r.active),
        records.map((r) => r.deleted),
        records.map((r) => r.ref.eventId),
        records.map((r) => r.ref.topic),
        records.map((r) => r.ref.partition),
        records.map((r) => r.ref.offset),
        records.map((r) => r.ref.eventHash),
        records.map((r) => r.ref.committedAt),
      ],
    );
    for (const row of r.rows) firstSeen.set(row.entity_id, Number(row.first_seen));
    return firstSeen;
  }

  async setCitizen(sql: Sql, source: SectoralSource, pairs: { entityId: string; citizenId: string | null }[]): Promise<void> {
    if (pairs.length === 0) return;
    await sql.query(
      `UPDATE reconciliation.sectoral_records s SET citizen_id = x.c
       FROM unnest($2::text[], $3::text[]) AS x(e, c) WHERE s.source = $1 AND s.entity_id = x.e`,
      [source, pairs.map((p) => p.entityId), pairs.map((p) => p.citizenId)],
    );
  }

  /**
   * For each (source, citizen), the record that counts as the original; the others are duplicates.
   * A record naming the citizen by the current ID wins over one naming them by a legacy number
   * (the two travel on different partitions, so arrival order between them means nothing); among
   * equals the one seen first.
   */
  async primaryRecordOf(sql: Sql, source: SectoralSource, citizenIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (citizenIds.length === 0) return out;
    const r = await sql.query(
      `SELECT DISTINCT ON (citizen_id) citizen_id, entity_id FROM reconciliation.sectoral_records
       WHERE source = $1 AND citizen_id = ANY($2::text[]) AND NOT deleted
       ORDER BY citizen_id, (lookup_id IS DISTINCT FROM citizen_id), first_seen`,
      [source, citizenIds],
    );
    for (const row of r.rows) out.set(row.citizen_id, row.entity_id);
    return out;
  }

  async replaceUnresolvedKeys(sql: Sql, records: UnresolvedKeys[]): Promise<void> {
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
