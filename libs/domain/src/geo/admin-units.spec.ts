import { ADMIN_UNITS } from './admin-units';
import { NEW_PROVINCES, newProvinceOfOld } from './new-provinces';
import { OLD_PROVINCES, asOldProvinceCode } from './old-provinces';

// Rows are checked in bulk and the offenders listed: an expect per row of 10,000 is slow and says less.
describe('the vendored lists of the Statistics Office (libs/domain/data/vn-admin-units)', () => {
  const { communes, oldDistricts, oldCommunes } = ADMIN_UNITS;
  const newCodes = new Map(communes.map(([code, , province]) => [code, province]));
  const districtProvince = new Map(oldDistricts.map(([code, , province]) => [code, province]));

  it('has the 3,321 communes of 1 July 2025, unique 5-digit codes with a title, each province its official count', () => {
    expect(communes).toHaveLength(3321);
    expect(newCodes.size).toBe(3321);
    expect(communes.filter(([code, name]) => !/^\d{5}$/.test(code) || !/^(Xã|Phường|Đặc khu) \S/.test(name))).toEqual([]);
    for (const p of NEW_PROVINCES)
      expect([p.code, communes.filter((c) => c[2] === p.code).length]).toEqual([p.code, p.communeCount]);
  });

  it('puts every old district in one of the 63 provinces whose codes the citizen IDs carry', () => {
    const oldCodes = new Set<string>(OLD_PROVINCES.map((p) => p.code));
    expect(
      oldDistricts.filter(
        ([code, name, province]) =>
          !/^\d{3}$/.test(code) || !/^(Huyện|Quận|Thị xã|Thành phố) \S/.test(name) || !oldCodes.has(province),
      ),
    ).toEqual([]);
    expect(new Set(districtProvince.values()).size).toBe(63);
  });

  it('sends every old commune to communes of the province its own province was merged into', () => {
    expect(oldCommunes.length).toBeGreaterThan(10_000);
    expect(new Set(oldCommunes.map((c) => c[0])).size).toBe(oldCommunes.length);
    const wrong = oldCommunes.filter(([code, name, district, residents]) => {
      const now = newProvinceOfOld(asOldProvinceCode(districtProvince.get(district)!));
      return (
        !/^\d{5}$/.test(code) ||
        !/^(Xã|Phường|Thị trấn) \S/.test(name) ||
        residents.length === 0 ||
        residents.some((to) => newCodes.get(to) !== now)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('takes every commune of 1 July 2025 from at least one old commune or district', () => {
    const taken = new Set(oldCommunes.flatMap((c) => c[3]));
    for (const d of oldDistricts) if (d[3] !== undefined) taken.add(d[3]);
    expect([...newCodes.keys()].filter((c) => !taken.has(c))).toEqual([]);
  });

  it('splits a few hundred old communes between several new ones', () => {
    const split = oldCommunes.filter((c) => c[3].length > 1);
    expect(split.length).toBe(382);
  });
});
