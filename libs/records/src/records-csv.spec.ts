import { decodeCursor, encodeCursor } from './list-cursor';
import { RecordSummary } from './record-status';
import { csvField, recordsCsv } from './records-csv';
import { matchesFilter } from './services/record-status.service';

const SUMMARY: RecordSummary = {
  source: 'land',
  entityId: '24133.7.1',
  outcome: 'MISMATCHED',
  alsoApplies: ['STALE_ADDRESS'],
  citizenId: '066085001234',
  provinceCode: '66',
  communeCode: '24133',
  differences: [
    { field: 'fullName', kind: 'MISSING_DIACRITICS', proposed: 'Nguyễn Văn Hùng', confidence: 0.9 },
    { field: 'address', kind: 'STALE_ADDRESS', proposed: '45 Lê Duẩn, "phường" Buôn Ma Thuột', confidence: 0.5 },
  ],
  sequence: 2,
  eventId: '0b4f1e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
  decidedAt: '2026-12-01T00:00:00.000Z',
} as RecordSummary;

describe('records CSV', () => {
  it('quotes what RFC 4180 needs quoted and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('writes a header and one CRLF-ended line per record, differences flattened', () => {
    const csv = recordsCsv([SUMMARY]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0].split(',')[0]).toBe('source');
    expect(lines[1]).toBe(
      'land,24133.7.1,MISMATCHED,STALE_ADDRESS,066085001234,66,24133,fullName:MISSING_DIACRITICS address:STALE_ADDRESS,' +
        '"fullName=Nguyễn Văn Hùng; address=45 Lê Duẩn, ""phường"" Buôn Ma Thuột",2,2026-12-01T00:00:00.000Z,' +
        '0b4f1e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    expect(recordsCsv([])).toBe(`${lines[0]}\r\n`);
  });
});

describe('listing cursor', () => {
  it('round-trips a key and refuses anything else', () => {
    const key = { source: 'insurance', entityId: '3300000001' };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    for (const bad of ['garbage', '', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["a"]').toString('base64url')])
      expect(decodeCursor(bad)).toBeNull();
  });
});

describe('look-up filter', () => {
  it('applies each filter field, and passes everything with none', () => {
    expect(matchesFilter(SUMMARY, {})).toBe(true);
    expect(matchesFilter(SUMMARY, { source: 'land', communeCode: '24133', differenceKind: 'STALE_ADDRESS' })).toBe(true);
    expect(matchesFilter(SUMMARY, { outcome: 'MATCHED' })).toBe(false);
    expect(matchesFilter(SUMMARY, { differenceKind: 'DOB_MISMATCH' })).toBe(false);
    expect(matchesFilter(SUMMARY, { changedSince: new Date('2026-12-02T00:00:00Z') })).toBe(false);
    expect(matchesFilter({ ...SUMMARY, outcome: null, decidedAt: null }, { changedSince: new Date(0) })).toBe(false);
  });
});
