/**
 * Dates as sources write them. Vietnamese usage is day first, so "03/04/1990" is
 * 3 April, never 4 March: the reading is fixed by the format, not guessed per value.
 */
export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'DD-MM-YYYY' | 'DD.MM.YYYY' | 'YYYYMMDD' | 'YYYY/MM/DD';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export type ParsedDate =
  | ({ ok: true; iso: string; format: DateFormat } & CalendarDate)
  | { ok: false; problem: 'EMPTY' | 'UNKNOWN_FORMAT' | 'IMPOSSIBLE_DATE' };

/** Years a person's date can plausibly carry; IDs encode 1900-2199, records of the dead go further back. */
export const MIN_YEAR = 1800;
export const MAX_YEAR = 2199;

interface Pattern {
  re: RegExp;
  format: DateFormat;
  /** Capture-group positions of year, month, day. */
  y: number;
  m: number;
  d: number;
}

// Compiled once; D/M/YYYY (no leading zeros) is the DD/MM/YYYY pattern with 1-2 digits.
const PATTERNS: readonly Pattern[] = [
  { re: /^(\d{4})-(\d{2})-(\d{2})$/, format: 'YYYY-MM-DD', y: 1, m: 2, d: 3 },
  { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, format: 'DD/MM/YYYY', y: 3, m: 2, d: 1 },
  { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, format: 'DD-MM-YYYY', y: 3, m: 2, d: 1 },
  { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, format: 'DD.MM.YYYY', y: 3, m: 2, d: 1 },
  { re: /^(\d{4})(\d{2})(\d{2})$/, format: 'YYYYMMDD', y: 1, m: 2, d: 3 },
  { re: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, format: 'YYYY/MM/DD', y: 1, m: 2, d: 3 },
];

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidCalendarDate({ year, month, day }: CalendarDate): boolean {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const max = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return Number.isInteger(day) && day >= 1 && day <= max;
}

export function toIso({ year, month, day }: CalendarDate): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The year/month/day fields as written, before any calendar check. */
export function readDateFields(raw: string): { fields: CalendarDate; format: DateFormat } | undefined {
  const text = raw.trim();
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m !== null) return { fields: { year: Number(m[p.y]), month: Number(m[p.m]), day: Number(m[p.d]) }, format: p.format };
  }
  return undefined;
}

export function parseDate(raw: string | null | undefined): ParsedDate {
  if (raw === null || raw === undefined || raw.trim() === '') return { ok: false, problem: 'EMPTY' };
  const read = readDateFields(raw);
  if (read === undefined) return { ok: false, problem: 'UNKNOWN_FORMAT' };
  if (!isValidCalendarDate(read.fields)) return { ok: false, problem: 'IMPOSSIBLE_DATE' };
  return { ok: true, iso: toIso(read.fields), format: read.format, ...read.fields };
}

/** The ISO form (YYYY-MM-DD) of a date in any accepted format, or null. */
export function toIsoDate(raw: string | null | undefined): string | null {
  const parsed = parseDate(raw);
  return parsed.ok ? parsed.iso : null;
}
