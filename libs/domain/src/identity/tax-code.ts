/**
 * Enterprise code = tax code: 2-digit province + 7-digit sequence + check digit, optionally
 * followed by "-NNN" for a branch. The check digit uses weights 31,29,23,19,17,13,7,5,3 on the
 * first nine digits: check = 10 - (sum mod 11). A prefix whose check would be 10 is never
 * issued, so it has no valid code at all.
 */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** Check digit for the first nine digits, or null when such a prefix is never issued. */
export function enterpriseCheckDigit(firstNine: string): number | null {
  if (firstNine.length !== 9) throw new Error('enterprise code prefix must be nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = firstNine.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Error('enterprise code prefix must be nine digits');
    sum += d * WEIGHTS[i];
  }
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}

const CODE = /^(\d{10})(-\d{3})?$/;

/** Whether a string is a well-formed enterprise (tax) code, branch suffix allowed. */
export function isValidEnterpriseCode(raw: string): boolean {
  const m = CODE.exec(raw);
  if (!m) return false;
  if (m[2] === '-000') return false;
  const check = enterpriseCheckDigit(m[1].slice(0, 9));
  return check !== null && check === m[1].charCodeAt(9) - 48;
}
