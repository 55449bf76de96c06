import { DEAD_LETTER_HEADERS, DeadLetterReason, MESSAGE_HEADERS, parseTraceparent } from '@lgsp/contracts';
import type { DeliveredMessage } from '@lgsp/transport';

/** A dead-lettered message as operations see it: where it came from and why, never its content. */
export interface DeadLetterEntry {
  topic: string;
  partition: number;
  offset: string;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
  consumerGroup: string | null;
  reasonKind: string;
  /** JSON pointer and rule of each violation (the contract keeps values out of them). */
  violations: { path: string; keyword: string; message: string }[];
  failedAt: string | null;
  /** Read from the message where it could be parsed (best effort): the event, its trace and its record. */
  eventId: string | null;
  traceId: string | null;
  /** The record's own key (a citizen ID for the population source: masked wherever it is shown). */
  entityId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACE_ID = /^[0-9a-f]{32}$/;
// No control characters (PostgreSQL refuses NUL in text) and the envelope's own bound: what passes is always storable.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const ENTITY_ID = /^[^\u0000-\u001f]{1,64}$/;
/** Larger values are not parsed for identifiers: a dead letter's bytes may be anything, of any size. */
const MAX_PARSED_BYTES = 1_000_000;

/**
 * The event id, trace id and record key of a dead-lettered message, where its value is JSON with them in the
 * envelope's places (the trace id also from a `traceparent` header). Whatever does not fit is left null: this
 * must never fail, nor let a value that PostgreSQL cannot store through.
 */
export function identifiersOf(
  value: Buffer | string,
  headers: Record<string, string | undefined>,
): {
  eventId: string | null;
  traceId: string | null;
  entityId: string | null;
} {
  let body: Record<string, unknown> = {};
  if (value.length <= MAX_PARSED_BYTES) {
    try {
      const parsed: unknown = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: the headers may still name the trace.
    }
  }
  const fits = (v: unknown, pattern: RegExp): string | null => (typeof v === 'string' && pattern.test(v) ? v : null);
  const traceparent = parseTraceparent(headers[MESSAGE_HEADERS.traceparent]);
  const fromHeader = traceparent?.version === '00' ? traceparent.traceId : undefined;
  return {
    eventId: fits(body.eventId, UUID)?.toLowerCase() ?? null,
    traceId: fits(body.traceId, TRACE_ID) ?? fromHeader ?? null,
    entityId: fits(body.entityId, ENTITY_ID),
  };
}

/** Reads the dead-letter headers of a message; of its value, only the identifiers (identifiersOf). */
export function deadLetterEntryOf(message: DeliveredMessage): DeadLetterEntry {
  const h = message.headers;
  let reason: Partial<DeadLetterReason> = {};
  try {
    reason = JSON.parse(h[DEAD_LETTER_HEADERS.reason] ?? '{}') as Partial<DeadLetterReason>;
  } catch {
    reason = { kind: 'PROCESSING_FAILED', errors: [] };
  }
  const partition = Number(h[DEAD_LETTER_HEADERS.sourcePartition]);
  const failedAt = Date.parse(h[DEAD_LETTER_HEADERS.failedAt] ?? '');
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    sourceTopic: h[DEAD_LETTER_HEADERS.sourceTopic] ?? null,
    sourcePartition: Number.isInteger(partition) && h[DEAD_LETTER_HEADERS.sourcePartition] !== undefined ? partition : null,
    sourceOffset: /^\d+$/.test(h[DEAD_LETTER_HEADERS.sourceOffset] ?? '') ? h[DEAD_LETTER_HEADERS.sourceOffset] : null,
    consumerGroup: h[DEAD_LETTER_HEADERS.consumerGroup] ?? null,
    reasonKind: typeof reason.kind === 'string' ? reason.kind : 'UNKNOWN',
    // Only the three named fields are copied: whatever else a header might carry stays out.
    violations: (Array.isArray(reason.errors) ? reason.errors : []).map((e) => ({
      path: String(e.path ?? ''),
      keyword: String(e.keyword ?? ''),
      message: String(e.message ?? ''),
    })),
    failedAt: Number.isNaN(failedAt) ? null : new Date(failedAt).toISOString(),
    ...identifiersOf(message.value, h),
  };
}
