/**
 * y/i spelling variants: after a consonant onset (or "qu"), a final "y" and "i" are
 * the same sound and both spellings are used (Lý/Lí, Mỹ/Mĩ, Kỳ/Kì, Quý/Quí, Vy/Vi).
 * This is a weak equivalence: the registry spelling is still the one to write.
 * After a vowel, "y" is part of a different rhyme (Tây vs Tai, Thúy vs Thủi) and is kept.
 * Works on folded (diacritic-free) lower-case syllables.
 */
const FINAL_Y_AFTER_ONSET = /^(?:[^aeiouy]*|qu)y$/;

export function yiKey(foldedSyllable: string): string {
  return FINAL_Y_AFTER_ONSET.test(foldedSyllable) ? foldedSyllable.slice(0, -1) + 'i' : foldedSyllable;
}
