import { createHash } from 'node:crypto';
import type { SourceName } from '@lgsp/contracts';
import { canonicalJson } from './canonical-json';

/**
 * Deterministic identities of generated events. An event id is a name-based UUID
 * (RFC 9562 version 8, SHA-256) of the stream it belongs to, its source and its position
 * in that source, so regenerating a dataset reproduces every id, and a consumer that
 * de-duplicates on eventId treats a re-publication as the same events.
 */
export function eventIdFor(stream: string, source: SourceName, sequence: number | bigint): string {
  const h = createHash('sha256').update(`lgsp-event\n${stream}\n${source}\n${sequence}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The W3C trace id of an event, derived from its id so that it too is reproducible. */
export function traceIdFor(eventId: string): string {
  const hex = createHash('sha256').update(`lgsp-trace\n${eventId}`).digest('hex').slice(0, 32);
  // W3C forbids the all-zero trace id; a hash will practically never give it, but never is cheap.
  return /^0+$/.test(hex) ? '00000000000000000000000000000001' : hex;
}

/**
 * Names a stream of events by what determines its content (the dataset parameters), so two
 * different datasets never share event ids even at the same positions.
 */
export function streamNameFor(parameters: unknown): string {
  return createHash('sha256').update(canonicalJson(parameters)).digest('hex').slice(0, 32);
}
