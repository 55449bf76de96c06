import {
  NEW_PROVINCES,
  OLD_PROVINCES,
  OldProvinceCode,
  allCommunes,
  asNewProvinceCode,
  asOldProvinceCode,
  communeByCode,
  communesOf,
  formatAddress,
  formatStaleAddress,
  newProvince,
  newProvinceOfOld,
  oldDistrictsOf,
  oldProvince,
  oldProvincesOfNew,
} from './index';
import { BIRTH_PROVINCE_CODES } from '../identity/citizen-id';

const old = (c: string) => asOldProvinceCode(c);

describe('province merger of 1 July 2025', () => {
  it('has 63 old and 34 new provinces with unique codes', () => {
    expect(OLD_PROVINCES).toHaveLength(63);
    expect(NEW_PROVINCES).toHaveLength(34);
    expect(new Set(OLD_PROVINCES.map((p) => p.code)).size).toBe(63);
    expect(new Set(NEW_PROVINCES.map((p) => p.code)).size).toBe(34);
  });

  it('old codes are exactly the birth-province codes used in citizen IDs', () => {
    expect(new Set(OLD_PROVINCES.map((p) => p.code))).toEqual(new Set(BIRTH_PROVINCE_CODES));
  });

  it('maps every old province to exactly one new province, covering all 34', () => {
    const seen = new Map<string, number>();
    for (const p of NEW_PROVINCES) for (const o of p.mergedFrom) seen.set(o, (seen.get(o) ?? 0) + 1);
    for (const o of OLD_PROVINCES) expect(seen.get(o.code)).toBe(1);
    expect(new Set(OLD_PROVINCES.map((o) => newProvinceOfOld(o.code)))).toEqual(new Set(NEW_PROVINCES.map((p) => p.code)));
  });

  it.each([
    ['02', '08'],
    ['15', '15'],
    ['10', '15'],
    ['52', '52'],
    ['64', '52'],
    ['80', '80'],
    ['72', '80'],
    ['74', '79'],
    ['77', '79'],
    ['62', '51'],
    ['67', '68'],
    ['60', '68'],
    ['54', '66'],
    ['58', '56'],
    ['49', '48'],
    ['44', '44'],
    ['45', '44'],
    ['35', '37'],
    ['36', '37'],
    ['34', '33'],
    ['30', '31'],
    ['24', '24'],
    ['27', '24'],
    ['26', '25'],
    ['17', '25'],
    ['06', '19'],
    ['82', '82'],
    ['87', '82'],
    ['83', '86'],
    ['84', '86'],
    ['91', '91'],
    ['89', '91'],
    ['94', '92'],
    ['93', '92'],
    ['95', '96'],
    ['70', '75'],
    ['46', '46'],
    ['01', '01'],
    ['38', '38'],
  ])('old %s -> new %s', (from, to) => {
    expect(newProvinceOfOld(old(from))).toBe(to);
  });

  it('keeps the code of provinces that were not merged', () => {
    for (const p of NEW_PROVINCES) {
      if (p.mergedFrom.length === 1) expect(p.mergedFrom[0]).toBe(p.code);
    }
  });

  it('new codes reuse the code of one of their old members', () => {
    for (const p of NEW_PROVINCES) expect(p.mergedFrom as readonly string[]).toContain(p.code);
  });

  it('rejects codes of the wrong generation', () => {
    expect(() => asNewProvinceCode('02')).toThrow();
    expect(() => asOldProvinceCode('99')).toThrow();
    expect(oldProvincesOfNew(asNewProvinceCode('37')).map((p) => p.name)).toEqual(['Ninh Bình', 'Hà Nam', 'Nam Định']);
  });
});

describe('synthetic communes', () => {
  const communes = allCommunes();

  it('number 3,321 with the official per-province counts and unique 5-digit codes', () => {
    expect(communes).toHaveLength(3321);
    expect(new Set(communes.map((c) => c.code)).size).toBe(3321);
    for (const c of communes) expect(c.code).toMatch(/^\d{5}$/);
    for (const p of NEW_PROVINCES) expect(communesOf(p.code)).toHaveLength(p.communeCount);
  });

  it('have unique names within a province and a consistent old province', () => {
    for (const p of NEW_PROVINCES) {
      const list = communesOf(p.code);
      expect(new Set(list.map((c) => c.name)).size).toBe(list.length);
      for (const c of list) {
        expect(c.name).toMatch(/^(Phường|Xã) /);
        expect(newProvinceOfOld(c.oldProvinceCode)).toBe(p.code);
        expect(oldDistrictsOf(c.oldProvinceCode).map((d) => d.name)).toContain(c.oldDistrictName);
      }
    }
  });

  it('gives every merged old province some communes', () => {
    const olds = new Set<OldProvinceCode>(communes.map((c) => c.oldProvinceCode));
    expect(olds.size).toBe(63);
  });

  it('is deterministic', () => {
    const c = communesOf(asNewProvinceCode('66'))[0];
    expect(communeByCode(c.code)).toBe(c);
  });
});

describe('addresses', () => {
  it('writes the 2025 and the stale pre-2025 forms', () => {
    const hcm = newProvince(asNewProvinceCode('79'));
    const ward = { ...communesOf(hcm.code)[0], name: 'Phường Bến Thành' };
    expect(formatAddress(ward, hcm)).toBe('Phường Bến Thành, Thành phố Hồ Chí Minh');
    const dakLak = newProvince(asNewProvinceCode('66'));
    const xa = { ...communesOf(dakLak.code)[0], name: 'Xã Tân Phú' };
    expect(formatAddress(xa, dakLak)).toBe('Xã Tân Phú, Tỉnh Đắk Lắk');
    expect(formatStaleAddress(xa, 'Huyện Châu Thành', oldProvince(old('80')))).toBe('Xã Tân Phú, Huyện Châu Thành, Tỉnh Long An');
  });
});
