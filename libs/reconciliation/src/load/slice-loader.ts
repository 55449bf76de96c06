import { Injectable } from '@nestjs/common';
import { CitizenView, DecisionContext, GroupMember, RecordToDecide } from '../decide/decision-context';
import { dependentsOf, newcomersByKey } from '../decide/dependents';
import { candidateKeysOf, citizenView, idsToLookUp, registryLookups, resolveCitizens } from '../decide/registry-lookups';
import { DuplicateGroupRef, duplicateGroupMap, KeyedMap, RecordKey } from '../record-key';
import type { CitizenLookup } from '../decide/decision-context';
import type { AppliedChanges } from '../registry/citizen-changes';
import { RegistryRepository, StoredCitizen } from '../registry/registry.repository';
import {
  DuplicateGroupKey,
  SectoralRecord,
  SectoralRecordsRepository,
  SectoralSource,
} from '../results/sectoral-records.repository';
import { Sql } from '../sql';

type LookedUp = Pick<SectoralRecord, 'source' | 'entityId' | 'lookupId' | 'deleted' | 'person'>;

/** Reads what deciding a slice needs, through the repositories only; it decides nothing. */
@Injectable()
export class SliceLoader {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly records: SectoralRecordsRepository,
  ) {}

  /** The registry citizen each live record's ID leads to, directly or through the legacy mapping. */
  async lookUp(sql: Sql, records: readonly LookedUp[]): Promise<KeyedMap<RecordKey, CitizenLookup>> {
    const { ids, legacyIds } = idsToLookUp(records);
    const mapped = await this.registry.resolveLegacyIds(sql, legacyIds);
    const citizens = await this.registry.findCurrent(sql, [...ids, ...mapped.values()]);
    return registryLookups(records, mapped, citizens);
  }

  /** lookUp as entries, to add to a look-up map already loaded. */
  async lookUpEntries(sql: Sql, records: readonly LookedUp[]): Promise<[RecordKey, CitizenLookup][]> {
    if (records.length === 0) return [];
    const found = await this.lookUp(sql, records);
    return found.keys().map((k) => [k, found.get(k)!]);
  }

  /** The context of a slice: look-ups (given, or read now), the stored originals, candidate pools. */
  async context(
    sql: Sql,
    items: readonly RecordToDecide[],
    given?: KeyedMap<RecordKey, CitizenLookup>,
  ): Promise<DecisionContext> {
    const records = items.map((i) => i.record);
    const lookups = given ?? (await this.lookUp(sql, records));
    const groupMembers = await this.storedGroupMembers(sql, resolveCitizens(records, lookups));
    const pool = await this.registry.candidatesByKeys(sql, candidateKeysOf(records, lookups));
    const candidatePool = new Map<string, CitizenView[]>();
    for (const [key, citizens] of pool) candidatePool.set(key, citizens.filter((c) => c.record).map(citizenView));
    return { lookups, groupMembers, candidatePool };
  }

  /** The stored members of the records' duplicate groups, the records themselves left out. */
  private async storedGroupMembers(
    sql: Sql,
    records: readonly SectoralRecord[],
  ): Promise<KeyedMap<DuplicateGroupRef, GroupMember[]>> {
    const bySource = new Map<SectoralSource, { groups: DuplicateGroupKey[]; entityIds: string[] }>();
    for (const r of records) {
      const group = bySource.get(r.source) ?? { groups: [], entityIds: [] };
      bySource.set(r.source, group);
      group.entityIds.push(r.entityId);
      if (r.citizenId !== null && r.duplicateIdentity !== null && !r.deleted)
        group.groups.push({ citizenId: r.citizenId, identity: r.duplicateIdentity });
    }
    const out = duplicateGroupMap<GroupMember[]>();
    for (const [source, { groups, entityIds }] of bySource) {
      for (const m of await this.records.findDuplicateGroups(sql, source, distinctGroups(groups), entityIds)) {
        const key = { source, citizenId: m.citizenId!, identity: m.duplicateIdentity! };
        out.set(key, [...(out.get(key) ?? []), { entityId: m.entityId, lookupId: m.lookupId, firstSeen: m.firstSeen }]);
      }
    }
    return out;
  }

  /** The other stored members of these duplicate groups: a change of one member decides them again. */
  groupMates(sql: Sql, source: SectoralSource, groups: readonly DuplicateGroupKey[], excluded: readonly string[]) {
    return this.records.findDuplicateGroups(sql, source, distinctGroups(groups), excluded);
  }

  /** The records a registry change makes due (see dependentsOf). */
  async dependents(sql: Sql, applied: AppliedChanges): Promise<RecordToDecide[]> {
    const naming = await this.records.findByLookupIds(sql, [...applied.touchedIds.keys()]);
    const waiting = await this.records.findWaitingByKeys(sql, [...newcomersByKey(applied).keys()]);
    return dependentsOf(applied, naming, waiting);
  }

  currentCitizens(sql: Sql, citizenIds: string[]): Promise<Map<string, StoredCitizen>> {
    return this.registry.findCurrent(sql, citizenIds);
  }

  appliedEventIds(sql: Sql, eventIds: string[]): Promise<Set<string>> {
    return this.registry.appliedEventIds(sql, eventIds);
  }
}

function distinctGroups(groups: readonly DuplicateGroupKey[]): DuplicateGroupKey[] {
  return [...new Map(groups.map((g) => [JSON.stringify([g.citizenId, g.identity]), g])).values()];
}
