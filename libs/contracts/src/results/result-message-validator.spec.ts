import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULT_JSON_SCHEMAS, resultSchemaId } from '../published-json-schemas';
import { RESULT_SCHEMA_VERSION } from './decision-message';
import { ResultMessageValidator } from './result-message-validator';

/** The decision example of docs/contract.md, at the latest version. */
const example = (() => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'contract.md'), 'utf8');
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as Record<string, unknown>);
  const decision = blocks.find((b) => b.kind === 'DECISION' && Array.isArray(b.differences) && b.differences.length > 0);
  if (!decision) throw new Error('docs/contract.md has no decision example with differences');
  return decision as { schemaVersion: number; differences: Record<string, unknown>[] };
})();

const withVersion = (version: number, differences = example.differences) =>
  JSON.stringify({ ...example, schemaVersion: version, differences });

describe('ResultMessageValidator', () => {
  const validator = new ResultMessageValidator();

  it('publishes every version, the latest being the one the pipeline writes', () => {
    expect(Object.keys(RESULT_JSON_SCHEMAS).map(Number)).toEqual([1, 2, 3]);
    expect(RESULT_SCHEMA_VERSION).toBe(3);
    expect(RESULT_JSON_SCHEMAS[1].$id).toBe(resultSchemaId(1));
    expect(example.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
  });

  it("validates a message against the version it names: version 2 knows a difference's rule, version 1 does not", () => {
    expect(validator.parse(withVersion(2)).ok).toBe(true);
    const withoutRule = example.differences.map(({ rule: _rule, ...rest }) => rest);
    expect(validator.parse(withVersion(1, withoutRule)).ok).toBe(true);
    // Only optional additions: a version-1 message is also a valid version-2 one.
    expect(validator.parse(withVersion(2, withoutRule)).ok).toBe(true);
    const v1WithRule = validator.parse(withVersion(1));
    expect(v1WithRule).toMatchObject({ ok: false });
    expect(validator.parse(withVersion(2, [{ ...example.differences[0], rule: 'name.guesswork' }]))).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.stringContaining('/differences/0/rule')]),
    });
  });

  it("version 3 knows the evidence's registry size and proposed link; version 2 refuses them", () => {
    const searched = (version: number) =>
      JSON.stringify({
        ...example,
        schemaVersion: version,
        evidence: {
          notes: [],
          registrySize: 2_000_000,
          link: { citizenId: '066085001234', probability: 0.998, threshold: 0.99 },
        },
      });
    expect(validator.parse(searched(3)).ok).toBe(true);
    expect(validator.parse(searched(2))).toMatchObject({ ok: false });
    // Only optional additions: a version-2 message is also a valid version-3 one.
    expect(validator.parse(withVersion(3)).ok).toBe(true);
  });

  it('refuses a version it does not publish, saying which it does', () => {
    expect(validator.parse(withVersion(9))).toEqual({
      ok: false,
      errors: ['/schemaVersion names no published version (1, 2, 3)'],
    });
  });
});
