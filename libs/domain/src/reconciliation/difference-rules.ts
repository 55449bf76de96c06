/**
 * The rule that produced each field difference, one per way a field can differ. A difference's
 * `kind` says what is wrong; its rule says which comparison found it, so that a steward (or an
 * auditor diffing two rule versions) can tell a stale province code from a named old district,
 * or a typo from a different name, without re-running the comparison. The meanings are in
 * @lgsp/contracts' vocabulary (docs/vocabulary.md); a new rule needs a meaning there.
 */
export const DIFFERENCE_RULES = [
  'citizen-id.missing',
  'citizen-id.legacy-id',
  'citizen-id.other-digits',
  'name.missing',
  'name.unicode-form',
  'name.case-or-spacing',
  'name.tone-placement',
  'name.d-stroke',
  'name.missing-diacritics',
  'name.y-i-variant',
  'name.token-order',
  'name.typo',
  'name.different',
  'date-of-birth.missing',
  'date-of-birth.day-month-swap',
  'date-of-birth.year-wrong',
  'date-of-birth.unparseable',
  'date-of-birth.different',
  'gender.missing',
  'gender.other',
  'address.missing',
  'address.merged-commune',
  'address.split-commune',
  'address.merged-province',
  'address.abolished-district',
  'address.other-province',
  'address.other-commune',
  'address.other-street',
] as const;
export type DifferenceRule = (typeof DIFFERENCE_RULES)[number];
