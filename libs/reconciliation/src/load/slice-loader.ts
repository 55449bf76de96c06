import { Injectable } from '@nestjs/common';
import { CitizenView, DecisionContext, RecordToDecide, StoredPrimary } from '../decide/decision-context';
import { dependentsOf, newcomersByKey } from '../decide/dependents';
import { candidateKeysOf, citizenView, idsToLookUp, registryLookups, resolveCitizens } from '../decide/registry-lookups';
import { KeyedMap, RecordKey, SourceCitizenKey, sourceCitizenMap } from '../record-key';
import type { CitizenLookup } from '../decide/decision-context';
import type { AppliedChanges } from '../registry/citizen-changes';
import { RegistryRepository, StoredCitizen } from '../registry/registry.repository';
import { SectoralRecord, SectoralRecordsRepository, SectoralSource } from '../results/sectoral-records.repository';
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

  /** The context of a slice: look-ups (given, or read now), the stored originals, candidate pools. */
  async context(
    sql: Sql,
    items: readonly RecordToDecide[],
    given?: KeyedMap<RecordKey, CitizenLookup>,
  ): Promise<DecisionContext> {
    const records = items.map((i) => i.record);
    const lookups = given ?? (await this.lookUp(sql, records));
    const primaries = await this.storedPrimaries(sql, resolveCitizens(records, lookups));
    const pool = await this.registry.candidatesByKeys(sql, candidateKeysOf(records, lookups));
    const candidatePool = new Map<string, CitizenView[]>();
    for (const [key, citizens] of pool) candidatePool.set(key, citizens.filter((c) => c.record).map(citizenView));
    return { lookups, primaries, candidatePool };
  }

  /** Per source, the stored original of each citizen the records resolve to, the records themselves left out. */
  private async storedPrimaries(
    sql: Sql,
    records: readonly SectoralRecord[],
  ): Promise<KeyedMap<SourceCitizenKey, StoredPrimary>> {
    const bySource = new Map<SectoralSource, { citizens: Set<string>; entityIds: string[] }>();
    for (const r of records) {
      const group = bySource.get(r.source) ?? { citizens: new Set<string>(), entityIds: [] };
      bySource.set(r.source, group);
      group.entityIds.push(r.entityId);
      if (r.citizenId !== null && !r.deleted) group.citizens.add(r.citizenId);
    }
    const out = sourceCitizenMap<StoredPrimary>();
    for (const [source, { citizens, entityIds }] of bySource) {
      for (const [citizenId, primary] of await this.records.primaryRecordOf(sql, source, [...citizens], entityIds)) {
        out.set({ source, citizenId }, primary);
      }
    }
    return out;
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
