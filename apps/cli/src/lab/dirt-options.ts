import { DEFAULT_DIRT_RATES, DIRT_KINDS, type DirtKind, type DirtRates } from '@lgsp/lab';

/**
 * Dirt rates from the command line: `--dirt-scale` multiplies every default rate,
 * `--dirt KIND=rate,…` then sets single kinds.
 */
export function dirtRatesFrom(scale: string | undefined, overrides: string | undefined): Partial<DirtRates> {
  const rates: Partial<DirtRates> = {};
  if (scale !== undefined) {
    const factor = Number(scale);
    if (!(factor >= 0)) throw new Error('--dirt-scale must be a number ≥ 0');
    for (const kind of DIRT_KINDS) rates[kind] = Math.min(1, DEFAULT_DIRT_RATES[kind] * factor);
  }
  for (const pair of (overrides ?? '').split(',').filter(Boolean)) {
    const [kind, value] = pair.split('=');
    if (kind === INVALID_EVENT) continue;
    if (!(DIRT_KINDS as readonly string[]).includes(kind))
      throw new Error(`--dirt: unknown kind ${kind} (one of ${[...DIRT_KINDS, INVALID_EVENT].join(', ')})`);
    const rate = Number(value);
    if (!(rate >= 0 && rate <= 1)) throw new Error(`--dirt: ${kind} must be a rate between 0 and 1`);
    rates[kind as DirtKind] = rate;
  }
  return rates;
}

/**
 * The event dirt of live mode (not a record's: the snapshot and its ground truth are untouched):
 * the share of live events published broken, for the dead-letter queue. 0 unless given.
 */
export const INVALID_EVENT = 'INVALID_EVENT';

export function invalidEventRateFrom(overrides: string | undefined): number {
  const pair = (overrides ?? '').split(',').find((p) => p.split('=')[0] === INVALID_EVENT);
  if (pair === undefined) return 0;
  const rate = Number(pair.split('=')[1]);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`--dirt: ${INVALID_EVENT} must be a rate between 0 and 1`);
  return rate;
}
