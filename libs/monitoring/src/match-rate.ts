/** Outcome counts of one group of results (a source, a province, a commune…). */
export type OutcomeCounts = Record<string, number>;

export interface MatchRate {
  matched: number;
  total: number;
  /** MATCHED / all, 0..1; null when there is nothing to rate. */
  rate: number | null;
  /** The form provincial reports use: "94.25 %: 990,698 of 1,051,089 land parcels". */
  report: string;
}

/** What one result of a source is, in report wording. */
export const RECORD_NOUNS: Record<string, string> = {
  land: 'land parcels',
  insurance: 'insurance records',
  business: 'enterprise records',
  population: 'citizens',
};

export function matchRateOf(counts: OutcomeCounts, source: string): MatchRate {
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  const matched = counts.MATCHED ?? 0;
  const rate = total === 0 ? null : matched / total;
  return { matched, total, rate, report: formatMatchRate(matched, total, source) };
}

/**
 * Two decimals, rounded down: a report never shows 100.00 % while one record is still
 * off. Thousands grouped with commas, as in the reports.
 */
export function formatMatchRate(matched: number, total: number, source: string): string {
  const noun = RECORD_NOUNS[source] ?? `${source} records`;
  if (total === 0) return `n/a: 0 of 0 ${noun}`;
  const hundredths = Math.floor((matched * 10000) / total);
  const percent = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  return `${percent} %: ${grouped(matched)} of ${grouped(total)} ${noun}`;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Completeness and validity of one field among `total` results: completeness is the share
 * where it is present (no MISSING difference), validity the share where it agrees with the
 * registry (no difference of any kind).
 */
export function fieldQualityOf(
  kinds: Record<string, number>,
  total: number,
): { completeness: number | null; validity: number | null } {
  if (total === 0) return { completeness: null, validity: null };
  const missing = kinds.MISSING ?? 0;
  const differing = Object.values(kinds).reduce((s, n) => s + n, 0);
  return { completeness: 1 - missing / total, validity: 1 - differing / total };
}
