import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so key order does not matter', () => {
    const a = { b: 1, a: { d: [3, { y: 1, x: 2 }], c: null } };
    const b = { a: { c: null, d: [3, { x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('writes strings and numbers as JSON.stringify does, with no whitespace', () => {
    expect(canonicalJson({ name: 'Nguyễn "Văn"\n', area: 120.5, n: 1e21, z: -0 })).toBe(
      '{"area":120.5,"n":1e+21,"name":"Nguyễn \\"Văn\\"\\n","z":0}',
    );
  });

  it('keeps the Unicode form it is given: NFC and NFD names stay different', () => {
    expect(canonicalJson('Hòa'.normalize('NFC'))).not.toBe(canonicalJson('Hòa'.normalize('NFD')));
  });

  it('leaves out undefined properties and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });
});
