import { compareAddress } from './address';
import { oldAddressParts } from './commune-history';
import { diffPerson } from './field-diff';
import type { RecordedPerson, RegistryCitizen } from './person';
import { currentCommuneHistory, currentProvinceHistory } from './province-history';

// Real places, through the Statistics Office's conversion table as vendored (libs/domain/data/vn-admin-units).
const compare = (
  recorded: { address: string | null; provinceCode: string | null; communeCode: string | null },
  registry: { address: string; provinceCode: string; communeCode: string },
) => compareAddress(recorded, registry, currentProvinceHistory(), currentCommuneHistory());

// Xã Âu Lâu (04540) of Thành phố Yên Bái merged whole into Phường Âu Lâu (04543), Tỉnh Lào Cai (15).
const auLau = { provinceCode: '15', communeCode: '04543', address: 'Phường Âu Lâu, Tỉnh Lào Cai' };
// Phường Ngọc Hà (00016) of Quận Ba Đình was split between Phường Ba Đình (00004) and Phường Ngọc Hà (00008).
const ngocHaNow = { provinceCode: '01', communeCode: '00008', address: 'Phường Ngọc Hà, Thành phố Hà Nội' };
const baDinhNow = { provinceCode: '01', communeCode: '00004', address: 'Phường Ba Đình, Thành phố Hà Nội' };
const ngocHaThen = { provinceCode: '01', communeCode: '00016', address: 'Phường Ngọc Hà, Quận Ba Đình, Thành phố Hà Nội' };

describe('resolving a pre-2025 address through the conversion table', () => {
  it('a commune that merged: stale, by its old code, naming the one commune its people went to', () => {
    const recorded = { provinceCode: '15', communeCode: '04540', address: 'Xã Âu Lâu, Thành phố Yên Bái, Tỉnh Yên Bái' };
    expect(compare(recorded, auLau)).toEqual({
      kind: 'STALE_ADDRESS',
      sameArea: false,
      reason: 'MERGED_COMMUNE',
      oldCommune: { oldCommuneCode: '04540', by: 'code', communes: ['04543'] },
    });
  });

  it('a commune that merged, named without a code, without diacritics and with abbreviated titles', () => {
    const recorded = { provinceCode: null, communeCode: null, address: 'xa Au Lau, TP. Yen Bai, tinh Yen Bai' };
    expect(compare(recorded, auLau)).toMatchObject({
      kind: 'STALE_ADDRESS',
      reason: 'MERGED_COMMUNE',
      oldCommune: { oldCommuneCode: '04540', by: 'name', communes: ['04543'] },
    });
  });

  it('a commune that was split: stale when the registry has one of its parts, and says it was split', () => {
    for (const registry of [ngocHaNow, baDinhNow]) {
      expect(compare(ngocHaThen, registry)).toEqual({
        kind: 'STALE_ADDRESS',
        sameArea: false,
        reason: 'SPLIT_COMMUNE',
        oldCommune: { oldCommuneCode: '00016', by: 'code', communes: ['00004', '00008'] },
      });
    }
  });

  it('an old commune whose people went elsewhere than the registry commune: the person moved', () => {
    const hoanKiem = { provinceCode: '01', communeCode: '00070', address: 'Phường Hoàn Kiếm, Thành phố Hà Nội' };
    expect(compare(ngocHaThen, hoanKiem)).toMatchObject({ kind: 'DIFFERENT', reason: 'OTHER_COMMUNE' });
  });

  it('an unknown commune resolves to nothing, and the province decides as before', () => {
    const recorded = { provinceCode: '15', communeCode: null, address: 'Xã Không Có, Huyện Không Có, Tỉnh Yên Bái' };
    expect(currentCommuneHistory().resolveOld(recorded, '15')).toBeUndefined();
    expect(compare(recorded, auLau)).toEqual({ kind: 'STALE_ADDRESS', sameArea: false, reason: 'MERGED_PROVINCE' });
    // In a province that kept its name, an unknown commune under a named district is stale by the district.
    const unknownHere = { provinceCode: '01', communeCode: null, address: 'Phường Không Có, Quận Ba Đình, Thành phố Hà Nội' };
    expect(compare(unknownHere, ngocHaNow)).toMatchObject({ kind: 'STALE_ADDRESS', reason: 'ABOLISHED_DISTRICT' });
  });

  it('tells namesakes in one district apart by title and tone', () => {
    const history = currentCommuneHistory();
    const at = (address: string, province: string) =>
      history.resolveOld({ address, communeCode: null, provinceCode: null }, province)?.oldCommuneCode;
    expect(at('Thị trấn Mường Tè, Huyện Mường Tè, Tỉnh Lai Châu', '12')).toBe('03433');
    expect(at('Xã Mường Tè, Huyện Mường Tè, Tỉnh Lai Châu', '12')).toBe('03445');
    expect(at('Xã Minh Quán, Huyện Trấn Yên, Tỉnh Yên Bái', '15')).toBe('04516');
    expect(at('Xã Minh Quân, Huyện Trấn Yên, Tỉnh Yên Bái', '15')).toBe('04567');
    // Only in the current province: Ngọc Hà of Ba Đình is no commune of Lào Cai.
    expect(at(ngocHaThen.address, '15')).toBeUndefined();
  });

  it('finds the commune and district parts of a pre-2025 address', () => {
    expect(oldAddressParts('12 Lê Lợi, Phường 4, Thành phố Tân An, Tỉnh Long An')).toEqual({
      commune: 'Phường 4',
      district: 'Thành phố Tân An',
    });
    expect(oldAddressParts('Phường Ngọc Hà, Thành phố Hà Nội')).toBeUndefined();
  });

  it("puts it in the decision's difference: the rule says merged or split, a split is less sure", () => {
    const person = (p: typeof ngocHaThen): RecordedPerson => ({
      citizenId: '001190001234',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-01-01',
      gender: 'M',
      ...p,
    });
    const citizen = (p: typeof ngocHaNow): RegistryCitizen => ({
      citizenId: '001190001234',
      legacyId: null,
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1990-01-01',
      gender: 'M',
      status: 'ALIVE',
      dateOfDeath: null,
      ...p,
    });
    expect(diffPerson(person(ngocHaThen), citizen(ngocHaNow))).toEqual([
      { field: 'address', kind: 'STALE_ADDRESS', proposed: ngocHaNow.address, confidence: 0.9, rule: 'address.split-commune' },
    ]);
    const auLauThen = { provinceCode: '15', communeCode: '04540', address: 'Xã Âu Lâu, Thành phố Yên Bái, Tỉnh Yên Bái' };
    expect(diffPerson(person(auLauThen), citizen(auLau))).toEqual([
      { field: 'address', kind: 'STALE_ADDRESS', proposed: auLau.address, confidence: 0.95, rule: 'address.merged-commune' },
    ]);
  });
});
