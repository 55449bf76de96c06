import { recordSearchKeys, unresolvedOutcome } from '@lgsp/domain';
import { KeyedMap, ReadonlyKeyedMap, RecordKey, recordMap } from '../record-key';
import type { StoredCitizen } from '../registry/registry.repository';
import type { SectoralRecord } from '../results/sectoral-records.repository';
import { CitizenLookup, CitizenView } from './decision-context';

const NEW_ID = /^\d{12}$/;
const LEGACY_ID = /^\d{9}$/;

type LookedUp = Pick<SectoralRecord, 'source' | 'entityId' | 'lookupId' | 'deleted' | 'person'>;

/** Which records are looked up at all: a deleted record, or one naming nobody, needs no citizen. */
export function isLive(r: Pick<SectoralRecord, 'deleted' | 'person'>): boolean {
  return !r.deleted && r.person !== null;
}

/** The IDs to read from the registry: 12-digit IDs directly, 9-digit ones through the legacy mapping. */
export function idsToLookUp(records: readonly LookedUp[]): { ids: string[]; legacyIds: string[] } {
  const ids = new Set<string>();
  const legacy = new Set<string>();
  for (const r of records) {
    if (!isLive(r) || r.lookupId === null) continue;
    if (NEW_ID.test(r.lookupId)) ids.add(r.lookupId);
    else if (LEGACY_ID.test(r.lookupId)) legacy.add(r.lookupId);
  }
  return { ids: [...ids], legacyIds: [...legacy] };
}

export function citizenView(stored: StoredCitizen): CitizenView {
  return { ...stored.record!, version: stored.version };
}

/** Each live record's look-up, from what the registry returned for idsToLookUp. */
export function registryLookups(
  records: readonly LookedUp[],
  legacyMapping: ReadonlyMap<string, string>,
  citizens: ReadonlyMap<string, StoredCitizen>,
): KeyedMap<RecordKey, CitizenLookup> {
  const out = recordMap<CitizenLookup>();
  const present = (c: StoredCitizen | undefined): c is StoredCitizen => c !== undefined && c.record !== null && !c.deleted;
  for (const r of records) {
    if (!isLive(r)) continue;
    let lookup: CitizenLookup = { kind: 'NONE' };
    if (r.lookupId !== null) {
      const direct = citizens.get(r.lookupId);
      const mapped = legacyMapping.get(r.lookupId);
      const viaLegacy = mapped === undefined ? undefined : citizens.get(mapped);
      if (present(direct)) lookup = { kind: 'BY_ID', citizen: citizenView(direct) };
      else if (present(viaLegacy)) lookup = { kind: 'BY_LEGACY_ID', citizen: citizenView(viaLegacy) };
    }
    out.set(r, lookup);
  }
  return out;
}

export function citizenIdOf(lookup: CitizenLookup | undefined): string | null {
  return lookup && lookup.kind !== 'NONE' ? lookup.citizen.citizenId : null;
}

/** The records with the citizen each resolves to: new objects, the inputs are left as they were. */
export function resolveCitizens<R extends LookedUp & { citizenId: string | null }>(
  records: readonly R[],
  lookups: ReadonlyKeyedMap<RecordKey, CitizenLookup>,
): R[] {
  return records.map((r) => (isLive(r) ? { ...r, citizenId: citizenIdOf(lookups.get(r)) } : { ...r, citizenId: null }));
}

/** Whether a record's ID leads nowhere, so that it is searched for candidates. */
export function needsCandidates(r: LookedUp, lookups: ReadonlyKeyedMap<RecordKey, CitizenLookup>): boolean {
  return isLive(r) && unresolvedOutcome(r.person!, lookups.get(r) ?? { kind: 'NONE' }) !== null;
}

/** The blocking keys whose citizens the candidate search of these records reads. */
export function candidateKeysOf(records: readonly LookedUp[], lookups: ReadonlyKeyedMap<RecordKey, CitizenLookup>): string[] {
  const keys = new Set<string>();
  for (const r of records) if (needsCandidates(r, lookups)) for (const k of recordSearchKeys(r.person!)) keys.add(k);
  return [...keys];
}
