import { ADMIN_UNITS } from './admin-units';
import { isOldProvinceCode } from './old-provinces';
import { CommuneCode, OldProvinceCode } from './province-codes';

/**
 * Pre-2025 districts (the level abolished on 1 July 2025) and their communes, from the Statistics
 * Office's lists and conversion table (libs/domain/data/vn-admin-units): what a stale address names,
 * and where each old commune's residents are now. Urban districts (Quận, Thành phố, Thị xã) held
 * wards; rural ones (Huyện) communes and towns (Thị trấn).
 */
export interface OldDistrict {
  /** Three digits, unique nationally. */
  code: string;
  /** With its title: "Huyện Châu Thành", "Quận 3". */
  name: string;
  urban: boolean;
  oldProvinceCode: OldProvinceCode;
  /** A district with no communes that became one special zone whole (the island districts). */
  becameCommune: CommuneCode | null;
}

export interface OldCommune {
  /** Five digits, in the same numbering as the new communes (a new one reuses the code of one it took in). */
  code: string;
  /** With its title: "Xã Tân Phú", "Thị trấn Phù Yên", "Phường 4". */
  name: string;
  district: OldDistrict;
  /**
   * The communes since 1 July 2025 that took in its residents: one when it merged whole (or whole with
   * others), several when it was split and its people went to more than one.
   */
  residentsTo: readonly CommuneCode[];
}

const DISTRICTS = new Map<string, OldDistrict>();
const DISTRICTS_OF = new Map<string, OldDistrict[]>();
for (const [code, name, province, becameCommune] of ADMIN_UNITS.oldDistricts) {
  if (!isOldProvinceCode(province)) throw new Error(`district ${code} in an unknown old province ${province}`);
  const district: OldDistrict = Object.freeze({
    code,
    name,
    urban: !name.startsWith('Huyện '),
    oldProvinceCode: province,
    becameCommune: (becameCommune ?? null) as CommuneCode | null,
  });
  DISTRICTS.set(code, district);
  const list = DISTRICTS_OF.get(province) ?? [];
  list.push(district);
  DISTRICTS_OF.set(province, list);
}

const OLD_COMMUNES = new Map<string, OldCommune>();
const FORMER_OF = new Map<string, OldCommune[]>();
const COMMUNES_OF_DISTRICT = new Map<string, OldCommune[]>();
for (const [code, name, districtCode, residentsTo] of ADMIN_UNITS.oldCommunes) {
  const district = DISTRICTS.get(districtCode);
  if (!district) throw new Error(`old commune ${code} in an unknown district ${districtCode}`);
  const commune: OldCommune = Object.freeze({
    code,
    name,
    district,
    residentsTo: Object.freeze(residentsTo as CommuneCode[]),
  });
  OLD_COMMUNES.set(code, commune);
  for (const to of residentsTo) {
    const list = FORMER_OF.get(to) ?? [];
    list.push(commune);
    FORMER_OF.set(to, list);
  }
  const inDistrict = COMMUNES_OF_DISTRICT.get(districtCode) ?? [];
  inDistrict.push(commune);
  COMMUNES_OF_DISTRICT.set(districtCode, inDistrict);
}

const BECAME = new Map<string, OldDistrict>();
for (const d of DISTRICTS.values()) if (d.becameCommune !== null) BECAME.set(d.becameCommune, d);

/** The district with no communes that became this special zone whole (Côn Đảo, Lý Sơn, …), if any. */
export function oldDistrictBecame(code: CommuneCode): OldDistrict | undefined {
  return BECAME.get(code);
}

/** The districts of a pre-2025 province, in code order. */
export function oldDistrictsOf(code: OldProvinceCode): readonly OldDistrict[] {
  const d = DISTRICTS_OF.get(code);
  if (!d) throw new Error(`not a pre-2025 province code: ${code}`);
  return d;
}

/** The old communes of a pre-2025 district, in code order. */
export function oldCommunesOf(district: OldDistrict): readonly OldCommune[] {
  return COMMUNES_OF_DISTRICT.get(district.code) ?? [];
}

/** An old (pre-1 July 2025) commune by its code; undefined if the conversion table does not list it. */
export function oldCommuneByCode(code: string): OldCommune | undefined {
  return OLD_COMMUNES.get(code);
}

/**
 * The old communes whose residents (all or some) live in a commune since 1 July 2025: the places a
 * stale address of someone living there names.
 */
export function formerCommunesOf(code: CommuneCode): readonly OldCommune[] {
  return FORMER_OF.get(code) ?? [];
}

export function allOldCommunes(): readonly OldCommune[] {
  return [...OLD_COMMUNES.values()];
}
