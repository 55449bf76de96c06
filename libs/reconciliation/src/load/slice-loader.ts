import { Injectable } from '@nestjs/common';
import { CitizenView, DecisionContext, GroupMember, RecordToDecide } from '../decide/decision-context';
import { dependentsOf, newcomersByKey } from '../decide/dependents';
import { groupKeyOf } from '../decide/duplicate-groups';
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

/** How long the loader reuses its estimate of the registry's size: a prior moves little in that time. */
export const REGISTRY_SIZE_REFRESH_MS = 10_000;

type LookedUp = Pick<SectoralRecord, 'source' | 'entityId' | 'lookupId' | 'deleted' | 'person'>;

/** Reads what deciding a slice needs, through the repositories only; it decides nothing. */
@Injectable()
export class SliceLoader {
  private size: { value: number; at: number } | null = null;

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

  /**
   * The context of a slice: look-ups, the other members of its duplicate groups, candidate pools.
   * What the caller has read already is passed in, not read again: look-ups, and the stored members
   * of some groups (`groupsRead`: every stored member of those groups, of the records' source).
   */
  async context(
    sql: Sql,
    items: readonly RecordToDecide[],
    read: {
      lookups?: KeyedMap<RecordKey, CitizenLookup>;
      groupsRead?: { groups: DuplicateGroupKey[]; members: SectoralRecord[] };
    } = {},
  ): Promise<DecisionContext> {
    const records = items.map((i) => i.record);
    const lookups = read.lookups ?? (await this.lookUp(sql, records));
    const groupMembers = await this.storedGroupMembers(sql, resolveCitizens(records, lookups), read.groupsRead);
    const keys = candidateKeysOf(records, lookups);
    const pool = await this.registry.candidatesByKeys(sql, keys);
    const candidatePool = new Map<string, CitizenView[]>();
    for (const [key, citizens] of pool) candidatePool.set(key, citizens.filter((c) => c.record).map(citizenView));
    // Only searched records use (and record) it.
    const registrySize = keys.length === 0 ? 0 : await this.registrySize(sql);
    return { lookups, groupMembers, candidatePool, registrySize };
  }

  /** The registry's estimated size, read again at most every REGISTRY_SIZE_REFRESH_MS. */
  async registrySize(sql: Sql, now = Date.now()): Promise<number> {
    if (this.size === null || now - this.size.at >= REGISTRY_SIZE_REFRESH_MS)
      this.size = { value: await this.registry.estimatedSize(sql), at: now };
    return this.size.value;
  }

  /** The stored members of the records' duplicate groups, the records themselves left out. */
  private async storedGroupMembers(
    sql: Sql,
    records: readonly SectoralRecord[],
    groupsRead?: { groups: DuplicateGroupKey[]; members: SectoralRecord[] },
  ): Promise<KeyedMap<DuplicateGroupRef, GroupMember[]>> {
    const known = new Set((groupsRead?.groups ?? []).map(groupId));
    const deciding = new Set(records.map((r) => JSON.stringify([r.source, r.entityId])));
    const bySource = new Map<SectoralSource, { groups: DuplicateGroupKey[]; entityIds: string[] }>();
    for (const r of records) {
      const group = bySource.get(r.source) ?? { groups: [], entityIds: [] };
      bySource.set(r.source, group);
      group.entityIds.push(r.entityId);
      const key = groupKeyOf(r);
      if (key !== null && !known.has(groupId(key))) group.groups.push(key);
    }
    const out = duplicateGroupMap<GroupMember[]>();
    const add = (m: SectoralRecord) => {
      if (deciding.has(JSON.stringify([m.source, m.entityId]))) return;
      const key = { source: m.source, citizenId: m.citizenId!, identity: m.duplicateIdentity! };
      out.set(key, [...(out.get(key) ?? []), { entityId: m.entityId, lookupId: m.lookupId, firstSeen: m.firstSeen }]);
    };
    for (const m of groupsRead?.members ?? []) add(m);
    for (const [source, { groups, entityIds }] of bySource) {
      if (groups.length === 0) continue;
      for (const m of await this.records.findDuplicateGroups(sql, source, distinctGroups(groups), entityIds)) add(m);
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

const groupId = (g: DuplicateGroupKey) => JSON.stringify([g.citizenId, g.identity]);

function distinctGroups(groups: readonly DuplicateGroupKey[]): DuplicateGroupKey[] {
  return [...new Map(groups.map((g) => [groupId(g), g])).values()];
}
