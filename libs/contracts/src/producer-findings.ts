import { eventKey } from './event-key';
import { MESSAGE_HEADERS, parseTraceparent } from './message-headers';
import type { AnySyncEvent } from './v1/events';

/**
 * What a producer got wrong in a message that still honours the schema (docs/contract.md):
 * the event is reconciled, and the mistake is a finding, counted per source and kind, never
 * silence. `strict` kinds are mistakes of the envelope (key, headers) that a deployment may
 * refuse outright (LGSP_STRICT_PRODUCERS: dead-lettered); the others are about the data as
 * recorded, which the contract says to publish as held, so they are never refused.
 */
export const PRODUCER_FINDINGS = {
  KEY_NOT_CITIZEN_ID: {
    strict: true,
    meaning: 'The Kafka key is not the citizen ID the record names (trimmed), nor the entityId when it names none',
  },
  SCHEMA_VERSION_HEADER_MISSING: { strict: true, meaning: 'No lgsp-schema-version header' },
  SCHEMA_VERSION_HEADER_WRONG: {
    strict: true,
    meaning: "The lgsp-schema-version header is not the body's schemaVersion as a decimal string",
  },
  TRACEPARENT_MISSING: { strict: true, meaning: 'No traceparent header' },
  TRACEPARENT_WRONG: {
    strict: true,
    meaning: "The traceparent header is not W3C trace context 00-<traceId>-<span id>-<flags> with the body's traceId",
  },
  DATE_NOT_ISO: {
    strict: false,
    meaning: 'A recorded date of birth that is not YYYY-MM-DD (day-first 09/03/1988 and the like): read, and reported',
  },
} as const satisfies Record<string, { strict: boolean; meaning: string }>;

export type ProducerFindingKind = keyof typeof PRODUCER_FINDINGS;
export const PRODUCER_FINDING_KINDS = Object.keys(PRODUCER_FINDINGS) as ProducerFindingKind[];

/** The parts of a delivered message the findings read besides its parsed body. */
export interface MessageEnvelope {
  key: string | null;
  headers: Record<string, string | undefined>;
}

const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** The producer findings of one valid event, in the order of PRODUCER_FINDING_KINDS, each once. */
export function producerFindingsOf(event: AnySyncEvent, message: MessageEnvelope): ProducerFindingKind[] {
  const found = new Set<ProducerFindingKind>();
  if (message.key !== eventKey(event)) found.add('KEY_NOT_CITIZEN_ID');
  const version = message.headers[MESSAGE_HEADERS.schemaVersion];
  if (version === undefined) found.add('SCHEMA_VERSION_HEADER_MISSING');
  else if (version !== String(event.schemaVersion)) found.add('SCHEMA_VERSION_HEADER_WRONG');
  const traceparent = message.headers[MESSAGE_HEADERS.traceparent];
  if (traceparent === undefined) found.add('TRACEPARENT_MISSING');
  else {
    const parsed = parseTraceparent(traceparent);
    // Version ff is forbidden by W3C trace context.
    if (!parsed || parsed.version === 'ff' || parsed.traceId !== event.traceId) found.add('TRACEPARENT_WRONG');
  }
  if (recordedDatesOfBirth(event).some((d) => !ISO_DATE.test(d.trim()))) found.add('DATE_NOT_ISO');
  return PRODUCER_FINDING_KINDS.filter((k) => found.has(k));
}

/** The findings a strict deployment refuses (dead-letters) instead of reconciling. */
export function refusedWhenStrict(findings: readonly ProducerFindingKind[]): ProducerFindingKind[] {
  return findings.filter((k) => PRODUCER_FINDINGS[k].strict);
}

/** The dates of birth as a sectoral source recorded them (the registry's own are schema-checked ISO dates). */
function recordedDatesOfBirth(event: AnySyncEvent): string[] {
  const record = (event.operation === 'delete' ? event.before : event.after) as Record<string, unknown> | null;
  if (record === null || event.source === 'population') return [];
  const people = [record.holder, record.legalRepresentative, ...(Array.isArray(record.holders) ? record.holders : [])];
  return people
    .map((p) => (p as { dateOfBirth?: unknown } | null | undefined)?.dateOfBirth)
    .filter((d): d is string => typeof d === 'string' && d.trim() !== '');
}
