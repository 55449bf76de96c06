import { AgreementLevels } from './agreement';

/** m = P(level | same person), u = P(level | two different people). */
export interface MU {
  m: number;
  u: number;
}

type Table = { [F in keyof AgreementLevels]: Record<Exclude<AgreementLevels[F], 'MISSING'>, MU> };

/**
 * Starting m/u values, set by reasoning about the population rather than
 * estimated (EM on labelled replays is the way to refine them). The u values are
 * for two random people in the registry, not for two people already in the same
 * block; the prior in the scorer is set to match (one in the registry's size).
 *
 * name   m: sources carry the registry name modulo spelling for ~85 % of records,
 *          a typo or dropped middle name for ~9 %.
 *        u: the commonest full names (Nguyễn Thị Hương, Nguyễn Văn Hùng) are shared by
 *          ~0.1 % of people; typo-close names ~4x that; JW >= 0.88 is common (shared
 *          family + middle names) at ~5 %.
 * dob    m: exact for ~90 %; swaps, wrong year and wrong day each a few %.
 *        u: ~70 birth years and 365 days: exact 1/25,550 ~ 4e-5; a swap as rare;
 *          same day+month 1/365; same year only 1/70.
 * gender m: 0.98 (wrong gender is a known but rare error); u: 0.5.
 * province m: 0.85 (people move; records lag); u: ~0.06, the population-weighted
 *          chance that two people share one of 34 unequal provinces.
 * id     m: a record sent to search has an ID that failed; when it is a slip of the
 *          true ID, it is usually one digit (45 %) or two, e.g. a transposition (20 %);
 *          30 % carry an unrelated or garbled ID. u: two random IDs within one edit
 *          need the same 11 of 12 digits: ~1e-5 even allowing for the shared
 *          province/century/year prefix; within two edits ~1e-4.
 */
export const DEFAULT_M_U: Table = {
  name: {
    SAME: { m: 0.85, u: 0.001 },
    CLOSE: { m: 0.09, u: 0.004 },
    SIMILAR: { m: 0.04, u: 0.05 },
    DIFFERENT: { m: 0.02, u: 0.945 },
  },
  dateOfBirth: {
    EXACT: { m: 0.9, u: 0.00004 },
    DAY_MONTH_SWAP: { m: 0.03, u: 0.00004 },
    DAY_MONTH_ONLY: { m: 0.02, u: 0.0027 },
    YEAR_ONLY: { m: 0.03, u: 0.014 },
    DIFFERENT: { m: 0.02, u: 0.98322 },
  },
  gender: {
    AGREE: { m: 0.98, u: 0.5 },
    DISAGREE: { m: 0.02, u: 0.5 },
  },
  province: {
    AGREE: { m: 0.85, u: 0.06 },
    DISAGREE: { m: 0.15, u: 0.94 },
  },
  id: {
    EXACT: { m: 0.05, u: 1e-8 },
    ONE_EDIT: { m: 0.45, u: 1e-5 },
    TWO_EDITS: { m: 0.2, u: 1e-4 },
    FAR: { m: 0.3, u: 0.99989 },
  },
};

export type MUTable = Table;
