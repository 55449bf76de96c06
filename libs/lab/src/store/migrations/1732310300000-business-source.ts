import { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable } from './outbox-table';

/**
 * The business registration database: enterprises and their legal representative.
 * Records are kept whole as jsonb (they are what the events carry); the key columns are
 * generated from them so the two can never disagree. `seq` is the record's position in
 * the source, dense from 0: live mode picks records by it without scanning.
 */
export class BusinessSource1732310300000 implements MigrationInterface {
  name = 'BusinessSource1732310300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS business`);
    await q.query(`CREATE TABLE business.enterprises (
      enterprise_code text GENERATED ALWAYS AS (record->>'enterpriseCode') STORED PRIMARY KEY,
      legal_representative_citizen_id text GENERATED ALWAYS AS (record->'legalRepresentative'->>'citizenId') STORED,
      seq bigint NOT NULL UNIQUE,
      record jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await createOutboxTable(q, 'business');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA business CASCADE`);
  }
}
