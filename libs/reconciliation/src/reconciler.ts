import type { CitizenRecord } from '@lgsp/contracts';
import { blockingKeys, decideOutcome, RegistryLookup, rankCandidates, roundWeight } from '@lgsp/domain';
import { RegistryRepository, StoredCitizen } from './registry/registry.repository';
import { CandidateMatch, Decision, DecisionCause } from './results/decision';
import { SectoralRecord, SectoralRecordsRepository, SectoralSource, UnresolvedKeys } from './results/sectoral-records.repository';
import { Sql } from './sql';

const NEW_ID = /^\d{12}$/;
const LEGACY_ID = /^\d{9}$/;
export const CANDIDATES_KEPT = 3;

export interface ReconcileCause {
  cause: DecisionCause;
  /** The event that caused each record's decision. */
  causeEventId(record: SectoralRecord): string;
}

/**
 * Decides the outcome of a set of sectoral records against the registry, in bulk: one
 * registry read for the batch, one duplicate query per source, one candidate query for
 * the records whose ID leads nowhere. The records must already be stored (first-seen marks).
 */
export class Reconciler {
  constructor(
    private readonly registry = new RegistryRepository(),
    private readonly sectoral = new SectoralRecordsRepository(),
  ) {}

  /**
   * Looks the records' IDs up in the registry and sets the citizen each resolves to on the
   * record objects (not in the database: a caller about to store them stores that too).
   */
  async resolve(sql: Sql, records: Omit<SectoralRecord, 'firstSeen'>[]): Promise<Map<string, RegistryLookup>> {
    const lookups = await this.lookUp(
      sql,
      records.filter((r) => !r.deleted && r.person),
    );
    for (const r of records) {
      const resolved = lookups.get(r.entityId + '\u0000' + r.source);
      r.citizenId = resolved && resolved.kind !== 'NONE' ? resolved.citizen.citizenId : null;
    }
    return lookups;
  }

  async reconcile(
    sql: Sql,
    records: SectoralRecord[],
    why: ReconcileCause,
    resolved?: Map<string, RegistryLookup>,
  ): Promise<Decision[]> {
    const live = records.filter((r) => !r.deleted && r.person);
    if (live.length === 0) return [];
    const lookups = resolved ?? (await this.lookUp(sql, live));

    // Record the citizen each record resolved to where it changed: duplicates are counted per citizen.
    const bySource = new Map<SectoralSource, SectoralRecord[]>();
    const changed = new Map<SectoralSource, SectoralRecord[]>();
    for (const r of live) {
      const lookup = lookups.get(r.entityId + '\u0000' + r.source);
      const citizenId = lookup && lookup.kind !== 'NONE' ? lookup.citizen.citizenId : null;
      if (citizenId !== r.citizenId) {
        r.citizenId = citizenId;
        push(changed, r.source, r);
      }
      push(bySource, r.source, r);
    }
    for (const [source, list] of changed) {
      await this.sectoral.setCitizen(
        sql,
        source,
        list.map((r) => ({ entityId: r.entityId, citizenId: r.citizenId })),
      );
    }
    const primaryOf = new Map<string, string>();
    for (const [source, list] of bySource) {
      const citizens = [...new Set(list.map((r) => r.citizenId).filter((c): c is string => c !== null))];
      for (const [citizenId, entityId] of await this.sectoral.primaryRecordOf(sql, source, citizens)) {
        primaryOf.set(source + '\u0000' + citizenId, entityId);
      }
    }

    const decisions: Decision[] = [];
    const unresolved: Decision[] = [];
    for (const r of live) {
      const lookup = lookups.get(r.entityId + '\u0000' + r.source) ?? { kind: 'NONE' as const };
      const primary = r.citizenId === null ? undefined : primaryOf.get(r.source + '\u0000' + r.citizenId);
      const decision = decideOutcome({
        recorded: r.person!,
        lookup,
        duplicateInSource: primary !== undefined && primary !== r.entityId,
        active: r.active,
      });
      const { differences, ...evidence } = decision.evidence;
      const citizen = lookup.kind === 'NONE' ? null : lookup.citizen;
      const d: Decision = {
        source: r.source,
        entityId: r.entityId,
        outcome: decision.outcome,
        alsoApplies: decision.alsoApplies,
        citizenId: r.citizenId,
        // Where the record counts in match rates: the registry's residence when known, else what the record says.
        provinceCode: citizen?.provinceCode ?? r.person!.provinceCode ?? null,
        communeCode: citizen?.communeCode ?? r.person!.communeCode ?? null,
        differences,
        evidence,
        candidates: [],
        ruleVersion: decision.ruleVersion,
        registryVersion: lookup.kind === 'NONE' ? null : (lookup.citizen as StoredCitizenView).version,
        cause: why.cause,
        causeEventId: why.causeEventId(r),
        input: r.ref,
      };
      decisions.push(d);
      if (d.outcome === 'INVALID_ID' || d.outcome === 'NOT_FOUND') unresolved.push(d);
    }
    await this.attachCandidates(sql, unresolved, new Map(live.map((r) => [r.source + '\u0000' + r.entityId, r])));
    return decisions;
  }

  private async lookUp(sql: Sql, records: Omit<SectoralRecord, 'firstSeen'>[]): Promise<Map<string, RegistryLookup>> {
    const ids = new Set<string>();
    const legacy = new Set<string>();
    for (const r of records) {
      if (r.lookupId === null) continue;
      if (NEW_ID.test(r.lookupId)) ids.add(r.lookupId);
      else if (LEGACY_ID.test(r.lookupId)) legacy.add(r.lookupId);
    }
    const mapped = await this.registry.resolveLegacyIds(sql, [...legacy]);
    const citizens = await this.registry.findCurrent(sql, [...ids, ...mapped.values()]);
    const out = new Map<string, RegistryLookup>();
    for (const r of records) {
      let lookup: RegistryLookup = { kind: 'NONE' };
      if (r.lookupId !== null) {
        const direct = citizens.get(r.lookupId);
        const viaLegacy = mapped.has(r.lookupId) ? citizens.get(mapped.get(r.lookupId)!) : undefined;
        if (direct && direct.record && !direct.deleted) lookup = { kind: 'BY_ID', citizen: view(direct) };
        else if (viaLegacy && viaLegacy.record && !viaLegacy.deleted) lookup = { kind: 'BY_LEGACY_ID', citizen: view(viaLegacy) };
      }
      out.set(r.entityId + '\u0000' + r.source, lookup);
    }
    return out;
  }

  /** Candidate search for records whose ID is wrong or unknown: blocking, then Fellegi-Sunter ranking. */
  private async attachCandidates(sql: Sql, decisions: Decision[], records: Map<string, SectoralRecord>): Promise<void> {
    const keysOf = new Map<Decision, string[]>();
    const allKeys = new Set<string>();
    for (const d of decisions) {
      const keys = blockingKeys(records.get(d.source + '\u0000' + d.entityId)!.person!);
      keysOf.set(d, keys);
      for (const k of keys) allKeys.add(k);
    }
    const byKey = await this.registry.candidatesByKeys(sql, [...allKeys]);
    for (const d of decisions) {
      const seen = new Map<string, StoredCitizenView>();
      for (const key of keysOf.get(d)!) for (const c of byKey.get(key) ?? []) if (c.record) seen.set(c.citizenId, view(c));
      const ranked = rankCandidates(records.get(d.source + '\u0000' + d.entityId)!.person!, [...seen.values()], CANDIDATES_KEPT);
      d.candidates = ranked.map((c): CandidateMatch => ({
        citizenId: c.citizen.citizenId,
        weight: roundWeight(c.weight),
        probability: round(c.probability),
      }));
    }
  }

  /** Blocking keys of the unresolved records among these decisions (to refresh their candidates later). */
  unresolvedKeys(
    decisions: Decision[],
    records: SectoralRecord[],
    isNew: (entityId: string) => boolean = () => false,
  ): UnresolvedKeys[] {
    const byId = new Map(records.map((r) => [r.source + '\u0000' + r.entityId, r]));
    return decisions.map((d) => ({
      source: d.source,
      entityId: d.entityId,
      isNew: isNew(d.entityId),
      keys:
        d.outcome === 'INVALID_ID' || d.outcome === 'NOT_FOUND'
          ? blockingKeys(byId.get(d.source + '\u0000' + d.entityId)!.person!)
          : [],
    }));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type StoredCitizenView = CitizenRecord & { version: number };

function view(stored: StoredCitizen): StoredCitizenView {
  return { ...stored.record!, version: stored.version };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
