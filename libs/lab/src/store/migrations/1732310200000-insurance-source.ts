import { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable } from './outbox-table';

/**
 * The social/health insurance database: one row per insurance number.
 * Records are kept whole as jsonb (they are what the events carry); the key columns are
 * generated from them so the two can never disagree. `seq` is the record's position in
 * the source, dense from 0: live mode picks records by it without scanning.
 */
export class InsuranceSource1732310200000 implements MigrationInterface {
  name = 'InsuranceSource1732310200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS insurance`);
    await q.query(`CREATE TABLE insurance.cards (
      social_insurance_number text GENERATED ALWAYS AS (record->>'socialInsuranceNumber') STORED PRIMARY KEY,
      holder_citizen_id text GENERATED ALWAYS AS (record->'holder'->>'citizenId') STORED,
      seq bigint NOT NULL UNIQUE,
      record jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await createOutboxTable(q, 'insurance');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA insurance CASCADE`);
  }
}
