import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API credentials: who may call the endpoints that return personal data. Only the sha256 of each key's secret is
 * kept; a revoked credential stays (with its revocation time) so the access log's names keep their meaning.
 */
export class ApiCredentials1733100000001 implements MigrationInterface {
  name = 'ApiCredentials1733100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS access`);
    await q.query(`CREATE TABLE access.api_credentials (
      id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{12}$'),
      name text NOT NULL CHECK (name <> ''),
      secret_sha256 bytea NOT NULL CHECK (length(secret_sha256) = 32),
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz)`);
    // A name names one live credential; a revoked one's name may be given again.
    await q.query(`CREATE UNIQUE INDEX api_credentials_live_name ON access.api_credentials (name) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA access CASCADE`);
  }
}
