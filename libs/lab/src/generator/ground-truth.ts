import type { SectoralSource } from '@lgsp/contracts';
import { DIRT_KINDS, DirtKind, MISMATCH_KINDS, SEARCH_ONLY_KINDS } from './dirt-kinds';

export type CorruptedField = 'fullName' | 'dateOfBirth' | 'gender' | 'address' | 'provinceCode' | 'citizenId' | 'record';
export type ExpectedOutcome = 'MATCHED' | 'MISMATCHED' | 'LEGACY_ID' | 'INVALID_ID' | 'NOT_FOUND' | 'DECEASED' | 'DUPLICATE';

export const EXPECTED_OUTCOMES: readonly ExpectedOutcome[] = [
  'MATCHED',
  'MISMATCHED',
  'LEGACY_ID',
  'INVALID_ID',
  'NOT_FOUND',
  'DECEASED',
  'DUPLICATE',
];

export interface Corruption {
  field: CorruptedField;
  kind: DirtKind;
}

/** What the generator did to one sectoral record, and what reconciling it should conclude. */
export interface GroundTruth {
  source: SectoralSource;
  /** parcelId, socialInsuranceNumber or enterpriseCode. */
  entityId: string;
  trueCitizenId: string;
  expectedOutcome: ExpectedOutcome;
  corruptions: Corruption[];
}

/**
 * Outcome precedence INVALID_ID > NOT_FOUND > LEGACY_ID > DECEASED > DUPLICATE > MISMATCHED >
 * MATCHED: a record is judged by its most fundamental problem. Any field-level dirt, even a
 * spelling-only variant, makes it MISMATCHED: only a record equal to the registry MATCHES.
 * An unknown ID carries the citizen's true gender and birth year in its digits (DOMAIN.md), so a
 * wrong gender or birth year on the same record contradicts it: INVALID_ID, not NOT_FOUND.
 */
export function expectedOutcomeOf(corruptions: readonly Corruption[]): ExpectedOutcome {
  let invalid = false;
  let notFound = false;
  let legacy = false;
  let deceased = false;
  let duplicate = false;
  let mismatch = false;
  let contradictsDigits = false;
  for (let i = 0; i < corruptions.length; i++) {
    const k = corruptions[i].kind;
    if (k === 'WRONG_GENDER' || k === 'WRONG_BIRTH_YEAR') contradictsDigits = true;
    if (k === 'INVALID_ID_STRUCTURE') invalid = true;
    else if (k === 'UNKNOWN_ID') notFound = true;
    else if (k === 'LEGACY_ID') legacy = true;
    else if (k === 'DECEASED_ACTIVE') deceased = true;
    else if (k === 'DUPLICATE') duplicate = true;
    else if (MISMATCH_KINDS.has(k)) mismatch = true;
    else if (SEARCH_ONLY_KINDS.has(k)) continue;
    else throw new Error(`unclassified dirt kind ${k}`);
  }
  if (invalid || (notFound && contradictsDigits)) return 'INVALID_ID';
  if (notFound) return 'NOT_FOUND';
  if (legacy) return 'LEGACY_ID';
  if (deceased) return 'DECEASED';
  if (duplicate) return 'DUPLICATE';
  if (mismatch) return 'MISMATCHED';
  return 'MATCHED';
}

export interface GroundTruthSummary {
  records: number;
  /** Records with at least one corruption. */
  dirtyRecords: number;
  bySource: Record<SectoralSource, number>;
  byOutcome: Record<ExpectedOutcome, number>;
  /** Records carrying each kind (a record with two kinds counts once in each). */
  byKind: Record<DirtKind, number>;
}

export function summariseGroundTruth(truths: Iterable<GroundTruth>): GroundTruthSummary {
  const summary: GroundTruthSummary = {
    records: 0,
    dirtyRecords: 0,
    bySource: { land: 0, insurance: 0, business: 0 },
    byOutcome: Object.fromEntries(EXPECTED_OUTCOMES.map((o) => [o, 0])) as Record<ExpectedOutcome, number>,
    byKind: Object.fromEntries(DIRT_KINDS.map((k) => [k, 0])) as Record<DirtKind, number>,
  };
  for (const t of truths) {
    summary.records++;
    summary.bySource[t.source]++;
    summary.byOutcome[t.expectedOutcome]++;
    if (t.corruptions.length > 0) summary.dirtyRecords++;
    for (const c of t.corruptions) summary.byKind[c.kind]++;
  }
  return summary;
}
