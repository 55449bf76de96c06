import { RecordSummary } from './record-status';

/** The CSV export's columns, in order: the listing's fields, differences flattened for a spreadsheet. */
export const CSV_COLUMNS = [
  'source',
  'entity_id',
  'outcome',
  'also_applies',
  'citizen_id',
  'province_code',
  'commune_code',
  'difference_kinds',
  'proposed_corrections',
  'sequence',
  'decided_at',
  'event_id',
] as const;

/**
 * One RFC 4180 field. A value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: the export goes to data stewards' spreadsheets, and a name or address is whatever a source typed.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rowOf(s: RecordSummary): (string | number | null)[] {
  return [
    s.source,
    s.entityId,
    s.outcome,
    s.alsoApplies.join(' '),
    s.citizenId,
    s.provinceCode,
    s.communeCode,
    s.differences.map((d) => `${d.field}:${d.kind}`).join(' '),
    s.differences.map((d) => `${d.field}=${d.proposed}`).join('; '),
    s.sequence,
    s.decidedAt,
    s.eventId,
  ];
}

/** The listing as CSV (header line first, CRLF line ends as RFC 4180 has them). */
export function recordsCsv(summaries: readonly RecordSummary[]): string {
  return [CSV_COLUMNS.join(','), ...summaries.map((s) => rowOf(s).map(csvField).join(','))].map((l) => `${l}\r\n`).join('');
}
