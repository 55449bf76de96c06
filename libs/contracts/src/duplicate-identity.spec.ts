import { duplicateIdentityOf } from './duplicate-identity';
import { asPersonRef, NGUYEN_VAN_HUNG } from './examples';
import type { EnterpriseRecord } from './v1/enterprise-record';
import type { LandParcelRecord } from './v1/land-parcel-record';

const holder = asPersonRef(NGUYEN_VAN_HUNG);
const parcel = (over: Partial<LandParcelRecord>): LandParcelRecord => ({
  parcelId: '24133.12.87',
  communeCode: '24133',
  mapSheet: 12,
  parcelNumber: 87,
  areaM2: 126.5,
  landUse: 'ODT',
  holder,
  registeredAt: '2012-05-18',
  ...over,
});
const enterprise = (name: string, enterpriseCode = '6000000001'): EnterpriseRecord => ({
  enterpriseCode,
  name,
  provinceCode: '66',
  legalRepresentative: holder,
  registeredAt: '2020-01-01',
});

describe('duplicateIdentityOf: what makes two records of a source one thing registered twice', () => {
  it('land: the same parcel under another sheet and number is one identity; another parcel of the same holder is not', () => {
    const original = duplicateIdentityOf('land', parcel({}));
    expect(duplicateIdentityOf('land', parcel({ parcelId: '24133.3.5', mapSheet: 3, parcelNumber: 5 }))).toBe(original);
    expect(duplicateIdentityOf('land', parcel({ parcelId: '24133.4.9', areaM2: 5230, landUse: 'CLN' }))).not.toBe(original);
    expect(duplicateIdentityOf('land', parcel({ communeCode: '24181' }))).not.toBe(original);
  });

  it('insurance: every active card is one identity (one person, one number); an expired card is none', () => {
    const card = { socialInsuranceNumber: '6601234567', holder, cardValidFrom: '2025-01-01', cardValidTo: '2025-12-31' };
    expect(duplicateIdentityOf('insurance', { ...card, status: 'ACTIVE' })).toBe(
      duplicateIdentityOf('insurance', { ...card, socialInsuranceNumber: '6609999999', status: 'ACTIVE' }),
    );
    expect(duplicateIdentityOf('insurance', { ...card, status: 'EXPIRED' })).toBeNull();
  });

  it('business: the same name however written is one identity; another enterprise of the same representative is not', () => {
    const a = duplicateIdentityOf('business', enterprise('Công ty TNHH Đồng Xanh'));
    expect(duplicateIdentityOf('business', enterprise('CONG TY TNHH  DONG XANH', '6000000002'))).toBe(a);
    expect(duplicateIdentityOf('business', enterprise('Công ty Cổ phần Cà phê Buôn Ma Thuột', '6000000003'))).not.toBe(a);
  });
});
