/**
 * Character-level helpers shared by the name, address and matching code.
 * Every regular expression is compiled once at module load: these run on millions of records.
 */

/** All combining diacritical marks (U+0300..U+036F): tones, circumflex, breve, horn. */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
/** Đ/đ are separate letters in Unicode, not D + mark: NFD leaves them untouched. */
const D_STROKE = /[\u0110\u0111]/g;
// eslint-disable-next-line no-control-regex -- the range starts at NUL on purpose: everything outside ASCII
const NON_ASCII = /[^\u0000-\u007f]/;
/** Zero-width characters pasted from word processors and web forms. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const WHITESPACE_RUN = /\s+/;

export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Removes every diacritic, including the stroke of Đ/đ, which has no Unicode
 * decomposition and survives a plain "strip combining marks" (a classic bug).
 */
export function foldDiacritics(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_STROKE, (ch) => (ch === '\u0111' ? 'd' : 'D'));
}

/** Maps only Đ/đ to D/d, keeping every other mark (to recognise "Đ written D"). */
export function dropDStroke(text: string): string {
  return text.replace(D_STROKE, (ch) => (ch === '\u0111' ? 'd' : 'D'));
}

/** NFC, invisible characters removed, trimmed, lower case, split on any whitespace run. */
export function nameTokens(text: string): string[] {
  const cleaned = nfc(text).replace(INVISIBLE, '').trim().toLowerCase();
  return cleaned === '' ? [] : cleaned.split(WHITESPACE_RUN);
}

export function isBlank(text: string | null | undefined): text is null | undefined | '' {
  return text === null || text === undefined || text.replace(INVISIBLE, '').trim() === '';
}

/** Stand-in mark for the stroke of Đ, so that it can be compared like the other marks. */
const STROKE_MARK = '\u0335';
const IS_MARK = /[\u0300-\u036f]/;

/**
 * The set of marks on each base letter of a lower-case string, for strings whose
 * folded forms are equal. Used to tell "diacritics missing" (recorded marks are a
 * subset of the registry's) from "diacritics wrong" (a mark the registry lacks).
 */
export function marksPerLetter(text: string): string[] {
  const decomposed = text.replace(D_STROKE, (ch) => (ch === '\u0111' ? 'd' : 'D') + STROKE_MARK).normalize('NFD');
  const out: string[] = [];
  for (const ch of decomposed) {
    if (IS_MARK.test(ch) && out.length > 0) out[out.length - 1] += ch;
    else out.push('');
  }
  return out;
}

export function isStrokeMark(mark: string): boolean {
  return mark === STROKE_MARK;
}
