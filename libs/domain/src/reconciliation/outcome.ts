import { CITIZEN_ID_PROBLEMS, isLegacyId, parseCitizenId } from '../identity/citizen-id';
import { parseDate } from '../dates/parse-date';
import { compareNames } from '../names/compare';
import { isBlank } from '../names/text';
import { maskId } from '../personal-data/masking';
import { diffPerson, DiffOptions, FieldDifference } from './field-diff';
import type { RecordedPerson, RegistryCitizen } from './person';
import { RULE_VERSION } from './rule-version';

/** Every outcome, in order of precedence (see decideOutcome). */
export const OUTCOMES = ['INVALID_ID', 'NOT_FOUND', 'LEGACY_ID', 'DECEASED', 'DUPLICATE', 'MISMATCHED', 'MATCHED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How the caller looked the recorded ID up in the registry. */
export type RegistryLookup =
  { kind: 'BY_ID'; citizen: RegistryCitizen } | { kind: 'BY_LEGACY_ID'; citizen: RegistryCitizen } | { kind: 'NONE' };

export interface OutcomeInput {
  recorded: RecordedPerson;
  lookup: RegistryLookup;
  /** Another record of the same source already names the same citizen (the caller knows its index). */
  duplicateInSource: boolean;
  /** The sectoral record is still in force (a dead person's active record is a finding; an archived one is not). */
  active: boolean;
}

export const ID_PROBLEMS = [...CITIZEN_ID_PROBLEMS, 'MISSING'] as const;
export type IdProblem = (typeof ID_PROBLEMS)[number];
export const ID_CONTRADICTIONS = ['GENDER_DIGIT', 'BIRTH_YEAR_DIGITS'] as const;
export type IdContradiction = (typeof ID_CONTRADICTIONS)[number];

export interface OutcomeEvidence {
  /** Field differences against the registry citizen (also for LEGACY_ID, DECEASED and DUPLICATE). */
  differences: FieldDifference[];
  /** INVALID_ID: the structural problem of the recorded ID. */
  idProblem?: IdProblem;
  /** INVALID_ID: which ID digits contradict the record's own gender / birth year. */
  idContradictions?: IdContradiction[];
  /** LEGACY_ID: the 12-digit ID the legacy number maps to, masked. */
  mappedCitizenId?: string;
  /** Human-readable, personal data masked. */
  notes: string[];
}

export interface OutcomeDecision {
  outcome: Outcome;
  /** Lower-precedence outcomes that also held (e.g. a LEGACY_ID record of a deceased citizen). */
  alsoApplies: Outcome[];
  evidence: OutcomeEvidence;
  ruleVersion: string;
}

/**
 * Decides what became of a record. Precedence, first match wins:
 *
 * 1. INVALID_ID (structure): no ID, or not 12 digits (nor a 9-digit legacy ID),
 *    unknown province prefix, impossible century digit. Nothing can be looked up.
 * 2. INVALID_ID (consistency): a 12-digit ID whose gender or birth-year digits
 *    contradict the record's own gender / date of birth, unless the registry found
 *    that ID with the record's name (then the record's gender or date is what is
 *    wrong, and the record falls through to MISMATCHED). An ID that cannot be this
 *    person's is invalid for this record even if it belongs to someone else.
 * 3. NOT_FOUND: a plausible ID the registry does not know.
 * 4. LEGACY_ID: found through the legacy 9-digit mapping. The record still carries
 *    its field differences, so cleaning can fix those with the ID in one pass.
 * 5. DECEASED: the registry says dead and the record is still active.
 * 6. DUPLICATE: the same thing registered again: another record of the same source with the
 *    same identity names the same citizen (the caller knows the groups; see duplicateIdentityOf).
 * 7. MISMATCHED: at least one field difference.
 * 8. MATCHED.
 *
 * Outcomes 4-7 that also hold are listed in alsoApplies, so no finding is lost to precedence.
 */
export function decideOutcome(input: OutcomeInput, options: DiffOptions = {}): OutcomeDecision {
  const { recorded, lookup } = input;
  const unresolved = unresolvedOutcome(recorded, lookup);
  // unresolvedOutcome answers for every look-up that found no citizen: the second test only narrows the type.
  if (unresolved !== null || lookup.kind === 'NONE') return unresolved!;
  const id = recorded.citizenId!.trim();
  const citizen = lookup.citizen;
  const differences = diffPerson(recorded, citizen, options);
  const held: Outcome[] = [];
  const notes: string[] = [];
  const evidence: Partial<OutcomeEvidence> = { differences, notes };
  if (lookup.kind === 'BY_LEGACY_ID') {
    held.push('LEGACY_ID');
    evidence.mappedCitizenId = maskId(citizen.citizenId);
    notes.push(`legacy ID ${maskId(id)} maps to ${maskId(citizen.citizenId)}`);
  }
  if (citizen.status === 'DECEASED' && input.active) {
    held.push('DECEASED');
    notes.push(`citizen deceased${citizen.dateOfDeath ? ` on ${citizen.dateOfDeath}` : ''}, record still active`);
  }
  if (input.duplicateInSource) {
    held.push('DUPLICATE');
    notes.push('registered again: another record of this source is the same thing for the same citizen');
  }
  if (differences.length > 0) {
    held.push('MISMATCHED');
    notes.push(`differs on ${differences.map((d) => `${d.field} (${d.kind})`).join(', ')}`);
  }
  if (held.length === 0) return decide('MATCHED', evidence);
  return decide(held[0], evidence, held.slice(1));
}

/**
 * Outcomes 1-3: the recorded ID leads to no citizen (INVALID_ID, NOT_FOUND), or null when it
 * leads to one. Such records are searched for candidates, so a caller loading candidate pools
 * asks this first; it depends on the record and the look-up only.
 */
export function unresolvedOutcome(recorded: RecordedPerson, lookup: RegistryLookup): OutcomeDecision | null {
  const rawId = recorded.citizenId;
  if (isBlank(rawId)) return decide('INVALID_ID', { idProblem: 'MISSING', notes: ['no citizen ID recorded'] });
  const id = rawId.trim();
  const legacy = isLegacyId(id);
  if (!legacy) {
    const parsed = parseCitizenId(id);
    if (!parsed.ok) {
      return decide('INVALID_ID', { idProblem: parsed.problem, notes: [`ID ${maskId(id)}: ${parsed.problem}`] });
    }
    const contradictions = contradictionsOf(parsed, recorded);
    if (contradictions.length > 0) {
      const confirmed = lookup.kind !== 'NONE' && registryConfirmsName(recorded, lookup.citizen);
      if (!confirmed) {
        return decide('INVALID_ID', {
          idContradictions: contradictions,
          notes: [`ID ${maskId(id)}: ${contradictions.join(', ')} contradict the record`],
        });
      }
    }
  }

  if (lookup.kind === 'NONE') {
    return decide('NOT_FOUND', { notes: [`${legacy ? 'legacy ID' : 'ID'} ${maskId(id)} not in the registry`] });
  }
  return null;
}

function contradictionsOf(parsed: { gender: 'M' | 'F'; birthYear: number }, recorded: RecordedPerson): IdContradiction[] {
  const out: IdContradiction[] = [];
  if (recorded.gender !== null && recorded.gender !== parsed.gender) out.push('GENDER_DIGIT');
  const dob = parseDate(recorded.dateOfBirth);
  if (dob.ok && dob.year !== parsed.birthYear) out.push('BIRTH_YEAR_DIGITS');
  return out;
}

/** The registry holds this ID under the record's name (allowing spelling variants and typos). */
function registryConfirmsName(recorded: RecordedPerson, citizen: RegistryCitizen): boolean {
  const kind = compareNames(recorded.fullName, citizen.fullName).kind;
  return kind !== 'DIFFERENT' && kind !== 'MISSING';
}

function decide(outcome: Outcome, evidence: Partial<OutcomeEvidence>, alsoApplies: Outcome[] = []): OutcomeDecision {
  return { outcome, alsoApplies, evidence: { differences: [], notes: [], ...evidence }, ruleVersion: RULE_VERSION };
}
