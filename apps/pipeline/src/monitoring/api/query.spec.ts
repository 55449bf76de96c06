import { Type } from '@sinclair/typebox';
import { InvalidRequest } from './problem';
import { oneOf, parseQuery, queryOf, withDefault } from './query';

const query = queryOf({
  source: Type.Optional(oneOf(['land', 'insurance'] as const)),
  province: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'a 2-digit province code' })),
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100 }), 20),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'an ISO 8601 date-time' })),
});

function problemsOf(run: () => unknown): InvalidRequest {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidRequest) return e;
    throw e;
  }
  throw new Error('no problem raised');
}

describe('query parameters', () => {
  it('reads valid parameters and applies defaults', () => {
    expect(parseQuery(query, { source: 'land', province: '66' })).toEqual({ source: 'land', province: '66', limit: 20 });
    expect(parseQuery(query, { limit: '7', since: '2026-12-01T10:00:00+07:00' })).toEqual({
      limit: 7,
      since: '2026-12-01T10:00:00+07:00',
    });
  });

  it('counts an empty parameter as absent', () => {
    expect(parseQuery(query, { limit: '', source: '' })).toEqual({ limit: 20 });
  });

  it('names every invalid, unknown or repeated parameter', () => {
    const error = problemsOf(() =>
      parseQuery(queryOf({ ...query.properties, x: withDefault(Type.Integer({ minimum: 0, maximum: 1 }), 0) }), {
        source: 'sea',
        province: '6',
        limit: '0',
        since: 'yesterday',
        colour: 'red',
        x: ['1', '2'],
      }),
    );
    expect(error.invalidParams.map((p) => p.name).sort()).toEqual(['colour', 'limit', 'province', 'since', 'source', 'x']);
    const reason = (name: string) => error.invalidParams.find((p) => p.name === name)!.reason;
    expect(reason('province')).toBe('expected a 2-digit province code');
    expect(reason('source')).toBe('expected one of land, insurance');
    expect(reason('limit')).toBe('expected a whole number from 1 to 100');
    expect(reason('since')).toBe('expected an ISO 8601 date-time');
    expect(reason('x')).toBe('given more than once');
    expect(reason('colour')).toMatch(/^unknown parameter \(expected source, province, limit, since, x\)$/);
  });

  it('takes a number only when it is all digits', () => {
    for (const limit of ['1.5', '1e1', ' 5', '0x10'])
      expect(problemsOf(() => parseQuery(query, { limit })).invalidParams).toEqual([
        { name: 'limit', reason: 'expected a whole number from 1 to 100' },
      ]);
  });
});
