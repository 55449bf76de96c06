import { GatewayProblem } from './problem';
import { acknowledgementOf, listFilter, scopeOf } from './corrections.service';

const paths = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof GatewayProblem ? [e.getStatus(), e.errors.map((x) => x.path).sort()] : e;
  }
  return 'accepted';
};
const body = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe("the gateway's corrections", () => {
  it('reads an acknowledgement, a rejection with its reason only, naming each failing field', () => {
    expect(acknowledgementOf(body({ status: 'applied' }))).toEqual({ status: 'applied', reason: null });
    expect(acknowledgementOf(body({ status: 'rejected', reason: '  papers say so ' }))).toEqual({
      status: 'rejected',
      reason: 'papers say so',
    });
    expect(paths(() => acknowledgementOf(body({ status: 'rejected', reason: ' ' })))).toEqual([422, ['/reason']]);
    expect(paths(() => acknowledgementOf(body({ status: 'done', note: 1 })))).toEqual([422, ['/note', '/status']]);
    expect(paths(() => acknowledgementOf(body({ status: 'applied', reason: 'x'.repeat(501) })))).toEqual([422, ['/reason']]);
    expect(paths(() => acknowledgementOf(body('{"status"')))).toEqual([400, ['']]);
    expect(paths(() => acknowledgementOf(Buffer.from([0xff, 0xfe])))).toEqual([400, ['']]);
  });

  it('checks the listing query, and its cursor round-trips only as given', () => {
    expect(listFilter({})).toEqual({ limit: 100 });
    expect(paths(() => listFilter({ limit: '1001', state: 'gone', other: 'x', source: ['land', 'land'] }))).toEqual([
      422,
      ['/query/limit', '/query/other', '/query/source', '/query/state'],
    ]);
    const after = Buffer.from('2026-12-03T10:00:00.000Z|00000000-0000-4000-8000-00000000c001').toString('base64url');
    expect(listFilter({ after }).after).toEqual({
      openedAt: '2026-12-03T10:00:00.000Z',
      id: '00000000-0000-4000-8000-00000000c001',
    });
    expect(paths(() => listFilter({ after: 'bm9wZQ' }))).toEqual([422, ['/query/after']]);
  });

  it('scopes a key with a province grant to its provinces, one without to the records it submitted', () => {
    const credential = { id: 'abc', name: 'x', scopes: [], createdAt: '', revokedAt: null };
    expect(scopeOf({ ...credential, sources: ['land'], provinces: ['66'] } as never)).toEqual({
      sources: ['land'],
      provinces: ['66'],
    });
    expect(scopeOf({ ...credential, sources: null, provinces: null } as never)).toEqual({
      submittedBy: 'abc',
      sources: undefined,
    });
  });
});
