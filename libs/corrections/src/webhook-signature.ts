import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook bodies are signed as `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the webhook's secret>` in
 * the `lgsp-signature` header: the receiver recomputes it over the raw body, compares in constant time and refuses a
 * timestamp too far from its clock (a replayed request). docs/gateway.md shows the check.
 */
export const WEBHOOK_HEADERS = {
  signature: 'lgsp-signature',
  /** The delivery's id: the same batch retried keeps it, so a receiver can drop a duplicate. */
  deliveryId: 'lgsp-delivery-id',
} as const;

/** How far a signature's timestamp may be from the receiver's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function webhookSecret(random: (n: number) => Buffer = randomBytes): string {
  return `whsec_${random(32).toString('base64url')}`;
}

const mac = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

/** What a receiver does with the header: true only for this body, this secret and a timestamp within tolerance. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const parts = new Map((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(given))
    return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(mac(secret, t, body), 'hex'));
}

/** The wait before the next attempt after `failures` failures in a row: doubling from `baseMs`, never above `maxMs`. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}
