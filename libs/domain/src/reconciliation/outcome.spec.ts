import { decideOutcome, OutcomeInput, RegistryLookup } from './outcome';
import type { RecordedPerson, RegistryCitizen } from './person';
import { RULE_VERSION } from './rule-version';

const ID = '066190001234'; // Đắk Lắk, female, born 1990
const citizen: RegistryCitizen = {
  citizenId: ID,
  legacyId: '241234567',
  fullName: 'Nguyễn Thị Hòa',
  dateOfBirth: '1990-03-25',
  gender: 'F',
  provinceCode: '66',
  communeCode: '24001',
  address: 'Xã Tân Phú, Tỉnh Đắk Lắk',
  status: 'ALIVE',
  dateOfDeath: null,
};
const recorded: RecordedPerson = {
  citizenId: ID,
  fullName: 'Nguyễn Thị Hòa',
  dateOfBirth: '25/03/1990',
  gender: 'F',
  address: 'Xã Tân Phú, Tỉnh Đắk Lắk',
  provinceCode: '66',
  communeCode: '24001',
};
const found: RegistryLookup = { kind: 'BY_ID', citizen };

function decide(over: Partial<OutcomeInput> & { person?: Partial<RecordedPerson>; registry?: Partial<RegistryCitizen> }) {
  const { person, registry, ...rest } = over;
  const lookup = rest.lookup ?? { kind: 'BY_ID', citizen: { ...citizen, ...registry } };
  return decideOutcome({ recorded: { ...recorded, ...person }, duplicateInSource: false, active: true, ...rest, lookup });
}

describe('decideOutcome', () => {
  it('matches a clean record and stamps the rule version', () => {
    const d = decide({});
    expect(d).toEqual({
      outcome: 'MATCHED',
      alsoApplies: [],
      evidence: { differences: [], notes: [] },
      ruleVersion: RULE_VERSION,
    });
  });

  it('is MISMATCHED with the differences as evidence', () => {
    const d = decide({ person: { fullName: 'Nguyễn Thị Hoà', gender: null } });
    expect(d.outcome).toBe('MISMATCHED');
    expect(d.evidence.differences.map((x) => x.kind)).toEqual(['TONE_PLACEMENT', 'MISSING']);
  });

  describe('INVALID_ID', () => {
    it.each([
      [null, 'MISSING'],
      ['  ', 'MISSING'],
      ['06619000123', 'NOT_12_DIGITS'],
      ['06619000123X', 'NOT_12_DIGITS'],
      ['099190001234', 'UNKNOWN_PROVINCE_CODE'],
      ['066790001234', 'BAD_CENTURY_DIGIT'],
    ])('%s -> %s, even when the caller found someone', (citizenId, problem) => {
      const d = decide({ person: { citizenId }, lookup: found });
      expect(d.outcome).toBe('INVALID_ID');
      expect(d.evidence.idProblem).toBe(problem);
    });

    it('names the ID digits that contradict the record, with the ID masked', () => {
      const id = '066085001234'; // male, born 1985
      const d = decide({ person: { citizenId: id }, lookup: { kind: 'NONE' } });
      expect(d.outcome).toBe('INVALID_ID');
      expect(d.evidence.idContradictions).toEqual(['GENDER_DIGIT', 'BIRTH_YEAR_DIGITS']);
      expect(d.evidence.notes.join(' ')).not.toContain(id);
      expect(d.evidence.notes.join(' ')).toContain('066*******34');
    });

    it('is INVALID_ID when a contradicting ID belongs to someone else in the registry', () => {
      const other = { ...citizen, citizenId: '066090001234', fullName: 'Trần Văn Nam', gender: 'M' as const };
      const d = decide({ person: { citizenId: other.citizenId }, lookup: { kind: 'BY_ID', citizen: other } });
      expect(d.outcome).toBe('INVALID_ID');
      expect(d.evidence.idContradictions).toEqual(['GENDER_DIGIT']);
    });

    it('is MISMATCHED instead when the registry holds that ID under the record name: the gender is wrong', () => {
      const d = decide({ person: { gender: 'M', fullName: 'Nguyen Thi Hoa' } });
      expect(d.outcome).toBe('MISMATCHED');
      expect(d.evidence.differences.map((x) => x.kind)).toEqual(['MISSING_DIACRITICS', 'WRONG_GENDER']);
    });
  });

  it('is NOT_FOUND for a plausible ID or legacy ID the registry lacks', () => {
    expect(decide({ lookup: { kind: 'NONE' } }).outcome).toBe('NOT_FOUND');
    const legacy = decide({ person: { citizenId: '241234567' }, lookup: { kind: 'NONE' } });
    expect(legacy.outcome).toBe('NOT_FOUND');
    expect(legacy.evidence.notes.join(' ')).not.toContain('241234567');
  });

  it('is LEGACY_ID with the mapped ID masked, still carrying field differences', () => {
    const d = decide({
      person: { citizenId: '241234567', dateOfBirth: '03/25/1990' },
      lookup: { kind: 'BY_LEGACY_ID', citizen },
    });
    expect(d.outcome).toBe('LEGACY_ID');
    expect(d.evidence.mappedCitizenId).toBe('066*******34');
    expect(d.evidence.differences.map((x) => `${x.field}:${x.kind}`)).toEqual([
      'citizenId:LEGACY_ID',
      'dateOfBirth:DAY_MONTH_SWAP',
    ]);
    expect(d.alsoApplies).toEqual(['MISMATCHED']);
    expect(JSON.stringify(d.evidence.notes)).not.toMatch(/066190001234|241234567/);
  });

  it('is DECEASED only while the record is active', () => {
    const dead = { status: 'DECEASED' as const, dateOfDeath: '2024-01-02' };
    expect(decide({ registry: dead }).outcome).toBe('DECEASED');
    expect(decide({ registry: dead, active: false }).outcome).toBe('MATCHED');
  });

  it('is DUPLICATE when the caller says so', () => {
    expect(decide({ duplicateInSource: true }).outcome).toBe('DUPLICATE');
  });

  it('applies the documented precedence and keeps the rest in alsoApplies', () => {
    const all = decide({
      person: { citizenId: '241234567', fullName: 'Nguyen Thi Hoa' },
      lookup: { kind: 'BY_LEGACY_ID', citizen: { ...citizen, status: 'DECEASED', dateOfDeath: '2024-01-02' } },
      duplicateInSource: true,
    });
    expect(all.outcome).toBe('LEGACY_ID');
    expect(all.alsoApplies).toEqual(['DECEASED', 'DUPLICATE', 'MISMATCHED']);

    const deadDuplicate = decide({
      registry: { status: 'DECEASED', dateOfDeath: null },
      duplicateInSource: true,
      person: { gender: null },
    });
    expect(deadDuplicate.outcome).toBe('DECEASED');
    expect(deadDuplicate.alsoApplies).toEqual(['DUPLICATE', 'MISMATCHED']);

    expect(decide({ duplicateInSource: true, person: { gender: null } }).outcome).toBe('DUPLICATE');
    // Structure beats everything, NOT_FOUND beats a duplicate flag.
    expect(decide({ person: { citizenId: 'abc' }, duplicateInSource: true }).outcome).toBe('INVALID_ID');
    expect(decide({ lookup: { kind: 'NONE' }, duplicateInSource: true }).outcome).toBe('NOT_FOUND');
  });

  it('decides the same twice (replay)', () => {
    const input = { person: { fullName: 'Hòa Nguyễn Thị', dateOfBirth: '1991-03-25' } };
    expect(decide(input)).toEqual(decide(input));
  });
});
