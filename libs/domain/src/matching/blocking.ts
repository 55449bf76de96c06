import { parseDate } from '../dates/parse-date';
import { nameKeys } from '../names/name-keys';
import { currentProvinceHistory } from '../reconciliation/province-history';

/**
 * Blocking keys: a repository indexes every registry citizen under these strings
 * and looks a recorded person up under the same ones, so that scoring only sees
 * plausible candidates. Each key tolerates a different kind of dirt:
 * - family name + birth year: survives a wrong or swapped day/month and a given-name typo;
 * - given name + date of birth: survives a wrong family name or token order;
 * - date of birth + province: survives any name error;
 * - name tokens in any order + province: needs no date of birth at all, and survives
 *   transposed family and given names;
 * - name written without spaces + province: survives a name split or joined by a space
 *   ("Âu Dương" / "Âudương"), again with no date of birth.
 * A record is searched (recordSearchKeys) under its keys and under family name + the birth
 * year either side, since a year off by one is a common clerical error; a citizen is indexed
 * under its own year only, so the index does not grow.
 * Every key is capped per look-up (the rule set's candidatesPerKey), so a common name cannot
 * flood the candidate pool.
 * Names are folded and y/i-unified (Lý, Lí, LY share a key); dates are ISO;
 * provinces are current (2025) codes, old codes mapped through the merger.
 * A key is null when the fields it needs are missing or unreadable.
 * The prefix keeps the three key spaces apart in one index.
 */
export interface BlockablePerson {
  readonly fullName: string | null;
  readonly dateOfBirth: string | null;
  readonly provinceCode: string | null;
}

export function familyYearKey(p: BlockablePerson): string | null {
  const tokens = p.fullName === null ? [] : nameKeys(p.fullName).foldedTokens;
  const dob = parseDate(p.dateOfBirth);
  // One token is a given name only: there is no family name to block on.
  if (tokens.length < 2 || !dob.ok) return null;
  return `FY:${tokens[0]}|${dob.year}`;
}

export function givenDobKey(p: BlockablePerson): string | null {
  const tokens = p.fullName === null ? [] : nameKeys(p.fullName).foldedTokens;
  const dob = parseDate(p.dateOfBirth);
  if (tokens.length === 0 || !dob.ok) return null;
  return `GD:${tokens[tokens.length - 1]}|${dob.iso}`;
}

export function dobProvinceKey(p: BlockablePerson): string | null {
  const dob = parseDate(p.dateOfBirth);
  const province = currentProvince(p.provinceCode);
  if (!dob.ok || province === null) return null;
  return `DP:${dob.iso}|${province}`;
}

export function namesProvinceKey(p: BlockablePerson): string | null {
  const keys = p.fullName === null ? null : nameKeys(p.fullName);
  const province = currentProvince(p.provinceCode);
  // One token alone ("Hùng") in a province is far too common to be a key.
  if (keys === null || keys.foldedTokens.length < 2 || province === null) return null;
  return `NP:${keys.sortedTokens}|${province}`;
}

export function joinedNameProvinceKey(p: BlockablePerson): string | null {
  const keys = p.fullName === null ? null : nameKeys(p.fullName);
  const province = currentProvince(p.provinceCode);
  // A single short token is a bare given name; a single long one is a whole name written together.
  if (keys === null || (keys.foldedTokens.length < 2 && keys.yi.length < 8) || province === null) return null;
  return `NJ:${keys.yi}|${province}`;
}

/** The kinds of key, by the prefix that keeps their spaces apart (see above). */
export const BLOCKING_KEY_KINDS = ['FAMILY_YEAR', 'GIVEN_DOB', 'DOB_PROVINCE', 'NAMES_PROVINCE', 'JOINED_NAME_PROVINCE'] as const;
export type BlockingKeyKind = (typeof BLOCKING_KEY_KINDS)[number];
const KIND_OF_PREFIX: Record<string, BlockingKeyKind> = {
  FY: 'FAMILY_YEAR',
  GD: 'GIVEN_DOB',
  DP: 'DOB_PROVINCE',
  NP: 'NAMES_PROVINCE',
  NJ: 'JOINED_NAME_PROVINCE',
};

/** Which kind a key is: what an explanation may show of it (the key itself holds a name and a date of birth). */
export function blockingKeyKind(key: string): BlockingKeyKind {
  const kind = KIND_OF_PREFIX[key.slice(0, 2)];
  if (kind === undefined) throw new RangeError('not a blocking key');
  return kind;
}

/** All non-null blocking keys a registry citizen is indexed under, in a fixed order. */
export function blockingKeys(p: BlockablePerson): string[] {
  const keys: string[] = [];
  for (const key of [familyYearKey(p), givenDobKey(p), dobProvinceKey(p), namesProvinceKey(p), joinedNameProvinceKey(p)]) {
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * The keys a recorded person is searched under: their own blocking keys, and family name with
 * the birth year either side. Each is a key some citizen is indexed under (blockingKeys), so a
 * waiting record's stored search keys meet a changed citizen's keys by equality.
 */
export function recordSearchKeys(p: BlockablePerson): string[] {
  const keys = blockingKeys(p);
  const own = familyYearKey(p);
  if (own === null) return keys;
  const dob = parseDate(p.dateOfBirth);
  const family = own.slice(3, own.lastIndexOf('|'));
  if (dob.ok) for (const year of [dob.year - 1, dob.year + 1]) keys.push(`FY:${family}|${year}`);
  return keys;
}

/**
 * The current code of a recorded province code. Every 2025 code is also the old
 * code of a province merged into it (mapping to itself), so mapping is safe whether
 * the source wrote an old or a new code.
 */
export function currentProvince(code: string | null): string | null {
  const trimmed = code?.trim();
  if (!trimmed) return null;
  return currentProvinceHistory().newProvinceOfOld(trimmed) ?? trimmed;
}
