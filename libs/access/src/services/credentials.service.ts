import { generateApiKey, hashSecret, parseApiKey, secretMatches } from '../api-keys';
import { CredentialStore, StoredCredential } from '../repositories/credentials.repository';
import { checkedGrants } from '../grants';
import { DEFAULT_SCOPES, isScope, Scope, SCOPES } from '../scopes';

/** Why a presented key is refused. `malformed` and `unknown` are told apart only in the server's log. */
export type Refusal = 'malformed' | 'unknown' | 'revoked';

export type Authentication = { ok: true; credential: StoredCredential } | { ok: false; refusal: Refusal; id?: string };

/** Creating, listing, revoking and checking API credentials, over a store of hashes. */
export class Credentials {
  constructor(
    private readonly store: CredentialStore,
    private readonly random?: (bytes: number) => Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The key is returned here once; only its hash is stored. Without `sources` or `provinces` the credential reaches
   * every source or province (as every credential did before grants).
   */
  async create(
    name: string,
    scopes: readonly string[] = DEFAULT_SCOPES,
    grants: { sources?: readonly string[] | null; provinces?: readonly string[] | null } = {},
  ): Promise<{ credential: StoredCredential; key: string }> {
    const trimmed = name.trim();
    if (trimmed === '') throw new Error('a credential needs a name (who it is for, e.g. "land-office-steward")');
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0) throw new Error(`unknown scope ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`);
    const { sources, provinces } = checkedGrants(grants);
    const key = generateApiKey(this.random);
    const credential = await this.store.insert({
      id: key.id,
      name: trimmed,
      secretSha256: hashSecret(key.secret),
      scopes: [...new Set(scopes)],
      sources: sources === null ? null : [...sources],
      provinces: provinces === null ? null : [...provinces],
    });
    return { credential, key: key.key };
  }

  list(): Promise<StoredCredential[]> {
    return this.store.list();
  }

  revoke(id: string): Promise<StoredCredential | null> {
    return this.store.revoke(id, this.now());
  }

  async authenticate(presented: string): Promise<Authentication> {
    const parsed = parseApiKey(presented);
    if (!parsed) return { ok: false, refusal: 'malformed' };
    const stored = await this.store.find(parsed.id);
    // The secret is compared even for a revoked credential: a revoked key is told from a wrong one only after it matched.
    if (!stored || !secretMatches(parsed.secret, stored.secretSha256)) return { ok: false, refusal: 'unknown', id: parsed.id };
    if (stored.revokedAt !== null) return { ok: false, refusal: 'revoked', id: parsed.id };
    const { secretSha256: _, ...credential } = stored;
    return { ok: true, credential };
  }

  static allows(credential: StoredCredential, scope: Scope): boolean {
    return credential.scopes.includes(scope);
  }
}
