import { retryDelayMs, signatureHeader, verifySignature, webhookSecret } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = webhookSecret(() => Buffer.alloc(32, 7));
  const at = new Date('2026-12-03T10:00:00Z');
  const body = '{"corrections":[]}';

  it('verifies the body it signed, at its time, under its secret only', () => {
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=1796292000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, at)).toBe(true);
    expect(verifySignature(secret, `${body} `, header, at)).toBe(false);
    expect(
      verifySignature(
        webhookSecret(() => Buffer.alloc(32, 8)),
        body,
        header,
        at,
      ),
    ).toBe(false);
    expect(verifySignature(secret, body, undefined, at)).toBe(false);
    expect(verifySignature(secret, body, 't=x,v1=00', at)).toBe(false);
  });

  it('refuses a timestamp more than five minutes from the clock (a replay)', () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 299_000))).toBe(true);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 301_000))).toBe(false);
  });

  it('backs off by doubling, bounded', () => {
    expect([1, 2, 3, 4, 10, 100].map((n) => retryDelayMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000]);
  });
});
