import { distance as levenshtein } from 'fastest-levenshtein';
import { DateComparison } from '../dates/compare-dates';
import { NameComparison } from '../names/compare';

/** Agreement levels per field; MISSING (either side) carries no evidence either way. */
export type NameLevel = 'SAME' | 'CLOSE' | 'SIMILAR' | 'DIFFERENT' | 'MISSING';
export type DobLevel = 'EXACT' | 'DAY_MONTH_SWAP' | 'DAY_MONTH_ONLY' | 'YEAR_ONLY' | 'DIFFERENT' | 'MISSING';
export type BinaryLevel = 'AGREE' | 'DISAGREE' | 'MISSING';
export type IdLevel = 'EXACT' | 'ONE_EDIT' | 'TWO_EDITS' | 'FAR' | 'MISSING';

export interface AgreementLevels {
  name: NameLevel;
  dateOfBirth: DobLevel;
  gender: BinaryLevel;
  province: BinaryLevel;
  id: IdLevel;
}

/** Jaro-Winkler floor of the SIMILAR band, on folded names. */
export const NAME_SIMILAR_JW = 0.88;

/**
 * SAME: the same name written differently (any kind up to TOKEN_ORDER).
 * CLOSE: a typo, or the same family and given names with a middle name dropped or
 * added (Nguyễn Hoa / Nguyễn Thị Hoa), a common way of writing the same name short.
 * SIMILAR: Jaro-Winkler >= 0.88 otherwise. Whole-name JW is inflated by the shared
 * family and middle names (Nguyễn Thị Hoa vs Nguyễn Thị Lan ~ 0.9), so SIMILAR is
 * given a near-zero weight.
 */
export function nameLevel(cmp: NameComparison, middleNameVariant: boolean, similarJw = NAME_SIMILAR_JW): NameLevel {
  switch (cmp.kind) {
    case 'MISSING':
      return 'MISSING';
    case 'TYPO':
      return 'CLOSE';
    case 'DIFFERENT':
      if (middleNameVariant) return 'CLOSE';
      return cmp.jaroWinkler >= similarJw ? 'SIMILAR' : 'DIFFERENT';
    default:
      return 'SAME';
  }
}

/** recordedYear: the year as written, even when the day or month is impossible. */
export function dobLevel(cmp: DateComparison, recordedYear: number | null, registryYear: number | null): DobLevel {
  switch (cmp.kind) {
    case 'EXACT':
    case 'FORMAT_ONLY':
      return 'EXACT';
    case 'DAY_MONTH_SWAP':
      return 'DAY_MONTH_SWAP';
    case 'YEAR_WRONG':
      return 'DAY_MONTH_ONLY';
    case 'DIFFERENT':
      return recordedYear !== null && recordedYear === registryYear ? 'YEAR_ONLY' : 'DIFFERENT';
    case 'UNPARSEABLE':
      // An impossible day/month (1990-25-03) still states its year; a bad registry date states nothing.
      if (cmp.registryIso === null || recordedYear === null) return 'MISSING';
      return recordedYear === registryYear ? 'YEAR_ONLY' : 'MISSING';
    default:
      return 'MISSING';
  }
}

export function binaryLevel<T>(a: T | null | undefined, b: T | null | undefined): BinaryLevel {
  if (a === null || a === undefined || b === null || b === undefined) return 'MISSING';
  return a === b ? 'AGREE' : 'DISAGREE';
}

/** Levenshtein between the recorded ID and the candidate's ID of the same kind (12-digit or legacy 9-digit). */
export function idLevel(recordedDigits: string | null, candidateDigits: string | null): IdLevel {
  if (!recordedDigits || !candidateDigits) return 'MISSING';
  const d = levenshtein(recordedDigits, candidateDigits);
  return d === 0 ? 'EXACT' : d === 1 ? 'ONE_EDIT' : d === 2 ? 'TWO_EDITS' : 'FAR';
}
