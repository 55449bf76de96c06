import { isValidCalendarDate, parseDate, readDateFields } from './parse-date';

export type DateDifferenceKind =
  'EXACT' | 'FORMAT_ONLY' | 'DAY_MONTH_SWAP' | 'YEAR_WRONG' | 'DIFFERENT' | 'MISSING' | 'UNPARSEABLE';

export interface DateComparison {
  kind: DateDifferenceKind;
  /** The recorded date in ISO form when it could be read (for a swap: as written, day first). */
  recordedIso: string | null;
  registryIso: string | null;
}

/**
 * Compares a recorded date with the registry's. MISSING and UNPARSEABLE describe the
 * recorded side; a registry date that cannot be read also yields UNPARSEABLE, with
 * registryIso null, so a caller can tell the two apart.
 */
export function compareDates(recorded: string | null | undefined, registry: string | null | undefined): DateComparison {
  const reg = parseDate(registry);
  const registryIso = reg.ok ? reg.iso : null;
  if (recorded === null || recorded === undefined || recorded.trim() === '') {
    return { kind: 'MISSING', recordedIso: null, registryIso };
  }
  const rec = parseDate(recorded);
  if (!reg.ok) return { kind: 'UNPARSEABLE', recordedIso: rec.ok ? rec.iso : null, registryIso };
  if (!rec.ok) {
    // "03/25/1990" is impossible day first but is the registry date month first: a swap, not garbage.
    const fields = readDateFields(recorded)?.fields;
    if (fields !== undefined && fields.year === reg.year && fields.day === reg.month && fields.month === reg.day) {
      const swapped = { year: fields.year, month: fields.day, day: fields.month };
      if (isValidCalendarDate(swapped)) return { kind: 'DAY_MONTH_SWAP', recordedIso: null, registryIso };
    }
    return { kind: 'UNPARSEABLE', recordedIso: null, registryIso };
  }
  const recordedIso = rec.iso;
  if (rec.iso === reg.iso) {
    return { kind: recorded === registry ? 'EXACT' : 'FORMAT_ONLY', recordedIso, registryIso };
  }
  if (rec.year === reg.year && rec.day === reg.month && rec.month === reg.day) {
    return { kind: 'DAY_MONTH_SWAP', recordedIso, registryIso };
  }
  if (rec.day === reg.day && rec.month === reg.month) return { kind: 'YEAR_WRONG', recordedIso, registryIso };
  return { kind: 'DIFFERENT', recordedIso, registryIso };
}
