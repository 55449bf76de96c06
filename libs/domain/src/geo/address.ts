import { Commune } from './communes';
import { OldProvince, NewProvince, provinceTitle } from './province-codes';

/** Two-tier address form in force from 1 July 2025: "Xã Tân Phú, Tỉnh Đắk Lắk". */
export function formatAddress(commune: Commune, province: NewProvince): string {
  return `${commune.name}, ${provinceTitle(province.kind)} ${province.name}`;
}

/**
 * Pre-2025 address form, with the district and the old province:
 * "Xã Tân Phú, Huyện Châu Thành, Tỉnh Long An". Records written before the merger still
 * carry it, naming a district and often a province that no longer exist.
 */
export function formatStaleAddress(commune: Commune, districtName: string, province: OldProvince): string {
  return `${commune.name}, ${districtName}, ${provinceTitle(province.kind)} ${province.name}`;
}

/** The stale (pre-2025) address of a commune, using its recorded old district and province. */
export function staleAddressOf(commune: Commune, oldProvinceOfCommune: OldProvince): string {
  return formatStaleAddress(commune, commune.oldDistrictName, oldProvinceOfCommune);
}
