import { diffPerson, FieldDifference } from './field-diff';
import type { RecordedPerson, RegistryCitizen } from './person';

const citizen: RegistryCitizen = {
  citizenId: '066190001234',
  legacyId: '241234567',
  fullName: 'Nguyễn Thị Hòa',
  dateOfBirth: '1990-03-25',
  gender: 'F',
  provinceCode: '66',
  communeCode: '24001',
  address: 'Xã Tân Phú, Tỉnh Đắk Lắk',
  status: 'ALIVE',
  dateOfDeath: null,
};

const clean: RecordedPerson = {
  citizenId: '066190001234',
  fullName: 'Nguyễn Thị Hòa',
  dateOfBirth: '1990-03-25',
  gender: 'F',
  address: 'Xã Tân Phú, Tỉnh Đắk Lắk',
  provinceCode: '66',
  communeCode: '24001',
};

function only(recorded: Partial<RecordedPerson>, registry: Partial<RegistryCitizen> = {}): FieldDifference {
  const diffs = diffPerson({ ...clean, ...recorded }, { ...citizen, ...registry });
  expect(diffs).toHaveLength(1);
  return diffs[0];
}

describe('diffPerson', () => {
  it('finds nothing on a clean record', () => {
    expect(diffPerson(clean, citizen)).toEqual([]);
  });

  it('ignores date format, ID separators and address spelling (they normalise the same)', () => {
    const recorded = {
      ...clean,
      dateOfBirth: '25/03/1990',
      citizenId: '066 190 001 234',
      address: 'xa tan phu,  tinh Dak Lak',
    };
    expect(diffPerson(recorded, citizen)).toEqual([]);
  });

  describe('names: written-form differences are reported, since cleaning writes the registry form', () => {
    it.each([
      ['Nguyễn Thị Hoà', 'TONE_PLACEMENT', 0.99, 'name.tone-placement'],
      ['Nguyễn Thị Hòa'.normalize('NFD'), 'UNICODE_FORM', 1, 'name.unicode-form'],
      ['NGUYỄN THỊ HÒA', 'CASE_OR_SPACING', 0.99, 'name.case-or-spacing'],
      ['Nguyen Thi Hoa', 'MISSING_DIACRITICS', 0.95, 'name.missing-diacritics'],
      ['Hòa Nguyễn Thị', 'TOKEN_ORDER', 0.9, 'name.token-order'],
    ])('%s -> %s', (fullName, kind, confidence, rule) => {
      expect(only({ fullName })).toEqual({ field: 'fullName', kind, proposed: 'Nguyễn Thị Hòa', confidence, rule });
    });

    it('reports Đ written D against the registry form', () => {
      expect(only({ fullName: 'Dặng Văn Dức' }, { fullName: 'Đặng Văn Đức' })).toMatchObject({
        kind: 'D_STROKE',
        proposed: 'Đặng Văn Đức',
        rule: 'name.d-stroke',
      });
    });

    it('scales typo confidence by similarity and keeps different names low', () => {
      const typo = only({ fullName: 'Nguyenn Thi Hoa' });
      expect(typo).toMatchObject({ kind: 'TYPO', rule: 'name.typo' });
      expect(typo.confidence).toBeGreaterThan(0.45);
      expect(typo.confidence).toBeLessThan(0.9);
      const different = only({ fullName: 'Trần Văn Nam' });
      expect(different).toMatchObject({ kind: 'DIFFERENT', rule: 'name.different' });
      expect(different.confidence).toBeLessThan(0.3);
      expect(only({ fullName: null })).toMatchObject({ kind: 'MISSING', proposed: 'Nguyễn Thị Hòa' });
    });
  });

  describe('dates', () => {
    it.each([
      ['03/25/1990', 'DAY_MONTH_SWAP', 'date-of-birth.day-month-swap'],
      ['1990-25-03', 'DAY_MONTH_SWAP', 'date-of-birth.day-month-swap'],
      ['32/03/1990', 'UNPARSEABLE', 'date-of-birth.unparseable'],
      ['25/03/1991', 'YEAR_WRONG', 'date-of-birth.year-wrong'],
      ['24/03/1990', 'DIFFERENT', 'date-of-birth.different'],
      [null, 'MISSING', 'date-of-birth.missing'],
    ])('%s -> %s proposing the registry ISO date', (dateOfBirth, kind, rule) => {
      expect(only({ dateOfBirth })).toMatchObject({ field: 'dateOfBirth', kind, proposed: '1990-03-25', rule });
    });

    it('detects a swap that is itself a valid date', () => {
      expect(only({ dateOfBirth: '04/03/1990' }, { dateOfBirth: '1990-04-03' }).kind).toBe('DAY_MONTH_SWAP');
    });
  });

  it('reports wrong and missing gender', () => {
    expect(only({ gender: 'M' })).toEqual({
      field: 'gender',
      kind: 'WRONG_GENDER',
      proposed: 'F',
      confidence: 0.9,
      rule: 'gender.other',
    });
    expect(only({ gender: null })).toMatchObject({ field: 'gender', kind: 'MISSING', proposed: 'F', rule: 'gender.missing' });
  });

  describe('addresses', () => {
    it('calls a merged-away province stale (by code)', () => {
      expect(only({ provinceCode: '54', address: 'Xã Tân Phú' })).toMatchObject({
        kind: 'STALE_ADDRESS',
        rule: 'address.merged-province',
      });
    });
    it('calls a merged-away province stale (by name, no code)', () => {
      expect(only({ provinceCode: null, address: 'Xã Tân Phú, Huyện Sông Hinh, Tỉnh Phú Yên' }).kind).toBe('STALE_ADDRESS');
    });
    it('calls an old name stale even when the old code equals the new one (Yên Bái 15 -> Lào Cai 15)', () => {
      const d = only(
        { provinceCode: '15', communeCode: null, address: 'Xã Âu Lâu, Tỉnh Yên Bái' },
        { provinceCode: '15', communeCode: '04543', address: 'Phường Âu Lâu, Tỉnh Lào Cai' },
      );
      expect(d).toMatchObject({ kind: 'STALE_ADDRESS', rule: 'address.merged-province' });
    });
    it('calls an address that still names a district stale when the province kept its name', () => {
      expect(only({ address: 'Xã Tân Phú, Huyện Krông Pắc, Tỉnh Đắk Lắk' })).toMatchObject({
        kind: 'STALE_ADDRESS',
        rule: 'address.abolished-district',
      });
    });
    it('calls another province or commune different', () => {
      expect(only({ provinceCode: '79', address: 'Phường 1, Quận 3, Thành phố Hồ Chí Minh' })).toMatchObject({
        kind: 'DIFFERENT',
        confidence: 0.6,
        rule: 'address.other-province',
      });
      // Long An (old 80) became Tây Ninh (80), not Đắk Lắk.
      expect(only({ provinceCode: '80', address: 'Xã Tân Phú' }).kind).toBe('DIFFERENT');
      expect(only({ communeCode: '24002' })).toMatchObject({ kind: 'DIFFERENT', rule: 'address.other-commune' });
      expect(only({ address: 'Thôn 3, Xã Tân Phú, Tỉnh Đắk Lắk' })).toMatchObject({
        kind: 'DIFFERENT',
        rule: 'address.other-street',
      });
    });
    it('reports a missing address', () => {
      expect(only({ address: '  ' })).toMatchObject({ field: 'address', kind: 'MISSING', proposed: citizen.address });
    });
  });

  it('reports a legacy ID with the new ID as the correction', () => {
    expect(only({ citizenId: '241234567' })).toEqual({
      field: 'citizenId',
      kind: 'LEGACY_ID',
      proposed: '066190001234',
      confidence: 0.99,
      rule: 'citizen-id.legacy-id',
    });
    expect(only({ citizenId: '066190009999' })).toMatchObject({ kind: 'DIFFERENT', rule: 'citizen-id.other-digits' });
    expect(only({ citizenId: null })).toMatchObject({ kind: 'MISSING', rule: 'citizen-id.missing' });
  });

  it('lists several differences in a fixed field order', () => {
    const diffs = diffPerson(
      { ...clean, gender: 'M', fullName: 'Nguyen Thi Hoa', citizenId: null, dateOfBirth: '03/25/1990' },
      citizen,
    );
    expect(diffs.map((d) => d.field)).toEqual(['citizenId', 'fullName', 'dateOfBirth', 'gender']);
  });
});
