import {
  NEW_PROVINCES,
  OLD_PROVINCES,
  allOldCommunes,
  communeByCode,
  isOldProvinceCode,
  newProvinceOfOld,
  oldProvince,
} from '../geo';
import { buildProvinceHistory, ProvinceHistory } from './address';
import { buildCommuneHistory, CommuneHistory } from './commune-history';

let current: ProvinceHistory | undefined;
let currentCommunes: CommuneHistory | undefined;

/** The 2025 reorganisation (63 -> 34 provinces), built once on first use. */
export function currentProvinceHistory(): ProvinceHistory {
  current ??= buildProvinceHistory(OLD_PROVINCES, NEW_PROVINCES, (code) =>
    isOldProvinceCode(code) ? newProvinceOfOld(code) : undefined,
  );
  return current;
}

/** The 2025 commune conversion table (10,035 old communes into 3,321), built once on first use. */
export function currentCommuneHistory(): CommuneHistory {
  currentCommunes ??= buildCommuneHistory(
    allOldCommunes().map((c) => ({
      code: c.code,
      name: c.name,
      districtName: c.district.name,
      oldProvinceCode: c.district.oldProvinceCode,
      oldProvinceName: oldProvince(c.district.oldProvinceCode).name,
      residentsTo: c.residentsTo.map((code) => ({ code, provinceCode: communeByCode(code)!.provinceCode })),
    })),
  );
  return currentCommunes;
}
