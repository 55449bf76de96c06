import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen's blocking keys and legacy IDs are replaced by citizen ID when the registry
 * changes; without these indexes each replacement scanned the whole table, and loading
 * the registry grew with the square of its size.
 */
export class RegistryByCitizen1732600000000 implements MigrationInterface {
  name = 'RegistryByCitizen1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX blocking_keys_by_citizen ON registry.blocking_keys (citizen_id)`);
    await q.query(`CREATE INDEX legacy_ids_by_citizen ON registry.legacy_ids (citizen_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry.legacy_ids_by_citizen`);
    await q.query(`DROP INDEX registry.blocking_keys_by_citizen`);
  }
}
