import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sources and provinces each credential is authorised for. NULL is "no restriction", which every credential made
 * before this migration keeps: it goes on working as it did (see grants.ts). An empty list would authorise nothing,
 * so it cannot be stored.
 */
export class CredentialGrants1733300000004 implements MigrationInterface {
  name = 'CredentialGrants1733300000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access.api_credentials
      ADD COLUMN sources text[] CHECK (cardinality(sources) > 0),
      ADD COLUMN provinces text[] CHECK (cardinality(provinces) > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE access.api_credentials DROP COLUMN sources, DROP COLUMN provinces`);
  }
}
