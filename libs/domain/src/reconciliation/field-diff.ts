import { compareDates, DateDifferenceKind } from '../dates/compare-dates';
import { compareNames, NAME_DIFFERENCE_KINDS, NameDifferenceKind } from '../names/compare';
import { isBlank } from '../names/text';
import { AddressDifferenceReason, compareAddress, ProvinceHistory } from './address';
import type { CommuneHistory } from './commune-history';
import type { DifferenceRule } from './difference-rules';
import { CONFIDENCE } from './confidence';
import type { RecordedPerson, RegistryCitizen } from './person';
import { currentCommuneHistory, currentProvinceHistory } from './province-history';

/** The fields compared with the registry, in the order differences are listed. */
export const DIFF_FIELDS = ['citizenId', 'fullName', 'dateOfBirth', 'gender', 'address'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** Every kind of field difference: the name ladder below EXACT, then the other fields' kinds. */
export const FIELD_DIFFERENCE_KINDS = [
  ...NAME_DIFFERENCE_KINDS.filter((k): k is Exclude<NameDifferenceKind, 'EXACT'> => k !== 'EXACT'),
  'DAY_MONTH_SWAP',
  'YEAR_WRONG',
  'UNPARSEABLE',
  'WRONG_GENDER',
  'STALE_ADDRESS',
  'LEGACY_ID',
] as const;
export type FieldDifferenceKind = (typeof FIELD_DIFFERENCE_KINDS)[number];

export interface FieldDifference {
  field: DiffField;
  kind: FieldDifferenceKind;
  /** The registry's value, i.e. the correction cleaning would write. Personal data: never log it. */
  proposed: string;
  /** 0..1: how sure the correction is, given that this citizen is the right person. */
  confidence: number;
  /** The comparison that found the difference. */
  rule: DifferenceRule;
}

export interface DiffOptions {
  /** The province merger history to judge stale addresses by; defaults to the 2025 reorganisation. */
  provinces?: ProvinceHistory;
  /** The commune conversion table to resolve pre-2025 communes by; defaults to that of 1 July 2025. */
  communes?: CommuneHistory;
  /** Name kinds not reported as differences (a rule set's name switches); none by default. */
  ignoredNameKinds?: readonly NameDifferenceKind[];
}

/**
 * The fields on which a recorded person really differs from the registry citizen.
 *
 * What counts as a difference follows what cleaning would write back:
 * - Names: every kind but EXACT, including CASE_OR_SPACING, UNICODE_FORM and
 *   TONE_PLACEMENT. The registry's written form is the one the record must carry
 *   (NFD bytes break exact lookups downstream; upper case and old tone placement
 *   show on printed documents), even though those are the same name.
 * - Dates, IDs and addresses: values that normalise the same (another date format,
 *   an ID with spaces, an address in other case or without diacritics) are not
 *   differences: they carry no other value and their written form is not shown.
 * - A field the registry itself lacks is skipped: there is nothing to propose.
 * Fields are listed in a fixed order so that decisions replay byte for byte.
 */
export function diffPerson(recorded: RecordedPerson, citizen: RegistryCitizen, options: DiffOptions = {}): FieldDifference[] {
  const out: FieldDifference[] = [];
  const id = diffCitizenId(recorded, citizen);
  if (id) out.push(id);
  const name = diffName(recorded, citizen);
  if (name && !options.ignoredNameKinds?.includes(name.kind as NameDifferenceKind)) out.push(name);
  const dob = diffDateOfBirth(recorded, citizen);
  if (dob) out.push(dob);
  const gender = diffGender(recorded, citizen);
  if (gender) out.push(gender);
  const address = diffAddress(
    recorded,
    citizen,
    options.provinces ?? currentProvinceHistory(),
    options.communes ?? currentCommuneHistory(),
  );
  if (address) out.push(address);
  return out;
}

const ID_SEPARATORS = /[\s.-]/g;

function digitsOf(id: string): string {
  return id.replace(ID_SEPARATORS, '');
}

function diffCitizenId(recorded: RecordedPerson, citizen: RegistryCitizen): FieldDifference | undefined {
  const proposed = citizen.citizenId;
  if (isBlank(recorded.citizenId))
    return { field: 'citizenId', kind: 'MISSING', proposed, confidence: CONFIDENCE.missing, rule: 'citizen-id.missing' };
  const digits = digitsOf(recorded.citizenId);
  if (digits === digitsOf(proposed)) return undefined;
  if (citizen.legacyId !== null && digits === digitsOf(citizen.legacyId)) {
    return { field: 'citizenId', kind: 'LEGACY_ID', proposed, confidence: CONFIDENCE.legacyId, rule: 'citizen-id.legacy-id' };
  }
  return { field: 'citizenId', kind: 'DIFFERENT', proposed, confidence: CONFIDENCE.differentId, rule: 'citizen-id.other-digits' };
}

function diffName(recorded: RecordedPerson, citizen: RegistryCitizen): FieldDifference | undefined {
  if (isBlank(citizen.fullName)) return undefined;
  const proposed = citizen.fullName;
  const cmp = compareNames(recorded.fullName, proposed);
  switch (cmp.kind) {
    case 'EXACT':
      return undefined;
    case 'MISSING':
      return { field: 'fullName', kind: 'MISSING', proposed, confidence: CONFIDENCE.missing, rule: 'name.missing' };
    case 'TYPO': {
      const scaled = (CONFIDENCE.typoMax * (cmp.jaroWinkler - 0.8)) / 0.2;
      return { field: 'fullName', kind: 'TYPO', proposed, confidence: round(clamp(scaled)), rule: 'name.typo' };
    }
    case 'DIFFERENT':
      return {
        field: 'fullName',
        kind: 'DIFFERENT',
        proposed,
        confidence: round(CONFIDENCE.differentNameFactor * cmp.jaroWinkler),
        rule: 'name.different',
      };
    default:
      return { field: 'fullName', kind: cmp.kind, proposed, confidence: CONFIDENCE.name[cmp.kind], rule: NAME_RULES[cmp.kind] };
  }
}

function diffDateOfBirth(recorded: RecordedPerson, citizen: RegistryCitizen): FieldDifference | undefined {
  const cmp = compareDates(recorded.dateOfBirth, citizen.dateOfBirth);
  if (cmp.registryIso === null) return undefined;
  const proposed = cmp.registryIso;
  switch (cmp.kind) {
    case 'EXACT':
    case 'FORMAT_ONLY':
      return undefined;
    case 'MISSING':
      return { field: 'dateOfBirth', kind: 'MISSING', proposed, confidence: CONFIDENCE.missing, rule: 'date-of-birth.missing' };
    default:
      return {
        field: 'dateOfBirth',
        kind: cmp.kind,
        proposed,
        confidence: CONFIDENCE.date[cmp.kind],
        rule: DATE_RULES[cmp.kind],
      };
  }
}

function diffGender(recorded: RecordedPerson, citizen: RegistryCitizen): FieldDifference | undefined {
  if (citizen.gender === null) return undefined;
  if (recorded.gender === null)
    return { field: 'gender', kind: 'MISSING', proposed: citizen.gender, confidence: CONFIDENCE.missing, rule: 'gender.missing' };
  if (recorded.gender === citizen.gender) return undefined;
  return {
    field: 'gender',
    kind: 'WRONG_GENDER',
    proposed: citizen.gender,
    confidence: CONFIDENCE.wrongGender,
    rule: 'gender.other',
  };
}

function diffAddress(
  recorded: RecordedPerson,
  citizen: RegistryCitizen,
  provinces: ProvinceHistory,
  communes: CommuneHistory,
): FieldDifference | undefined {
  if (isBlank(citizen.address)) return undefined;
  const proposed = citizen.address;
  const cmp = compareAddress(recorded, citizen, provinces, communes);
  switch (cmp.kind) {
    case 'SAME':
      return undefined;
    case 'MISSING':
      return { field: 'address', kind: 'MISSING', proposed, confidence: CONFIDENCE.missing, rule: 'address.missing' };
    case 'STALE_ADDRESS':
      return {
        field: 'address',
        kind: 'STALE_ADDRESS',
        proposed,
        // Split: the registry's commune is one of the parts, which the record alone could not tell.
        confidence: cmp.reason === 'SPLIT_COMMUNE' ? CONFIDENCE.staleAddressSplit : CONFIDENCE.staleAddress,
        rule: ADDRESS_RULES[cmp.reason],
      };
    case 'DIFFERENT':
      return {
        field: 'address',
        kind: 'DIFFERENT',
        proposed,
        confidence: cmp.sameArea ? CONFIDENCE.differentAddressSameArea : CONFIDENCE.differentAddress,
        rule: ADDRESS_RULES[cmp.reason],
      };
  }
}

/** The ladder rung (or Jaro-Winkler verdict) of compareNames that found a name difference. */
const NAME_RULES: Record<Exclude<NameDifferenceKind, 'EXACT'>, DifferenceRule> = {
  UNICODE_FORM: 'name.unicode-form',
  CASE_OR_SPACING: 'name.case-or-spacing',
  TONE_PLACEMENT: 'name.tone-placement',
  D_STROKE: 'name.d-stroke',
  MISSING_DIACRITICS: 'name.missing-diacritics',
  Y_I_VARIANT: 'name.y-i-variant',
  TOKEN_ORDER: 'name.token-order',
  TYPO: 'name.typo',
  DIFFERENT: 'name.different',
  MISSING: 'name.missing',
};

const DATE_RULES: Record<Exclude<DateDifferenceKind, 'EXACT' | 'FORMAT_ONLY' | 'MISSING'>, DifferenceRule> = {
  DAY_MONTH_SWAP: 'date-of-birth.day-month-swap',
  YEAR_WRONG: 'date-of-birth.year-wrong',
  UNPARSEABLE: 'date-of-birth.unparseable',
  DIFFERENT: 'date-of-birth.different',
};

const ADDRESS_RULES: Record<AddressDifferenceReason, DifferenceRule> = {
  MERGED_COMMUNE: 'address.merged-commune',
  SPLIT_COMMUNE: 'address.split-commune',
  MERGED_PROVINCE: 'address.merged-province',
  ABOLISHED_DISTRICT: 'address.abolished-district',
  OTHER_PROVINCE: 'address.other-province',
  OTHER_COMMUNE: 'address.other-commune',
  OTHER_STREET: 'address.other-street',
};

function clamp(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Rounded so that decisions serialise identically across platforms and replays. */
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
