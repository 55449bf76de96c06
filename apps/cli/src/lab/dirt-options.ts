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
    if (!(DIRT_KINDS as readonly string[]).includes(kind))
      throw new Error(`--dirt: unknown kind ${kind} (one of ${DIRT_KINDS.join(', ')})`);
    const rate = Number(value);
    if (!(rate >= 0 && rate <= 1)) throw new Error(`--dirt: ${kind} must be a rate between 0 and 1`);
    rates[kind as DirtKind] = rate;
  }
  return rates;
}
