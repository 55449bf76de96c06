import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BLOCKING_KEY_KINDS,
  COMPARED_FIELDS,
  CONFIDENCE,
  DEFAULT_M_U,
  DIFF_FIELDS,
  DIFFERENCE_RULES,
  FIELD_DIFFERENCE_KINDS,
  ID_CONTRADICTIONS,
  ID_PROBLEMS,
  OUTCOMES,
  type AgreementLevels,
} from '@lgsp/domain';
import { RESULT_JSON_SCHEMA } from '../published-json-schemas';
import { SECTORAL_SOURCES } from '../v1/source-name';
import { AGREEMENT_LEVELS, CONFIDENCE_MEANINGS, RESULT_VOCABULARY } from './vocabulary';
import { VOCABULARY_DOC, vocabularyMarkdown } from './vocabulary-markdown';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Every closed set of strings in a JSON Schema (`enum`, `const`), by JSON pointer; `*` for array items. */
function enumerationsOf(schema: unknown, path = '', found = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (schema === null || typeof schema !== 'object') return found;
  const s = schema as Record<string, unknown>;
  const values = [...(Array.isArray(s.enum) ? s.enum : []), ...('const' in s ? [s.const] : [])].filter(
    (v): v is string => typeof v === 'string',
  );
  if (values.length > 0) {
    const set = found.get(path) ?? new Set<string>();
    for (const v of values) set.add(v);
    found.set(path, set);
  }
  for (const branch of [...((s.anyOf as unknown[]) ?? []), ...((s.oneOf as unknown[]) ?? [])])
    enumerationsOf(branch, path, found);
  for (const [name, property] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    enumerationsOf(property, `${path}/${name}`, found);
  }
  if (s.items !== undefined) enumerationsOf(s.items, `${path}/*`, found);
  return found;
}

const sectionAt = (path: string) => RESULT_VOCABULARY.find((s) => s.paths.includes(path));

describe('the vocabulary of the results topic', () => {
  it.each([
    ['/outcome', OUTCOMES],
    ['/source', SECTORAL_SOURCES],
    ['/differences/*/field', DIFF_FIELDS],
    ['/differences/*/kind', FIELD_DIFFERENCE_KINDS],
    ['/differences/*/rule', DIFFERENCE_RULES],
    ['/evidence/idProblem', ID_PROBLEMS],
    ['/evidence/idContradictions/*', ID_CONTRADICTIONS],
    ['/candidates/*/fields/*/field', COMPARED_FIELDS],
    ['/candidates/*/foundBy/*', BLOCKING_KEY_KINDS],
  ])("gives a meaning to every value of %s, in the code's order, and to nothing else", (path, values) => {
    const section = sectionAt(path);
    expect(section?.values).toEqual([...values]);
    expect(Object.keys(section!.meanings).sort()).toEqual([...values].sort());
    for (const v of values) expect(section!.meanings[v]).toMatch(/\S/);
  });

  it('covers every enumeration of the published schema exactly, and names no path the schema lacks', () => {
    const inSchema = enumerationsOf(RESULT_JSON_SCHEMA);
    const uncovered = [...inSchema.keys()].filter((p) => sectionAt(p) === undefined);
    expect(uncovered).toEqual([]);
    for (const [path, values] of inSchema) {
      const section = sectionAt(path)!;
      expect({ path, values: [...values].sort() }).toEqual({ path, values: [...section.values].sort() });
      expect(Object.keys(section.meanings).sort()).toEqual([...values].sort());
    }
    expect(RESULT_VOCABULARY.flatMap((s) => s.paths).filter((p) => !inSchema.has(p))).toEqual([]);
  });

  it('gives a meaning to every confidence constant and every agreement level of the weight scale', () => {
    expect(Object.keys(CONFIDENCE_MEANINGS).sort()).toEqual(Object.keys(CONFIDENCE).sort());
    const kinds: readonly string[] = FIELD_DIFFERENCE_KINDS;
    for (const kind of [...Object.keys(CONFIDENCE.name), ...Object.keys(CONFIDENCE.date)]) expect(kinds).toContain(kind);
    expect(Object.keys(AGREEMENT_LEVELS).sort()).toEqual(Object.keys(DEFAULT_M_U).sort());
    for (const field of Object.keys(DEFAULT_M_U) as (keyof AgreementLevels)[]) {
      // MISSING has no m/u: it carries no evidence, weight 0.
      expect(Object.keys(AGREEMENT_LEVELS[field]).sort()).toEqual([...Object.keys(DEFAULT_M_U[field]), 'MISSING'].sort());
    }
  });

  it('is what docs/vocabulary.md says (run `npm run docs:vocabulary` after changing a meaning or an enumeration)', () => {
    const file = join(REPO_ROOT, VOCABULARY_DOC);
    const generated = vocabularyMarkdown();
    if (process.env.LGSP_VOCABULARY === 'write') writeFileSync(file, generated);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (committed !== generated) {
      throw new Error(`${VOCABULARY_DOC} differs from the vocabulary in code: run \`npm run docs:vocabulary\` and commit it`);
    }
  });

  it('documents the scales with the values the code uses', () => {
    const doc = vocabularyMarkdown();
    expect(doc).toContain(`| \`missing\` | ${CONFIDENCE.missing} |`);
    expect(doc).toContain('| `name` | `SAME` | 0.85 | 0.001 | 9.731 |');
    expect(doc).toContain('| `gender` | `MISSING` | – | – | 0 |');
  });
});
