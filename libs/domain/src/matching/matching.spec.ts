import type { RegistryCitizen, RecordedPerson } from '../reconciliation/person';
import { blockingKeyKind, blockingKeys, dobProvinceKey, familyYearKey, givenDobKey, recordSearchKeys } from './blocking';
import { FellegiSunterScorer } from './fellegi-sunter';
import { DEFAULT_M_U } from './m-u';
import { changesTopCandidates, rankCandidates, roundWeight, scoreCandidate } from './rank';

function citizen(
  citizenId: string,
  fullName: string,
  dateOfBirth: string,
  gender: 'M' | 'F',
  provinceCode: string,
  legacyId: string | null = null,
): RegistryCitizen {
  return {
    citizenId,
    legacyId,
    fullName,
    dateOfBirth,
    gender,
    provinceCode,
    communeCode: null,
    address: null,
    status: 'ALIVE',
    dateOfDeath: null,
  };
}

const truth = citizen('066190001234', 'Nguyễn Thị Hòa', '1990-03-25', 'F', '66', '241234567');
const decoys = [
  citizen('066190559812', 'Nguyễn Thị Hoa', '1990-07-12', 'F', '66'), // same folded name, same year
  citizen('066190774411', 'Nguyễn Thị Hoan', '1990-03-25', 'F', '66'), // one letter more, same date
  citizen('079190123456', 'Nguyễn Thị Hòa', '1990-03-25', 'F', '79'), // name-and-date twin in another province
  citizen('066090001234', 'Nguyễn Văn Hòa', '1990-03-25', 'M', '66'), // a brother's ID is one digit away
  citizen('066191001234', 'Nguyễn Thị Hòa', '1991-03-25', 'F', '66'), // one year younger, ID one digit away
  citizen('066190221133', 'Trần Thị Hòa', '1990-03-25', 'F', '66'),
];

// The source wrote the ID with the last two digits swapped, no diacritics, the old province (Phú Yên 54).
const recorded: RecordedPerson = {
  citizenId: '066190001243',
  fullName: 'Nguyen Thi Hoa',
  dateOfBirth: '25/03/1990',
  gender: 'F',
  address: null,
  provinceCode: '54',
  communeCode: null,
};

describe('blocking keys', () => {
  it('fold names, y/i and tone placement, and read any date format', () => {
    const a = { fullName: 'Lý Thị Hoà', dateOfBirth: '1990-03-25', provinceCode: '66' };
    const b = { fullName: 'LI THI HOA', dateOfBirth: '25/03/1990', provinceCode: '54' };
    expect(familyYearKey(a)).toBe('FY:li|1990');
    expect(givenDobKey(a)).toBe('GD:hoa|1990-03-25');
    expect(blockingKeys(b)).toEqual(blockingKeys(a));
  });

  it('map an old province code to the current one and keep current codes', () => {
    expect(dobProvinceKey({ fullName: null, dateOfBirth: '1990-03-25', provinceCode: '54' })).toBe('DP:1990-03-25|66');
    expect(dobProvinceKey({ fullName: null, dateOfBirth: '1990-03-25', provinceCode: '15' })).toBe('DP:1990-03-25|15');
    expect(dobProvinceKey({ fullName: null, dateOfBirth: '1990-03-25', provinceCode: '10' })).toBe('DP:1990-03-25|15');
  });

  it('are null when their fields are missing or unreadable', () => {
    expect(familyYearKey({ fullName: 'Hoa', dateOfBirth: '1990-03-25', provinceCode: null })).toBeNull();
    expect(givenDobKey({ fullName: 'Nguyễn Thị Hoa', dateOfBirth: '31/02/1990', provinceCode: null })).toBeNull();
    expect(blockingKeys({ fullName: null, dateOfBirth: null, provinceCode: null })).toEqual([]);
  });
});

describe('m/u table', () => {
  it('has m and u summing to 1 per field, each in (0, 1)', () => {
    for (const [field, levels] of Object.entries(DEFAULT_M_U)) {
      const values = Object.values(levels as Record<string, { m: number; u: number }>);
      const m = values.reduce((s, v) => s + v.m, 0);
      const u = values.reduce((s, v) => s + v.u, 0);
      expect([field, Math.round(m * 1e6) / 1e6]).toEqual([field, 1]);
      expect([field, Math.round(u * 1e6) / 1e6]).toEqual([field, 1]);
    }
  });

  it('orders weights by strength of agreement', () => {
    const s = new FellegiSunterScorer();
    const name = ['SAME', 'CLOSE', 'SIMILAR', 'DIFFERENT'] as const;
    for (let i = 1; i < name.length; i++) expect(s.fieldWeight('name', name[i])).toBeLessThan(s.fieldWeight('name', name[i - 1]));
    expect(s.fieldWeight('dateOfBirth', 'DAY_MONTH_SWAP')).toBeGreaterThan(s.fieldWeight('dateOfBirth', 'YEAR_ONLY'));
    expect(s.fieldWeight('id', 'ONE_EDIT')).toBeGreaterThan(s.fieldWeight('id', 'TWO_EDITS'));
    expect(s.fieldWeight('id', 'FAR')).toBeLessThan(0);
    expect(s.fieldWeight('gender', 'MISSING')).toBe(0);
  });
});

describe('rankCandidates', () => {
  it('puts the true citizen first among decoys with similar names', () => {
    const ranked = rankCandidates(recorded, [...decoys, truth], 3);
    expect(ranked).toHaveLength(3);
    expect(ranked[0].citizen.citizenId).toBe(truth.citizenId);
    expect(ranked[0].levels).toEqual({ name: 'SAME', dateOfBirth: 'EXACT', gender: 'AGREE', province: 'AGREE', id: 'TWO_EDITS' });
    expect(ranked[0].probability).toBeGreaterThan(0.99);
    expect(ranked[1].weight).toBeLessThan(ranked[0].weight);
    expect(ranked[1].probability).toBeLessThan(ranked[0].probability);
  });

  it('still finds the citizen without any ID, by name, date and province', () => {
    const ranked = rankCandidates({ ...recorded, citizenId: null }, [truth, ...decoys], 2);
    expect(ranked[0].citizen.citizenId).toBe(truth.citizenId);
    expect(ranked[0].levels.id).toBe('MISSING');
  });

  it('tolerates a swapped date but prefers a citizen whose date is exact', () => {
    const swapped = { ...recorded, citizenId: null, dateOfBirth: '1990-25-03' };
    const ranked = rankCandidates(swapped, [decoys[0], truth], 2);
    expect(ranked[0].citizen.citizenId).toBe(truth.citizenId);
    expect(ranked[0].levels.dateOfBirth).toBe('DAY_MONTH_SWAP');
    expect(ranked[1].levels.dateOfBirth).toBe('YEAR_ONLY');
  });

  it('compares a legacy 9-digit ID with the candidates legacy numbers', () => {
    const scored = scoreCandidate({ ...recorded, citizenId: '241234568' }, truth);
    expect(scored.levels.id).toBe('ONE_EDIT');
  });

  it('ranks the same whatever the candidate order (replay), ties broken by citizen ID', () => {
    const a = rankCandidates(recorded, [truth, ...decoys], 7).map((r) => r.citizen.citizenId);
    const b = rankCandidates(recorded, [...decoys].reverse().concat(truth), 7).map((r) => r.citizen.citizenId);
    expect(b).toEqual(a);
    const twinA = citizen('066190000001', 'Lê Văn Tám', '1980-01-01', 'M', '66');
    const twinB = { ...twinA, citizenId: '066190000000' };
    const tied = rankCandidates({ ...recorded, citizenId: null }, [twinA, twinB], 2);
    expect(tied.map((r) => r.citizen.citizenId)).toEqual(['066190000000', '066190000001']);
  });

  it('returns nothing for k = 0 or no candidates', () => {
    expect(rankCandidates(recorded, decoys, 0)).toEqual([]);
    expect(rankCandidates(recorded, [], 5)).toEqual([]);
  });

  it('gives a low probability to a stranger', () => {
    const stranger = citizen('001085999999', 'Phạm Minh Tuấn', '1985-11-02', 'M', '01');
    expect(scoreCandidate(recorded, stranger).probability).toBeLessThan(1e-6);
  });
});

describe('changesTopCandidates', () => {
  const kept = (list: RegistryCitizen[], k: number) =>
    rankCandidates(recorded, list, k).map((c) => ({ citizenId: c.citizen.citizenId, weight: roundWeight(c.weight) }));
  const top = (list: RegistryCitizen[], k: number) => rankCandidates(recorded, list, k).map((c) => c.citizen.citizenId);

  it('says no exactly when a full search would keep the same candidates, for every split of old and new', () => {
    const everyone = [truth, ...decoys];
    for (let mask = 0; mask < 1 << everyone.length; mask++) {
      const before = everyone.filter((_, i) => mask & (1 << i));
      const newcomers = everyone.filter((_, i) => !(mask & (1 << i)));
      for (const k of [1, 3]) {
        const changes = changesTopCandidates(recorded, kept(before, k), newcomers, k);
        const same = JSON.stringify(top(everyone, k)) === JSON.stringify(top(before, k));
        if (!changes) expect([mask, k, same]).toEqual([mask, k, true]);
        // A newcomer ranked above the k-th kept always counts as a change.
        if (!same) expect([mask, k, changes]).toEqual([mask, k, true]);
      }
    }
  });

  it('counts a kept candidate seen again as a change (its data may have changed)', () => {
    const stranger = citizen('001085999999', 'Phạm Minh Tuấn', '1985-11-02', 'M', '01');
    const list = kept([truth, ...decoys], 3);
    expect(changesTopCandidates(recorded, list, [stranger], 3)).toBe(false);
    const changedTruth = { ...truth, fullName: 'Nguyễn Thị Hoà Bình' };
    expect(changesTopCandidates(recorded, list, [changedTruth], 3)).toBe(true);
  });

  it('fills a list shorter than k with anyone, and ignores an empty arrival', () => {
    const stranger = citizen('001085999999', 'Phạm Minh Tuấn', '1985-11-02', 'M', '01');
    expect(changesTopCandidates(recorded, kept([truth], 3), [stranger], 3)).toBe(true);
    expect(changesTopCandidates(recorded, kept([truth], 3), [], 3)).toBe(false);
  });
});

describe('name agreement levels', () => {
  const level = (fullName: string, registry: string) =>
    scoreCandidate({ ...recorded, fullName }, { ...truth, fullName: registry }).levels.name;
  it.each([
    ['Nguyen Thi Hoa', 'Nguyễn Thị Hòa', 'SAME'],
    ['Hòa Nguyễn Thị', 'Nguyễn Thị Hòa', 'SAME'],
    ['Nguyenn Thi Hoa', 'Nguyễn Thị Hòa', 'CLOSE'],
    ['Nguyễn Hòa', 'Nguyễn Thị Hòa', 'CLOSE'],
    ['Nguyễn Văn Hòa', 'Nguyễn Thị Hòa', 'SIMILAR'],
    ['Phạm Minh Tuấn', 'Nguyễn Thị Hòa', 'DIFFERENT'],
  ])('%s vs %s -> %s', (a, b, expected) => {
    expect(level(a, b)).toBe(expected);
  });
});

describe('blocking key kinds', () => {
  it('names each key by its kind, never by its value', () => {
    const keys = blockingKeys({ fullName: 'Nguyễn Văn Hùng', dateOfBirth: '1985-03-14', provinceCode: '66' });
    expect(keys.map(blockingKeyKind)).toEqual([
      'FAMILY_YEAR',
      'GIVEN_DOB',
      'DOB_PROVINCE',
      'NAMES_PROVINCE',
      'JOINED_NAME_PROVINCE',
    ]);
    expect(() => blockingKeyKind('XX:whatever')).toThrow(RangeError);
  });
});

describe('candidate search that needs no intact date of birth', () => {
  const citizen = { fullName: 'Âu Dương Thị Hòa', dateOfBirth: '1985-03-14', provinceCode: '66' };
  const meets = (recorded: Parameters<typeof recordSearchKeys>[0]) => {
    const indexed = new Set(blockingKeys(citizen));
    return recordSearchKeys(recorded)
      .filter((k) => indexed.has(k))
      .map(blockingKeyKind);
  };

  it.each([
    ['no date of birth', { ...citizen, dateOfBirth: null }, ['NAMES_PROVINCE', 'JOINED_NAME_PROVINCE']],
    ['an impossible date of birth', { ...citizen, dateOfBirth: '1985-02-31' }, ['NAMES_PROVINCE', 'JOINED_NAME_PROVINCE']],
    ['given name first, no date', { ...citizen, fullName: 'Hoa Thi Au Duong', dateOfBirth: null }, ['NAMES_PROVINCE']],
    ['the family name joined, no date', { ...citizen, fullName: 'Âudương Thị Hòa', dateOfBirth: null }, ['JOINED_NAME_PROVINCE']],
    [
      'the birth year off by one and another province',
      { ...citizen, dateOfBirth: '1986-03-14', provinceCode: '01' },
      ['FAMILY_YEAR'],
    ],
  ])('meets the citizen with %s', (_, recorded, kinds) => {
    expect(meets(recorded)).toEqual(kinds);
  });

  it('indexes a citizen under its own year only, and never under a single name token with a province', () => {
    expect(blockingKeys(citizen).filter((k) => k.startsWith('FY:'))).toEqual(['FY:au|1985']);
    expect(blockingKeys({ fullName: 'Hòa', dateOfBirth: null, provinceCode: '66' })).toEqual([]);
    expect(blockingKeys({ fullName: 'NguyễnThịHòa', dateOfBirth: null, provinceCode: '66' })).toEqual(['NJ:nguyenthihoa|66']);
  });
});
