import { AccuracyScorer } from './accuracy';

const truth = (expectedOutcome: string, corruptions: { field: string; kind: string }[] = [], trueCitizenId = '066085001234') => ({
  source: 'land',
  entityId: Math.random().toString(36),
  trueCitizenId,
  expectedOutcome,
  corruptions,
});

describe('AccuracyScorer', () => {
  it('counts outcome accuracy and records the confusion', () => {
    const s = new AccuracyScorer();
    s.add(truth('MATCHED'), { outcome: 'MATCHED', differences: [], candidates: [] });
    s.add(truth('MISMATCHED'), { outcome: 'MATCHED', differences: [], candidates: [] });
    s.add(truth('DECEASED'), null);
    const r = s.report();
    expect(r.outcomeAccuracy).toBeCloseTo(1 / 3);
    expect(r.missingResults).toBe(1);
    expect(r.confusion).toEqual({ MISMATCHED: { MATCHED: 1 }, DECEASED: { NO_RESULT: 1 } });
  });

  it('scores field-level mismatch detection by field, not by kind label', () => {
    const s = new AccuracyScorer();
    s.add(
      truth('MISMATCHED', [
        { field: 'fullName', kind: 'MISSING_DIACRITICS' },
        { field: 'dateOfBirth', kind: 'DAY_MONTH_SWAP' },
      ]),
      {
        outcome: 'MISMATCHED',
        differences: [
          { field: 'fullName', kind: 'MISSING_DIACRITICS' },
          { field: 'gender', kind: 'WRONG_GENDER' },
        ],
        candidates: [],
      },
    );
    const r = s.report();
    expect(r.mismatchPrecision).toBe(0.5); // gender was not corrupted
    expect(r.mismatchRecall).toBe(0.5); // the swapped date was missed
    expect(r.missedByKind).toEqual({ DAY_MONTH_SWAP: 1 });
    expect(r.spuriousByKind).toEqual({ WRONG_GENDER: 1 });
  });

  it('asks top-1 candidates only of records whose ID is wrong but name and birth date intact', () => {
    const s = new AccuracyScorer();
    s.add(truth('NOT_FOUND', [{ field: 'citizenId', kind: 'UNKNOWN_ID' }], 'A'), {
      outcome: 'NOT_FOUND',
      differences: [],
      candidates: [{ citizenId: 'A' }],
    });
    s.add(truth('INVALID_ID', [{ field: 'citizenId', kind: 'INVALID_ID_STRUCTURE' }], 'B'), {
      outcome: 'INVALID_ID',
      differences: [],
      candidates: [{ citizenId: 'C' }],
    });
    s.add(
      truth(
        'NOT_FOUND',
        [
          { field: 'citizenId', kind: 'UNKNOWN_ID' },
          { field: 'fullName', kind: 'TYPO' },
        ],
        'D',
      ),
      {
        outcome: 'NOT_FOUND',
        differences: [],
        candidates: [],
      },
    );
    const r = s.report();
    expect(r.candidateRecords).toBe(2);
    expect(r.candidateTop1).toBe(0.5);
  });
});
