import { examples } from '@lgsp/contracts';
import { blockingKeys } from '@lgsp/domain';
import { AsOfRegistry } from './as-of-registry';
import { decisionDigest } from './decision-digest';

const HUNG = examples.NGUYEN_VAN_HUNG;

describe('AsOfRegistry', () => {
  const renamed = { ...HUNG, fullName: 'Trần Văn Hùng', legacyId: null };
  const registry = new AsOfRegistry([
    { citizenId: HUNG.citizenId, version: 2, validFrom: 200, record: renamed },
    { citizenId: HUNG.citizenId, version: 1, validFrom: 100, record: HUNG },
    { citizenId: HUNG.citizenId, version: 3, validFrom: 300, record: null },
  ]);

  it('answers with the state valid at the time asked, and nothing before the first', () => {
    expect(registry.stateAt(HUNG.citizenId, 99)).toBeUndefined();
    expect(registry.stateAt(HUNG.citizenId, 100)?.version).toBe(1);
    expect(registry.stateAt(HUNG.citizenId, 250)?.record?.fullName).toBe('Trần Văn Hùng');
    expect(registry.citizensAt([HUNG.citizenId], 301).get(HUNG.citizenId)).toMatchObject({ deleted: true, version: 3 });
  });

  it('maps a legacy ID and lists blocking keys only while the state at that time has them', () => {
    expect(registry.legacyIdsAt([HUNG.legacyId!], 150).get(HUNG.legacyId!)).toBe(HUNG.citizenId);
    expect(registry.legacyIdsAt([HUNG.legacyId!], 250).size).toBe(0);
    const [oldKey] = blockingKeys(HUNG).filter((k) => !blockingKeys(renamed).includes(k));
    expect(oldKey).toBeDefined();
    expect(
      registry
        .candidatesAt([oldKey], 150)
        .get(oldKey)
        ?.map((c) => c.citizenId),
    ).toEqual([HUNG.citizenId]);
    expect(registry.candidatesAt([oldKey], 250).has(oldKey)).toBe(false);
    // A deleted citizen is no candidate.
    const [kept] = blockingKeys(renamed);
    expect(registry.candidatesAt([kept], 250).has(kept)).toBe(true);
    expect(registry.candidatesAt([kept], 300).has(kept)).toBe(false);
  });
});

describe('decisionDigest', () => {
  const row = (entity: string, outcome: string) => ({
    source: 'land',
    entity_id: entity,
    cause_event_id: `e-${entity}`,
    outcome,
    citizen_id: null,
    differences: [],
    evidence: { b: 1, a: { d: 2, c: 3 } },
    candidates: [],
    rule_version: 'r',
    registry_version: null,
  });

  it('is the same whatever the order of the rows and of their keys, and changes with any decided field', () => {
    const a = decisionDigest([row('1', 'MATCHED'), row('2', 'NOT_FOUND')]);
    const b = decisionDigest([row('2', 'NOT_FOUND'), { ...row('1', 'MATCHED'), evidence: { a: { c: 3, d: 2 }, b: 1 } }]);
    expect(b).toEqual(a);
    expect(decisionDigest([row('1', 'MATCHED'), row('2', 'MISMATCHED')]).digest).not.toBe(a.digest);
    expect(a.count).toBe(2);
  });
});
