import { jaroWinkler } from '@skyra/jaro-winkler';
import { distance as levenshtein } from 'fastest-levenshtein';
import { NameKeys, nameKeys } from './name-keys';
import { isBlank, isStrokeMark, marksPerLetter } from './text';

/**
 * How a recorded name differs from the registry's, from least to most serious.
 * Y_I_VARIANT extends the basic list: Lý/Lí is neither a typo nor a different name.
 */
/** How two written names compare, from identical down the ladder to different. */
export const NAME_DIFFERENCE_KINDS = [
  'EXACT',
  'UNICODE_FORM',
  'CASE_OR_SPACING',
  'TONE_PLACEMENT',
  'D_STROKE',
  'MISSING_DIACRITICS',
  'Y_I_VARIANT',
  'TOKEN_ORDER',
  'TYPO',
  'DIFFERENT',
  'MISSING',
] as const;
export type NameDifferenceKind = (typeof NAME_DIFFERENCE_KINDS)[number];

export interface NameComparison {
  kind: NameDifferenceKind;
  /** 1 for identical; each rung of the ladder a little lower; Jaro-Winkler based for TYPO/DIFFERENT. */
  score: number;
  /** Jaro-Winkler similarity of the folded forms (0 when a side is missing). */
  jaroWinkler: number;
}

/**
 * Fixed scores for the variant kinds: same name, written differently. They stay
 * above every TYPO score (<= 0.9) so that sorting by score sorts by seriousness.
 */
const LADDER_SCORE: Partial<Record<NameDifferenceKind, number>> = {
  EXACT: 1,
  UNICODE_FORM: 1,
  CASE_OR_SPACING: 0.99,
  TONE_PLACEMENT: 0.99,
  D_STROKE: 0.97,
  MISSING_DIACRITICS: 0.96,
  Y_I_VARIANT: 0.94,
  TOKEN_ORDER: 0.92,
};

/** Whole-name similarity a typo must keep (on the folded form). */
const TYPO_MIN_JARO_WINKLER = 0.9;
/** Total edits a typo may make over the whole name. */
const TYPO_MAX_TOTAL_EDITS = 2;

/**
 * Compares a recorded name with the registry's. Both must be present for anything
 * but MISSING; a blank registry name compares as DIFFERENT (nothing confirms it).
 */
export function compareNames(recorded: string | null | undefined, registry: string | null | undefined): NameComparison {
  if (isBlank(recorded)) return { kind: 'MISSING', score: 0, jaroWinkler: 0 };
  if (isBlank(registry)) return { kind: 'DIFFERENT', score: 0, jaroWinkler: 0 };
  // The commonest case on clean data needs no analysis at all.
  if (recorded === registry) return { kind: 'EXACT', score: 1, jaroWinkler: 1 };
  return compareNameKeys(nameKeys(recorded), nameKeys(registry));
}

/** The same on precomputed keys: lets a ranker analyse the recorded name once for many candidates. */
export function compareNameKeys(a: NameKeys, b: NameKeys): NameComparison {
  const kind = ladderKind(a, b);
  if (kind !== undefined) {
    return { kind, score: LADDER_SCORE[kind] ?? 1, jaroWinkler: kind === 'TOKEN_ORDER' ? jw(a, b) : 1 };
  }
  const similarity = jw(a, b);
  if (a.folded === b.folded || isTypo(a, b, similarity)) {
    // Folded-equal here means a wrong (not missing) mark, e.g. Hóa for Hoa: a one-key typo.
    return { kind: 'TYPO', score: 0.9 * similarity, jaroWinkler: similarity };
  }
  return { kind: 'DIFFERENT', score: 0.8 * similarity, jaroWinkler: similarity };
}

function ladderKind(a: NameKeys, b: NameKeys): NameDifferenceKind | undefined {
  if (a.raw === b.raw) return 'EXACT';
  if (a.nfc === b.nfc) return 'UNICODE_FORM';
  if (a.spaceless === b.spaceless) return 'CASE_OR_SPACING';
  if (a.tonePlaced === b.tonePlaced) return 'TONE_PLACEMENT';
  if (a.folded === b.folded) {
    // Only when every recorded mark is also on the registry's letter is it "missing".
    const missing = missingMarks(a.tonePlaced, b.tonePlaced);
    if (missing === 'STROKE_ONLY') return 'D_STROKE';
    if (missing === 'SOME') return 'MISSING_DIACRITICS';
    return undefined;
  }
  if (a.yi === b.yi) return 'Y_I_VARIANT';
  if (a.sortedTokens === b.sortedTokens) return 'TOKEN_ORDER';
  return undefined;
}

/** Recorded marks compared with the registry's, letter by letter (same base letters assumed). */
function missingMarks(recorded: string, registry: string): 'STROKE_ONLY' | 'SOME' | 'WRONG' {
  const rec = marksPerLetter(recorded);
  const reg = marksPerLetter(registry);
  if (rec.length !== reg.length) return 'WRONG';
  let onlyStroke = true;
  for (let i = 0; i < rec.length; i++) {
    for (const mark of rec[i]) if (!reg[i].includes(mark)) return 'WRONG';
    for (const mark of reg[i]) if (!rec[i].includes(mark) && !isStrokeMark(mark)) onlyStroke = false;
  }
  return onlyStroke ? 'STROKE_ONLY' : 'SOME';
}

/**
 * A typo keeps the same tokens in the same order and changes at most two letters
 * in all, and at most one letter per three beyond the first in any token (none in
 * a 2-3 letter token, one in 4-6, two from 7). The per-token cap is what keeps
 * different given names apart: Vietnamese names are short syllables and one edit
 * to a short syllable usually spells another real name (An/Anh, Hoa/Hoan, Nam/Lam,
 * Lan/Lam), while slips in longer ones (Nguyen/Nguen, Thanh/Thanhh) are not names.
 * An adjacent transposition (Nguyen/Ngyuen) counts as one edit, as a typist makes it.
 */
function isTypo(a: NameKeys, b: NameKeys, similarity: number): boolean {
  if (similarity < TYPO_MIN_JARO_WINKLER) return false;
  if (a.foldedTokens.length !== b.foldedTokens.length) return false;
  let total = 0;
  for (let i = 0; i < a.foldedTokens.length; i++) {
    const x = a.foldedTokens[i];
    const y = b.foldedTokens[i];
    if (x === y) continue;
    const edits = tokenEdits(x, y);
    if (edits > Math.floor((Math.min(x.length, y.length) - 1) / 3)) return false;
    total += edits;
    if (total > TYPO_MAX_TOTAL_EDITS) return false;
  }
  return true;
}

function tokenEdits(x: string, y: string): number {
  const edits = levenshtein(x, y);
  return edits === 2 && isAdjacentTransposition(x, y) ? 1 : edits;
}

function isAdjacentTransposition(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
}

function jw(a: NameKeys, b: NameKeys): number {
  if (a.foldedSpaced === b.foldedSpaced) return 1;
  if (a.foldedSpaced === '' || b.foldedSpaced === '') return 0;
  return jaroWinkler(a.foldedSpaced, b.foldedSpaced);
}
