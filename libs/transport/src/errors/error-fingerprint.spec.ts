import { DatabaseError } from 'pg';
import { errorClassName, failureSignature, stackDigest, stackFrames } from './error-fingerprint';

function failAt(value: string): Error {
  try {
    throw new TypeError(`cannot parse ${value}`);
  } catch (e) {
    return e as Error;
  }
}

describe('error fingerprints', () => {
  it('digests the place of a failure, not its message', () => {
    // the same code path (one call site) fed two inputs, as a handler meets two records
    const [a, b] = ['079203001234', '001190004321'].map((id) => failAt(id));
    expect(stackDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(stackDigest(a)).toBe(stackDigest(b));
    expect(failureSignature(a)).toBe(failureSignature(b));
    expect(stackFrames(a).join('\n')).not.toContain('079203001234');
    expect(stackDigest(new RangeError('x'))).not.toBe(stackDigest(a));
  });

  it('digests one place alike whether reached synchronously or after an await', async () => {
    const errors: unknown[] = [];
    const handler = async () => {
      throw new Error('unexpected');
    };
    for (let i = 0; i < 2; i++) {
      await handler().catch((e) => errors.push(e));
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(failureSignature(errors[0])).toBe(failureSignature(errors[1]));
  });

  it('names the class of anything thrown', () => {
    expect(errorClassName(new TypeError('x'))).toBe('TypeError');
    expect(errorClassName(Object.assign(new DatabaseError('x', 0, 'error'), { code: '23505' }))).toBe('DatabaseError');
    expect(errorClassName(Object.assign(new Error('x'), { name: 'KafkaJSConnectionError' }))).toBe('KafkaJSConnectionError');
    expect(errorClassName('oops')).toBe('string');
    expect(errorClassName(null)).toBe('null');
    expect(errorClassName({ code: 'E' })).toBe('Object');
  });

  it('tells failures with different codes apart', () => {
    const e = () => Object.assign(new Error('x'), { code: '23505' });
    const f = () => Object.assign(new Error('x'), { code: '23503' });
    expect(failureSignature(e()).split('|')[1]).toBe('23505');
    expect(failureSignature(e())).not.toBe(failureSignature(f()));
  });
});
