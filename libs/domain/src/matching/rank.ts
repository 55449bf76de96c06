import { compareDates } from '../dates/compare-dates';
import { parseDate, readDateFields } from '../dates/parse-date';
import { compareNameKeys } from '../names/compare';
import { nameKeys, NameKeys } from '../names/name-keys';
import type { RecordedPerson, RegistryCitizen } from '../reconciliation/person';
import { AgreementLevels, binaryLevel, dobLevel, idLevel, nameLevel } from './agreement';
import { currentProvince } from './blocking';
import { FellegiSunterScorer } from './fellegi-sunter';

export interface RankedCandidate<C extends RegistryCitizen = RegistryCitizen> {
  citizen: C;
  /** log2 match weight (sum of field weights). */
  weight: number;
  /** Posterior match probability for this candidate alone (0..1), given the scorer's prior. */
  probability: number;
  levels: AgreementLevels;
}

const DEFAULT_SCORER = new FellegiSunterScorer();
const NON_DIGITS = /\D/g;

/** What is computed once per recorded person, not once per candidate. */
interface Prepared {
  name: NameKeys | null;
  dob: string | null;
  year: number | null;
  gender: RecordedPerson['gender'];
  province: string | null;
  idDigits: string | null;
  legacy: boolean;
}

function prepare(recorded: RecordedPerson): Prepared {
  const dob = parseDate(recorded.dateOfBirth);
  const digits = recorded.citizenId === null ? '' : recorded.citizenId.replace(NON_DIGITS, '');
  return {
    name: recorded.fullName === null ? null : nameKeys(recorded.fullName),
    dob: recorded.dateOfBirth,
    year: dob.ok ? dob.year : yearAsWritten(recorded.dateOfBirth),
    gender: recorded.gender,
    province: currentProvince(recorded.provinceCode),
    idDigits: digits === '' ? null : digits,
    legacy: digits.length === 9,
  };
}

function yearAsWritten(raw: string | null): number | null {
  const fields = raw === null ? undefined : readDateFields(raw)?.fields;
  return fields === undefined ? null : fields.year;
}

function levelsFor(p: Prepared, c: RegistryCitizen, similarJw?: number): AgreementLevels {
  let name: AgreementLevels['name'] = 'MISSING';
  if (p.name !== null && p.name.foldedTokens.length > 0 && c.fullName !== null) {
    const other = nameKeys(c.fullName);
    if (other.foldedTokens.length > 0) {
      const a = p.name.foldedTokens;
      const b = other.foldedTokens;
      const middleNameVariant = a.length !== b.length && a.length > 0 && a[0] === b[0] && a[a.length - 1] === b[b.length - 1];
      name = nameLevel(compareNameKeys(p.name, other), middleNameVariant, similarJw);
    }
  }
  const regDob = parseDate(c.dateOfBirth);
  const dateOfBirth = dobLevel(compareDates(p.dob, c.dateOfBirth), p.year, regDob.ok ? regDob.year : null);
  // A 9-digit recorded ID is compared with the candidate's legacy number, a 12-digit one with the new ID.
  const candidateId = p.legacy ? c.legacyId : c.citizenId;
  return {
    name,
    dateOfBirth,
    gender: binaryLevel(p.gender, c.gender),
    province: binaryLevel(p.province, c.provinceCode?.trim() || null),
    id: idLevel(p.idDigits, candidateId === null ? null : candidateId.replace(NON_DIGITS, '') || null),
  };
}

/** Scores one candidate (for explaining a single pair). */
export function scoreCandidate(
  recorded: RecordedPerson,
  citizen: RegistryCitizen,
  scorer: FellegiSunterScorer = DEFAULT_SCORER,
): RankedCandidate {
  const levels = levelsFor(prepare(recorded), citizen, scorer.nameSimilarJw);
  const weight = scorer.weight(levels);
  return { citizen, weight, probability: scorer.probability(weight), levels };
}

/**
 * The k best candidates for a record whose ID failed (INVALID_ID / NOT_FOUND), best
 * first. Ties are broken by citizen ID so that a replay ranks identically whatever
 * order the repository returned the candidates in.
 */
export function rankCandidates<C extends RegistryCitizen>(
  recorded: RecordedPerson,
  candidates: readonly C[],
  k: number,
  scorer: FellegiSunterScorer = DEFAULT_SCORER,
): RankedCandidate<C>[] {
  if (k <= 0 || candidates.length === 0) return [];
  const prepared = prepare(recorded);
  const scored: RankedCandidate<C>[] = candidates.map((citizen) => {
    const levels = levelsFor(prepared, citizen, scorer.nameSimilarJw);
    const weight = scorer.weight(levels);
    return { citizen, weight, probability: 0, levels };
  });
  scored.sort(
    (a, b) =>
      b.weight - a.weight || (a.citizen.citizenId < b.citizen.citizenId ? -1 : a.citizen.citizenId > b.citizen.citizenId ? 1 : 0),
  );
  const top = scored.slice(0, k);
  for (const r of top) r.probability = scorer.probability(r.weight);
  return top;
}

/** One compared field of a candidate: its agreement level and what it added to the weight. */
export interface FieldEvidence {
  field: keyof AgreementLevels;
  level: string;
  /** log2(m/u) of the level, rounded like the weight; 0 for MISSING (no evidence either way). */
  weight: number;
}

/** The fields compared, in the order an explanation lists them. */
export const COMPARED_FIELDS = [
  'name',
  'dateOfBirth',
  'gender',
  'province',
  'id',
] as const satisfies readonly (keyof AgreementLevels)[];

/**
 * The Fellegi–Sunter "waterfall" of a candidate: each field's level and weight. The weights
 * add up to the candidate's weight (up to rounding).
 */
export function explainLevels(levels: AgreementLevels, scorer: FellegiSunterScorer = DEFAULT_SCORER): FieldEvidence[] {
  return COMPARED_FIELDS.map((field) => ({
    field,
    level: levels[field],
    weight: roundWeight(scorer.fieldWeight(field, levels[field])),
  }));
}

/** Weights are kept to three decimals: enough to rank, and stable across replays. */
export function roundWeight(weight: number): number {
  return Math.round(weight * 1000) / 1000;
}

/** A candidate already attached to a record, as stored (weight rounded by roundWeight). */
export interface KeptCandidate {
  readonly citizenId: string;
  readonly weight: number;
}

/**
 * Whether citizens new to a record's blocking keys change its k best candidates: one of
 * them is already among the kept (its data changed), or it ranks above the k-th kept,
 * in rankCandidates' order (weight, then citizen ID). When this is false a full search
 * would return the same candidates, so a waiting record need not be searched again;
 * that keeps the cost of a registry load linear when many records wait on common keys.
 */
export function changesTopCandidates(
  recorded: RecordedPerson,
  kept: readonly KeptCandidate[],
  newcomers: readonly RegistryCitizen[],
  k: number,
  scorer: FellegiSunterScorer = DEFAULT_SCORER,
): boolean {
  if (newcomers.length === 0 || k <= 0) return false;
  const keptIds = new Set(kept.map((c) => c.citizenId));
  if (newcomers.some((c) => keptIds.has(c.citizenId))) return true;
  if (kept.length < k) return true;
  const last = kept[k - 1];
  const prepared = prepare(recorded);
  return newcomers.some((c) => {
    const weight = roundWeight(scorer.weight(levelsFor(prepared, c, scorer.nameSimilarJw)));
    return weight > last.weight || (weight === last.weight && c.citizenId < last.citizenId);
  });
}
