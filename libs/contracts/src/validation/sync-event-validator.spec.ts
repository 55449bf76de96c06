import { EXAMPLE_EVENTS, LAND_CREATE, LAND_DELETE, LAND_UPDATE, POPULATION_CREATE } from '../examples';
import { SOURCE_NAMES } from '../v1/source-name';
import type { ContractViolation } from './contract-violation';
import { SyncEventValidator } from './sync-event-validator';

const validator = new SyncEventValidator();
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function errorsOf(result: ReturnType<SyncEventValidator['validate']>): ContractViolation[] {
  if (result.ok) throw new Error('expected the event to be rejected');
  return result.errors;
}
const pathsOf = (result: ReturnType<SyncEventValidator['validate']>) =>
  errorsOf(result)
    .map((e) => e.path)
    .sort();

describe('SyncEventValidator', () => {
  describe.each(SOURCE_NAMES)('%s examples', (source) => {
    it.each(EXAMPLE_EVENTS[source].map((e) => [e.operation, e.eventId, e] as const))('accepts %s %s', (_op, _id, event) => {
      expect(validator.validate(source, event)).toEqual({ ok: true, event });
    });
  });

  it('reports every violation at once, each at its JSON pointer', () => {
    const event: Loose = copy(LAND_CREATE);
    event.after.areaM2 = '126,5';
    delete event.traceId;
    event.after.holder.gender = 'Nam';
    event.after.registeredAt = '18/05/2012';
    event.unexpected = true;

    const errors = errorsOf(validator.validate('land', event));

    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/after/areaM2', keyword: 'type', message: 'must be number' },
        { path: '/traceId', keyword: 'required', message: "must have required property 'traceId'" },
        { path: '/after/holder/gender', keyword: 'enum', message: expect.any(String) },
        { path: '/after/registeredAt', keyword: 'format', message: 'must match format "date"' },
        { path: '/unexpected', keyword: 'additionalProperties', message: expect.any(String) },
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('accepts dirty person data (legacy ID, NFD name, day-first date): that is for the reconciler', () => {
    const event: Loose = copy(LAND_CREATE);
    event.after.holder = {
      citizenId: '24123456',
      fullName: 'NGUYEN  VAN HUNG'.normalize('NFD'),
      dateOfBirth: '31/02/85',
      gender: null,
      address: null,
      provinceCode: '47',
      communeCode: '2413',
    };
    expect(validator.validate('land', event).ok).toBe(true);
  });

  it('rejects a registry record whose citizen ID is not 12 digits', () => {
    const event: Loose = copy(POPULATION_CREATE);
    event.after.citizenId = '07920100891';
    event.entityId = '07920100891';
    expect(errorsOf(validator.validate('population', event))).toEqual([
      { path: '/after/citizenId', keyword: 'pattern', message: 'must match pattern "^[0-9]{12}$"' },
    ]);
  });

  describe('operation rules', () => {
    const withSides = (operation: string, before: unknown, after: unknown): Loose => ({
      ...copy(LAND_UPDATE),
      operation,
      before,
      after,
    });
    const record = LAND_UPDATE.after;

    it.each([
      ['snapshot', null, record],
      ['create', null, record],
      ['update', record, record],
      ['delete', record, null],
    ])('accepts %s with the sides it needs', (operation, before, after) => {
      expect(validator.validate('land', withSides(operation, before, after)).ok).toBe(true);
    });

    it.each([
      ['snapshot', record, record, ['/before']],
      ['create', null, null, ['/after']],
      ['create', record, null, ['/after', '/before']],
      ['update', null, record, ['/before']],
      ['update', record, null, ['/after']],
      ['delete', null, null, ['/before']],
      ['delete', record, record, ['/after']],
    ])('rejects %s with the wrong sides (case %#)', (operation, before, after, paths) => {
      const errors = errorsOf(validator.validate('land', withSides(operation, before, after)));
      expect(errors.map((e) => e.path).sort()).toEqual(paths);
      for (const error of errors) expect(error.message).toContain(`when operation is`);
      expect(errors.some((e) => e.message.includes(operation))).toBe(true);
    });

    it('rejects an unknown operation', () => {
      expect(pathsOf(validator.validate('land', withSides('upsert', null, record)))).toEqual(['/operation']);
    });
  });

  it('requires entityId to be the record key', () => {
    const event: Loose = copy(LAND_DELETE);
    event.entityId = '24133.12.88';
    expect(errorsOf(validator.validate('land', event))).toEqual([
      { path: '/entityId', keyword: 'entityId', message: 'must equal before.parcelId' },
    ]);
  });

  it('rejects an event published on the wrong source', () => {
    expect(pathsOf(validator.validate('insurance', LAND_CREATE))).toContain('/source');
  });

  it('chooses the schema by schemaVersion and rejects unknown versions', () => {
    const v2Only: Loose = { ...copy(LAND_CREATE), after: { ...copy(LAND_CREATE.after), landUseLabel: 'Đất ở tại đô thị' } };
    expect(pathsOf(validator.validate('land', v2Only))).toEqual(['/after/landUseLabel']);
    expect(validator.validate('land', { ...v2Only, schemaVersion: 2 }).ok).toBe(true);

    const errors = errorsOf(validator.validate('land', { ...copy(LAND_CREATE), schemaVersion: 99 }));
    expect(errors).toEqual([
      { path: '/schemaVersion', keyword: 'schemaVersion', message: 'must be a supported schema version (1, 2)' },
    ]);
  });

  it('rejects values that are not objects', () => {
    expect(errorsOf(validator.validate('land', null))).toEqual([{ path: '', keyword: 'type', message: 'must be object' }]);
    expect(pathsOf(validator.validate('land', []))).toEqual(['']);
  });

  describe('parse', () => {
    it('decodes UTF-8 JSON bytes and validates them', () => {
      const bytes = Buffer.from(JSON.stringify(LAND_CREATE), 'utf8');
      expect(validator.parse('land', bytes)).toEqual({ ok: true, event: LAND_CREATE });
      expect(validator.parse('land', JSON.stringify(LAND_CREATE)).ok).toBe(true);
    });

    it.each([
      ['truncated JSON', Buffer.from(JSON.stringify(LAND_CREATE).slice(0, 80))],
      ['empty message', Buffer.alloc(0)],
      ['a string', '{"citizenId": 079201008910}'],
    ])('reports %s as one error at path ""', (_what, bytes) => {
      expect(validator.parse('land', bytes)).toEqual({
        ok: false,
        errors: [{ path: '', keyword: 'json', message: 'must be valid JSON' }],
      });
    });

    it('reports bytes that are not UTF-8', () => {
      expect(validator.parse('land', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toEqual({
        ok: false,
        errors: [{ path: '', keyword: 'encoding', message: 'must be UTF-8 encoded' }],
      });
    });
  });

  it('never repeats personal data in its errors', () => {
    const citizenId = '079201008910';
    const name = 'Lê Hoàng Anh';
    const event: Loose = copy(LAND_CREATE);
    event.after.holder = {
      ...event.after.holder,
      citizenId: 79201008910,
      fullName: name.repeat(40),
      dateOfBirth: ['2001-07-21'],
    };
    event.after.landUse = citizenId;
    event.after.registeredAt = '2001-07-21T00:00:00Z';
    event[citizenId] = name;
    event.after.holder[name] = citizenId;

    const serialised = JSON.stringify(validator.validate('land', event));
    expect(serialised).not.toContain('79201008910');
    expect(serialised).not.toContain('Lê Hoàng');
    expect(serialised).not.toContain('2001-07-21');

    expect(pathsOf(validator.validate('land', event))).toEqual(
      expect.arrayContaining(['', '/after/holder', '/after/holder/citizenId', '/after/landUse']),
    );

    const parsed = JSON.stringify(validator.parse('land', `{"holder":{"citizenId":"${citizenId}", "fullName": ${name}}}`));
    expect(parsed).not.toContain(citizenId);
    expect(parsed).not.toContain(name);
  });
});
