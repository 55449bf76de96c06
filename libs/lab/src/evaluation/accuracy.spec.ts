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

  it('asks top-1 candidates of every record whose ID is wrong, per kind of corruption, and the intact ones apart', () => {
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
    expect(r.candidateRecords).toBe(3);
    expect(r.candidateTop1).toBeCloseTo(1 / 3);
    expect(r.candidateIntactRecords).toBe(2);
    expect(r.candidateTop1Intact).toBe(0.5);
    expect(r.candidatesByKind).toEqual({
      ID_ONLY: { records: 2, top1: 1, recall3: 1 },
      TYPO: { records: 1, top1: 0, recall3: 0 },
    });
  });

  it('tables candidates per combination of kinds, a missing field named by its field', () => {
    const s = new AccuracyScorer();
    const wrongId = { field: 'citizenId', kind: 'UNKNOWN_ID' };
    const noDob = { field: 'dateOfBirth', kind: 'MISSING_FIELD' };
    const typo = { field: 'fullName', kind: 'TYPO' };
    const found = { outcome: 'NOT_FOUND', differences: [], candidates: [{ citizenId: 'A' }] };
    s.add(truth('NOT_FOUND', [wrongId, noDob, typo], 'A'), found);
    s.add(truth('NOT_FOUND', [wrongId, typo, noDob], 'B'), found);
    s.add(truth('NOT_FOUND', [wrongId, noDob], 'A'), found);
    const r = s.report();
    expect(r.candidatesByCombination).toEqual({
      'MISSING_FIELD:dateOfBirth+TYPO': { records: 2, top1: 1, recall3: 1 },
      'MISSING_FIELD:dateOfBirth': { records: 1, top1: 1, recall3: 1 },
    });
    expect(r.candidatesByKind['MISSING_FIELD:dateOfBirth']).toEqual({ records: 3, top1: 2, recall3: 2 });
  });

  it('counts recall@3 and the observed precision of top-1 candidates per stated probability', () => {
    const s = new AccuracyScorer();
    const wrongId = [{ field: 'citizenId', kind: 'UNKNOWN_ID' }];
    s.add(truth('NOT_FOUND', wrongId, 'A'), {
      outcome: 'NOT_FOUND',
      differences: [],
      candidates: [{ citizenId: 'A', probability: 0.97 }],
    });
    s.add(truth('NOT_FOUND', wrongId, 'B'), {
      outcome: 'NOT_FOUND',
      differences: [],
      candidates: [
        { citizenId: 'C', probability: 0.96 },
        { citizenId: 'B', probability: 0.03 },
      ],
    });
    s.add(truth('NOT_FOUND', wrongId, 'D'), {
      outcome: 'NOT_FOUND',
      differences: [],
      candidates: [{ citizenId: 'D', probability: 1 }],
    });
    const r = s.report();
    expect(r.candidateRecall3).toBe(1);
    expect(r.candidateTop1).toBeCloseTo(2 / 3);
    expect(r.calibration).toEqual([
      { from: 0.9, to: 0.99, records: 2, meanProbability: 0.965, observedPrecision: 0.5 },
      { from: 0.99, to: 1, records: 1, meanProbability: 1, observedPrecision: 1 },
    ]);
    // Two thirds of the records stated 0.965 and half were right; a third stated 1 and were.
    expect(r.calibrationError).toBeCloseTo((2 / 3) * 0.465, 6);
  });

  it("scores the proposed links' precision, recall and F1, and what each threshold would have proposed", () => {
    const s = new AccuracyScorer();
    const wrongId = [{ field: 'citizenId', kind: 'UNKNOWN_ID' }];
    const unresolved = (citizenId: string, probability: number, linked: boolean) => ({
      outcome: 'NOT_FOUND',
      differences: [],
      candidates: [{ citizenId, probability }],
      link: linked ? { citizenId } : null,
    });
    s.add(truth('NOT_FOUND', wrongId, 'A'), unresolved('A', 0.999, true));
    s.add(truth('NOT_FOUND', wrongId, 'B'), unresolved('X', 0.995, true));
    s.add(truth('NOT_FOUND', wrongId, 'C'), unresolved('C', 0.9, false));
    s.add(truth('NOT_FOUND', wrongId, 'D'), { outcome: 'NOT_FOUND', differences: [], candidates: [] });
    // A matched record carries no link and is not findable.
    s.add(truth('MATCHED'), { outcome: 'MATCHED', differences: [], candidates: [] });
    const r = s.report();
    expect(r.links).toEqual({
      proposed: 2,
      correct: 1,
      findable: 4,
      precision: 0.5,
      recall: 0.25,
      f1: (2 * (0.5 * 0.25)) / 0.75,
    });
    const at = (t: number) => r.linkThresholds.find((x) => x.threshold === t)!;
    expect(at(0.9)).toMatchObject({ proposed: 3, correct: 2, precision: 2 / 3, recall: 0.5 });
    expect(at(0.999)).toMatchObject({ proposed: 1, correct: 1, precision: 1, recall: 0.25 });
  });
});
