/** Kafka header names every sync event is published with. Header values are UTF-8 strings. */
export const MESSAGE_HEADERS = {
  /** Decimal schema version, duplicated from the body so routers need not parse it. */
  schemaVersion: 'lgsp-schema-version',
  /** W3C trace context: `00-<traceId>-<16 hex span id>-01`; its trace id equals the body's `traceId`. */
  traceparent: 'traceparent',
} as const;

/** A W3C `traceparent` header value for an event's trace id and the publishing span. */
export function traceparentHeader(traceId: string, spanId: string, sampled = true): string {
  if (!/^[0-9a-f]{32}$/.test(traceId)) throw new Error('traceId must be 32 lowercase hex digits');
  if (!/^[0-9a-f]{16}$/.test(spanId)) throw new Error('spanId must be 16 lowercase hex digits');
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}

/** The parts of a W3C `traceparent` header value, or undefined when it is not of that shape. */
export function parseTraceparent(
  value: string | undefined,
): { version: string; traceId: string; spanId: string; flags: string } | undefined {
  const m = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value ?? '');
  return m ? { version: m[1], traceId: m[2], spanId: m[3], flags: m[4] } : undefined;
}
