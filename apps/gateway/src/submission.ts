import { randomBytes, randomUUID } from 'node:crypto';
import {
  AnySyncEvent,
  ContractViolation,
  eventKey,
  latestSchemaVersion,
  MESSAGE_HEADERS,
  RECORD_KEY_FIELD,
  SourceName,
  traceparentHeader,
} from '@lgsp/contracts';
import type { OutgoingMessage } from '@lgsp/transport';

/**
 * What an integrator submits: the record as its system holds it, and what happened to it. The gateway builds the
 * envelope (event id, entity id, trace id, schema version), key and headers itself, so none can be got wrong.
 */
export interface Submission {
  operation: 'snapshot' | 'create' | 'update' | 'delete';
  /** The record now; for a delete, the record as it was. */
  record: Record<string, unknown>;
  /** An update's record before the change. */
  previous?: Record<string, unknown>;
  /** When the system committed the change; defaults to the time of submission. */
  committedAt?: string;
}

const OPERATIONS = ['snapshot', 'create', 'update', 'delete'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The submission's own shape (the envelope schema judges the rest); violations name paths in the submission. */
export function submissionShapeViolations(body: unknown): ContractViolation[] {
  if (!isObject(body)) return [{ path: '', message: 'must be a JSON object', keyword: 'type' }];
  const out: ContractViolation[] = [];
  for (const name of Object.keys(body))
    if (!['operation', 'record', 'previous', 'committedAt'].includes(name))
      out.push({ path: `/${name}`, message: 'is not a field of a submission', keyword: 'additionalProperties' });
  if (body.operation !== undefined && !OPERATIONS.includes(body.operation as string))
    out.push({ path: '/operation', message: `must be one of ${OPERATIONS.join(', ')}`, keyword: 'enum' });
  if (!isObject(body.record)) out.push({ path: '/record', message: 'must be an object (the record)', keyword: 'type' });
  if (body.operation === 'update' && !isObject(body.previous))
    out.push({ path: '/previous', message: 'an update needs the record before the change', keyword: 'required' });
  if (body.operation !== 'update' && body.previous !== undefined)
    out.push({ path: '/previous', message: 'only an update carries the previous record', keyword: 'additionalProperties' });
  if (body.committedAt !== undefined && typeof body.committedAt !== 'string')
    out.push({ path: '/committedAt', message: 'must be a string (date-time with offset)', keyword: 'type' });
  return out;
}

/** The envelope of a submission that has the right shape. */
export function envelopeOf(source: SourceName, s: Submission, now: Date, eventId = randomUUID()): AnySyncEvent {
  const operation = s.operation ?? 'snapshot';
  const entityId = s.record[RECORD_KEY_FIELD[source]];
  return {
    eventId,
    source,
    operation,
    entityId: typeof entityId === 'string' ? entityId : '',
    before: operation === 'delete' ? s.record : operation === 'update' ? (s.previous ?? null) : null,
    after: operation === 'delete' ? null : s.record,
    committedAt: s.committedAt ?? now.toISOString(),
    schemaVersion: latestSchemaVersion(source),
    traceId: randomBytes(16).toString('hex'),
  } as AnySyncEvent;
}

/** An envelope violation's path in the submission the integrator sent: `/after/holder` is `/record/holder`. */
export function submissionPath(source: SourceName, operation: Submission['operation'], envelopePath: string): string {
  const [, head = '', ...rest] = envelopePath.split('/');
  const tail = rest.length > 0 ? `/${rest.join('/')}` : '';
  if (head === 'entityId') return `/record/${RECORD_KEY_FIELD[source]}`;
  if (head === 'after') return `/record${tail}`;
  if (head === 'before') return `${operation === 'update' ? '/previous' : '/record'}${tail}`;
  if (head === 'committedAt' || head === 'operation') return `/${head}`;
  return envelopePath;
}

/** The message the pipeline expects: its key, and the contract's headers. */
export function messageOf(event: AnySyncEvent): OutgoingMessage {
  return {
    key: eventKey(event),
    value: JSON.stringify(event),
    headers: {
      [MESSAGE_HEADERS.schemaVersion]: String(event.schemaVersion),
      [MESSAGE_HEADERS.traceparent]: traceparentHeader(event.traceId, randomBytes(8).toString('hex')),
    },
  };
}
