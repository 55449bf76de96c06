import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the record-status API (@lgsp/records) looks records up by, besides their key.
 *
 * - The trace id of the record's latest event (W3C, from the event body), so a change followed from its source can
 *   be found here; the older versions' trace ids are not kept (their events are, by id, in the decision history).
 * - The decisions by the event that caused them: a sectoral event names its own record's decision, a registry
 *   event every record it re-decided.
 *
 * Both indexes cost a write per stored record or decision; the trace index is partial, so rows written before this
 * migration (no trace id) cost nothing.
 */
export class RecordLookups1733100000000 implements MigrationInterface {
  name = 'RecordLookups1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation.sectoral_records ADD COLUMN trace_id text`);
    await q.query(`CREATE INDEX sectoral_by_trace ON reconciliation.sectoral_records (trace_id) WHERE trace_id IS NOT NULL`);
    await q.query(`CREATE INDEX decisions_by_cause_event ON reconciliation.decisions (cause_event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX reconciliation.decisions_by_cause_event`);
    await q.query(`DROP INDEX reconciliation.sectoral_by_trace`);
    await q.query(`ALTER TABLE reconciliation.sectoral_records DROP COLUMN trace_id`);
  }
}
