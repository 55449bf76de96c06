import { randomUUID } from 'node:crypto';
import { ResultMessageValidator, type DecisionMessage, type ResultMessage, type RetractionMessage } from '@lgsp/contracts';
import type { Outcome } from '@lgsp/domain';
import { apply, currentDecisions, Table } from './results-consumer';

const validator = new ResultMessageValidator();

function common(entityId: string, sequence: number, causeEventId: string) {
  return {
    schemaVersion: 1,
    decisionId: `land/${entityId}/${causeEventId}`,
    sequence,
    decidedAt: '2026-12-01T10:00:00.000Z',
    source: 'land' as const,
    entityId,
    cause: 'record-event' as const,
    causeEventId,
    input: {
      eventId: causeEventId,
      topic: 'lgsp.land.v1',
      partition: 0,
      offset: String(sequence),
      eventHash: 'a'.repeat(64),
      committedAt: '2026-12-01T09:59:59.000Z',
    },
    ruleVersion: 'reconcile-2026.11.1',
  };
}

function decision(entityId: string, sequence: number, outcome: Outcome, causeEventId = randomUUID()): DecisionMessage {
  return {
    kind: 'DECISION',
    ...common(entityId, sequence, causeEventId),
    outcome,
    alsoApplies: [],
    citizenId: '066085001234',
    provinceCode: '66',
    communeCode: '24133',
    differences: [],
    evidence: { notes: [] },
    candidates: [],
    registryVersion: 1,
  };
}

function retraction(entityId: string, sequence: number, causeEventId = randomUUID()): RetractionMessage {
  return { kind: 'RETRACTION', ...common(entityId, sequence, causeEventId), reason: 'RECORD_DELETED' };
}

/** The fold of the messages, each first checked against the published schema (the example must consume real messages). */
function fold(messages: ResultMessage[]): Table {
  return messages.reduce<Table>((table, m) => {
    const parsed = validator.parse(JSON.stringify(m));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    return apply(table, parsed.message);
  }, new Map());
}

const rows = (table: Table) => currentDecisions(table).map((d) => [d.entityId, d.outcome, d.sequence]);

describe('the example results consumer', () => {
  it('keeps the decision of the highest sequence per record, whatever order the messages come in', () => {
    const a1 = decision('24133.1.1', 1, 'NOT_FOUND');
    const a2 = decision('24133.1.1', 2, 'MATCHED');
    const b1 = decision('24133.1.2', 1, 'MISMATCHED');
    expect(rows(fold([a1, b1, a2]))).toEqual([
      ['24133.1.1', 'MATCHED', 2],
      ['24133.1.2', 'MISMATCHED', 1],
    ]);
    // A replay of older decisions after newer ones (a redelivery, a consumer reading the topic again) changes nothing.
    expect(rows(fold([a2, b1, a1]))).toEqual([
      ['24133.1.1', 'MATCHED', 2],
      ['24133.1.2', 'MISMATCHED', 1],
    ]);
  });

  it('ignores a decision it already holds (same decisionId), returning the very same table', () => {
    const a1 = decision('24133.1.1', 1, 'MISMATCHED');
    const once = fold([a1]);
    expect(apply(once, a1)).toBe(once);
    expect(apply(once, structuredClone(a1))).toBe(once);
    expect(rows(fold([a1, a1, a1]))).toEqual([['24133.1.1', 'MISMATCHED', 1]]);
  });

  it('takes another decision at the same sequence (the first was published by a transaction that failed)', () => {
    const failed = decision('24133.1.1', 1, 'NOT_FOUND');
    const committed = decision('24133.1.1', 1, 'MATCHED');
    expect(rows(fold([failed, committed]))).toEqual([['24133.1.1', 'MATCHED', 1]]);
  });

  it('drops a retracted record, keeps it dropped against older decisions, and takes it back when it is created again', () => {
    const created = decision('24133.1.1', 1, 'MATCHED');
    const updated = decision('24133.1.1', 2, 'MISMATCHED');
    const deleted = retraction('24133.1.1', 3);
    let table = fold([created, updated, deleted]);
    expect(rows(table)).toEqual([]);
    expect(table.get('land/24133.1.1')).toEqual({ sequence: 3, decisionId: deleted.decisionId, decision: null });

    // The decisions before the delete, delivered again: the record stays gone.
    table = [updated, created, deleted].reduce(apply, table);
    expect(rows(table)).toEqual([]);

    const recreated = decision('24133.1.1', 4, 'MATCHED');
    table = apply(table, recreated);
    expect(rows(table)).toEqual([['24133.1.1', 'MATCHED', 4]]);
    // The retraction delivered again after the re-creation does not remove it.
    expect(rows(apply(table, deleted))).toEqual([['24133.1.1', 'MATCHED', 4]]);
  });

  it('never changes the table it is given', () => {
    const before = fold([decision('24133.1.1', 1, 'MATCHED')]);
    const copy = new Map(before);
    apply(before, retraction('24133.1.1', 2));
    expect(before).toEqual(copy);
  });
});
