import { CitizenRecord, examples, PopulationEvent } from '@lgsp/contracts';
import { blockingKeys } from '@lgsp/domain';
import { applyCitizenChanges, CitizenChange } from './citizen-changes';
import { StoredCitizen } from './registry.repository';

const { NGUYEN_VAN_HUNG } = examples;
let nextEvent = 0;

function change(record: CitizenRecord | null): CitizenChange {
  nextEvent++;
  const event: PopulationEvent = {
    eventId: `00000000-0000-4000-8000-${String(nextEvent).padStart(12, '0')}`,
    source: 'population',
    operation: record === null ? 'delete' : 'update',
    entityId: NGUYEN_VAN_HUNG.citizenId,
    before: null,
    after: record,
    committedAt: '2026-11-30T00:00:00Z',
    schemaVersion: 1,
    traceId: '0123456789abcdef0123456789abcdef',
  };
  return {
    event,
    ref: {
      eventId: event.eventId,
      topic: 'population',
      partition: 0,
      offset: String(nextEvent),
      eventHash: 'h',
      committedAt: event.committedAt,
    },
  };
}

function storedAs(record: CitizenRecord | null): Map<string, StoredCitizen> {
  return new Map([
    [
      NGUYEN_VAN_HUNG.citizenId,
      { citizenId: NGUYEN_VAN_HUNG.citizenId, legacyId: record?.legacyId ?? null, record, deleted: record === null, version: 3 },
    ],
  ]);
}

const keysOf = (pairs: { key: string }[]) => pairs.map((p) => p.key).sort();

describe('applyCitizenChanges: what the registry view writes and deletes', () => {
  const hung = NGUYEN_VAN_HUNG;

  it('adds every key and the legacy ID of a citizen not in the view yet, and deletes nothing', () => {
    const applied = applyCitizenChanges([change(hung)], new Map());
    expect(keysOf(applied.addedBlockingKeys)).toEqual([...blockingKeys(hung)].sort());
    expect(applied.staleBlockingKeys).toEqual([]);
    expect(applied.legacyIds).toEqual([{ legacyId: hung.legacyId, citizenId: hung.citizenId }]);
    expect(applied.staleLegacyIds).toEqual([]);
  });

  it('writes only the keys that change when a citizen moves province', () => {
    const moved: CitizenRecord = {
      ...hung,
      provinceCode: '79',
      communeCode: '26734',
      address: '1 Lê Lợi, phường Sài Gòn, TP Hồ Chí Minh',
    };
    const before = new Set(blockingKeys(hung));
    const after = new Set(blockingKeys(moved));
    const applied = applyCitizenChanges([change(moved)], storedAs(hung));

    expect(keysOf(applied.addedBlockingKeys)).toEqual([...after].filter((k) => !before.has(k)).sort());
    expect(keysOf(applied.staleBlockingKeys)).toEqual([...before].filter((k) => !after.has(k)).sort());
    // The move changes the keys holding the province (date of birth, names, joined name) and no other.
    expect(applied.addedBlockingKeys.map((k) => k.key.slice(0, 3)).sort()).toEqual(['DP:', 'NJ:', 'NP:']);
    expect(applied.staleBlockingKeys).toHaveLength(3);
    expect(keysOf(applied.blockingKeys)).toEqual([...after].sort());
  });

  it('deletes every key and the legacy ID of a deleted citizen', () => {
    const applied = applyCitizenChanges([change(null)], storedAs(hung));
    expect(keysOf(applied.staleBlockingKeys)).toEqual([...blockingKeys(hung)].sort());
    expect(applied.addedBlockingKeys).toEqual([]);
    expect(applied.staleLegacyIds).toEqual([{ legacyId: hung.legacyId, citizenId: hung.citizenId }]);
    expect(applied.legacyIds).toEqual([]);
  });

  it('diffs against the stored record, not the versions between, when a slice changes a citizen twice', () => {
    const renamed: CitizenRecord = { ...hung, fullName: 'Trần Văn Hùng', legacyId: '241234999' };
    const applied = applyCitizenChanges([change({ ...hung, fullName: 'Lê Văn Hùng' }), change(renamed)], storedAs(hung));
    const before = new Set(blockingKeys(hung));
    const after = new Set(blockingKeys(renamed));
    // The family name changed, so the family-and-year key did; the keys of the version between are never written.
    expect(applied.staleBlockingKeys.length).toBeGreaterThan(0);
    expect(keysOf(applied.staleBlockingKeys)).toEqual([...before].filter((k) => !after.has(k)).sort());
    expect(keysOf(applied.addedBlockingKeys)).toEqual([...after].filter((k) => !before.has(k)).sort());
    expect(applied.staleLegacyIds).toEqual([{ legacyId: hung.legacyId, citizenId: hung.citizenId }]);
    expect(applied.legacyIds).toEqual([{ legacyId: '241234999', citizenId: hung.citizenId }]);
  });

  it('brings back the keys of a citizen deleted earlier and recreated', () => {
    const applied = applyCitizenChanges([change(hung)], storedAs(null));
    expect(keysOf(applied.addedBlockingKeys)).toEqual([...blockingKeys(hung)].sort());
    expect(applied.staleBlockingKeys).toEqual([]);
  });
});
