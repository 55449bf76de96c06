import { DuplicateCredentialName } from '../duplicate-credential-name';
import { CredentialStore, CredentialWithHash, NewCredential, StoredCredential } from '../repositories/credentials.repository';

/** A CredentialStore in memory, for unit tests of what sits on top of it. */
export class MemoryCredentialStore implements CredentialStore {
  readonly rows = new Map<string, CredentialWithHash>();

  async insert(c: NewCredential): Promise<StoredCredential> {
    if ([...this.rows.values()].some((r) => r.name === c.name && r.revokedAt === null)) throw new DuplicateCredentialName(c.name);
    const row = { ...c, createdAt: new Date(0).toISOString(), revokedAt: null };
    this.rows.set(c.id, row);
    return strip(row);
  }
  async list(): Promise<StoredCredential[]> {
    return [...this.rows.values()].map(strip);
  }
  async find(id: string): Promise<CredentialWithHash | null> {
    return this.rows.get(id) ?? null;
  }
  async revoke(id: string, at: Date): Promise<StoredCredential | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    row.revokedAt ??= at.toISOString();
    return strip(row);
  }
}

function strip({ secretSha256: _, ...c }: CredentialWithHash): StoredCredential {
  return c;
}
