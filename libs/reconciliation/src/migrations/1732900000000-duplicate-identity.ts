import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicates by the record's own identity (duplicateIdentityOf in @lgsp/contracts): two records
 * of a source are duplicates when they resolve to the same citizen and have the same identity
 * (the same parcel, any active insurance card, the same enterprise name), not merely when they
 * name the same citizen. The look-up probes the (source, citizen) index and filters on the
 * identity, so it needs no index of its own.
 *
 * Records stored before this migration have no identity, so they are nobody's duplicate until
 * their next event (a re-sync of the source gives every record one).
 */
export class DuplicateIdentity1732900000000 implements MigrationInterface {
  name = 'DuplicateIdentity1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation.sectoral_records ADD COLUMN duplicate_identity text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reconciliation.sectoral_records DROP COLUMN duplicate_identity`);
  }
}
