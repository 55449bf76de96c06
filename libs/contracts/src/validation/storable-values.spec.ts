import { EXAMPLE_EVENTS, LAND_CREATE, POPULATION_CREATE } from '../examples';
import { SOURCE_NAMES, type SourceName } from '../v1/source-name';
import type { ContractViolation } from './contract-violation';
import { SyncEventValidator } from './sync-event-validator';

const validator = new SyncEventValidator();
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const copy = <T>(value: T): Loose => JSON.parse(JSON.stringify(value)) as Loose;

const TEXT = { keyword: 'text', message: 'must not contain a NUL character (U+0000) or an unpaired UTF-16 surrogate' };

function errorsOf(source: SourceName, event: unknown): ContractViolation[] {
  const result = validator.validate(source, event);
  return result.ok ? [] : result.errors;
}

/** JSON pointers of every string in a value, with a setter for it. */
function stringLeaves(value: unknown, path = ''): { path: string; set: (root: Loose, v: string) => void }[] {
  if (typeof value === 'string') {
    const tokens = path.split('/').slice(1);
    return [
      {
        path,
        set: (root, v) => {
          let node: Loose = root;
          for (const t of tokens.slice(0, -1)) node = node[t];
          node[tokens[tokens.length - 1]] = v;
        },
      },
    ];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, `${path}/${k}`));
}

describe('values PostgreSQL cannot store are refused by the contract, naming the field', () => {
  // Every string of every example event, whatever its field: names, addresses, IDs, codes, dates.
  const cases = SOURCE_NAMES.flatMap((source) =>
    EXAMPLE_EVENTS[source].flatMap((event) =>
      stringLeaves(event).map((leaf) => [source, event.eventId.slice(0, 8), leaf.path, event, leaf] as const),
    ),
  );

  it.each(cases)('%s %s: a NUL in %s is refused at that path', (source, _id, path, event, leaf) => {
    const bad = copy(event);
    leaf.set(bad, 'A\u0000');
    // A changed record key no longer equals entityId: that violation is the key's own rule, not this one.
    const errors = errorsOf(source, bad).filter((e) => e.keyword !== 'entityId');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.path === path)).toBe(true);
    // A free-text field says why; a field with a stricter pattern, format or list refuses it already.
    if (errors.some((e) => e.keyword === 'text')) expect(errors).toEqual([{ path, ...TEXT }]);
  });

  it.each([
    ['a NUL', 'Nguyễn\u0000Văn Hùng'],
    ['a lone high surrogate', 'Nguyễn Văn \ud840'],
    ['a lone low surrogate', '\udc00Nguyễn Văn Hùng'],
    ['a reversed pair', 'Hùng \udc00\ud840'],
  ])('refuses %s in a name, an address and an ID as recorded', (_what, value) => {
    const event = copy(LAND_CREATE);
    event.after.holder.fullName = value;
    event.after.holder.address = value;
    event.after.holder.citizenId = value.slice(0, 32);
    expect(errorsOf('land', event)).toEqual([
      { path: '/after/holder/citizenId', ...TEXT },
      { path: '/after/holder/fullName', ...TEXT },
      { path: '/after/holder/address', ...TEXT },
    ]);
  });

  it('refuses a NUL in the envelope entityId and a lone surrogate in a registry name', () => {
    const event = copy(POPULATION_CREATE);
    event.after.fullName = 'Trần Thị \ud83d';
    expect(errorsOf('population', event)).toEqual([{ path: '/after/fullName', ...TEXT }]);
    const keyed = copy(LAND_CREATE);
    keyed.entityId = `${keyed.entityId}\u0000`;
    expect(errorsOf('land', keyed)).toEqual(expect.arrayContaining([{ path: '/entityId', ...TEXT }]));
  });

  it.each([
    ['year 0000', '0000-03-01T10:00:00Z', ['dateRange']],
    ['its first day, which an offset may move to year 0', '0001-01-01T05:00:00+07:00', ['dateRange']],
    ['its last day, which an offset may move to year 10000', '9999-12-31T23:00:00-05:00', ['dateRange']],
    ['an offset of +23:00', '2026-12-01T10:00:00+23:00', ['utcOffset']],
    ['an offset of -14:30', '2026-12-01T10:00:00-14:30', ['utcOffset']],
    ['an offset of +15:00 written without colon', '2026-12-01T10:00:00+1500', ['utcOffset']],
    ['both', '0000-12-01T10:00:00+23:00', ['dateRange', 'utcOffset']],
  ])('refuses a committedAt with %s', (_what, committedAt, keywords) => {
    const event = copy(POPULATION_CREATE);
    event.committedAt = committedAt;
    const errors = errorsOf('population', event);
    expect(errors.map((e) => [e.path, e.keyword])).toEqual(keywords.map((k) => ['/committedAt', k]));
    expect(errors.map((e) => e.message).join(' ')).not.toContain(committedAt);
  });

  it('refuses a date in year 0000: a registry birth date, a parcel registration', () => {
    const citizen = copy(POPULATION_CREATE);
    citizen.after.dateOfBirth = '0000-02-29';
    expect(errorsOf('population', citizen)).toEqual([
      { path: '/after/dateOfBirth', keyword: 'dateRange', message: 'must be a date in the years 0001 to 9999' },
    ]);
    const parcel = copy(LAND_CREATE);
    parcel.after.registeredAt = '0000-01-01';
    expect(errorsOf('land', parcel).map((e) => [e.path, e.keyword])).toEqual([['/after/registeredAt', 'dateRange']]);
  });

  describe('still accepts valid edge values', () => {
    it.each([
      ['Vietnamese diacritics, composed', 'Nguyễn Thị Ngọc Ánh'],
      ['Vietnamese diacritics, decomposed', 'Nguyễn Thị Ngọc Ánh'.normalize('NFD')],
      ['an astral-plane character (a proper surrogate pair)', 'Phạm 𠀧 Hương'],
      ['an emoji with a joiner', 'Lê 👨‍👩‍👧 Văn'],
      ['the last code points before and after the surrogates', '\ud7ff\ue000\uffff'],
      ['control characters other than NUL', 'Đỗ\tVăn\u0001Tâm'],
    ])('%s in names and addresses', (_what, value) => {
      const citizen = copy(POPULATION_CREATE);
      citizen.after.fullName = value;
      citizen.after.address = value;
      expect(errorsOf('population', citizen)).toEqual([]);
      const parcel = copy(LAND_CREATE);
      parcel.after.holder.fullName = value;
      expect(errorsOf('land', parcel)).toEqual([]);
    });

    it.each([
      '1900-01-01T00:00:00+07:00',
      '1900-01-01T00:00:00+07',
      '2026-12-01T10:00:00.123456Z',
      '2026-12-01t10:00:00z',
      '2026-12-01T10:00:00+14:00',
      '2026-12-01T10:00:00-12:00',
      '2026-12-01T10:00:00+0545',
      '0001-01-02T00:00:00+14:00',
      '9999-12-30T23:59:59-14:00',
    ])('a committedAt of %s', (committedAt) => {
      const event = copy(POPULATION_CREATE);
      event.committedAt = committedAt;
      expect(errorsOf('population', event)).toEqual([]);
    });

    it.each(['1900-01-01', '0001-01-01', '9999-12-31', '2000-02-29'])('a birth date of %s', (dateOfBirth) => {
      const citizen = copy(POPULATION_CREATE);
      citizen.after.dateOfBirth = dateOfBirth;
      expect(errorsOf('population', citizen)).toEqual([]);
    });
  });
});
