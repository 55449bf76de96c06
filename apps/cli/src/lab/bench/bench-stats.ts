/** Pure helpers of `lgsp bench`: percentiles, rates, ratios and the printed table. */

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError('percentile must be between 0 and 100');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Items per second over an interval in milliseconds; 0 when nothing was measured. */
export function ratePerSecond(items: number, elapsedMs: number): number {
  if (!(items > 0) || !(elapsedMs > 0)) return 0;
  return items / (elapsedMs / 1000);
}

/** a / b, or NaN when b is not a positive number (a ratio against nothing means nothing). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '—';
  return r >= 10 ? `${r.toFixed(0)} ×` : r >= 1 ? `${r.toFixed(1)} ×` : `${(r * 100).toFixed(1)} %`;
}

export function formatNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain-text table: the first row is the header, columns padded to their widest cell. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Peak resident set (VmHWM) in MiB from the text of /proc/<pid>/status; NaN when absent. */
export function peakRssMiB(procStatus: string): number {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(procStatus);
  return m ? Number(m[1]) / 1024 : NaN;
}
