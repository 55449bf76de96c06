import { Grants, mayReach, provinceOfRecord, Reach } from '@lgsp/access';
import * as crypto from 'node:crypto';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  AnySyncEvent,
  ContractViolation,
  eventKey,
  latestSchemaVersion,
  MESSAGE_HEADERS,
  RECORD_KEY_FIELD,
  SourceName,
  STORABLE,
  SyncEventValidator,
  traceparentHeader,
} from '@lgsp/contracts';
import type { OutgoingMessage } from '@lgsp/transport';
import { HttpStatus } from '@nestjs/common';
import { GatewayProblem } from './problem';

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

// Trace and span ids per event come from a pool of random bytes refilled 4 KiB at a time: a call of randomBytes
// per id cost a quarter of the gateway's time in bulk.
let pool = Buffer.alloc(0);
let used = 0;
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}
/**
 * The sha256 of a body or line: node's one-shot hash where it has one (20.12 on), half the cost of a Hash object per
 * line in bulk.
 */
export const sha256 = (bytes: Uint8Array): Buffer =>
  typeof crypto.hash === 'function' ? crypto.hash('sha256', bytes, 'buffer') : crypto.createHash('sha256').update(bytes).digest();

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
    traceId: randomHex(16),
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
      [MESSAGE_HEADERS.traceparent]: traceparentHeader(event.traceId, randomHex(8)),
    },
  };
}

/** Why bytes are not a JSON value: not UTF-8, or not JSON. Never quotes the input (it may be personal data). */
export interface Unreadable {
  title: string;
  detail: string;
  errors: ContractViolation[];
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8, then JSON: the value, or why it is unreadable. */
export function decodeJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; unreadable: Unreadable } {
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return {
      ok: false,
      unreadable: {
        title: 'Not UTF-8',
        detail: 'the body must be UTF-8 encoded JSON: fix the encoding, then send it again',
        errors: [{ path: '', message: 'must be UTF-8 encoded', keyword: 'encoding' }],
      },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // The SyntaxError's text quotes the input, which may be personal data.
    return {
      ok: false,
      unreadable: {
        title: 'Malformed JSON',
        detail: 'the body is not valid JSON: fix it, then send it again',
        errors: [{ path: '', message: 'must be valid JSON', keyword: 'json' }],
      },
    };
  }
}

/** The JSON value of a request's body, or the 400 problem saying why it is unreadable. */
export function jsonBodyOf(bytes: Uint8Array): unknown {
  const decoded = decodeJson(bytes);
  if (decoded.ok) return decoded.value;
  const { title, detail, errors } = decoded.unreadable;
  throw new GatewayProblem(HttpStatus.BAD_REQUEST, title, detail, errors);
}

/** A submission judged: its envelope to publish, or why it is refused (paths in what was sent). */
export type Judgement = { ok: true; event: AnySyncEvent } | { ok: false; detail: string; errors: ContractViolation[] };

/** The submission's shape, then the pipeline's own schema for the source: the one judgement of single and bulk. */
export function judgeSubmission(
  validator: SyncEventValidator,
  source: SourceName,
  value: unknown,
  now: Date,
  eventId: ReturnType<typeof randomUUID>,
): Judgement {
  const shape = submissionShapeViolations(value);
  if (shape.length > 0) return { ok: false, detail: 'the submission does not have the shape of one: see errors', errors: shape };
  const submission = value as Submission;
  const event = envelopeOf(source, submission, now, eventId);
  const checked = validator.validate(source, event);
  if (!checked.ok)
    return {
      ok: false,
      detail: "the record breaks the source's schema: fix the fields named in errors (not worth a retry as is)",
      errors: checked.errors.map((e) => ({ ...e, path: submissionPath(source, event.operation, e.path) })),
    };
  return { ok: true, event };
}

/** Most bytes of one submission: a single request's body, or one line of a bulk body. */
export const SUBMISSION_MAX_BYTES = 256 * 1024;

/** The field of a bulk (NDJSON) line that carries its own idempotency key, beside the submission's fields. */
export const BULK_KEY_FIELD = 'idempotencyKey';
/** An idempotency key's length, in a header or a bulk line (the column's CHECK says the same). */
export const KEY_LENGTH = { min: 1, max: 200 };

/** A key the submissions table can hold (text: no NUL, no lone surrogate); a header cannot carry either. */
const STORABLE_KEY = new RegExp(STORABLE.text.pattern);

/** A bulk line split into its idempotency key and its submission; the key's problem when it has none usable. */
export function bulkLineParts(
  value: unknown,
): { ok: true; key: string; submission: Record<string, unknown> } | { ok: false; errors: ContractViolation[] } {
  if (!isObject(value)) return { ok: false, errors: [{ path: '', message: 'must be a JSON object', keyword: 'type' }] };
  const { [BULK_KEY_FIELD]: key, ...submission } = value;
  if (typeof key === 'string' && !STORABLE_KEY.test(key))
    return {
      ok: false,
      errors: [{ path: `/${BULK_KEY_FIELD}`, message: STORABLE.text.message, keyword: STORABLE.text.keyword }],
    };
  if (typeof key !== 'string' || key.length < KEY_LENGTH.min || key.length > KEY_LENGTH.max)
    return {
      ok: false,
      errors: [
        {
          path: `/${BULK_KEY_FIELD}`,
          message: `each line needs its own idempotency key: a string of ${KEY_LENGTH.min}–${KEY_LENGTH.max} characters`,
          keyword: key === undefined ? 'required' : 'type',
        },
      ],
    };
  return { ok: true, key, submission };
}

/**
 * Whether a credential may write a judged event's record: its source, and the address province of the person the
 * record names (the record after the change; a delete's before it), by the one rule of @lgsp/access.
 */
export function reachOf(grants: Grants, source: SourceName, event: AnySyncEvent): Reach {
  const record = (event.after ?? event.before) as unknown as Record<string, unknown>;
  return mayReach(grants, { source, provinceCode: provinceOfRecord(source, record) });
}
