import { DEFAULT_DIRT_RATES, DIRT_KINDS } from '@lgsp/lab';
import { INVALID_EVENT } from './dirt-options';

/** The dirt kinds of `--dirt` with their default rates, for `lgsp generate --help`. */
export function dirtKindsHelp(): string {
  const rows = DIRT_KINDS.map((kind) => `  ${kind.padEnd(22)} ${(DEFAULT_DIRT_RATES[kind] * 100).toFixed(1).padStart(5)} %`);
  return [
    '',
    'Dirt kinds for --dirt KIND=rate (default rate per sectoral record; --dirt-scale multiplies them all):',
    ...rows,
    `  ${INVALID_EVENT.padEnd(22)}   0.0 %  (with --live only: live events published without their entityId, so the`,
    '                                  pipeline dead-letters them; the demo of lgsp start uses 10 %)',
  ].join('\n');
}
