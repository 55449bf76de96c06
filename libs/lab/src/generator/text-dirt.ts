/**
 * String corruptions as they occur in Vietnamese source data. Everything that can be is
 * precomputed per name token (see name-tokens.ts); the functions here that run per record
 * (typo, case/spacing) avoid regular expressions.
 */
const COMBINING = /[\u0300-\u036f]/g;

/** Diacritics removed, Đ/đ mapped to D/d (Đ has no Unicode decomposition, so it must be explicit). */
export function foldDiacritics(s: string): string {
  return s.normalize('NFD').replace(COMBINING, '').replace(/Đ/g, 'D').replace(/đ/g, 'd').normalize('NFC');
}

/** Đ/đ written as a plain D/d, other diacritics kept. */
export function strokeFreeD(s: string): string {
  return s.replace(/Đ/g, 'D').replace(/đ/g, 'd');
}

const TONES = '\u0300\u0301\u0309\u0303\u0323';

/**
 * Moves the tone mark between the traditional and the modern placement in open syllables
 * ending in oa, oe, uy (Hòa <-> Hoà, Thúy <-> Thuý); null when the token has none.
 * "Qu" + y is excluded: in "Quý" the u belongs to the consonant and the tone never moves.
 */
export function swapTonePlacement(token: string): string | null {
  const d = token.normalize('NFD');
  const n = d.length;
  if (n < 3) return null;
  const head = d.slice(0, n - 3);
  const [x, y, z] = [d[n - 3], d[n - 2], d[n - 1]];
  // traditional "o + tone + a" -> modern "o + a + tone", and back
  if (TONES.includes(y) && pairMoves(head, x, z)) return (head + x + z + y).normalize('NFC');
  if (TONES.includes(z) && pairMoves(head, x, y)) return (head + x + z + y).normalize('NFC');
  return null;
}

function pairMoves(head: string, first: string, second: string): boolean {
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  if (a === 'o') return b === 'a' || b === 'e';
  if (a === 'u') return b === 'y' && !head.toLowerCase().endsWith('q');
  return false;
}

const NEIGHBOURS: Record<string, string> = {
  q: 'wa',
  w: 'qes',
  e: 'wrd',
  r: 'etf',
  t: 'ryg',
  y: 'tuh',
  u: 'yij',
  i: 'uok',
  o: 'ipl',
  p: 'ol',
  a: 'qsz',
  s: 'adwx',
  d: 'sfec',
  f: 'dgrv',
  g: 'fhtb',
  h: 'gjyn',
  j: 'hkum',
  k: 'jli',
  l: 'ko',
  z: 'ax',
  x: 'zsc',
  c: 'xdv',
  v: 'cfb',
  b: 'vgn',
  n: 'bhm',
  m: 'nj',
};

function isLowerAscii(code: number): boolean {
  return code >= 97 && code <= 122;
}

function baseLetter(ch: string): string {
  return foldDiacritics(ch).toLowerCase();
}

/**
 * One keyboard slip: a lowercase ASCII letter replaced by a neighbouring key, or two
 * adjacent letters transposed. Chosen so that the result still differs after folding
 * diacritics and case, i.e. it stays a real typo rather than a spelling variant.
 * Returns null when the string offers no place for one.
 */
export function typo(s: string, pick: (n: number) => number, transpose: boolean): string | null {
  if (transpose) {
    const candidates: number[] = [];
    for (let i = 1; i + 1 < s.length; i++) {
      if (s[i] === ' ' || s[i + 1] === ' ' || s[i - 1] === ' ') continue;
      if (baseLetter(s[i]) !== baseLetter(s[i + 1])) candidates.push(i);
    }
    if (candidates.length > 0) {
      const i = candidates[pick(candidates.length)];
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    }
  }
  const positions: number[] = [];
  for (let i = 0; i < s.length; i++) if (isLowerAscii(s.charCodeAt(i))) positions.push(i);
  if (positions.length === 0) return null;
  const i = positions[pick(positions.length)];
  const options = NEIGHBOURS[s[i]];
  return s.slice(0, i) + options[pick(options.length)] + s.slice(i + 1);
}

/** Upper case and/or stray spaces, as typed into old systems or exported from spreadsheets. */
export function caseAndSpacing(s: string, variant: number, gap: number): string {
  switch (variant) {
    case 0:
      return s.toUpperCase();
    case 1:
      return `${s.toUpperCase()} `;
    case 2: {
      const at = nthSpace(s, gap);
      return at < 0 ? `  ${s}` : `${s.slice(0, at)}  ${s.slice(at + 1)}`;
    }
    default:
      return ` ${s.toUpperCase()}  `;
  }
}

function nthSpace(s: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ' ') {
      if (seen === n) return i;
      seen++;
    }
  }
  return -1;
}
