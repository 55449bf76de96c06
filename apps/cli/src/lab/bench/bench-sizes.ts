/** Sizes of --quick: small enough for under two minutes on the 2-core machine. */
export const BENCH_SIZES = {
  quick: { citizens: 3000, durationS: 8, baselineS: 8 },
  full: { citizens: 30000, durationS: 30, baselineS: 30 },
};
