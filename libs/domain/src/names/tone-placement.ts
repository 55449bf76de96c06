/**
 * Old vs new tone-mark placement. In an open syllable ending in the glide pairs
 * "oa", "oe" or "uy", one convention puts the tone on the first vowel (hòa, khỏe,
 * thúy) and the other on the second (hoà, khoẻ, thuý). Both appear in official
 * documents, so they must compare equal.
 *
 * We normalise to the first-vowel convention (hòa, thúy), the one most input
 * methods produce by default. The choice is arbitrary but fixed: changing it would
 * change nothing in comparisons (both sides are normalised) but would change any
 * stored normalised key, so it is part of the rule version.
 *
 * Syllables with a final consonant or vowel (hoàng, thuyền, khuỷu) and "qu" + "y"
 * (quý, where "qu" is the onset) have one correct placement and are left alone.
 */

/** The five Vietnamese tone marks as combining characters (grave, acute, tilde, hook, dot below). */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const AMBIGUOUS_ENDING = /(?:oa|oe|uy)$/;
const QU_Y = /qu[y]$/;

const MAX_CACHE = 20_000;
const cache = new Map<string, string>();

/** Places the tone of one syllable by the first-vowel convention; any case. */
export function normalizeSyllableTone(syllable: string): string {
  const hit = cache.get(syllable);
  if (hit !== undefined) return hit;
  const result = placeTone(syllable);
  // Names reuse a few thousand syllables; a full clear is cheaper than LRU bookkeeping.
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(syllable, result);
  return result;
}

function placeTone(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  const tones = decomposed.match(TONE_MARKS);
  if (tones === null || tones.length !== 1) return syllable.normalize('NFC');
  const toneless = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  const lower = toneless.toLowerCase();
  if (!AMBIGUOUS_ENDING.test(lower) || QU_Y.test(lower)) return syllable.normalize('NFC');
  // The first vowel of the pair is a plain o/u, one UTF-16 unit: insert the tone right after it.
  const cut = toneless.length - 1;
  return (toneless.slice(0, cut) + tones[0] + toneless.slice(cut)).normalize('NFC');
}

/** Normalises the tone placement of every whitespace-separated syllable of a text. */
export function normalizeTonePlacement(text: string): string {
  return text
    .normalize('NFC')
    .split(' ')
    .map((s) => (s === '' ? s : normalizeSyllableTone(s)))
    .join(' ');
}
