import type { CitizenRecord } from '@lgsp/contracts';
import { blockingKeys } from '@lgsp/domain';
import type { StoredCitizen } from '@lgsp/reconciliation';

/** One state of a citizen from registry.citizen_history: valid from the source commit time of its event. */
export interface CitizenState {
  citizenId: string;
  version: number;
  /** Milliseconds since the epoch. */
  validFrom: number;
  /** null: the citizen was deleted from the registry at validFrom. */
  record: CitizenRecord | null;
}

/** The live candidate search caps each blocking key at this many citizens (RegistryRepository.candidatesByKeys). */
export const CANDIDATES_PER_KEY = 40;

/**
 * The registry as it stood at any past time, built from its history. Pure and in memory: a replay
 * asks it once per event, and the same history gives the same answers. It answers the three
 * questions the live loader asks of the current tables (citizens by ID, legacy IDs, citizens per
 * blocking key), each "as of" a time, in the same way: a legacy ID belongs to its latest claimant,
 * a key lists the lowest citizen IDs first, deleted citizens are not candidates.
 */
export class AsOfRegistry {
  /** Per citizen, its states by ascending validFrom (then version). */
  private readonly states = new Map<string, CitizenState[]>();
  /** Every citizen that ever had a legacy ID or blocking key, in any state (filtered by time on use). */
  private readonly byLegacy = new Map<string, Set<string>>();
  private readonly byKey = new Map<string, Set<string>>();

  constructor(history: Iterable<CitizenState>) {
    for (const s of history) {
      const list = this.states.get(s.citizenId) ?? [];
      this.states.set(s.citizenId, list);
      list.push(s);
      if (s.record === null) continue;
      if (s.record.legacyId) addTo(this.byLegacy, s.record.legacyId, s.citizenId);
      for (const key of blockingKeys(s.record)) addTo(this.byKey, key, s.citizenId);
    }
    for (const list of this.states.values()) list.sort((a, b) => a.validFrom - b.validFrom || a.version - b.version);
    this.firstSeen = [...this.states.values()].map((list) => list[0].validFrom).sort((a, b) => a - b);
  }

  /** When each citizen entered the registry, ascending (sizeAt). */
  private readonly firstSeen: number[];

  /**
   * How many citizens the registry held at `at`, deleted ones included, as the live loader's estimate
   * counts them: the prior of a decision that has no live twin to take its recorded size from.
   */
  sizeAt(at: number): number {
    let lo = 0;
    let hi = this.firstSeen.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.firstSeen[mid] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get size(): number {
    return this.states.size;
  }

  /** The citizen's state at `at` (the latest with validFrom ≤ at), or undefined before their first. */
  stateAt(citizenId: string, at: number): CitizenState | undefined {
    const list = this.states.get(citizenId);
    if (list === undefined) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].validFrom <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : list[found];
  }

  /** As RegistryRepository.findCurrent, at `at`. */
  citizensAt(citizenIds: readonly string[], at: number): Map<string, StoredCitizen> {
    const out = new Map<string, StoredCitizen>();
    for (const id of citizenIds) {
      const s = this.stateAt(id, at);
      if (s !== undefined) out.set(id, storedOf(s));
    }
    return out;
  }

  /** As RegistryRepository.resolveLegacyIds, at `at`: the citizen that claimed the legacy ID last. */
  legacyIdsAt(legacyIds: readonly string[], at: number): Map<string, string> {
    const out = new Map<string, string>();
    for (const legacyId of legacyIds) {
      let best: CitizenState | undefined;
      for (const citizenId of this.byLegacy.get(legacyId) ?? []) {
        const s = this.stateAt(citizenId, at);
        if (s?.record?.legacyId !== legacyId) continue;
        if (best === undefined || s.validFrom > best.validFrom) best = s;
      }
      if (best !== undefined) out.set(legacyId, best.citizenId);
    }
    return out;
  }

  /** As RegistryRepository.candidatesByKeys, at `at`. */
  candidatesAt(keys: readonly string[], at: number, perKey = CANDIDATES_PER_KEY): Map<string, StoredCitizen[]> {
    const out = new Map<string, StoredCitizen[]>();
    for (const key of keys) {
      const holders: StoredCitizen[] = [];
      for (const citizenId of [...(this.byKey.get(key) ?? [])].sort()) {
        const s = this.stateAt(citizenId, at);
        if (s?.record && blockingKeys(s.record).includes(key)) holders.push(storedOf(s));
        if (holders.length === perKey) break;
      }
      if (holders.length > 0) out.set(key, holders);
    }
    return out;
  }
}

function addTo(index: Map<string, Set<string>>, key: string, citizenId: string): void {
  const set = index.get(key) ?? new Set<string>();
  index.set(key, set);
  set.add(citizenId);
}

function storedOf(s: CitizenState): StoredCitizen {
  return {
    citizenId: s.citizenId,
    legacyId: s.record?.legacyId ?? null,
    record: s.record,
    deleted: s.record === null,
    version: s.version,
  };
}
