import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { LAND_CREATE } from './examples';
import { ALL_JSON_SCHEMAS, EVENT_JSON_SCHEMAS, PERSON_REF_JSON_SCHEMA, RECORD_JSON_SCHEMAS } from './published-json-schemas';

describe('published JSON Schemas', () => {
  it('give each schema a stable, unique $id', () => {
    expect(EVENT_JSON_SCHEMAS.land[1].$id).toBe('https://lgsp.example/schemas/land/v1');
    expect(EVENT_JSON_SCHEMAS.land[2].$id).toBe('https://lgsp.example/schemas/land/v2');
    expect(RECORD_JSON_SCHEMAS.population[1].$id).toBe('https://lgsp.example/schemas/population/v1/record');
    expect(PERSON_REF_JSON_SCHEMA.$id).toBe('https://lgsp.example/schemas/person-ref/v1');
    const ids = ALL_JSON_SCHEMAS.map((schema) => schema.$id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(4 + 1 + 4 + 1 + 1 + 3);
  });

  it('are plain JSON (no TypeBox symbols) and valid draft-07 schemas', () => {
    const ajv = new Ajv({ strict: true });
    addFormats(ajv);
    for (const schema of ALL_JSON_SCHEMAS) {
      expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
      expect(Object.getOwnPropertySymbols(schema)).toEqual([]);
      expect(ajv.validateSchema(schema)).toBe(true);
      ajv.addSchema(schema);
    }
    // Loaded together by $id, as a schema registry would.
    expect(ajv.validate('https://lgsp.example/schemas/land/v1', LAND_CREATE)).toBe(true);
    expect(ajv.validate('https://lgsp.example/schemas/land/v1/record', LAND_CREATE.after)).toBe(true);
    expect(ajv.validate('https://lgsp.example/schemas/person-ref/v1', LAND_CREATE.after?.holder)).toBe(true);
  });
});
