import { Decision } from '@lgsp/reconciliation';

/** The n-th event id of a test: a valid UUID that sorts as n does. */
export const testEventId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A land decision caused by the test's n-th event (record p<n>, NOT_FOUND, commune 24133 of province 66),
 * with the fields a test cares about given in `overrides`: the audit tests write many of them through
 * ResultsRepository.record and look only at a few fields each.
 */
export function testDecision(n: number, overrides: Partial<Decision> = {}): Decision {
  return {
    source: 'land',
    entityId: `p${n}`,
    outcome: 'NOT_FOUND',
    alsoApplies: [],
    citizenId: null,
    provinceCode: '66',
    communeCode: '24133',
    differences: [],
    evidence: { notes: [] },
    candidates: [],
    ruleVersion: 'test',
    registryVersion: null,
    cause: 'record-event',
    causeEventId: testEventId(n),
    input: {
      eventId: testEventId(n),
      topic: 'lgsp.land.v1',
      partition: 0,
      offset: String(n),
      eventHash: 'h',
      committedAt: '2026-11-30T00:00:00.000Z',
    },
    sequence: 1,
    ...overrides,
  };
}
