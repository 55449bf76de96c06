import { Commune } from './communes';
import { OldCommune } from './old-districts';
import { oldProvince } from './old-provinces';
import { OldProvince, NewProvince, provinceTitle } from './province-codes';

/** Two-tier address form in force from 1 July 2025: "Xã Tân Phú, Tỉnh Đắk Lắk". */
export function formatAddress(commune: Pick<Commune, 'name'>, province: NewProvince): string {
  return `${commune.name}, ${provinceTitle(province.kind)} ${province.name}`;
}

/**
 * Pre-2025 address form, with the district and the old province:
 * "Xã Tân Phú, Huyện Châu Thành, Tỉnh Long An". Records written before the merger still
 * carry it, naming a district and often a province that no longer exist.
 */
export function formatStaleAddress(commune: { name: string }, districtName: string, province: OldProvince): string {
  return `${commune.name}, ${districtName}, ${provinceTitle(province.kind)} ${province.name}`;
}

/** The pre-2025 address of an old commune: its name, its district's and its province's. */
export function staleAddressOf(commune: OldCommune): string {
  return formatStaleAddress(commune, commune.district.name, oldProvince(commune.district.oldProvinceCode));
}
