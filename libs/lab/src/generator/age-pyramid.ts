import { REFERENCE_YEAR } from './calendar';

export const FIRST_BIRTH_YEAR = REFERENCE_YEAR - 100;
export const BIRTH_YEARS = 101;

/**
 * Relative size of each single-year age group, shaped like Vietnam's 2020s pyramid: broad
 * working ages, a dip for the late-1970s cohorts, a quickly narrowing top.
 */
function ageWeight(age: number): number {
  if (age < 5) return 1.45;
  if (age < 15) return 1.6;
  if (age < 25) return 1.45;
  if (age < 35) return 1.55;
  if (age < 45) return 1.6;
  if (age < 55) return 1.35;
  if (age < 65) return 1.15;
  if (age < 75) return 0.75;
  if (age < 85) return 0.35;
  return 0.12 * Math.pow(0.8, age - 85);
}

/** Weight per birth year, index 0 = FIRST_BIRTH_YEAR; the reference year counts half (born by 1 July). */
export const BIRTH_YEAR_WEIGHTS: readonly number[] = Array.from({ length: BIRTH_YEARS }, (_, k) => {
  const year = FIRST_BIRTH_YEAR + k;
  const w = ageWeight(REFERENCE_YEAR - year);
  return year === REFERENCE_YEAR ? w / 2 : w;
});

/** Share of citizens recorded as deceased in the registry. */
export const DECEASED_SHARE = 0.01;

function relativeMortality(age: number): number {
  if (age < 1) return 0.4;
  if (age < 40) return 0.08;
  if (age < 60) return 0.3;
  if (age < 70) return 1;
  if (age < 80) return 2.5;
  return 6;
}

/** Probability that a citizen of a given age is recorded as deceased, scaled to DECEASED_SHARE overall. */
export const DECEASED_PROBABILITY_BY_YEAR: readonly number[] = (() => {
  let total = 0;
  let weighted = 0;
  for (let k = 0; k < BIRTH_YEARS; k++) {
    total += BIRTH_YEAR_WEIGHTS[k];
    weighted += BIRTH_YEAR_WEIGHTS[k] * relativeMortality(REFERENCE_YEAR - FIRST_BIRTH_YEAR - k);
  }
  const scale = (DECEASED_SHARE * total) / weighted;
  return Array.from({ length: BIRTH_YEARS }, (_, k) =>
    Math.min(0.5, scale * relativeMortality(REFERENCE_YEAR - FIRST_BIRTH_YEAR - k)),
  );
})();
