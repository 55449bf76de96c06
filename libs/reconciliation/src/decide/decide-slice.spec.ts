import { CitizenRecord, examples } from '@lgsp/contracts';
import { BLOCKING_KEY_KINDS, blockingKeys, BUILT_IN_RULE_SET, recordSearchKeys, RuleSet } from '@lgsp/domain';
import { duplicateGroupMap, recordMap } from '../record-key';
import { due, namingCitizen, recordOf, view } from '../testing/records.spec-helper';
import { CitizenLookup, CitizenView, DecisionContext, GroupMember, RecordToDecide } from './decision-context';
import { decideSlice, rankPool } from './decide-slice';

const { NGUYEN_VAN_HUNG: HUNG, TRAN_THI_MAI: MAI } = examples;

function context(
  items: readonly RecordToDecide[],
  found: Record<string, CitizenLookup> = {},
  extra: { members?: [string, GroupMember][]; pool?: Record<string, CitizenView[]>; registrySize?: number } = {},
): DecisionContext {
  return {
    lookups: recordMap(items.map((i) => [i.record, found[i.record.entityId] ?? { kind: 'NONE' }] as const)),
    groupMembers: duplicateGroupMap(
      (extra.members ?? []).map(([citizenId, m]) => [{ source: 'land', citizenId, identity: SAME }, [m]] as const),
    ),
    candidatePool: new Map(Object.entries(extra.pool ?? {})),
    registrySize: extra.registrySize ?? 1000,
  };
}

const byId = (c: CitizenRecord, version = 1): CitizenLookup => ({ kind: 'BY_ID', citizen: view(c, version) });
/** The duplicate identity the records of the duplicate tests share (the same parcel, say). */
const SAME = 'same-parcel';

describe('decideSlice: the pure decide step', () => {
  it('decides MATCHED for a record agreeing with the citizen its ID names, with the registry version and its event', () => {
    const item = due(namingCitizen('p1', HUNG));
    const { decisions, citizenChanges, unresolvedKeys } = decideSlice([item], context([item], { p1: byId(HUNG, 4) }));
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      entityId: 'p1',
      outcome: 'MATCHED',
      citizenId: HUNG.citizenId,
      registryVersion: 4,
      cause: 'record-event',
      causeEventId: item.record.ref.eventId,
      provinceCode: HUNG.provinceCode,
      candidates: [],
    });
    // The record was stored without its citizen: the writer is told to record it.
    expect(citizenChanges).toEqual([{ source: 'land', entityId: 'p1', citizenId: HUNG.citizenId }]);
    expect(unresolvedKeys).toEqual([{ source: 'land', entityId: 'p1', isNew: false, keys: [] }]);
    // The first decision of a record is number 1; a later one follows the record's last.
    expect(decisions[0].sequence).toBe(1);
    const later = due(namingCitizen('p1', HUNG, { decisionSequence: 6 }));
    expect(decideSlice([later], context([later], { p1: byId(HUNG) })).decisions[0].sequence).toBe(7);
  });

  it('decides MISMATCHED with the differing field and the registry value as the correction', () => {
    const item = due(namingCitizen('p1', { ...HUNG, dateOfBirth: '1985-03-15' }, { citizenId: HUNG.citizenId }));
    const [d] = decideSlice([item], context([item], { p1: byId(HUNG) })).decisions;
    expect(d.outcome).toBe('MISMATCHED');
    expect(d.differences.map((x) => x.field)).toEqual(['dateOfBirth']);
  });

  it('decides LEGACY_ID for a record found through the legacy mapping', () => {
    const item = due(recordOf('p1', { ...examples.asPersonRef(HUNG), citizenId: HUNG.legacyId }));
    const [d] = decideSlice([item], context([item], { p1: { kind: 'BY_LEGACY_ID', citizen: view(HUNG) } })).decisions;
    expect(d.outcome).toBe('LEGACY_ID');
    expect(d.citizenId).toBe(HUNG.citizenId);
  });

  it('decides DECEASED for an active record of a dead citizen, and not for an archived one', () => {
    const dead = { ...HUNG, status: 'DECEASED' as const, dateOfDeath: '2024-01-01' };
    const active = due(namingCitizen('p1', HUNG));
    const archived = due(namingCitizen('p2', HUNG, { active: false, source: 'insurance' }));
    const found = { p1: byId(dead), p2: byId(dead) };
    const outcomes = decideSlice([active, archived], context([active, archived], found)).decisions.map((d) => d.outcome);
    expect(outcomes).toEqual(['DECEASED', 'MATCHED']);
  });

  it('decides NOT_FOUND and INVALID_ID with candidates ranked from the pool, and keeps their blocking keys', () => {
    const unknown = due(namingCitizen('p1', { ...HUNG, citizenId: '066085999999' }), true);
    const malformed = due(recordOf('p2', { ...examples.asPersonRef(HUNG), citizenId: '12345' }));
    const keys = blockingKeys(examples.asPersonRef(HUNG));
    const pool = Object.fromEntries(keys.map((k) => [k, [view(HUNG), view(MAI)]]));
    const slice = decideSlice([unknown, malformed], context([unknown, malformed], {}, { pool }));
    expect(slice.decisions.map((d) => d.outcome)).toEqual(['NOT_FOUND', 'INVALID_ID']);
    for (const d of slice.decisions) {
      expect(d.citizenId).toBeNull();
      expect(d.candidates[0].citizenId).toBe(HUNG.citizenId);
      expect(d.candidates[0].weight).toBeGreaterThan(d.candidates[1]?.weight ?? -Infinity);
      // The explanation: every compared field, its weight adding up to the candidate's, and the keys that found it.
      for (const c of d.candidates) {
        expect(c.fields.map((f) => f.field)).toEqual(['name', 'dateOfBirth', 'gender', 'province', 'id']);
        expect(c.fields.reduce((sum, f) => sum + f.weight, 0)).toBeCloseTo(c.weight, 2);
      }
      expect(d.candidates[0].fields.find((f) => f.field === 'name')!.level).toBe('SAME');
      expect(d.candidates[0].foundBy).toEqual(BLOCKING_KEY_KINDS);
    }
    // Kept to be searched again: its own keys and family name with the birth year either side.
    const searched = recordSearchKeys(examples.asPersonRef(HUNG));
    expect(searched).toEqual([...keys, 'FY:nguyen|1984', 'FY:nguyen|1986']);
    expect(slice.unresolvedKeys).toEqual([
      { source: 'land', entityId: 'p1', isNew: true, keys: searched },
      { source: 'land', entityId: 'p2', isNew: false, keys: searched },
    ]);
  });

  it("ranks with rankPool, the function the eval's all-pairs reference ranks the whole registry with", () => {
    const unknown = due(namingCitizen('p1', { ...HUNG, citizenId: '066085999999' }), true);
    const recorded = unknown.record.person!;
    // Four citizens found, more than the three kept: the search keeps rankPool's best, in its order, with its figures.
    const pool = [view(MAI), view({ ...HUNG, citizenId: '066085000001', gender: 'F' }), view(HUNG)];
    pool.push(view({ ...MAI, citizenId: '079190000002', fullName: HUNG.fullName }));
    const keys = blockingKeys(examples.asPersonRef(HUNG));
    const [d] = decideSlice([unknown], context([unknown], {}, { pool: { [keys[0]]: pool }, registrySize: 5000 })).decisions;
    const ranked = rankPool(recorded, pool, BUILT_IN_RULE_SET, 5000);
    expect(ranked).toHaveLength(BUILT_IN_RULE_SET.candidatesKept);
    expect(d.candidates.map((c) => c.citizenId)).toEqual(ranked.map((c) => c.citizen.citizenId));
    expect(d.candidates.map((c) => c.probability)).toEqual(ranked.map((c) => Math.round(c.probability * 1000) / 1000));
    expect(d.candidates[0].citizenId).toBe(HUNG.citizenId);
  });

  it("takes the candidates' prior from the registry's size it is given, and records that size", () => {
    const unknown = due(namingCitizen('p1', { ...HUNG, citizenId: '066085999999' }), true);
    const pool = Object.fromEntries(blockingKeys(examples.asPersonRef(HUNG)).map((k) => [k, [view(HUNG), view(MAI)]]));
    const at = (registrySize: number) => decideSlice([unknown], context([unknown], {}, { pool, registrySize })).decisions[0];
    const small = at(1_000);
    const large = at(100_000_000);
    expect(small.evidence.registrySize).toBe(1_000);
    expect(large.evidence.registrySize).toBe(100_000_000);
    // The same weights; each probability from its weight and a prior of one in the size.
    const posterior = (weight: number, n: number) =>
      Math.round(1000 / (1 + Math.pow(2, -(weight + Math.log2(1 / n / (1 - 1 / n)))))) / 1000;
    expect(large.candidates.map((c) => c.weight)).toEqual(small.candidates.map((c) => c.weight));
    for (const [d, n] of [
      [small, 1_000],
      [large, 100_000_000],
    ] as const)
      for (const c of d.candidates) expect(c.probability).toBeCloseTo(posterior(c.weight, n), 2);
    expect(small.candidates[0].probability).toBeGreaterThan(large.candidates[0].probability);
    // Same inputs, same decision: the size is an input, not looked up.
    expect(at(1_000)).toEqual(small);
    // A fixed prior in the rule set ignores the size (and still records it).
    const fixed = { ...BUILT_IN_RULE_SET, priorMatchProbability: 1e-6 };
    const [a, b] = [1_000, 100_000_000].map(
      (registrySize) => decideSlice([unknown], context([unknown], {}, { pool, registrySize }), fixed).decisions[0],
    );
    expect(a.candidates).toEqual(b.candidates);
  });

  it('proposes the best candidate as the citizen once its probability reaches the link threshold, and only then', () => {
    const unknown = due(namingCitizen('p1', { ...HUNG, citizenId: '066085999999' }), true);
    const pool = Object.fromEntries(blockingKeys(examples.asPersonRef(HUNG)).map((k) => [k, [view(HUNG), view(MAI)]]));
    const decide = (rules: RuleSet, registrySize = 1000) =>
      decideSlice([unknown], context([unknown], {}, { pool, registrySize }), rules).decisions[0];
    const d = decide(BUILT_IN_RULE_SET);
    const best = d.candidates[0];
    expect(best.probability).toBeGreaterThanOrEqual(BUILT_IN_RULE_SET.linkThreshold!);
    expect(d.evidence.link).toEqual({
      citizenId: HUNG.citizenId,
      probability: best.probability,
      threshold: BUILT_IN_RULE_SET.linkThreshold,
    });
    // A proposal only: the record stays NOT_FOUND with no citizen.
    expect(d.outcome).toBe('NOT_FOUND');
    expect(d.citizenId).toBeNull();
    expect(decide({ ...BUILT_IN_RULE_SET, linkThreshold: null }).evidence.link).toBeUndefined();
    // The same citizen in a registry of a trillion: the prior leaves the probability far below the threshold.
    const crowded = decide(BUILT_IN_RULE_SET, 1e12);
    expect(crowded.candidates[0].citizenId).toBe(HUNG.citizenId);
    expect(crowded.candidates[0].probability).toBeLessThan(BUILT_IN_RULE_SET.linkThreshold!);
    expect(crowded.evidence.link).toBeUndefined();
    expect(decide({ ...BUILT_IN_RULE_SET, linkThreshold: best.probability }).evidence.link?.citizenId).toBe(HUNG.citizenId);
    // A record that found its citizen by ID is not searched: no size, no link.
    const matched = due(namingCitizen('p2', HUNG));
    const m = decideSlice([matched], context([matched], { p2: byId(HUNG) })).decisions[0];
    expect(m.evidence.registrySize).toBeUndefined();
    expect(m.evidence.link).toBeUndefined();
  });

  it('decides INVALID_ID for an ID whose digits contradict the record, even when the registry holds it under another name', () => {
    // A record of Mai (female, 1992) carrying Hùng's ID: the gender and year digits contradict her.
    const item = due(recordOf('p1', { ...examples.asPersonRef(MAI), citizenId: HUNG.citizenId }));
    const [d] = decideSlice([item], context([item], { p1: byId(HUNG) })).decisions;
    expect(d.outcome).toBe('INVALID_ID');
    expect(d.citizenId).toBe(HUNG.citizenId);
  });

  describe('duplicates: one original per source and citizen', () => {
    it('takes the record seen first among the slice, the others are DUPLICATE', () => {
      const a = due(namingCitizen('p1', HUNG, { firstSeen: 10, duplicateIdentity: SAME }));
      const b = due(namingCitizen('p2', HUNG, { firstSeen: 11, duplicateIdentity: SAME }));
      const found = { p1: byId(HUNG), p2: byId(HUNG) };
      // Order in the slice does not matter: first seen does.
      const outcomes = decideSlice([b, a], context([a, b], found)).decisions.map((d) => [d.entityId, d.outcome]);
      expect(outcomes).toEqual([
        ['p2', 'DUPLICATE'],
        ['p1', 'MATCHED'],
      ]);
    });

    it('prefers a record naming the current ID over an earlier one naming the legacy number', () => {
      const legacy = due(
        recordOf('p1', { ...examples.asPersonRef(HUNG), citizenId: HUNG.legacyId }, { firstSeen: 1, duplicateIdentity: SAME }),
      );
      const current = due(namingCitizen('p2', HUNG, { firstSeen: 2, duplicateIdentity: SAME }));
      const found = { p1: { kind: 'BY_LEGACY_ID', citizen: view(HUNG) } as CitizenLookup, p2: byId(HUNG) };
      const slice = decideSlice([legacy, current], context([legacy, current], found));
      expect(slice.decisions[0].outcome).toBe('LEGACY_ID');
      expect(slice.decisions[0].alsoApplies).toContain('DUPLICATE');
      expect(slice.decisions[1].outcome).toBe('MATCHED');
    });

    it('compares the slice with the stored original outside it', () => {
      const item = due(namingCitizen('p2', HUNG, { firstSeen: 50, duplicateIdentity: SAME }));
      const stored: GroupMember = { entityId: 'p0', lookupId: HUNG.citizenId, firstSeen: 3 };
      const [d] = decideSlice([item], context([item], { p2: byId(HUNG) }, { members: [[HUNG.citizenId, stored]] })).decisions;
      expect(d.outcome).toBe('DUPLICATE');
      // A stored original naming only the legacy number loses to a current-ID record seen later.
      const legacyOriginal: GroupMember = { entityId: 'p0', lookupId: HUNG.legacyId, firstSeen: 3 };
      const [again] = decideSlice(
        [item],
        context([item], { p2: byId(HUNG) }, { members: [[HUNG.citizenId, legacyOriginal]] }),
      ).decisions;
      expect(again.outcome).toBe('MATCHED');
    });

    it('names the group, the original first, and why it is the original', () => {
      const a = due(namingCitizen('p1', HUNG, { firstSeen: 10, duplicateIdentity: SAME }));
      const b = due(namingCitizen('p2', HUNG, { firstSeen: 11, duplicateIdentity: SAME }));
      const [first, second] = decideSlice([a, b], context([a, b], { p1: byId(HUNG), p2: byId(HUNG) })).decisions;
      expect(first.evidence.duplicateGroup).toEqual({ original: 'p1', originalBecause: 'FIRST_SEEN', duplicates: ['p2'] });
      expect(second.evidence.duplicateGroup).toEqual({ original: 'p1', originalBecause: 'FIRST_SEEN' });
      expect(second.evidence.notes.join(' ')).not.toMatch(/\d{12}/);
    });

    it('is no duplicate: two parcels of one holder (several parcels per person are common), or a record alone', () => {
      const home = due(namingCitizen('p1', HUNG, { firstSeen: 1, duplicateIdentity: '24133|126.5|ODT' }));
      const field = due(namingCitizen('p2', HUNG, { firstSeen: 2, duplicateIdentity: '24181|5230.0|CLN' }));
      const slice = decideSlice([home, field], context([home, field], { p1: byId(HUNG), p2: byId(HUNG) }));
      expect(slice.decisions.map((d) => d.outcome)).toEqual(['MATCHED', 'MATCHED']);
      expect(slice.decisions.map((d) => d.evidence.duplicateGroup)).toEqual([undefined, undefined]);
      // A record without an identity (an expired insurance card) is nobody's duplicate, nor original.
      const expired = due(namingCitizen('p3', HUNG, { firstSeen: 3, duplicateIdentity: null }));
      const again = due(namingCitizen('p4', HUNG, { firstSeen: 4, duplicateIdentity: null }));
      expect(
        decideSlice([expired, again], context([expired, again], { p3: byId(HUNG), p4: byId(HUNG) })).decisions.map(
          (d) => d.outcome,
        ),
      ).toEqual(['MATCHED', 'MATCHED']);
    });

    it('counts duplicates per source: a land and an insurance record of one citizen are both originals', () => {
      const land = due(namingCitizen('p1', HUNG, { firstSeen: 1, duplicateIdentity: SAME }));
      const insurance = due(namingCitizen('p1', HUNG, { firstSeen: 2, source: 'insurance', duplicateIdentity: SAME }));
      const ctx: DecisionContext = {
        lookups: recordMap([
          [land.record, byId(HUNG)],
          [insurance.record, byId(HUNG)],
        ]),
        groupMembers: duplicateGroupMap(),
        candidatePool: new Map(),
        registrySize: 2,
      };
      expect(decideSlice([land, insurance], ctx).decisions.map((d) => d.outcome)).toEqual(['MATCHED', 'MATCHED']);
    });
  });

  it('re-decides on a registry change: names the cause event, records the citizen the record now resolves to', () => {
    // The record was waiting (no citizen); the registry now holds its ID.
    const item: RecordToDecide = {
      record: namingCitizen('p1', HUNG),
      cause: 'registry-change',
      causeEventId: 'population-event',
      isNew: false,
    };
    const slice = decideSlice([item], context([item], { p1: byId(HUNG, 2) }));
    expect(slice.decisions[0]).toMatchObject({ cause: 'registry-change', causeEventId: 'population-event', outcome: 'MATCHED' });
    expect(slice.citizenChanges).toEqual([{ source: 'land', entityId: 'p1', citizenId: HUNG.citizenId }]);
    // A citizen deleted from the registry: the record loses its citizen.
    const linked: RecordToDecide = { ...item, record: { ...item.record, citizenId: HUNG.citizenId } };
    const gone = decideSlice([linked], context([linked]));
    expect(gone.decisions[0].outcome).toBe('NOT_FOUND');
    expect(gone.citizenChanges).toEqual([{ source: 'land', entityId: 'p1', citizenId: null }]);
  });

  it('retracts a deleted record, next in its sequence, and clears its keys', () => {
    const deleted = due(recordOf('p1', null, { deleted: true, active: false, decisionSequence: 4 }), false);
    const slice = decideSlice([deleted], context([deleted]));
    expect(slice.decisions).toEqual([]);
    expect(slice.retractions).toEqual([
      expect.objectContaining({
        source: 'land',
        entityId: 'p1',
        reason: 'RECORD_DELETED',
        sequence: 5,
        causeEventId: deleted.causeEventId,
      }),
    ]);
    expect(slice.unresolvedKeys).toEqual([{ source: 'land', entityId: 'p1', isNew: false, keys: [] }]);
  });

  it('leaves its inputs as they were and decides the same twice', () => {
    const items = [due(namingCitizen('p1', HUNG)), due(namingCitizen('p2', MAI))];
    const ctx = context(items, { p1: byId(HUNG) });
    const before = JSON.stringify(items);
    const first = decideSlice(items, ctx);
    expect(JSON.stringify(items)).toBe(before);
    expect(decideSlice(items, ctx)).toEqual(first);
  });
});
