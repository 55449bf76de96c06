import { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxTable } from './outbox-table';

/**
 * The land database: parcels with their right holder as the land office recorded them.
 * Records are kept whole as jsonb (they are what the events carry); the key columns are
 * generated from them so the two can never disagree. `seq` is the record's position in
 * the source, dense from 0: live mode picks records by it without scanning.
 */
export class LandSource1732310100000 implements MigrationInterface {
  name = 'LandSource1732310100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS land`);
    await q.query(`CREATE TABLE land.parcels (
      parcel_id text GENERATED ALWAYS AS (record->>'parcelId') STORED PRIMARY KEY,
      holder_citizen_id text GENERATED ALWAYS AS (record->'holder'->>'citizenId') STORED,
      seq bigint NOT NULL UNIQUE,
      record jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await createOutboxTable(q, 'land');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA land CASCADE`);
  }
}
