import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyError } from './classify-error';

/** An error as node-postgres raises it for a server-side failure. */
function pgError(code: string, message = 'failed'): DatabaseError {
  const e = new DatabaseError(message, 0, 'error');
  e.code = code;
  return e;
}

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -1, syscall: 'connect' });
}

const verdictOf = (e: unknown) => {
  const c = classifyError(e);
  return `${c.verdict}:${c.kind}`;
};

describe('classifyError', () => {
  it('takes lost connections for transient', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'])
      expect(verdictOf(systemError(code))).toBe('TRANSIENT:connection-lost');
    expect(verdictOf(new Error('Connection terminated unexpectedly'))).toBe('TRANSIENT:connection-lost');
    expect(verdictOf(new Error('Connection terminated'))).toBe('TRANSIENT:connection-lost');
    // Node's dual-stack connect: an AggregateError of one refusal per address
    const aggregate = Object.assign(new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], ''), {});
    expect(verdictOf(aggregate)).toBe('TRANSIENT:connection-lost');
  });

  it('reads PostgreSQL SQLSTATE classes 08, 40, 53 and 57P as transient', () => {
    expect(verdictOf(pgError('08006'))).toBe('TRANSIENT:database-connection');
    expect(verdictOf(pgError('40001'))).toBe('TRANSIENT:serialization-failure');
    expect(verdictOf(pgError('40P01'))).toBe('TRANSIENT:deadlock');
    expect(verdictOf(pgError('40002'))).toBe('TRANSIENT:transaction-rollback');
    expect(verdictOf(pgError('53300'))).toBe('TRANSIENT:insufficient-resources');
    expect(verdictOf(pgError('57P01', 'terminating connection due to administrator command'))).toBe(
      'TRANSIENT:database-shutdown',
    );
    expect(verdictOf(pgError('57P03'))).toBe('TRANSIENT:database-shutdown');
    expect(verdictOf(pgError('55P03'))).toBe('TRANSIENT:lock-not-available');
    expect(verdictOf(pgError('28P01'))).toBe('TRANSIENT:database-unavailable');
    expect(verdictOf(pgError('3D000'))).toBe('TRANSIENT:database-unavailable');
  });

  it('reads SQLSTATE classes 22 and 42 as poison', () => {
    expect(verdictOf(pgError('42703'))).toBe('POISON:syntax-or-undefined');
  });

  // What PostgreSQL answers to the values a sync event may carry and it cannot store (the contract
  // refuses them first; this is the second line of defence): each is the value's own fault.
  it.each([
    ['22P05', 'unsupported Unicode escape sequence'], // a \u0000 in jsonb
    ['22P02', 'invalid input syntax for type json'], // a lone surrogate in jsonb
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'], // a NUL in text
    ['22008', 'date/time field value out of range: "0000-01-01"'],
    ['22007', 'invalid input syntax for type timestamp with time zone: "…"'],
    ['22009', 'time zone displacement out of range: "…"'],
    ['22003', 'value "…" is out of range for type integer'],
  ])('reads SQLSTATE %s (%s) as poison, as node-postgres and TypeORM raise it', (code, message) => {
    expect(classifyError(pgError(code, message))).toEqual({
      verdict: 'POISON',
      kind: 'data-exception',
      recognised: true,
      repeatsAsPoison: false,
    });
    expect(verdictOf(new QueryFailedError('INSERT …', [], pgError(code, message)))).toBe('POISON:data-exception');
  });

  it('retries a constraint violation once (a race between workers), and takes it for poison if it repeats', () => {
    for (const code of ['23505', '23514', '23503', '23502']) {
      expect(classifyError(pgError(code))).toEqual({
        verdict: 'TRANSIENT',
        kind: 'integrity-violation',
        recognised: true,
        repeatsAsPoison: true,
      });
    }
  });

  it('sees through TypeORM and application wrappers to the PostgreSQL error', () => {
    const driver = pgError('40P01');
    expect(verdictOf(new QueryFailedError('UPDATE x', [], driver))).toBe('TRANSIENT:deadlock');
    expect(verdictOf(new Error('could not write the results', { cause: pgError('22021') }))).toBe('POISON:data-exception');
  });

  it('takes JavaScript errors for poison', () => {
    expect(verdictOf(new TypeError("Cannot read properties of undefined (reading 'fullName')"))).toBe('POISON:type-error');
    expect(verdictOf(new RangeError('Invalid time value'))).toBe('POISON:range-error');
    expect(verdictOf(new SyntaxError('Unexpected token'))).toBe('POISON:syntax-error');
  });

  it('reads kafkajs errors: broker unavailability is transient, through its retry wrapper too', () => {
    const lost = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: 'b:9092' });
    expect(verdictOf(lost)).toBe('TRANSIENT:broker-unavailable');
    expect(verdictOf(new KafkaJSNumberOfRetriesExceeded(lost, { retryCount: 8, retryTime: 100 }))).toBe(
      'TRANSIENT:broker-unavailable',
    );
    const leader = new KafkaJSProtocolError(
      Object.assign(new Error('There is no leader for this topic-partition'), { type: 'LEADER_NOT_AVAILABLE', retriable: true }),
    );
    expect(verdictOf(leader)).toBe('TRANSIENT:broker-unavailable');
    // how kafkajs's retrier wraps an error it does not retry
    const wrapped = Object.assign(new KafkaJSNonRetriableError(new TypeError('x')), { cause: new TypeError('x') });
    expect(verdictOf(wrapped)).toBe('POISON:type-error');
  });

  it("follows an error's own retriable flag when nothing else is recognised", () => {
    expect(verdictOf(Object.assign(new Error('try later'), { retriable: true }))).toBe('TRANSIENT:retriable');
    expect(verdictOf(Object.assign(new Error('never'), { retriable: false }))).toBe('POISON:not-retriable');
    const tooLarge = new KafkaJSProtocolError(
      Object.assign(new Error('The request included a message larger than the max message size'), {
        type: 'MESSAGE_TOO_LARGE',
        retriable: false,
      }),
    );
    expect(verdictOf(tooLarge)).toBe('POISON:not-retriable');
  });

  it('retries what it does not recognise, marked as not recognised', () => {
    for (const thrown of [new Error('something odd'), 'a string', { code: 'XX000' }, undefined]) {
      expect(classifyError(thrown)).toEqual({
        verdict: 'TRANSIENT',
        kind: 'unclassified',
        recognised: false,
        repeatsAsPoison: true,
      });
    }
  });

  it('does not loop on a cause that points back at its error', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyError(a).kind).toBe('unclassified');
  });
});
