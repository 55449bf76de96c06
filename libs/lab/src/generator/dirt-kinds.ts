/** The kinds of dirt the generator injects into sectoral copies of registry data. */
export const DIRT_KINDS = [
  'MISSING_DIACRITICS',
  'UNICODE_NFD',
  'TONE_PLACEMENT',
  'D_STROKE',
  'CASE_SPACING',
  'TYPO',
  'NAMES_TRANSPOSED',
  'SURNAME_SPLIT',
  'DAY_MONTH_SWAP',
  'WRONG_BIRTH_YEAR',
  'IMPOSSIBLE_DOB',
  'WRONG_GENDER',
  'STALE_ADDRESS',
  'MISSING_PROVINCE',
  'MISSPELT_PROVINCE',
  'MISSING_FIELD',
  'LEGACY_ID',
  'UNKNOWN_ID',
  'INVALID_ID_STRUCTURE',
  'DUPLICATE',
  'DECEASED_ACTIVE',
] as const;
export type DirtKind = (typeof DIRT_KINDS)[number];

/**
 * Probability per sectoral record of each kind of dirt, counted among the records where the
 * kind can apply (TONE_PLACEMENT only for names with an oa/oe/uy syllable, D_STROKE only for
 * names with Đ, DAY_MONTH_SWAP only for days 1–12 other than the month, LEGACY_ID only for
 * citizens who had a 9-digit card). DUPLICATE is the chance that a record is recorded a
 * second time. DECEASED_ACTIVE is the share of records naming a deceased citizen; it cannot
 * exceed the deceased share of the population (about 1 %). NAMES_TRANSPOSED writes the given name
 * first, SURNAME_SPLIT a space inside the family name, IMPOSSIBLE_DOB a day past the month's end,
 * MISSING_PROVINCE no province or commune code (the address text intact), MISSPELT_PROVINCE a slip
 * in the address's province name. Each field's kind is drawn independently of the other fields'
 * (see PersonRefWriter for the few exclusions).
 */
export type DirtRates = Record<DirtKind, number>;

/** About 25 % of sectoral records carry at least one kind of dirt with these defaults. */
export const DEFAULT_DIRT_RATES: Readonly<DirtRates> = Object.freeze({
  MISSING_DIACRITICS: 0.04,
  UNICODE_NFD: 0.02,
  TONE_PLACEMENT: 0.1,
  D_STROKE: 0.05,
  CASE_SPACING: 0.02,
  TYPO: 0.015,
  NAMES_TRANSPOSED: 0.01,
  SURNAME_SPLIT: 0.005,
  DAY_MONTH_SWAP: 0.03,
  WRONG_BIRTH_YEAR: 0.005,
  IMPOSSIBLE_DOB: 0.005,
  WRONG_GENDER: 0.005,
  STALE_ADDRESS: 0.04,
  MISSING_PROVINCE: 0.01,
  MISSPELT_PROVINCE: 0.005,
  MISSING_FIELD: 0.015,
  LEGACY_ID: 0.03,
  UNKNOWN_ID: 0.005,
  INVALID_ID_STRUCTURE: 0.005,
  DUPLICATE: 0.01,
  DECEASED_ACTIVE: 0.008,
});

export function resolveDirtRates(overrides: Partial<DirtRates> | undefined): DirtRates {
  const rates: DirtRates = { ...DEFAULT_DIRT_RATES };
  if (overrides) {
    for (const k of DIRT_KINDS) {
      const v = overrides[k];
      if (v === undefined) continue;
      if (!(v >= 0 && v <= 1)) throw new Error(`dirt rate ${k} must be between 0 and 1`);
      rates[k] = v;
    }
  }
  return rates;
}

/**
 * Spelling-only variants: the same name written differently. They still make a record
 * MISMATCHED, because cleaning writes the registry's form back (NFD bytes break exact
 * lookups, old tone placement and upper case show on documents); this is the policy of
 * libs/domain/src/reconciliation/field-diff.ts. Listed for reports that separate them.
 */
export const COSMETIC_KINDS: ReadonlySet<DirtKind> = new Set<DirtKind>([
  'MISSING_DIACRITICS',
  'UNICODE_NFD',
  'TONE_PLACEMENT',
  'D_STROKE',
  'CASE_SPACING',
]);

/** Field-level kinds: each makes the record disagree with the registry (MISMATCHED unless outranked). */
export const MISMATCH_KINDS: ReadonlySet<DirtKind> = new Set<DirtKind>([
  ...COSMETIC_KINDS,
  'TYPO',
  'NAMES_TRANSPOSED',
  'SURNAME_SPLIT',
  'DAY_MONTH_SWAP',
  'WRONG_BIRTH_YEAR',
  'IMPOSSIBLE_DOB',
  'WRONG_GENDER',
  'STALE_ADDRESS',
  'MISSPELT_PROVINCE',
  'MISSING_FIELD',
]);

/**
 * Kinds that change no outcome: the address text still names the province, so the rules find no
 * difference, but the candidate search loses the province's keys and agreement.
 */
export const SEARCH_ONLY_KINDS: ReadonlySet<DirtKind> = new Set<DirtKind>(['MISSING_PROVINCE']);
