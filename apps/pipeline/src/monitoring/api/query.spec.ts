import { integer, oneOf, optionalPattern, optionalTimestamp, parseQuery } from './query';
import { InvalidRequest } from './problem';

const rules = {
  source: oneOf(['land', 'insurance'] as const),
  province: optionalPattern(/^\d{2}$/, 'a 2-digit province code'),
  limit: integer(1, 100, 20),
  since: optionalTimestamp(),
};

describe('query parameters', () => {
  it('reads valid parameters and applies defaults', () => {
    expect(parseQuery({ source: 'land', province: '66' }, rules)).toEqual({
      source: 'land',
      province: '66',
      limit: 20,
      since: undefined,
    });
  });

  it('names every invalid, unknown or repeated parameter', () => {
    let error: InvalidRequest | undefined;
    try {
      parseQuery(
        { source: 'sea', province: '6', limit: '0', since: 'yesterday', colour: 'red', x: ['1', '2'] },
        { ...rules, x: integer(0, 1, 0) },
      );
    } catch (e) {
      error = e as InvalidRequest;
    }
    expect(error).toBeInstanceOf(InvalidRequest);
    expect(error!.invalidParams.map((p) => p.name).sort()).toEqual(['colour', 'limit', 'province', 'since', 'source', 'x']);
    expect(error!.invalidParams.find((p) => p.name === 'province')!.reason).toBe('expected a 2-digit province code');
  });
});
