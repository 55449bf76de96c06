import type { Pool } from 'pg';
import type { RecordedDecision, StoredState } from './accounting';
import { recordKey } from './accounting';

/**
 * What the database holds for the accounting: each record's latest event and current result,
 * each citizen's latest event, and every decision recorded. Read-only; the checker writes nothing.
 */
export class AccountingRepository {
  constructor(private readonly pool: Pool) {}

  /** Sectoral records with the input event of their current result, and citizens of the registry. */
  async storedStates(): Promise<Map<string, StoredState>> {
    const stored = new Map<string, StoredState>();
    const sectoral = await this.pool.query<{
      source: string;
      entity_id: string;
      event_id: string;
      deleted: boolean;
      result: string | null;
    }>(
      `SELECT s.source, s.entity_id, s.event_id::text, s.deleted, r.event_id::text AS result
       FROM reconciliation.sectoral_records s
       LEFT JOIN reconciliation.results r ON r.source = s.source AND r.entity_id = s.entity_id`,
    );
    for (const row of sectoral.rows)
      stored.set(recordKey(row.source, row.entity_id), {
        eventId: row.event_id,
        deleted: row.deleted,
        resultEventId: row.result,
      });
    const citizens = await this.pool.query<{ citizen_id: string; event_id: string; deleted: boolean }>(
      `SELECT citizen_id, event_id::text, deleted FROM registry.citizens`,
    );
    for (const row of citizens.rows)
      stored.set(recordKey('population', row.citizen_id), { eventId: row.event_id, deleted: row.deleted });
    return stored;
  }

  /** Every decision and retraction recorded, with the sequence number it took. */
  async decisions(): Promise<RecordedDecision[]> {
    const r = await this.pool.query<{ source: string; entity_id: string; cause_event_id: string; sequence: number | null }>(
      `SELECT source, entity_id, cause_event_id::text, sequence FROM reconciliation.decisions`,
    );
    // The decision id as the results topic names it (decisionIdOf: source/entity/cause event).
    return r.rows.map((row) => ({
      decisionId: `${row.source}/${row.entity_id}/${row.cause_event_id}`,
      source: row.source,
      entityId: row.entity_id,
      sequence: row.sequence,
    }));
  }
}
