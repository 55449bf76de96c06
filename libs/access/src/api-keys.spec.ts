import { maskIdsInText } from '@lgsp/domain';
import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-keys';

describe('API keys', () => {
  it('are lgsp_<12 hex id>_<43-character secret> and parse back to their parts', () => {
    const key = generateApiKey();
    expect(key.key).toMatch(/^lgsp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key.key)).toEqual({ id: key.id, secret: key.secret });
    expect(parseApiKey(` ${key.key}\n`)).toEqual({ id: key.id, secret: key.secret });
  });

  it('differ from one generation to the next', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it('never hold a run of digits the log mask would take for a citizen ID', () => {
    const draws = [Buffer.from('012345678901', 'hex'), Buffer.from('4027056531ab', 'hex'), Buffer.from('8f40270a6531', 'hex')];
    let n = 0;
    const key = generateApiKey((bytes) => (bytes === 6 ? draws[n++] : Buffer.alloc(bytes)));
    expect(key.id).toBe('8f40270a6531');
    expect(maskIdsInText(key.id)).toBe(key.id);
  });

  it('refuse what does not have the shape of a key', () => {
    for (const wrong of ['', 'lgsp_', 'Bearer x', `lgsp_0123456789ab_${'a'.repeat(42)}`, `lgsp_0123456789AB_${'a'.repeat(43)}`])
      expect(parseApiKey(wrong)).toBeNull();
  });

  it('are checked against the sha256 of the secret only', () => {
    const key = generateApiKey();
    const stored = hashSecret(key.secret);
    expect(stored.toString('hex')).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.toString('hex')).not.toContain(Buffer.from(key.secret).toString('hex'));
    expect(secretMatches(key.secret, stored)).toBe(true);
    expect(secretMatches(`${key.secret.slice(0, -1)}x`, stored)).toBe(false);
    expect(secretMatches(key.secret, stored.subarray(0, 31))).toBe(false);
  });
});
