import { normalizeSyllableTone } from './tone-placement';
import { dropDStroke, foldDiacritics, nameTokens } from './text';
import { yiKey } from './y-i';

/**
 * The successive normal forms of a name, each one folding one more kind of
 * difference than the one before. Comparing two names walks this ladder and
 * reports the first rung on which they become equal.
 */
export interface NameKeys {
  raw: string;
  /** Unicode NFC. */
  nfc: string;
  /** Lower case, whitespace removed altogether (also catches "ThịHoa" / "Thu Hà" vs "Thuhà"). */
  spaceless: string;
  /** + tone placement normalised, per syllable. */
  tonePlaced: string;
  /** + Đ/đ mapped to D/d, other marks kept. */
  strokeless: string;
  /** + every diacritic removed. */
  folded: string;
  /** + y/i variants unified. */
  yi: string;
  /** Per-syllable tone-placed lower-case tokens. */
  toneTokens: string[];
  /** Per-syllable folded + y/i tokens, in written order. */
  foldedTokens: string[];
  /** The folded tokens in order, space separated: the form similarity metrics run on. */
  foldedSpaced: string;
  /** The folded tokens sorted: equal for the same tokens in another order. */
  sortedTokens: string;
}

interface SyllableForms {
  tone: string;
  strokeless: string;
  folded: string;
  yi: string;
}

const MAX_CACHE = 50_000;
const syllableCache = new Map<string, SyllableForms>();

/** Per-syllable work is cached: a population reuses a few thousand distinct syllables. */
function syllableForms(token: string): SyllableForms {
  let forms = syllableCache.get(token);
  if (forms === undefined) {
    const tone = normalizeSyllableTone(token);
    const folded = foldDiacritics(tone);
    forms = { tone, strokeless: dropDStroke(tone), folded, yi: yiKey(folded) };
    if (syllableCache.size >= MAX_CACHE) syllableCache.clear();
    syllableCache.set(token, forms);
  }
  return forms;
}

export function nameKeys(raw: string): NameKeys {
  const tokens = nameTokens(raw);
  const n = tokens.length;
  const toneTokens: string[] = new Array(n);
  const strokeless: string[] = new Array(n);
  const folded: string[] = new Array(n);
  const foldedTokens: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const forms = syllableForms(tokens[i]);
    toneTokens[i] = forms.tone;
    strokeless[i] = forms.strokeless;
    folded[i] = forms.folded;
    foldedTokens[i] = forms.yi;
  }
  // Only joins here: every per-syllable transformation came from the cache.
  return {
    raw,
    nfc: raw.normalize('NFC'),
    spaceless: tokens.join(''),
    tonePlaced: toneTokens.join(''),
    strokeless: strokeless.join(''),
    folded: folded.join(''),
    yi: foldedTokens.join(''),
    toneTokens,
    foldedTokens,
    foldedSpaced: foldedTokens.join(' '),
    sortedTokens: n < 2 ? foldedTokens.join(' ') : [...foldedTokens].sort().join(' '),
  };
}

/**
 * The folded, y/i-unified, space-separated form of a name: an index key that is
 * equal for every spelling variant of the same name (not for typos).
 */
export function foldedNameKey(raw: string): string {
  return nameKeys(raw).foldedSpaced;
}
