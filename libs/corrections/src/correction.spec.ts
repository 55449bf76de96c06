import type { FieldDifference } from '@lgsp/domain';
import { correctionChanges, DecidedRecord, LiveCorrection } from './correction';

const CITIZEN = '079200001234';
const name: FieldDifference = {
  field: 'fullName',
  kind: 'MISSING_DIACRITICS',
  proposed: 'Nguyễn Thị Hoa',
  confidence: 0.95,
  rule: 'name.missing-diacritics',
};
const dob: FieldDifference = {
  field: 'dateOfBirth',
  kind: 'DAY_MONTH_SWAP',
  proposed: '1990-03-04',
  confidence: 0.9,
  rule: 'date-of-birth.day-month-swap',
};
const decision = (sequence: number, differences: FieldDifference[], over: Partial<DecidedRecord> = {}): DecidedRecord => ({
  source: 'land',
  entityId: '24133.7.1',
  decisionId: `land/24133.7.1/cause-${sequence}`,
  sequence,
  citizenId: CITIZEN,
  provinceCode: '24',
  communeCode: '24133',
  differences,
  ...over,
});
const live = (id: string, d: FieldDifference, state: LiveCorrection['state'] = 'open'): LiveCorrection => ({
  id,
  source: 'land',
  entityId: '24133.7.1',
  field: d.field,
  proposed: d.proposed,
  citizenId: CITIZEN,
  state,
});

describe('corrections from decisions', () => {
  it("opens one per mismatched field, the registry's value proposed, where the record counts", () => {
    const { open, close } = correctionChanges([], [decision(1, [name, dob])]);
    expect(close).toEqual([]);
    expect(open.map((o) => [o.field, o.proposed, o.kind, o.provinceCode, o.communeCode, o.openedBy])).toEqual([
      ['fullName', 'Nguyễn Thị Hoa', 'MISSING_DIACRITICS', '24', '24133', 'land/24133.7.1/cause-1'],
      ['dateOfBirth', '1990-03-04', 'DAY_MONTH_SWAP', '24', '24133', 'land/24133.7.1/cause-1'],
    ]);
  });

  it('keeps a correction the next decision still shows, and does not open it twice', () => {
    expect(correctionChanges([live('a', name)], [decision(2, [name])])).toEqual({ open: [], close: [] });
  });

  it('closes as resolved by sync what the next decision no longer shows, applied or not', () => {
    const { open, close } = correctionChanges([live('a', name, 'applied'), live('b', dob)], [decision(2, [])]);
    expect(open).toEqual([]);
    expect(close).toEqual([
      { id: 'a', reason: 'resolved-by-sync', closedBy: 'land/24133.7.1/cause-2' },
      { id: 'b', reason: 'resolved-by-sync', closedBy: 'land/24133.7.1/cause-2' },
    ]);
  });

  it("supersedes a correction when the registry's value changed, and opens the new proposal", () => {
    const renamed = { ...name, proposed: 'Nguyễn Thị Hòa' };
    const { open, close } = correctionChanges([live('a', name)], [decision(2, [renamed])]);
    expect(close).toEqual([{ id: 'a', reason: 'superseded', closedBy: 'land/24133.7.1/cause-2' }]);
    expect(open.map((o) => o.proposed)).toEqual(['Nguyễn Thị Hòa']);
  });

  it('supersedes when the record no longer resolves to the citizen, and closes on a delete', () => {
    expect(correctionChanges([live('a', name)], [decision(2, [], { citizenId: null })]).close[0].reason).toBe('superseded');
    expect(correctionChanges([live('a', name)], [decision(2, [], { retracted: true })]).close[0].reason).toBe('record-deleted');
  });

  it('leaves a rejected correction rejected and does not propose the same value again', () => {
    expect(correctionChanges([live('a', name, 'rejected')], [decision(2, [name])])).toEqual({ open: [], close: [] });
    expect(correctionChanges([live('a', name, 'rejected')], [decision(2, [])])).toEqual({ open: [], close: [] });
  });

  it('takes several decisions of one record in sequence order: only what the last still shows is opened', () => {
    const { open, close } = correctionChanges([live('a', dob)], [decision(3, [name]), decision(2, [name, dob])]);
    expect(close).toEqual([{ id: 'a', reason: 'resolved-by-sync', closedBy: 'land/24133.7.1/cause-3' }]);
    expect(open.map((o) => [o.field, o.openedBy])).toEqual([['fullName', 'land/24133.7.1/cause-2']]);
  });

  it("counts a correction in the record's 2025 province, as credentials' grants name them", () => {
    // Bình Dương (74) was merged into Hồ Chí Minh City (79) on 1 July 2025.
    expect(correctionChanges([], [decision(1, [name], { provinceCode: '74' })]).open[0].provinceCode).toBe('79');
  });
});
