import { ADMIN_UNITS } from './admin-units';
import { isNewProvinceCode } from './new-provinces';
import { CommuneCode, NewProvinceCode } from './province-codes';
import { syntheticStream } from './synthetic-pick';

/**
 * Communes, wards and special zones of the two-tier administration (from 1 July 2025): the Statistics
 * Office's list of 3,321 (libs/domain/data/vn-admin-units). Codes are 5 digits, unique nationally, and
 * carry no province prefix; a new commune reuses the code of one of the old communes it took in.
 */
export interface Commune {
  code: CommuneCode;
  /** With its title: "Phường Bến Thành", "Xã Tân Phú", "Đặc khu Côn Đảo". */
  name: string;
  kind: CommuneKind;
  provinceCode: NewProvinceCode;
  /** Relative population (wards are denser). SYNTHETIC: the lists carry no population; only weights generated data. */
  populationWeight: number;
}

export type CommuneKind = 'ward' | 'commune' | 'special-zone';

function kindOf(name: string): CommuneKind {
  if (name.startsWith('Phường ')) return 'ward';
  if (name.startsWith('Đặc khu ')) return 'special-zone';
  return 'commune';
}

const BY_PROVINCE = new Map<string, Commune[]>();
const BY_CODE = new Map<string, Commune>();
for (const [code, name, provinceCode] of ADMIN_UNITS.communes) {
  if (!isNewProvinceCode(provinceCode)) throw new Error(`commune ${code} in an unknown province ${provinceCode}`);
  const kind = kindOf(name);
  const next = syntheticStream(`commune:${code}`);
  const commune: Commune = Object.freeze({
    code: code as CommuneCode,
    name,
    kind,
    provinceCode,
    populationWeight: Math.round((kind === 'ward' ? 2 + next() * 2 : 0.6 + next()) * 1000) / 1000,
  });
  BY_CODE.set(code, commune);
  const list = BY_PROVINCE.get(provinceCode) ?? [];
  list.push(commune);
  BY_PROVINCE.set(provinceCode, list);
}
for (const list of BY_PROVINCE.values()) Object.freeze(list);

/** All communes and wards of a 2025 province, in code order. */
export function communesOf(provinceCode: NewProvinceCode): readonly Commune[] {
  const list = BY_PROVINCE.get(provinceCode);
  if (!list) throw new Error(`not a 2025 province code: ${provinceCode}`);
  return list;
}

export function communeByCode(code: string): Commune | undefined {
  return BY_CODE.get(code);
}

export function allCommunes(): readonly Commune[] {
  return [...BY_CODE.values()];
}
