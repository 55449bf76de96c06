import {
  BLOCKING_KEY_KINDS,
  COMPARED_FIELDS,
  CONFIDENCE,
  DIFF_FIELDS,
  DIFFERENCE_RULES,
  FIELD_DIFFERENCE_KINDS,
  ID_CONTRADICTIONS,
  ID_PROBLEMS,
  OUTCOMES,
  type AgreementLevels,
  type BlockingKeyKind,
  type DiffField,
  type DifferenceRule,
  type FieldDifferenceKind,
  type IdContradiction,
  type IdProblem,
  type Outcome,
} from '@lgsp/domain';
import { SECTORAL_SOURCES, type SectoralSource } from '../v1/source-name';
import type { DecisionMessage, ResultMessage, RetractionMessage } from './decision-message';

/**
 * The meaning of every value the results topic can carry, next to the code's own enumerations so
 * that neither can change without the other: the types make a missing or extra meaning a compile
 * error, and vocabulary.spec.ts checks the same at run time against the enumerations and against
 * every `enum` of the published schema. docs/vocabulary.md is generated from this file
 * (`npm run docs:vocabulary`); edit the meanings here, never there.
 */
export interface VocabularySection<V extends string = string> {
  readonly title: string;
  /** Where the values appear in a results message: JSON pointers, `*` for every array item. */
  readonly paths: readonly string[];
  readonly intro: string;
  /** The values in the code's order (outcomes: precedence). */
  readonly values: readonly V[];
  readonly meanings: Readonly<Record<V, string>>;
}

function section<V extends string>(s: VocabularySection<V>): VocabularySection {
  return s as unknown as VocabularySection;
}

const MESSAGE_KINDS = ['DECISION', 'RETRACTION'] as const satisfies readonly ResultMessage['kind'][];
const CAUSES = ['record-event', 'registry-change', 'duplicate-group'] as const satisfies readonly DecisionMessage['cause'][];
const ORIGINAL_BECAUSE = ['CURRENT_ID', 'FIRST_SEEN'] as const;
const RETRACTION_REASONS = ['RECORD_DELETED'] as const satisfies readonly RetractionMessage['reason'][];

export const RESULT_VOCABULARY: readonly VocabularySection[] = [
  section<ResultMessage['kind']>({
    title: 'Message kinds',
    paths: ['/kind'],
    intro: 'Every message of the results topic is one of two kinds.',
    values: MESSAGE_KINDS,
    meanings: {
      DECISION: "What the pipeline now decides about the record: it replaces the consumer's current row for the record.",
      RETRACTION: 'The record is gone from its source: the consumer drops its current row for the record.',
    },
  }),
  section<SectoralSource>({
    title: 'Sources',
    paths: ['/source'],
    intro: 'The sectoral database the record belongs to; `entityId` is its key there.',
    values: SECTORAL_SOURCES,
    meanings: {
      land: 'Land database: a land parcel; `entityId` is the parcel ID (`communeCode.mapSheet.parcelNumber`), the person its holder.',
      insurance:
        'Social and health insurance database: an insurance card; `entityId` is the social insurance number, the person its holder.',
      business:
        'Business registration database: an enterprise; `entityId` is the enterprise code (tax code), the person its legal representative.',
    },
  }),
  section<Outcome>({
    title: 'Outcomes',
    paths: ['/outcome', '/alsoApplies/*'],
    intro:
      'What became of the record, in order of precedence: `outcome` is the first that holds, and `alsoApplies` lists the ' +
      'others of LEGACY_ID, DECEASED, DUPLICATE and MISMATCHED that hold too, in the same order, so no finding is lost to precedence.',
    values: OUTCOMES,
    meanings: {
      INVALID_ID:
        "The recorded citizen ID cannot be this person's: it is missing or malformed (`evidence.idProblem`), or its gender or " +
        "birth-year digits contradict the record's own gender or date of birth (`evidence.idContradictions`) and the registry " +
        "does not hold that ID under the record's name. No citizen is resolved; `candidates` lists the likeliest.",
      NOT_FOUND:
        'A plausible ID (12 digits, or a 9-digit legacy ID) that the registry does not hold. No citizen is resolved; ' +
        '`candidates` lists the likeliest.',
      LEGACY_ID:
        "Found through the registry's mapping of an old 9-digit ID (CMND) to the current 12-digit one: cleaning should write " +
        'the new ID (`evidence.mappedCitizenId`, masked). The other field differences are listed too, so one pass fixes all.',
      DECEASED:
        'The registry records the citizen as deceased and the sectoral record is still in force (every parcel and ' +
        'enterprise; an insurance card while ACTIVE).',
      DUPLICATE:
        'The same thing registered again: another record of the same source resolves to the same citizen with the same ' +
        'identity (land: the same parcel, by commune, area and use, under another sheet and number; insurance: another ' +
        'active card, one person having one number; business: the same enterprise name). Several parcels or enterprises of ' +
        'one person are not duplicates. The original is the record naming the current ID rather than a legacy one, else ' +
        'the one seen first; `evidence.duplicateGroup` names the original (and, on the original, its duplicates).',
      MISMATCHED: 'The citizen was found and at least one field differs from the registry (`differences`).',
      MATCHED:
        'The citizen was found and every compared field agrees with the registry (a field the registry lacks is not compared).',
    },
  }),
  section<DiffField>({
    title: 'Compared fields',
    paths: ['/differences/*/field'],
    intro: 'The fields of the recorded person compared with the registry, in the order `differences` lists them.',
    values: DIFF_FIELDS,
    meanings: {
      citizenId: 'The citizen ID as recorded (digits compared; spaces, dots and dashes ignored).',
      fullName: 'The full name as recorded.',
      dateOfBirth: 'The date of birth as recorded (in any format; `proposed` is `YYYY-MM-DD`).',
      gender: '`M` or `F`.',
      address:
        'The address with its province and commune codes. Text differing only in case, diacritics, spacing or punctuation is the same address.',
    },
  }),
  section<FieldDifferenceKind>({
    title: 'Difference kinds',
    paths: ['/differences/*/kind'],
    intro:
      "How a field differs from the registry. `proposed` is always the registry's value: the correction cleaning would " +
      'write. The name kinds run from the least serious (the same name, written differently) to the most.',
    values: FIELD_DIFFERENCE_KINDS,
    meanings: {
      UNICODE_FORM:
        'fullName: the same letters in another Unicode normalisation (e.g. NFD): it reads the same but exact look-ups fail.',
      CASE_OR_SPACING: 'fullName: differs only in upper and lower case or in spaces.',
      TONE_PLACEMENT: 'fullName: a tone mark on another vowel of the syllable (old-style "Hoà" for "Hòa").',
      D_STROKE: 'fullName: "d" for "đ", every other mark right.',
      MISSING_DIACRITICS: "fullName: diacritics left out (every mark written is also on the registry's letter).",
      Y_I_VARIANT: 'fullName: "y" and "i" exchanged (Lý/Lí), a spelling that may be on the person\'s own papers.',
      TOKEN_ORDER: 'fullName: the same name parts in another order.',
      TYPO:
        'fullName: a slip of the keyboard: the same parts in the same order with at most two letters changed in all (none in ' +
        'a syllable of 2–3 letters), or a wrong diacritic.',
      DIFFERENT:
        'Another value. fullName: another name (a name change, or the ID belongs to someone else); dateOfBirth: another date, ' +
        'neither swapped nor only the year wrong; address: another province or commune, or another street; citizenId: ' +
        "neither the citizen's ID nor their legacy ID.",
      MISSING: "The record lacks the field (any field): the registry's value fills it.",
      DAY_MONTH_SWAP:
        "dateOfBirth: day and month exchanged (including a date impossible day-first that is the registry's date month-first).",
      YEAR_WRONG: 'dateOfBirth: day and month right, the year wrong.',
      UNPARSEABLE: 'dateOfBirth: the recorded value is not a readable date.',
      WRONG_GENDER: 'gender: the other gender.',
      STALE_ADDRESS:
        'address: names a commune, district or province from before the reorganisation of 1 July 2025 that is now the ' +
        "registry's commune (or one of them, when it was split) or province: the person did not move, the place was merged.",
      LEGACY_ID: "citizenId: the citizen's old 9-digit ID; `proposed` is the current 12-digit one.",
    },
  }),
  section<DifferenceRule>({
    title: 'Difference rules',
    paths: ['/differences/*/rule'],
    intro:
      'Which comparison found each difference: `kind` says what is wrong, `rule` how it was established. ' +
      'A rule changes only with the rule version (`ruleVersion`).',
    values: DIFFERENCE_RULES,
    meanings: {
      'citizen-id.missing': 'The record has no citizen ID.',
      'citizen-id.legacy-id': "The recorded digits are the citizen's 9-digit legacy ID.",
      'citizen-id.other-digits': "The recorded digits are neither the citizen's ID nor their legacy ID.",
      'name.missing': 'The record has no name.',
      'name.unicode-form': 'The names are equal once both are in Unicode NFC.',
      'name.case-or-spacing': 'The names are equal once case and spaces are ignored.',
      'name.tone-placement': 'The names are equal once tone marks are placed on the same vowel of each syllable.',
      'name.d-stroke': 'The names are equal without diacritics, and only the stroke of "đ" is missing from the record.',
      'name.missing-diacritics': "The names are equal without diacritics, and every recorded mark is on the registry's letter.",
      'name.y-i-variant': 'The names are equal once "y" and "i" are exchanged.',
      'name.token-order': 'The names have the same parts in another order.',
      'name.typo':
        'Jaro-Winkler similarity of the folded names at least 0.9, the same parts in the same order, at most two letters ' +
        'changed in all and at most one per three letters beyond the first in any part (an adjacent transposition counts ' +
        'one), or equal folded names with a wrong diacritic.',
      'name.different': 'None of the rules above: another name. `confidence` scales with the Jaro-Winkler similarity.',
      'date-of-birth.missing': 'The record has no date of birth.',
      'date-of-birth.day-month-swap':
        "The recorded day is the registry's month and its month the registry's day (read day-first, or month-first when " +
        'day-first is impossible).',
      'date-of-birth.year-wrong': 'The same day and month, another year.',
      'date-of-birth.unparseable': 'The recorded value is read as no calendar date in any accepted format.',
      'date-of-birth.different': 'A readable date, neither swapped nor only the year wrong.',
      'gender.missing': 'The record has no gender.',
      'gender.other': 'The recorded gender is the other one.',
      'address.missing': 'The record has no address text.',
      'address.merged-commune':
        'The record names a commune from before 1 July 2025 (by its code, else by its commune and district names) whose ' +
        "residents all went to the registry's commune, by the Statistics Office's conversion table.",
      'address.split-commune':
        'The record names a commune from before 1 July 2025 that was split between several current communes, the ' +
        "registry's among them: the person need not have moved, but the record alone cannot tell which part.",
      'address.merged-province':
        "The recorded province (by its code, or by a pre-2025 province name in the text) was merged into the registry's " +
        'province on 1 July 2025.',
      'address.abolished-district':
        'The same province, but the address still names a district, a level abolished on 1 July 2025.',
      'address.other-province': "The recorded province is neither the registry's nor one merged into it.",
      'address.other-commune':
        'The same province, another commune code; or a commune from before 1 July 2025 whose residents went to communes ' +
        "other than the registry's: the person moved.",
      'address.other-street':
        'The same province and commune as far as the codes tell, another address text (street, house number). ' +
        '`confidence` is higher when both commune codes are present and agree.',
    },
  }),
  section<IdProblem>({
    title: 'ID problems',
    paths: ['/evidence/idProblem'],
    intro: 'INVALID_ID only: why the recorded ID is not a citizen ID at all.',
    values: ID_PROBLEMS,
    meanings: {
      NOT_12_DIGITS: 'Neither 12 digits nor a 9-digit legacy ID.',
      UNKNOWN_PROVINCE_CODE: 'The first three digits are the code of no province of birth registration.',
      BAD_CENTURY_DIGIT: 'The fourth digit (century and gender) is not 0–5.',
      MISSING: 'No citizen ID recorded.',
    },
  }),
  section<IdContradiction>({
    title: 'ID contradictions',
    paths: ['/evidence/idContradictions/*'],
    intro:
      "INVALID_ID only: which digits of a well-formed 12-digit ID contradict the record's own data (the ID has no check " +
      'digit, so this is how a mistyped ID shows).',
    values: ID_CONTRADICTIONS,
    meanings: {
      GENDER_DIGIT: "The fourth digit's gender is not the record's gender.",
      BIRTH_YEAR_DIGITS: "The century (fourth digit) and year (fifth and sixth) are not the record's year of birth.",
    },
  }),
  section<keyof AgreementLevels>({
    title: 'Candidate fields',
    paths: ['/candidates/*/fields/*/field'],
    intro:
      'The fields a candidate is compared on, in the order its `fields` (the Fellegi–Sunter waterfall) lists them; each ' +
      'with its agreement level and weight (see [Weight](#weight)).',
    values: COMPARED_FIELDS,
    meanings: {
      name: 'Full names, folded (no case, no diacritics).',
      dateOfBirth: 'Dates of birth; for an unreadable recorded date, the year as written.',
      gender: 'Genders.',
      province: 'Province codes, as current (post-2025) codes.',
      id: "The recorded ID and the candidate's ID of the same kind (12-digit, or the 9-digit legacy ID), by edit distance.",
    },
  }),
  section<BlockingKeyKind>({
    title: 'Blocking key kinds',
    paths: ['/candidates/*/foundBy/*'],
    intro:
      'Which kinds of key found the candidate: the registry is searched only under keys built from the record, each ' +
      'tolerating other errors. Names are folded and y/i unified; the key values themselves are personal data and never published.',
    values: BLOCKING_KEY_KINDS,
    meanings: {
      FAMILY_YEAR:
        'Family name and year of birth (a record is also searched under the year either side): survives a wrong or swapped day and month, a birth year off by one, and a typo in the given name.',
      GIVEN_DOB: 'Given name and date of birth: survives a wrong family name or another order of the name parts.',
      DOB_PROVINCE: 'Date of birth and current province: survives any error in the name.',
      NAMES_PROVINCE:
        'Name parts in any order and current province: needs no date of birth, and survives transposed family and given names.',
      JOINED_NAME_PROVINCE:
        'Name written without spaces and current province: needs no date of birth, and survives a name part split or joined by a space.',
    },
  }),
  section<DecisionMessage['cause']>({
    title: 'Causes',
    paths: ['/cause'],
    intro: 'What made the pipeline decide again; `causeEventId` is that event.',
    values: CAUSES,
    meanings: {
      'record-event': "The record's own sync event (snapshot, create, update or delete).",
      'registry-change':
        'A population-registry event about a citizen the record depends on: the citizen it names (by ID or legacy ID), or, ' +
        'for a record still looking for its citizen, one that changes its best candidates. Results follow the registry ' +
        'without a new event from the source.',
      'duplicate-group':
        'An event of another record registered as the same thing for the same citizen (the same parcel, an active ' +
        'insurance card, the same enterprise): joining, leaving or changing the group can make this record the ' +
        "original, or no longer; `causeEventId` is that other record's event.",
    },
  }),
  section<RetractionMessage['reason']>({
    title: 'Retraction reasons',
    paths: ['/reason'],
    intro: 'Why a record has no current decision any more.',
    values: RETRACTION_REASONS,
    meanings: {
      RECORD_DELETED:
        'The source deleted the record. Its history stays; created again, its decisions go on with the next sequence number.',
    },
  }),
  section<(typeof ORIGINAL_BECAUSE)[number]>({
    title: 'Why a record is the original of its duplicate group',
    paths: ['/evidence/duplicateGroup/originalBecause'],
    intro:
      'In `evidence.duplicateGroup` of every member of a group of records registered as the same thing: a duplicate ' +
      'names its original and why it wins over it; the original lists its duplicates.',
    values: ORIGINAL_BECAUSE,
    meanings: {
      CURRENT_ID:
        'The original names the citizen by the current 12-digit ID and the other member does not (a legacy number travels ' +
        'on another partition, so which arrived first means nothing).',
      FIRST_SEEN: 'The members name the citizen alike: the one the pipeline saw first is the original.',
    },
  }),
];

/** The per-field agreement levels of the candidate search, with their meanings (the weight scale). */
export const AGREEMENT_LEVELS: { readonly [F in keyof AgreementLevels]: Readonly<Record<AgreementLevels[F], string>> } = {
  name: {
    SAME: 'The same name written differently (any difference kind up to TOKEN_ORDER).',
    CLOSE: 'A typo, or the same family and given names with a middle name dropped or added.',
    SIMILAR: 'Jaro-Winkler ≥ 0.88 on the folded names otherwise (shared family and middle names are common).',
    DIFFERENT: 'Another name.',
    MISSING: 'Either side has no name: no evidence either way.',
  },
  dateOfBirth: {
    EXACT: 'The same date (in any format).',
    DAY_MONTH_SWAP: 'Day and month exchanged.',
    DAY_MONTH_ONLY: 'Day and month agree, the year does not.',
    YEAR_ONLY: 'Only the year agrees.',
    DIFFERENT: 'Another date.',
    MISSING: 'Either side has no readable date: no evidence either way.',
  },
  gender: {
    AGREE: 'The same gender.',
    DISAGREE: 'The other gender.',
    MISSING: 'Either side has none: no evidence either way.',
  },
  province: {
    AGREE: 'The same current province (an old code is mapped through the 2025 merger first).',
    DISAGREE: 'Another province.',
    MISSING: 'Either side has none: no evidence either way.',
  },
  id: {
    EXACT: "The recorded ID is the candidate's (a 9-digit one is compared with the legacy ID).",
    ONE_EDIT: 'One digit off (Levenshtein distance 1).',
    TWO_EDITS: 'Two edits off, e.g. two digits transposed.',
    FAR: 'Further off: an unrelated or garbled ID.',
    MISSING: 'Either side has no ID of that kind: no evidence either way.',
  },
};

/** What each confidence constant is for (CONFIDENCE.name and CONFIDENCE.date hold one value per difference kind, named after the meaning). */
export const CONFIDENCE_MEANINGS: Readonly<Record<keyof typeof CONFIDENCE, string>> = {
  missing: 'Any field: filling a missing value from the registry.',
  name: 'fullName, the same name written differently:',
  typoMax:
    'fullName TYPO: grows linearly with the Jaro-Winkler similarity of the folded names, from half this value at 0.9 to this value at 1.',
  differentNameFactor:
    'fullName DIFFERENT: this factor times the Jaro-Winkler similarity: a name change, or the ID belongs to someone else.',
  date: 'dateOfBirth:',
  wrongGender: 'gender WRONG_GENDER.',
  staleAddress: 'address STALE_ADDRESS: the place was merged, the person did not move.',
  staleAddressSplit:
    "address STALE_ADDRESS, the old commune split between several: the registry's commune is one of them, which the record alone cannot tell.",
  differentAddress: 'address DIFFERENT, another province or commune: people move and sources lag.',
  differentAddressSameArea: 'address DIFFERENT, same province and commune, other street text: as likely a rewording as a move.',
  legacyId: "citizenId LEGACY_ID: the registry's own mapping of old to new IDs.",
  differentId: 'citizenId DIFFERENT.',
};
