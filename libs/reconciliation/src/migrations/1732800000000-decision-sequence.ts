import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sequence number per record, so consumers of the results topic can order a record's
 * decisions (and its retraction) whatever partition or replay they came through.
 *
 * The last number given is kept with the sectoral record, which outlives a delete (it is
 * marked deleted, not removed): a record deleted and created again goes on counting, so a
 * consumer that remembers a retraction never takes a new decision for an old one.
 */
export class DecisionSequence1732800000000 implements MigrationInterface {
  name = 'DecisionSequence1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation.sectoral_records ADD COLUMN decision_sequence integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE reconciliation.decisions ADD COLUMN sequence integer`);
    await q.query(`ALTER TABLE reconciliation.results ADD COLUMN sequence integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation.results DROP COLUMN sequence`);
    await q.query(`ALTER TABLE reconciliation.decisions DROP COLUMN sequence`);
    await q.query(`ALTER TABLE reconciliation.sectoral_records DROP COLUMN decision_sequence`);
  }
}
