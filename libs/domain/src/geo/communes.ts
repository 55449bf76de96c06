import { NEW_PROVINCES } from './new-provinces';
import { oldDistrictsOf } from './old-districts';
import { oldProvince } from './old-provinces';
import { CommuneCode, NewProvince, NewProvinceCode, OldProvinceCode } from './province-codes';
import { placeName, syntheticStream } from './synthetic-pick';

/**
 * Communes and wards of the two-tier administration (from 1 July 2025).
 *
 * SYNTHETIC: the official list of 3,321 communes is not available offline. The per-province
 * counts are the real ones, but names, codes, old-province and old-district attachments and
 * population weights are generated deterministically from a vocabulary. Codes are 5 digits,
 * unique nationally, spaced like the official numbering; they carry no province prefix.
 */
export interface Commune {
  code: CommuneCode;
  /** With its title: "Phường Bến Thành", "Xã Tân Phú". */
  name: string;
  kind: 'ward' | 'commune';
  provinceCode: NewProvinceCode;
  /** The pre-2025 province the area belonged to (for stale addresses). */
  oldProvinceCode: OldProvinceCode;
  /** The pre-2025 district the area belonged to, with its title ("Huyện Châu Thành"). */
  oldDistrictName: string;
  /** Relative population (wards are denser); only used to weight synthetic data. */
  populationWeight: number;
}

const CODE_STRIDE = 9;

/** Shares proportional to weights, rounded so that they sum exactly to total. */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let cumulative = 0;
  let assigned = 0;
  for (const w of weights) {
    cumulative += w;
    const upTo = Math.round((cumulative / sum) * total);
    out.push(upTo - assigned);
    assigned = upTo;
  }
  return out;
}

function buildProvinceCommunes(province: NewProvince, firstOrdinal: number): Commune[] {
  const next = syntheticStream(`communes:${province.code}`);
  const wardShare = province.kind === 'city' ? 0.55 : 0.15;
  const members = province.mergedFrom.map(oldProvince);
  const perOld = apportion(
    members.map((m) => m.populationThousands),
    province.communeCount,
  );
  const usedNames = new Set<string>();
  const out: Commune[] = [];
  members.forEach((old, m) => {
    const districts = oldDistrictsOf(old.code);
    const urban = districts.filter((d) => d.urban);
    const rural = districts.filter((d) => !d.urban);
    for (let k = 0; k < perOld[m]; k++) {
      const isWard = next() < wardShare;
      let base = placeName(next);
      while (usedNames.has(base)) base = placeName(next);
      usedNames.add(base);
      const pool = isWard ? (urban.length ? urban : rural) : rural.length ? rural : urban;
      const district = pool[Math.floor(next() * pool.length)];
      const ordinal = firstOrdinal + out.length;
      out.push(
        Object.freeze({
          code: String(4 + ordinal * CODE_STRIDE).padStart(5, '0') as CommuneCode,
          name: `${isWard ? 'Phường' : 'Xã'} ${base}`,
          kind: isWard ? 'ward' : 'commune',
          provinceCode: province.code,
          oldProvinceCode: old.code,
          oldDistrictName: district.name,
          populationWeight: Math.round((isWard ? 2 + next() * 2 : 0.6 + next()) * 1000) / 1000,
        }) as Commune,
      );
    }
  });
  return out;
}

const BY_PROVINCE = new Map<string, readonly Commune[]>();
const BY_CODE = new Map<string, Commune>();
{
  let ordinal = 0;
  for (const p of NEW_PROVINCES) {
    const list = buildProvinceCommunes(p, ordinal);
    ordinal += list.length;
    BY_PROVINCE.set(p.code, Object.freeze(list));
    for (const c of list) BY_CODE.set(c.code, c);
  }
}

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
