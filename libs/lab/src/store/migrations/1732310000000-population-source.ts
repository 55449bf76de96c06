import { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable } from './outbox-table';

/**
 * The national population database: the citizen registry every other source is cleaned against.
 * Records are kept whole as jsonb (they are what the events carry); the key columns are
 * generated from them so the two can never disagree. `seq` is the record's position in
 * the source, dense from 0: live mode picks records by it without scanning.
 */
export class PopulationSource1732310000000 implements MigrationInterface {
  name = 'PopulationSource1732310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS population`);
    await q.query(`CREATE TABLE population.citizens (
      citizen_id text GENERATED ALWAYS AS (record->>'citizenId') STORED PRIMARY KEY,
      seq bigint NOT NULL UNIQUE,
      record jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await createOutboxTable(q, 'population');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA population CASCADE`);
  }
}
