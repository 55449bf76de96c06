/**
 * How far a chart's y axis reaches: pure (no DOM), so the unit tests check it too. Served as /dashboard/scale.js.
 * The axis follows the last `recentPoints` points, not the whole window: a first load's peak would otherwise
 * flatten live traffic to a line at zero and hide a stop.
 */
export interface Scale {
  /** The axis maximum: the recent maximum with 10 % headroom, rounded up to one significant digit (at least 1). */
  max: number;
  /** The largest value of the whole window, when it is off the top of the axis (null: everything fits). */
  offTop: number | null;
}

export function niceCeiling(n: number): number {
  if (!(n > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.max(1, Math.ceil(n / step) * step);
}

export function recentScale(series: (number | null)[][], recentPoints: number): Scale {
  const values = (from: number) => series.flatMap((d) => d.slice(from).filter((v): v is number => v !== null));
  const recent = Math.max(0, ...values(-recentPoints));
  const all = Math.max(0, ...values(0));
  const max = niceCeiling(recent * 1.1);
  return { max, offTop: all > max ? all : null };
}
