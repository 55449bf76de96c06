import { DuplicateCredentialName } from '../duplicate-credential-name';
import { MemoryCredentialStore } from '../testing/memory-credential-store.spec-helper';
import { Credentials } from './credentials.service';

describe('Credentials', () => {
  let store: MemoryCredentialStore;
  let credentials: Credentials;
  beforeEach(() => {
    store = new MemoryCredentialStore();
    credentials = new Credentials(store, undefined, () => new Date('2026-01-02T03:04:05Z'));
  });

  it('stores a hash, never the key, and authenticates the key it returned once', async () => {
    const { credential, key } = await credentials.create('land-office');
    const row = store.rows.get(credential.id)!;
    // The secret is everything after `lgsp_<id>_`; base64url may itself hold `_`, so it is not split on it.
    const secret = key.slice(`lgsp_${credential.id}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify({ ...row, secretSha256: row.secretSha256.toString('base64url') })).not.toContain(secret);
    expect(credential).toMatchObject({ name: 'land-office', scopes: ['records:read'], revokedAt: null });
    expect(await credentials.authenticate(key)).toEqual({ ok: true, credential });
  });

  it('refuses a wrong secret for a real id, an unknown id and a malformed key', async () => {
    const { credential, key } = await credentials.create('land-office');
    const wrongSecret = `${key.slice(0, -2)}${key.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await credentials.authenticate(wrongSecret)).toEqual({ ok: false, refusal: 'unknown', id: credential.id });
    expect(await credentials.authenticate(`lgsp_000000000000_${'a'.repeat(43)}`)).toMatchObject({ refusal: 'unknown' });
    expect(await credentials.authenticate('not a key')).toEqual({ ok: false, refusal: 'malformed' });
  });

  it('refuses a revoked key, and keeps the first revocation time', async () => {
    const { credential, key } = await credentials.create('land-office');
    expect((await credentials.revoke(credential.id))?.revokedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(await credentials.authenticate(key)).toEqual({ ok: false, refusal: 'revoked', id: credential.id });
    expect(await credentials.revoke('ffffffffffff')).toBeNull();
  });

  it('refuses an empty name, an unknown scope and a second live credential of one name', async () => {
    await expect(credentials.create('  ')).rejects.toThrow(/needs a name/);
    await expect(credentials.create('x', ['records:write'])).rejects.toThrow(/unknown scope records:write/);
    await credentials.create('x');
    await expect(credentials.create('x')).rejects.toBeInstanceOf(DuplicateCredentialName);
  });

  it('stores the sources and provinces a credential is for, and none (every one) by default', async () => {
    const { credential, key } = await credentials.create('land-office', ['gateway:write'], {
      sources: ['land', 'insurance'],
      provinces: ['79', '01'],
    });
    expect(credential).toMatchObject({ sources: ['insurance', 'land'], provinces: ['01', '79'] });
    expect(await credentials.authenticate(key)).toEqual({ ok: true, credential });
    expect((await credentials.create('old-style')).credential).toMatchObject({ sources: null, provinces: null });
    await expect(credentials.create('bad', ['gateway:write'], { provinces: ['7'] })).rejects.toThrow(/unknown provinces 7/);
  });

  it('grants a scope only to a credential that has it', async () => {
    const { credential } = await credentials.create('reader');
    expect(Credentials.allows(credential, 'records:read')).toBe(true);
    expect(Credentials.allows({ ...credential, scopes: [] }, 'records:read')).toBe(false);
  });
});
