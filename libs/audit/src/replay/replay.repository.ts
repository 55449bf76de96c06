import { decisionRow, type Decision } from '@lgsp/reconciliation';
import type { OffsetGap } from '../archive/archive-gaps';
import type { Pool, PoolClient } from 'pg';
import type { CitizenState } from './as-of-registry';
import type { PeriodCount } from '../report/decision-report.repository';
import type { DigestRow } from './decision-digest';
import { liveSizeKey } from './replay-decider';

type Sql = Pool | PoolClient;

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface ReplayRunRow {
  runId: string;
  status: RunStatus;
  sources: string[];
  from: string;
  to: string;
  provinces: string[] | null;
  ruleSet: string;
  startedAt: string;
  finishedAt: string | null;
  eventsRead: number;
  /** Of the messages read, those read from the event archive (the topic no longer held them). */
  fromArchive: number;
  /** Offsets the window may need that neither the topics nor the archive held: none when the window is complete. */
  gaps: OffsetGap[];
  decided: number;
  digest: string | null;
  liveDigest: string | null;
  liveMissing: number | null;
  error: string | null;
}

/** The digest's columns of a decisions table aliased `t`. */
const digestColumns = (t: string) =>
  ['source', 'entity_id', 'cause_event_id::text AS cause_event_id', 'outcome', 'citizen_id', 'differences', 'evidence']
    .concat(['candidates', 'rule_version', 'registry_version'])
    .map((c) => `${t}.${c}`)
    .join(', ');

/** SQL of audit replays: the registry's history (read), the runs and their decisions (audit_replay), live decisions (read). */
export class ReplayRepository {
  /** Every registry state valid from before `until`: what as-of look-ups up to then need. */
  async registryHistory(sql: Sql, until: Date): Promise<CitizenState[]> {
    const r = await sql.query(
      `SELECT citizen_id, version, valid_from, record FROM registry.citizen_history WHERE valid_from < $1`,
      [until.toISOString()],
    );
    return r.rows.map((row) => ({
      citizenId: row.citizen_id,
      version: row.version,
      validFrom: (row.valid_from as Date).getTime(),
      record: row.record,
    }));
  }

  async createRun(
    sql: Sql,
    run: { runId: string; sources: string[]; from: Date; to: Date; provinces: string[] | null; ruleSet: string },
  ): Promise<void> {
    await sql.query(
      `INSERT INTO audit_replay.runs (run_id, status, sources, window_from, window_to, provinces, rule_set)
       VALUES ($1, 'running', $2, $3, $4, $5, $6)`,
      [run.runId, run.sources, run.from.toISOString(), run.to.toISOString(), run.provinces, run.ruleSet],
    );
  }

  async updateRun(
    sql: Sql,
    runId: string,
    set: Partial<
      Pick<
        ReplayRunRow,
        'status' | 'eventsRead' | 'fromArchive' | 'gaps' | 'decided' | 'digest' | 'liveDigest' | 'liveMissing' | 'error'
      >
    >,
  ): Promise<void> {
    const finished = set.status !== undefined && set.status !== 'running';
    await sql.query(
      `UPDATE audit_replay.runs SET status = coalesce($2, status), events_read = coalesce($3, events_read),
         decided = coalesce($4, decided), digest = coalesce($5, digest), live_digest = coalesce($6, live_digest),
         live_missing = coalesce($7, live_missing), error = coalesce($8, error),
         finished_at = CASE WHEN $9 THEN now() ELSE finished_at END,
         from_archive = coalesce($10, from_archive), gaps = coalesce($11::jsonb, gaps)
       WHERE run_id = $1`,
      [
        runId,
        set.status ?? null,
        set.eventsRead ?? null,
        set.decided ?? null,
        set.digest ?? null,
        set.liveDigest ?? null,
        set.liveMissing ?? null,
        set.error ?? null,
        finished,
        set.fromArchive ?? null,
        set.gaps === undefined ? null : JSON.stringify(set.gaps),
      ],
    );
  }

  async findRun(sql: Sql, runId: string): Promise<ReplayRunRow | null> {
    const r = await sql.query(`SELECT * FROM audit_replay.runs WHERE run_id = $1`, [runId]);
    return r.rowCount === 0 ? null : runRowOf(r.rows[0]);
  }

  /** Per source, province, commune and outcome: the run's records (one decision each), for its report. */
  async runCounts(sql: Sql, runId: string): Promise<PeriodCount[]> {
    const r = await sql.query(
      `SELECT source, province_code, commune_code, outcome, count(*)::bigint AS records FROM audit_replay.decisions
       WHERE run_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [runId],
    );
    return r.rows.map((row) => ({
      source: row.source as string,
      provinceCode: (row.province_code as string | null) ?? null,
      communeCode: (row.commune_code as string | null) ?? null,
      outcome: row.outcome as string,
      records: Number(row.records),
    }));
  }

  /** The latest runs, newest first, at most `limit`. */
  async listRuns(sql: Sql, limit: number): Promise<ReplayRunRow[]> {
    const r = await sql.query(`SELECT * FROM audit_replay.runs ORDER BY started_at DESC, run_id LIMIT $1`, [limit]);
    return r.rows.map(runRowOf);
  }

  /** A run's decisions, stored as the live history stores them (alsoApplies inside evidence). */
  async writeDecisions(sql: Sql, runId: string, decisions: readonly Decision[]): Promise<void> {
    if (decisions.length === 0) return;
    await sql.query(
      `INSERT INTO audit_replay.decisions (run_id, source, entity_id, cause_event_id, outcome, citizen_id, province_code,
         commune_code, differences, evidence, candidates, rule_version, registry_version, topic, partition, "offset", committed_at)
       SELECT $1, source, entity_id, cause_event_id, outcome, citizen_id, province_code, commune_code, differences, evidence,
         candidates, rule_version, registry_version, topic, partition, "offset", committed_at
       FROM json_to_recordset($2::json) AS x(source text, entity_id text, cause_event_id uuid, outcome text, citizen_id text,
         province_code text, commune_code text, differences jsonb, evidence jsonb, candidates jsonb, rule_version text,
         registry_version int, topic text, partition int, "offset" bigint, committed_at timestamptz)`,
      [runId, JSON.stringify(decisions.map(decisionRow))],
    );
  }

  /**
   * The registry size each live decision of these events recorded (searched records only): keyed by
   * liveSizeKey. Read in chunks: a window may hold a million events.
   */
  async liveRegistrySizes(
    sql: Sql,
    events: readonly { source: string; entityId: string; eventId: string }[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < events.length; i += 5000) {
      const chunk = events.slice(i, i + 5000);
      const r = await sql.query(
        `SELECT d.source, d.entity_id, d.cause_event_id::text AS cause_event_id, (d.evidence->>'registrySize')::float8 AS size
         FROM unnest($1::text[], $2::text[], $3::uuid[]) AS e(source, entity_id, event_id)
         JOIN reconciliation.decisions d ON d.source = e.source AND d.entity_id = e.entity_id AND d.cause_event_id = e.event_id
         WHERE d.evidence -> 'registrySize' IS NOT NULL`,
        [chunk.map((e) => e.source), chunk.map((e) => e.entityId), chunk.map((e) => e.eventId)],
      );
      for (const row of r.rows) out.set(liveSizeKey(row.source, row.entity_id, row.cause_event_id), Number(row.size));
    }
    return out;
  }

  async runDecisions(sql: Sql, runId: string): Promise<DigestRow[]> {
    const r = await sql.query(`SELECT ${digestColumns('a')} FROM audit_replay.decisions a WHERE a.run_id = $1`, [runId]);
    return r.rows;
  }

  /** The live decisions caused by the same events as the run's: what the live pipeline decided for that window. */
  async liveDecisionsOfRun(sql: Sql, runId: string): Promise<DigestRow[]> {
    const r = await sql.query(
      `SELECT ${digestColumns('d')}
       FROM audit_replay.decisions a
       JOIN reconciliation.decisions d ON d.source = a.source AND d.entity_id = a.entity_id AND d.cause_event_id = a.cause_event_id
       WHERE a.run_id = $1`,
      [runId],
    );
    return r.rows;
  }
}

/** A row of audit_replay.runs as the API shows it. */
function runRowOf(row: Record<string, unknown>): ReplayRunRow {
  return {
    runId: row.run_id,
    status: row.status,
    sources: row.sources,
    from: (row.window_from as Date).toISOString(),
    to: (row.window_to as Date).toISOString(),
    provinces: row.provinces,
    ruleSet: row.rule_set,
    startedAt: (row.started_at as Date).toISOString(),
    finishedAt: row.finished_at ? (row.finished_at as Date).toISOString() : null,
    eventsRead: row.events_read,
    fromArchive: row.from_archive ?? 0,
    gaps: row.gaps ?? [],
    decided: row.decided,
    digest: row.digest,
    liveDigest: row.live_digest,
    liveMissing: row.live_missing,
    error: row.error,
  } as ReplayRunRow;
}
