/**
 * Old (pre-July-2025) and new province codes are both two-digit strings, and several
 * new codes reuse a merged partner's old code (new Lào Cai is 15, the old Yên Bái).
 * Branding keeps the two apart at compile time so one can never be passed for the other.
 */
export type OldProvinceCode = string & { readonly __brand: 'OldProvinceCode' };
export type NewProvinceCode = string & { readonly __brand: 'NewProvinceCode' };
/** Five-digit commune/ward code of the two-tier (2025) administration. */
export type CommuneCode = string & { readonly __brand: 'CommuneCode' };

/** "city" is a centrally-run city (Thành phố); "province" a Tỉnh. */
export type ProvinceKind = 'province' | 'city';

export interface OldProvince {
  code: OldProvinceCode;
  name: string;
  kind: ProvinceKind;
  /** Approximate population in thousands (2024); used only to weight synthetic data. */
  populationThousands: number;
}

export interface NewProvince {
  code: NewProvinceCode;
  name: string;
  kind: ProvinceKind;
  /** The old provinces merged into this one on 1 July 2025 (itself included when it survived). */
  mergedFrom: readonly OldProvinceCode[];
  /** Number of communes and wards after the reorganisation (sums to 3,321). */
  communeCount: number;
}

export function provinceTitle(kind: ProvinceKind): string {
  return kind === 'city' ? 'Thành phố' : 'Tỉnh';
}
