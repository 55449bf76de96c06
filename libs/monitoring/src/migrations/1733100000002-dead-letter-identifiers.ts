import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead-letter entries name the event, its trace and its record where the message could be parsed, so an operator
 * can find the dead letter of a change an integrator asks about. Entries from before stay without them.
 */
export class DeadLetterIdentifiers1733100000002 implements MigrationInterface {
  name = 'DeadLetterIdentifiers1733100000002';

  async up(q: QueryRunner): Promise<void> {
    // text, not uuid: a value that made it through the parser must never make the insert fail.
    await q.query(
      `ALTER TABLE metrics.dead_letters ADD COLUMN event_id text, ADD COLUMN trace_id text, ADD COLUMN entity_id text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE metrics.dead_letters DROP COLUMN event_id, DROP COLUMN trace_id, DROP COLUMN entity_id`);
  }
}
