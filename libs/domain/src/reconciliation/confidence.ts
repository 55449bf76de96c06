/**
 * How sure we are that writing the registry's value is the right correction,
 * given that the registry citizen is the right person. Tuning these changes
 * decisions' evidence, so a change here bumps RULE_VERSION.
 */
export const CONFIDENCE = {
  /** Filling a missing field from the registry. */
  missing: 0.95,
  name: {
    /** Encoding only: the bytes differ, the text does not. */
    UNICODE_FORM: 1,
    CASE_OR_SPACING: 0.99,
    TONE_PLACEMENT: 0.99,
    D_STROKE: 0.97,
    MISSING_DIACRITICS: 0.95,
    TOKEN_ORDER: 0.9,
    /** Lý/Lí may be the spelling on the person's own papers: the registry still wins, less surely. */
    Y_I_VARIANT: 0.85,
  } as Record<string, number>,
  /** TYPO confidence grows linearly with Jaro-Winkler from 0.45 (jw 0.9) to 0.9 (jw 1). */
  typoMax: 0.9,
  /** A different name on a matched ID: a name change, or the ID belongs to someone else. */
  differentNameFactor: 0.3,
  date: {
    DAY_MONTH_SWAP: 0.9,
    YEAR_WRONG: 0.8,
    UNPARSEABLE: 0.7,
    DIFFERENT: 0.4,
  } as Record<string, number>,
  wrongGender: 0.9,
  /** The province merged: the person did not move, the name of the place changed. */
  staleAddress: 0.95,
  /** The old commune was split: the registry's commune is one of its parts, which the record alone cannot tell. */
  staleAddressSplit: 0.9,
  /** People move and sources lag: the registry is usually, not always, more current. */
  differentAddress: 0.6,
  /** Same province and commune, other street text: as likely a rewording as a move. */
  differentAddressSameArea: 0.5,
  /** The registry's own old-to-new ID mapping. */
  legacyId: 0.99,
  differentId: 0.7,
} as const;
