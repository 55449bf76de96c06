import { communeByCode } from './communes';
import { newProvinceOfOld } from './new-provinces';
import { oldCommuneByCode } from './old-districts';
import { isOldProvinceCode } from './old-provinces';

/** A province and commune code pair as a record gives it, or in current (1 July 2025) terms. */
export interface Place {
  provinceCode: string | null;
  communeCode: string | null;
}

/**
 * A recorded place in current terms, for counting a record no citizen places (match rates per province and
 * commune know only the 34 provinces and their communes). A province code is read as a pre-2025 one, which
 * is safe: every current code is also the old code of a province merged into it. A commune code is read as a
 * current one when it is one in that province, else as an old one through the conversion table: its commune
 * when its people went to one, only its province when it was split. Codes neither list knows stay as given.
 */
export function currentPlaceOf(place: Place): Place {
  const given = place.provinceCode?.trim() || null;
  const province = given !== null && isOldProvinceCode(given) ? newProvinceOfOld(given) : place.provinceCode;
  const code = place.communeCode?.trim() || null;
  if (code === null) return { provinceCode: province, communeCode: place.communeCode };
  const current = communeByCode(code);
  if (current !== undefined && (province === null || current.provinceCode === province))
    return { provinceCode: current.provinceCode, communeCode: current.code };
  const old = oldCommuneByCode(code);
  if (old !== undefined && (province === null || newProvinceOfOld(old.district.oldProvinceCode) === province)) {
    const to = old.residentsTo.length === 1 ? communeByCode(old.residentsTo[0]) : undefined;
    return { provinceCode: newProvinceOfOld(old.district.oldProvinceCode), communeCode: to?.code ?? null };
  }
  return { provinceCode: province, communeCode: place.communeCode };
}
