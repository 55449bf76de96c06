import { openApiParameters } from './endpoint';
import { ALERTS, ENDPOINTS, MATCH_RATES, SERIES } from './endpoints';
import { parseQuery } from './query';

describe('endpoint definitions', () => {
  it('each query compiles and, given nothing, yields exactly its defaults', () => {
    for (const e of ENDPOINTS) {
      const defaults = Object.fromEntries(
        Object.entries(e.query.properties as Record<string, { default?: unknown }>)
          .filter(([, schema]) => schema.default !== undefined)
          .map(([name, schema]) => [name, schema.default]),
      );
      expect({ path: e.path, query: parseQuery(e.query, {}) }).toEqual({ path: e.path, query: defaults });
    }
    expect(parseQuery(SERIES.query, {})).toEqual({ minutes: 15 });
    expect(parseQuery(ALERTS.query, {})).toEqual({ state: 'open', limit: 100 });
  });

  it('documents one optional query parameter per property, with its schema', () => {
    expect(openApiParameters(MATCH_RATES.query)).toEqual([
      { name: 'source', required: false, schema: { type: 'string', enum: ['land', 'insurance', 'business'] } },
      {
        name: 'province',
        required: false,
        description: 'a 2-digit province code (since 1 July 2025)',
        schema: { type: 'string', pattern: '^\\d{2}$' },
      },
      {
        name: 'commune',
        required: false,
        description: 'a 5-digit commune code',
        schema: { type: 'string', pattern: '^\\d{5}$' },
      },
      {
        name: 'groupBy',
        required: false,
        description: 'default source',
        schema: { type: 'string', enum: ['source', 'province', 'commune'], default: 'source' },
      },
    ]);
  });
});
