import {
  CommuneCode,
  NEW_PROVINCES,
  OLD_PROVINCES,
  OldProvinceCode,
  allCommunes,
  allOldCommunes,
  currentPlaceOf,
  formerCommunesOf,
  oldCommuneByCode,
  oldCommunesOf,
  oldDistrictBecame,
  staleAddressOf,
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
const asCommune = (c: string) => c as CommuneCode;

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

describe("communes of 1 July 2025 (the Statistics Office's list)", () => {
  const communes = allCommunes();

  it('number 3,321 with the official per-province counts and unique 5-digit codes', () => {
    expect(communes).toHaveLength(3321);
    expect(new Set(communes.map((c) => c.code)).size).toBe(3321);
    expect(communes.filter((c) => !/^\d{5}$/.test(c.code))).toEqual([]);
    for (const p of NEW_PROVINCES) expect(communesOf(p.code)).toHaveLength(p.communeCount);
  });

  it('carry their real names and kinds', () => {
    expect(communeByCode('00004')).toMatchObject({ name: 'Phường Ba Đình', kind: 'ward', provinceCode: '01' });
    expect(communeByCode('26732')).toMatchObject({ name: 'Đặc khu Côn Đảo', kind: 'special-zone', provinceCode: '79' });
    const dakLak = communesOf(asNewProvinceCode('66'));
    expect(dakLak.every((c) => c.provinceCode === '66')).toBe(true);
    expect(new Set(dakLak.map((c) => c.name)).size).toBe(dakLak.length);
    expect(communeByCode('99999')).toBeUndefined();
  });
});

describe('old communes and districts (before 1 July 2025)', () => {
  it("are the conversion table's: every old commune in a district of one of the 63 provinces", () => {
    const olds = new Set<OldProvinceCode>(allOldCommunes().map((c) => c.district.oldProvinceCode));
    expect(olds.size).toBe(63);
    const hanoi = oldDistrictsOf(old('01'));
    expect(hanoi.find((d) => d.code === '001')).toMatchObject({ name: 'Quận Ba Đình', urban: true });
    expect(oldCommunesOf(hanoi.find((d) => d.code === '001')!).map((c) => c.name)).toContain('Phường Trúc Bạch');
  });

  it("knows where each old commune's people went: one commune when merged, several when split", () => {
    // Trúc Bạch merged whole into Ba Đình; Ngọc Hà was split between Ba Đình and the new Ngọc Hà.
    expect(oldCommuneByCode('00004')).toMatchObject({ name: 'Phường Trúc Bạch', residentsTo: ['00004'] });
    expect(oldCommuneByCode('00016')).toMatchObject({ name: 'Phường Ngọc Hà', residentsTo: ['00004', '00008'] });
    expect(formerCommunesOf(asCommune('00008')).map((c) => c.name)).toContain('Phường Ngọc Hà');
    expect(formerCommunesOf(asCommune('00004')).map((c) => c.code)).toEqual(expect.arrayContaining(['00004', '00013', '00016']));
  });

  it('turn every commune of 1 July 2025 into an old commune or an old district, to write its stale addresses from', () => {
    const none = allCommunes().filter((c) => formerCommunesOf(c.code).length === 0 && oldDistrictBecame(c.code) === undefined);
    expect(none).toEqual([]);
    expect(oldDistrictBecame(asCommune('26732'))).toMatchObject({ name: 'Huyện Côn Đảo', oldProvinceCode: '77' });
  });
});

describe('addresses', () => {
  it('writes the 2025 and the stale pre-2025 forms', () => {
    const hcm = newProvince(asNewProvinceCode('79'));
    expect(formatAddress({ name: 'Phường Bến Thành' }, hcm)).toBe('Phường Bến Thành, Thành phố Hồ Chí Minh');
    const dakLak = newProvince(asNewProvinceCode('66'));
    expect(formatAddress({ name: 'Xã Tân Phú' }, dakLak)).toBe('Xã Tân Phú, Tỉnh Đắk Lắk');
    expect(formatStaleAddress({ name: 'Xã Tân Phú' }, 'Huyện Châu Thành', oldProvince(old('80')))).toBe(
      'Xã Tân Phú, Huyện Châu Thành, Tỉnh Long An',
    );
    expect(staleAddressOf(oldCommuneByCode('00016')!)).toBe('Phường Ngọc Hà, Quận Ba Đình, Thành phố Hà Nội');
  });
});

describe('a recorded place in current terms (currentPlaceOf)', () => {
  it('keeps a current commune, and reads a province code as a pre-2025 one (every current code is one)', () => {
    expect(currentPlaceOf({ provinceCode: '01', communeCode: '00008' })).toEqual({ provinceCode: '01', communeCode: '00008' });
    expect(currentPlaceOf({ provinceCode: '15', communeCode: null })).toEqual({ provinceCode: '15', communeCode: null });
    expect(currentPlaceOf({ provinceCode: '54', communeCode: null })).toEqual({ provinceCode: '66', communeCode: null });
  });

  it('turns an old commune into the one its people went to, or only its province when it was split', () => {
    // Xã Âu Lâu (04540, Yên Bái) is now Phường Âu Lâu (04543, Lào Cai); Phường Ngọc Hà (00016) was split.
    expect(currentPlaceOf({ provinceCode: '15', communeCode: '04540' })).toEqual({ provinceCode: '15', communeCode: '04543' });
    expect(currentPlaceOf({ provinceCode: '01', communeCode: '00016' })).toEqual({ provinceCode: '01', communeCode: null });
  });

  it('leaves codes neither list knows as given', () => {
    expect(currentPlaceOf({ provinceCode: '99', communeCode: 'abc' })).toEqual({ provinceCode: '99', communeCode: 'abc' });
    expect(currentPlaceOf({ provinceCode: null, communeCode: null })).toEqual({ provinceCode: null, communeCode: null });
  });
});
