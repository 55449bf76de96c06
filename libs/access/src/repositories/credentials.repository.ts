import { Pool } from 'pg';
import { DuplicateCredentialName } from '../duplicate-credential-name';
import type { Grants } from '../grants';

export interface StoredCredential extends Grants {
  id: string;
  name: string;
  scopes: string[];
  /** The sources it may write and read; null: every source (no restriction). */
  sources: string[] | null;
  /** The 2025 province codes it may write and read; null: every province (no restriction). */
  provinces: string[] | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface CredentialWithHash extends StoredCredential {
  secretSha256: Buffer;
}

function fromRow(row: Record<string, unknown>): StoredCredential {
  return {
    id: row.id as string,
    name: row.name as string,
    scopes: row.scopes as string[],
    sources: (row.sources as string[] | null) ?? null,
    provinces: (row.provinces as string[] | null) ?? null,
    createdAt: (row.created_at as Date).toISOString(),
    revokedAt: row.revoked_at instanceof Date ? row.revoked_at.toISOString() : null,
  };
}

export interface NewCredential {
  id: string;
  name: string;
  secretSha256: Buffer;
  scopes: string[];
  sources: string[] | null;
  provinces: string[] | null;
}

/** The store of credentials, for Credentials (services/credentials.service.ts) to depend on; fakes implement it. */
export interface CredentialStore {
  insert(credential: NewCredential): Promise<StoredCredential>;
  list(): Promise<StoredCredential[]>;
  find(id: string): Promise<CredentialWithHash | null>;
  revoke(id: string, at: Date): Promise<StoredCredential | null>;
}

/** SQL of the API credentials (hashes only). */
export class CredentialsRepository implements CredentialStore {
  constructor(private readonly pool: Pool) {}

  async insert(credential: NewCredential): Promise<StoredCredential> {
    try {
      const r = await this.pool.query(
        `INSERT INTO access.api_credentials (id, name, secret_sha256, scopes, sources, provinces)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [credential.id, credential.name, credential.secretSha256, credential.scopes, credential.sources, credential.provinces],
      );
      return fromRow(r.rows[0]);
    } catch (e) {
      if ((e as { constraint?: string }).constraint === 'api_credentials_live_name')
        throw new DuplicateCredentialName(credential.name);
      throw e;
    }
  }

  async list(): Promise<StoredCredential[]> {
    const r = await this.pool.query(`SELECT * FROM access.api_credentials ORDER BY created_at, id`);
    return r.rows.map(fromRow);
  }

  async find(id: string): Promise<CredentialWithHash | null> {
    const r = await this.pool.query(`SELECT * FROM access.api_credentials WHERE id = $1`, [id]);
    return r.rows[0] ? { ...fromRow(r.rows[0]), secretSha256: r.rows[0].secret_sha256 as Buffer } : null;
  }

  /** Null when there is no such credential; a credential revoked before keeps its first revocation time. */
  async revoke(id: string, at: Date): Promise<StoredCredential | null> {
    const r = await this.pool.query(
      `UPDATE access.api_credentials SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING *`,
      [id, at],
    );
    return r.rows[0] ? fromRow(r.rows[0]) : null;
  }
}
