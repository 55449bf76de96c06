import fc from 'fast-check';
import { EXAMPLE_EVENTS } from '../examples';
import { SOURCE_NAMES, type SourceName } from '../v1/source-name';
import { edgeDate, edgeString, leafValues, withLeaf } from '../../../../test/support/fuzz-values';
import { SyncEventValidator } from './sync-event-validator';

/**
 * 100,000 payloads through the contract's validator: garbage of every JSON shape, and valid
 * envelopes with one leaf replaced by an edge value (NUL, lone surrogates, year 0000, offsets
 * up to ±23:59). The validator never throws, and whatever it accepts PostgreSQL can store:
 * no NUL or unpaired surrogate in any string, every date within years 0001–9999, every
 * commit time an instant PostgreSQL's timestamptz takes.
 */
const validator = new SyncEventValidator();
const RUNS = 50_000;

const LONE_SURROGATE = /(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF]))|(?:(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/;
const DATE = /^(\d{4})-\d{2}-\d{2}/;

/**
 * What PostgreSQL refuses (or silently changes) in an accepted event; empty when it can store all of it.
 * `datePaths`: the leaves that are dates (stored as `date`); any other string is text, where "0000-…" is fine.
 */
function unstorable(event: unknown, datePaths: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const { path, value } of leafValues(event)) {
    if (typeof value !== 'string') continue;
    if (value.includes('\u0000')) problems.push(`NUL at ${path.join('.')}`);
    if (LONE_SURROGATE.test(value)) problems.push(`lone surrogate at ${path.join('.')}`);
    const date = DATE.exec(value);
    if (date && datePaths.has(path.join('.')) && Number(date[1]) === 0) problems.push(`year 0000 at ${path.join('.')}`);
  }
  const committedAt = (event as { committedAt?: string }).committedAt ?? '';
  const at = Date.parse(committedAt);
  const year = new Date(at).getUTCFullYear();
  if (Number.isNaN(at) || year < 1 || year > 9999) problems.push(`committedAt ${committedAt} out of range`);
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(committedAt);
  if (offset && Number(offset[2]) * 60 + Number(offset[3]) > 14 * 60) problems.push(`offset beyond ±14:00`);
  return problems;
}

/**
 * The leaves the contract types as dates (IsoDate: stored and compared as dates). A person reference's
 * dateOfBirth is free text (sources send "15/03/1985"), kept in jsonb, where "0000-…" is only text.
 */
const DATE_FIELDS = new Set(['cardValidFrom', 'cardValidTo', 'dateOfDeath', 'registeredAt', 'dateOfBirth']);
const PERSON_REFS = new Set(['holder', 'holders', 'legalRepresentative']);
const isDateField = (path: (string | number)[]) =>
  DATE_FIELDS.has(String(path[path.length - 1])) && !path.some((k) => PERSON_REFS.has(String(k)));

const sources = fc.constantFrom<SourceName>(...SOURCE_NAMES);

describe('the validator under 100,000 fuzzed payloads', () => {
  it('never throws on garbage and accepts nothing PostgreSQL cannot store (50,000 of every JSON shape)', () => {
    fc.assert(
      fc.property(sources, fc.jsonValue(), (source, value) => {
        const r = validator.validate(source, value);
        return !r.ok || unstorable(r.event).length === 0;
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every edge value a valid envelope may carry that PostgreSQL cannot store (50,000 mutations)', () => {
    const examples = SOURCE_NAMES.flatMap((s) => EXAMPLE_EVENTS[s].map((event) => ({ source: s, event })));
    const mutation = fc
      .record({
        which: fc.nat({ max: examples.length - 1 }),
        leaf: fc.nat(),
        value: fc.oneof(edgeString, edgeDate, fc.constant(null), fc.integer()),
      })
      .map(({ which, leaf, value }) => {
        const { source, event } = examples[which];
        const all = leafValues(event).filter((l) => l.path.length > 0);
        const target = all[leaf % all.length];
        const datePaths = new Set(all.filter((l) => isDateField(l.path)).map((l) => l.path.join('.')));
        return { source, payload: withLeaf(event, target.path, value), datePaths };
      });
    fc.assert(
      fc.property(mutation, ({ source, payload, datePaths }) => {
        const r = validator.validate(source, payload);
        const problems = r.ok ? unstorable(r.event, datePaths) : [];
        if (problems.length > 0) throw new Error(`accepted an unstorable event: ${problems.join('; ')}`);
      }),
      { numRuns: RUNS },
    );
  });
});
