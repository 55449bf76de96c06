import { ID_ONLY } from './accuracy';
import { AllPairsScorer, compare } from './all-pairs';

const truth = (trueCitizenId: string, ...kinds: string[]) => ({
  trueCitizenId,
  corruptions: [{ field: 'citizenId', kind: 'UNKNOWN_ID' }, ...kinds.map((kind) => ({ field: 'fullName', kind }))],
});

describe('blocking against the all-pairs reference', () => {
  it('counts top-1 and recall@3 of both over the same records, per kind, and the loss in points', () => {
    const s = new AllPairsScorer(1);
    // Both right first.
    s.add(truth('A', 'TYPO'), ['A', 'x'], ['A', 'x']);
    // Blocking did not find it at all; all pairs ranks it first.
    s.add(truth('B', 'TYPO'), ['x', 'y', 'z'], ['B', 'x']);
    // Blocking has it third; all pairs second.
    s.add(truth('C'), ['x', 'y', 'C'], ['x', 'C']);
    // Blocking right first; a citizen no key found outranks it when every pair is scored.
    s.add(truth('D'), ['D'], ['s', 'D']);
    const r = s.report();
    expect(r.records).toBe(4);
    expect(r.blocking).toEqual({ records: 4, top1: 2, recall3: 3 });
    expect(r.allPairs).toEqual({ records: 4, top1: 2, recall3: 4 });
    expect(r.top1LossPoints).toBe(0);
    expect(r.recall3LossPoints).toBe(25);
    expect(r.withinAllowedLoss).toBe(false);
    expect(r.lostByBlocking).toBe(1);
    expect(r.lostByAllPairs).toBe(1);
    expect(Object.keys(r.byKind)).toEqual([ID_ONLY, 'TYPO']);
    expect(r.byKind.TYPO.blocking).toEqual({ records: 2, top1: 1, recall3: 1 });
    expect(r.byKind.TYPO.allPairs).toEqual({ records: 2, top1: 2, recall3: 2 });
    expect(r.byKind.TYPO.top1LossPoints).toBe(50);
    expect(r.byKind[ID_ONLY].top1LossPoints).toBe(-50);
    expect(r.byKind[ID_ONLY].recall3LossPoints).toBe(0);
    expect(r.kindsOverAllowedLoss).toEqual(['TYPO']);
    // Once per record by its combination of kinds.
    expect(Object.keys(r.byCombination)).toEqual([ID_ONLY, 'TYPO']);
    expect(r.byCombination[ID_ONLY]).toMatchObject({ records: 2, top1LossPoints: -50, recall3LossPoints: 0 });
  });

  it('counts a record under each of its kinds, and a kind is within the allowed loss when the loss is exactly it', () => {
    const s = new AllPairsScorer(1);
    for (let i = 0; i < 99; i++) s.add(truth(`c${i}`, 'TYPO', 'MISSING_FIELD'), [`c${i}`], [`c${i}`]);
    s.add(truth('lost', 'TYPO'), [], ['lost']);
    const r = s.report();
    expect(r.byKind.TYPO.records).toBe(100);
    expect(r.byKind.TYPO.top1LossPoints).toBeCloseTo(1, 10);
    expect(r.byKind.TYPO.withinAllowedLoss).toBe(true);
    // MISSING_FIELD is a field's kind as labelled by the accuracy report (MISSING_FIELD:fullName).
    expect(r.byKind['MISSING_FIELD:fullName']).toMatchObject({ records: 99, top1LossPoints: 0 });
    expect(r.withinAllowedLoss).toBe(true);
    expect(r.kindsOverAllowedLoss).toEqual([]);
    expect(r.byCombination).toMatchObject({
      'MISSING_FIELD:fullName+TYPO': { records: 99, top1LossPoints: 0 },
      TYPO: { records: 1, top1LossPoints: 100, withinAllowedLoss: false },
    });
    // A second loss of the same 100 is 2 points: over.
    const t = new AllPairsScorer(1);
    for (let i = 0; i < 98; i++) t.add(truth(`c${i}`), [`c${i}`], [`c${i}`]);
    t.add(truth('l1'), [], ['l1']);
    t.add(truth('l2'), ['x', 'y', 'z'], ['l2']);
    expect(t.report()).toMatchObject({ top1LossPoints: 2, withinAllowedLoss: false, kindsOverAllowedLoss: [ID_ONLY] });
  });

  it('reports nothing lost on no records, and refuses counts over different records', () => {
    const r = new AllPairsScorer().report();
    expect(r).toMatchObject({ records: 0, top1LossPoints: 0, recall3LossPoints: 0, withinAllowedLoss: true, byKind: {} });
    expect(() => compare({ records: 2, top1: 1, recall3: 1 }, { records: 3, top1: 1, recall3: 1 }, 1)).toThrow('same records');
  });
});
