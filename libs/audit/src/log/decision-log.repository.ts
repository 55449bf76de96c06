import type { Queryable } from '@lgsp/database';
import type { LoggedEntry } from './verify-log';

/** A log entry as stored, with the leaf its decision row hashes to today (null when the row is gone). */
export interface StoredEntry extends LoggedEntry {
  /** SHA-256(0x00 || the row's content in the entry's version) computed by PostgreSQL now, or null when the row is gone. */
  currentLeaf: Buffer | null;
}

/**
 * A decision row `x` as a JSON array spelled by concatenation, after its content prefix: every column but the id
 * counter, the history's JSON columns as they are stored (json: the text itself), `decided_at` in UTC to the
 * microsecond.
 *
 * - Content v2 (`lgsp-decision/v2`, ADR 0025) is this, by definition (audit.decision_content_v2 spells it for the
 *   writer, the decision log's trigger). The verifier spells it itself rather than calling the database's function:
 *   a function replaced by whoever can rewrite the database would otherwise decide what the rows hash to.
 * - Content v1 (audit.decision_content(x), `lgsp-decision/v1`) is jsonb's text of the same array, which is this text too
 *   (jsonb's output of an array is its elements' output joined by ", ", and to_json escapes a string as jsonb does)
 *   once the JSON columns hold jsonb's own text, as rows logged in v1 do (reconciliation's migration 1733400000000).
 *   For v1 it is only a filter: a page where any row differs is read again with audit.decision_content itself, so a
 *   difference between the two could cost time but never report a row wrongly.
 */
const concatenatedContent = (prefix: string) => `concat('["${prefix}", ', to_json(x.source), ', ', to_json(x.entity_id), ', "',
  x.cause_event_id, '", ', to_json(x.cause), ', ', to_json(x.outcome), ', ', coalesce(to_json(x.citizen_id)::text, 'null'), ', ',
  x.differences, ', ', x.evidence, ', ', x.candidates, ', ', to_json(x.rule_version), ', ',
  coalesce(x.registry_version::text, 'null'), ', "', x.event_id, '", ', to_json(x.topic), ', ', x.partition, ', ', x."offset", ', ',
  to_json(x.event_hash), ', ', coalesce(x.sequence::text, 'null'), ', "',
  to_char(x.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '"]')`;

const CONTENT_V2 = concatenatedContent('lgsp-decision/v2');
const FAST_CONTENT_V1 = concatenatedContent('lgsp-decision/v1');

/** SHA-256(0x00 || content) of row `x` in the content version of entry `l`: its leaf today. */
const leafOf = (content: string) => `sha256('\\x00'::bytea || convert_to(${content}, 'UTF8'))`;

/** Entry `l`'s content of row `x` exactly: v1 by audit.decision_content (its definition), v2 by CONTENT_V2. */
const EXACT_CONTENT = `CASE l.content_version WHEN 2 THEN ${CONTENT_V2} WHEN 1 THEN audit.decision_content(x) END`;

/** The same, with v1 by its concatenation (a filter, see above): what a verifying page hashes. */
const FAST_CONTENT = `CASE l.content_version WHEN 2 THEN ${CONTENT_V2} WHEN 1 THEN ${FAST_CONTENT_V1} END`;

/** A verifying page packed into one row (see DecisionLogRepository.verifyPage). */
export interface PackedPage {
  count: number;
  first: number | null;
  last: number | null;
  /** count × 32 bytes each, in the order the rows were read: position order, which pushIntact's chain check proves. */
  leaves: Buffer;
  chains: Buffer;
  /** Entries whose decision row hashes to another leaf today, or is gone. */
  differing: number;
}

export interface LoggedDecisionRef {
  source: string;
  entityId: string;
  causeEventId: string;
}

/** The one place decision ids are spelled for the log: the consumers' decision id, source/entity/cause event. */
export function loggedDecisionId(r: LoggedDecisionRef): string {
  return `${r.source}/${r.entityId}/${r.causeEventId}`;
}

/** SQL of the decision log (audit.decision_log); the appending is the database's own trigger (see the migration). */
export class DecisionLogRepository {
  /**
   * Entries after `afterPosition`, in position order, at most `limit`; with `withContent` each carries its
   * decision's canonical content (for an export), else only the leaf PostgreSQL recomputes (verifying: 32 bytes a row).
   */
  async page(sql: Queryable, afterPosition: number, limit: number, withContent: boolean): Promise<StoredEntry[]> {
    const r = await sql.query(
      // LATERAL: each entry looks its row up by the decisions' unique index, so a page costs its own rows and not a
      // scan of both tables (which a hash join would do on every page of a ten-million-row log); OFFSET 0 keeps the
      // planner from flattening it back into that join. Positions have no gaps, so the page is a range of the key.
      // Each entry's content in its own version (content_version), by the decision's identity, never the id hint.
      `SELECT l.position, l.source, l.entity_id, l.cause_event_id, l.leaf_hash, l.chain_hash, d.current_leaf, d.content
       FROM audit.decision_log l
       LEFT JOIN LATERAL (
         SELECT ${leafOf(EXACT_CONTENT)} AS current_leaf, CASE WHEN $3 THEN ${EXACT_CONTENT} END AS content
         FROM reconciliation.decisions x
         WHERE x.source = l.source AND x.entity_id = l.entity_id AND x.cause_event_id = l.cause_event_id OFFSET 0) d ON true
       WHERE l.position > $1 AND l.position <= $1 + $2 ORDER BY l.position LIMIT $2`,
      [afterPosition, limit, withContent],
    );
    return r.rows.map((row) => ({
      position: Number(row.position),
      decisionId: loggedDecisionId({ source: row.source, entityId: row.entity_id, causeEventId: row.cause_event_id }),
      leafHash: row.leaf_hash as Buffer,
      chainHash: row.chain_hash as Buffer,
      content: (row.content as string | null) ?? null,
      currentLeaf: (row.current_leaf as Buffer | null) ?? null,
    }));
  }

  /**
   * A page for verifying, as one row: the stored leaves and chain hashes of positions (after, after + limit] each
   * concatenated in the order read (32 bytes an entry, no object per row), the page's first and last positions and
   * size, and how many entries' decision rows no longer hash to their leaf (edited or gone). PostgreSQL compares the
   * leaves where the rows are; this process checks the chain and the tree from the two buffers.
   */
  async verifyPage(sql: Queryable, afterPosition: number, limit: number): Promise<PackedPage> {
    const r = await sql.query(
      // An entry of content v2 knows its row's id: a probe of the primary key alone (by_id; with the identity in the
      // WHERE the planner probes the cause-event index instead and filters by id, a fifth slower a page), whose leaf
      // counts only when the row there is the decision the entry names. An entry of v1 has no id and looks its row up
      // by identity as page() does (by_identity; the IS NULL is a one-time filter, so v2 entries skip it). An entry
      // whose row is not found either way (gone, or the table renumbered) counts as differing and sends the page to
      // page(), which looks up by identity.
      // The aggregates take the rows in the order of the log's index scan and are not sorted: the order is only a
      // speed matter, since a page out of order fails pushIntact's position and chain checks and is read again by page().
      `SELECT count(*)::int AS n, min(l.position) AS first, max(l.position) AS last,
         string_agg(l.leaf_hash, ''::bytea) AS leaves,
         string_agg(l.chain_hash, ''::bytea) AS chains,
         count(*) FILTER (WHERE coalesce(by_id.current_leaf, by_identity.current_leaf) IS DISTINCT FROM l.leaf_hash)::int
           AS differing
       FROM audit.decision_log l
       LEFT JOIN LATERAL (
         SELECT CASE WHEN x.source = l.source AND x.entity_id = l.entity_id AND x.cause_event_id = l.cause_event_id
           THEN ${leafOf(FAST_CONTENT)} END AS current_leaf
         FROM reconciliation.decisions x
         WHERE x.id = l.decision_id OFFSET 0) by_id ON true
       LEFT JOIN LATERAL (
         SELECT ${leafOf(FAST_CONTENT)} AS current_leaf
         FROM reconciliation.decisions x
         WHERE l.decision_id IS NULL
           AND x.source = l.source AND x.entity_id = l.entity_id AND x.cause_event_id = l.cause_event_id OFFSET 0) by_identity
         ON true
       WHERE l.position > $1 AND l.position <= $1 + $2`,
      [afterPosition, limit],
    );
    const row = r.rows[0];
    return {
      count: row.n as number,
      first: row.first === null ? null : Number(row.first),
      last: row.last === null ? null : Number(row.last),
      leaves: (row.leaves as Buffer | null) ?? Buffer.alloc(0),
      chains: (row.chains as Buffer | null) ?? Buffer.alloc(0),
      differing: row.differing as number,
    };
  }

  /** Decision rows that no log entry names (inserted behind the trigger's back), at most `limit`. */
  async notLogged(sql: Queryable, limit: number): Promise<string[]> {
    const r = await sql.query(
      `SELECT d.source, d.entity_id, d.cause_event_id FROM reconciliation.decisions d
       WHERE NOT EXISTS (SELECT 1 FROM audit.decision_log l
         WHERE l.source = d.source AND l.entity_id = d.entity_id AND l.cause_event_id = d.cause_event_id)
       ORDER BY d.id LIMIT $1`,
      [limit],
    );
    return r.rows.map((row) =>
      loggedDecisionId({ source: row.source, entityId: row.entity_id, causeEventId: row.cause_event_id }),
    );
  }

  /**
   * In one snapshot: the log's size, the number of decision rows, and whether a valid unique index on the log keeps
   * its entries' decision identities distinct. When every entry then matches a row of its own identity, and there are
   * as many rows as entries, no row can be missing from the log (each entry matches a different row), and verify need
   * not look for such rows one by one (an anti-join of both tables: seconds per million).
   */
  async census(sql: Queryable): Promise<{ size: number; decisions: number; distinctIdentities: boolean }> {
    const r = await sql.query(
      `SELECT (SELECT coalesce(max(position), 0) FROM audit.decision_log) AS size,
         (SELECT count(*) FROM reconciliation.decisions) AS decisions,
         EXISTS (SELECT 1 FROM pg_index i
           WHERE i.indrelid = 'audit.decision_log'::regclass AND i.indisunique AND i.indisvalid AND i.indimmediate
             AND i.indpred IS NULL AND i.indexprs IS NULL
             AND (SELECT array_agg(a.attname::text) FROM unnest(i.indkey::int2[]) k
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k) <@ ARRAY['source', 'entity_id', 'cause_event_id'])
           AS distinct_identities`,
    );
    const row = r.rows[0];
    return { size: Number(row.size), decisions: Number(row.decisions), distinctIdentities: row.distinct_identities === true };
  }

  async size(sql: Queryable): Promise<number> {
    const r = await sql.query(`SELECT coalesce(max(position), 0) AS size FROM audit.decision_log`);
    return Number(r.rows[0].size);
  }

  /** The leaf hashes of positions 1..size, in order: what an inclusion proof is built from. */
  async leaves(sql: Queryable, size: number): Promise<Buffer[]> {
    const r = await sql.query(`SELECT leaf_hash FROM audit.decision_log WHERE position <= $1 ORDER BY position`, [size]);
    return r.rows.map((row) => row.leaf_hash as Buffer);
  }

  async find(sql: Queryable, ref: { source: string; entityId: string }): Promise<{ position: number; causeEventId: string }[]> {
    const r = await sql.query(
      `SELECT position, cause_event_id FROM audit.decision_log WHERE source = $1 AND entity_id = $2 ORDER BY position`,
      [ref.source, ref.entityId],
    );
    return r.rows.map((row) => ({ position: Number(row.position), causeEventId: row.cause_event_id as string }));
  }
}
