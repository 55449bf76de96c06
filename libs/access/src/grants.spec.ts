import { examples } from '@lgsp/contracts';
import { checkedGrants, hasProvinceGrant, mayReach, provinceOfRecord } from './grants';

describe('mayReach', () => {
  const land7901 = { sources: ['insurance', 'land'], provinces: ['01', '79'] };

  it('lets a credential without restriction reach every source and province, a record naming none included', () => {
    const open = { sources: null, provinces: null };
    expect(mayReach(open, { source: 'business', provinceCode: '96' })).toEqual({ ok: true });
    expect(mayReach(open, { source: 'land', provinceCode: null })).toEqual({ ok: true });
    expect(hasProvinceGrant(open)).toBe(false);
  });

  it('refuses a source the credential is not authorised for, naming it, before looking at the province', () => {
    const r = mayReach(land7901, { source: 'business', provinceCode: '79' });
    expect(r).toMatchObject({ ok: false, refused: 'source', source: 'business' });
    expect(!r.ok && r.detail).toContain('insurance, land');
  });

  it('refuses a province outside its list, and a record that names no province, naming what was refused', () => {
    expect(mayReach(land7901, { source: 'land', provinceCode: '66' })).toMatchObject({ refused: 'province', provinceCode: '66' });
    expect(mayReach(land7901, { source: 'land', provinceCode: null })).toMatchObject({ refused: 'province', provinceCode: null });
    expect(mayReach(land7901, { source: 'land', provinceCode: '  ' })).toMatchObject({ refused: 'province', provinceCode: null });
    expect(mayReach(land7901, { source: 'land', provinceCode: '79' })).toEqual({ ok: true });
    expect(hasProvinceGrant(land7901)).toBe(true);
  });

  it('counts a stale pre-merger code as the province it was merged into', () => {
    // Bình Dương (74) and Bà Rịa–Vũng Tàu (77) were merged into Hồ Chí Minh City (79) on 1 July 2025.
    expect(mayReach(land7901, { source: 'land', provinceCode: '74' })).toEqual({ ok: true });
    expect(mayReach({ sources: null, provinces: ['74'] }, { source: 'land', provinceCode: '79' })).toMatchObject({
      refused: 'province',
    });
  });

  it('restricts sources alone or provinces alone', () => {
    expect(mayReach({ sources: ['land'], provinces: null }, { source: 'land', provinceCode: null })).toEqual({ ok: true });
    expect(mayReach({ sources: null, provinces: ['01'] }, { source: 'business', provinceCode: '01' })).toEqual({ ok: true });
  });
});

describe('checkedGrants', () => {
  it('keeps no restriction when none is named, and sorts and dedupes a list', () => {
    expect(checkedGrants({})).toEqual({ sources: null, provinces: null });
    expect(checkedGrants({ sources: ['land', ' insurance', 'land'], provinces: ['79', '01'] })).toEqual({
      sources: ['insurance', 'land'],
      provinces: ['01', '79'],
    });
  });

  it('refuses an unknown source, a code that is not a 2025 province, and an empty list', () => {
    expect(() => checkedGrants({ sources: ['lands'] })).toThrow(/unknown sources lands/);
    expect(() => checkedGrants({ provinces: ['74'] })).toThrow(/unknown provinces 74/);
    expect(() => checkedGrants({ provinces: [''] })).toThrow(/empty list of provinces/);
  });
});

describe('provinceOfRecord', () => {
  it("is the named person's address province for a sectoral record, the citizen's own for the population feed", () => {
    const person = { ...examples.asPersonRef(examples.NGUYEN_VAN_HUNG), provinceCode: '79' };
    expect(provinceOfRecord('land', { parcelId: '1', holder: person })).toBe('79');
    expect(provinceOfRecord('business', { legalRepresentative: person, provinceCode: '01' })).toBe('79');
    expect(provinceOfRecord('population', { ...examples.NGUYEN_VAN_HUNG })).toBe(examples.NGUYEN_VAN_HUNG.provinceCode);
    expect(provinceOfRecord('insurance', { holder: { ...person, provinceCode: null } })).toBeNull();
  });
});
