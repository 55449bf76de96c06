import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EXAMPLE_EVENTS } from './examples';
import { EVENT_JSON_SCHEMAS } from './published-json-schemas';
import { RECORD_SCHEMA_VERSIONS, SCHEMA_VERSIONS, latestSchemaVersion, schemaVersionsOf } from './schema-versions';
import { ArbitraryEvents } from './testing/arbitrary-events';
import { SOURCE_NAMES, type SourceName } from './v1/source-name';

/*
 * Backwards compatibility, generically over SCHEMA_VERSIONS: every event written at
 * version n (the examples, plus a generated batch for version 1) must still be valid
 * at every later version m > n of its source. A new version added to the table is
 * covered without touching this file.
 */

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();
function schemaAt(source: SourceName, version: number): ValidateFunction {
  const key = `${source}/${version}`;
  if (!compiled.has(key)) compiled.set(key, ajv.compile(EVENT_JSON_SCHEMAS[source][version]));
  return compiled.get(key)!;
}

const GENERATED_PER_SOURCE = 300;
function eventsWrittenAt(source: SourceName, version: number): unknown[] {
  const examples = EXAMPLE_EVENTS[source].filter((event) => event.schemaVersion === version);
  if (version !== 1) return examples;
  const generator = new ArbitraryEvents(0x06 + SOURCE_NAMES.indexOf(source));
  return [...examples, ...Array.from({ length: GENERATED_PER_SOURCE }, () => generator.event(source))];
}

const pairs = SOURCE_NAMES.flatMap((source) => {
  const versions = schemaVersionsOf(source);
  return versions.flatMap((older) => versions.filter((newer) => newer >= older).map((newer) => [source, older, newer] as const));
});

describe('schema version compatibility', () => {
  it.each(pairs)('%s events written at v%i are valid at v%i', (source, older, newer) => {
    const events = eventsWrittenAt(source, older);
    const validate = schemaAt(source, newer);
    const failures = events.filter((event) => !validate(event)).map(() => validate.errors);
    expect(failures).toEqual([]);
  });

  it('checks a non-trivial batch', () => {
    expect(eventsWrittenAt('land', 1).length).toBeGreaterThan(GENERATED_PER_SOURCE);
    expect(pairs.some(([, older, newer]) => newer > older)).toBe(true);
  });

  it('generates events of every operation', () => {
    const operations = new Set(eventsWrittenAt('insurance', 1).map((event) => (event as { operation: string }).operation));
    expect([...operations].sort()).toEqual(['create', 'delete', 'snapshot', 'update']);
  });

  it.each(SOURCE_NAMES)('%s has versions 1..n without gaps, and a record schema for each', (source) => {
    const versions = schemaVersionsOf(source);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    expect(latestSchemaVersion(source)).toBe(versions.length);
    expect(Object.keys(RECORD_SCHEMA_VERSIONS[source])).toEqual(Object.keys(SCHEMA_VERSIONS[source]));
  });

  it('has at least one example written at each registered version', () => {
    for (const source of SOURCE_NAMES) {
      for (const version of schemaVersionsOf(source)) {
        expect(EXAMPLE_EVENTS[source].some((event) => event.schemaVersion === version)).toBe(true);
      }
    }
  });
});
