/**
 * Day numbers and pre-rendered ISO date strings: the generator does date arithmetic on
 * integers and looks the strings up, which is much faster than formatting per record.
 * Date is used only for calendar conversion here, never for the current time.
 */
const MS_PER_DAY = 86400000;
const BASE_MS = Date.UTC(1900, 0, 1);
const LAST_MS = Date.UTC(2035, 11, 31);
export const CALENDAR_DAYS = (LAST_MS - BASE_MS) / MS_PER_DAY + 1;

const ISO: string[] = new Array(CALENDAR_DAYS);
const YEAR = new Int16Array(CALENDAR_DAYS);
const MONTH = new Int8Array(CALENDAR_DAYS);
const DAY = new Int8Array(CALENDAR_DAYS);
for (let n = 0; n < CALENDAR_DAYS; n++) {
  const d = new Date(BASE_MS + n * MS_PER_DAY);
  YEAR[n] = d.getUTCFullYear();
  MONTH[n] = d.getUTCMonth() + 1;
  DAY[n] = d.getUTCDate();
  ISO[n] = `${YEAR[n]}-${String(MONTH[n]).padStart(2, '0')}-${String(DAY[n]).padStart(2, '0')}`;
}

export function dayNumber(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - BASE_MS) / MS_PER_DAY;
}

export function isoOfDay(n: number): string {
  return ISO[n];
}
export function yearOfDay(n: number): number {
  return YEAR[n];
}
export function monthOfDay(n: number): number {
  return MONTH[n];
}
export function dayOfMonthOfDay(n: number): number {
  return DAY[n];
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * The generated world is "as of" this day: ages, deaths, card validity and registration
 * dates are relative to it, so output never depends on when it is generated.
 */
export const REFERENCE_DAY = dayNumber(2025, 7, 1);
export const REFERENCE_YEAR = 2025;
