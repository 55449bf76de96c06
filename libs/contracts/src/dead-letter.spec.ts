import Ajv from 'ajv';
import {
  DEAD_LETTER_HEADERS,
  DeadLetterReason,
  deadLetterHeaders,
  deadLetterReasonFor,
  processingFailureReason,
} from './dead-letter';
import { SyncEventValidator } from './validation/sync-event-validator';

describe('dead-letter contract', () => {
  const validator = new SyncEventValidator();
  const origin = { topic: 'lgsp.land.v1', partition: 7, offset: '9007199254740993', consumerGroup: 'lgsp-reconciler' };

  it('classifies validator errors', () => {
    const notJson = validator.parse('land', '{');
    const notUtf8 = validator.parse('land', Buffer.from([0xc3]));
    const invalid = validator.validate('land', {});
    if (notJson.ok || notUtf8.ok || invalid.ok) throw new Error('expected failures');
    expect(deadLetterReasonFor(notJson.errors).kind).toBe('INVALID_JSON');
    expect(deadLetterReasonFor(notUtf8.errors).kind).toBe('INVALID_ENCODING');
    expect(deadLetterReasonFor(invalid.errors)).toEqual({ kind: 'CONTRACT_VIOLATION', errors: invalid.errors });
  });

  it('carries origin and reason in headers, the reason as schema-valid JSON', () => {
    const invalid = validator.validate('land', { traceId: 'x' });
    if (invalid.ok) throw new Error('expected failure');
    const headers = deadLetterHeaders(origin, deadLetterReasonFor(invalid.errors), new Date('2025-07-01T00:00:05Z'));

    expect(headers).toMatchObject({
      [DEAD_LETTER_HEADERS.sourceTopic]: 'lgsp.land.v1',
      [DEAD_LETTER_HEADERS.sourcePartition]: '7',
      [DEAD_LETTER_HEADERS.sourceOffset]: '9007199254740993',
      [DEAD_LETTER_HEADERS.failedAt]: '2025-07-01T00:00:05.000Z',
      [DEAD_LETTER_HEADERS.consumerGroup]: 'lgsp-reconciler',
    });
    const reason = JSON.parse(headers[DEAD_LETTER_HEADERS.reason]);
    expect(new Ajv().validate(JSON.parse(JSON.stringify(DeadLetterReason)), reason)).toBe(true);
    expect(reason.errors.map((e: { path: string }) => e.path)).toContain('/traceId');
  });

  it('describes a processing failure in the same reason format, schema-valid, naming no value', () => {
    const reason = processingFailureReason({
      reason: 'processing:integrity-violation',
      errorClass: 'QueryFailedError',
      stackSha256: 'ab'.repeat(32),
    });
    const headers = deadLetterHeaders(origin, reason, new Date('2025-07-01T00:00:05Z'));
    const parsed = JSON.parse(headers[DEAD_LETTER_HEADERS.reason]);
    expect(new Ajv().validate(JSON.parse(JSON.stringify(DeadLetterReason)), parsed)).toBe(true);
    expect(parsed.kind).toBe('PROCESSING_FAILED');
    expect(parsed.errors[0].keyword).toBe('processing:integrity-violation');
    expect(parsed.processing).toEqual({
      reason: 'processing:integrity-violation',
      errorClass: 'QueryFailedError',
      stackSha256: 'ab'.repeat(32),
    });
  });
});
