import type { CitizenRecord, PopulationEvent } from '@lgsp/contracts';
import { blockingKeys } from '@lgsp/domain';
import { EventRef } from '../event-ref';
import { CitizenHistoryRow, CitizenStateRow, StoredCitizen } from './registry.repository';

export interface CitizenChange {
  event: PopulationEvent;
  ref: EventRef;
}

export interface LegacyIdPair {
  legacyId: string;
  citizenId: string;
}

export interface BlockingKeyPair {
  key: string;
  citizenId: string;
}

/** What applying a batch of population events does to the registry view. */
export interface AppliedChanges {
  history: CitizenHistoryRow[];
  current: CitizenStateRow[];
  /** Legacy IDs of the changed citizens as they are now (a later claim of an ID takes it over). */
  legacyIds: LegacyIdPair[];
  /** Legacy IDs the changed citizens held before and hold no more. */
  staleLegacyIds: LegacyIdPair[];
  /** Blocking keys of the changed citizens as they are now. */
  blockingKeys: BlockingKeyPair[];
  /** Keys the changed citizens did not have before: the only ones to write. */
  addedBlockingKeys: BlockingKeyPair[];
  /** Keys the changed citizens had before and have no more: the only ones to delete. */
  staleBlockingKeys: BlockingKeyPair[];
  /** Every ID a dependent sectoral record may carry: new IDs, and legacy IDs before and after. */
  touchedIds: Map<string, string>;
}

/**
 * Folds population events, in partition order, onto the stored citizens. Pure: the
 * repository reads before and writes after. Each event adds one history version.
 */
export function applyCitizenChanges(changes: CitizenChange[], stored: Map<string, StoredCitizen>): AppliedChanges {
  const state = new Map<string, CitizenStateRow>();
  const history: CitizenHistoryRow[] = [];
  const touchedIds = new Map<string, string>();
  for (const { event, ref } of changes) {
    const citizenId = event.entityId;
    const previous = state.get(citizenId) ?? fromStored(stored.get(citizenId));
    const record: CitizenRecord | null = event.operation === 'delete' ? null : (event.after as CitizenRecord);
    const next: CitizenStateRow = {
      citizenId,
      legacyId: record?.legacyId ?? null,
      record,
      deleted: record === null,
      version: (previous?.version ?? 0) + 1,
      committedAt: event.committedAt,
      eventId: event.eventId,
    };
    state.set(citizenId, next);
    history.push({ ...next, topic: ref.topic, partition: ref.partition, offset: ref.offset });
    touchedIds.set(citizenId, event.eventId);
    if (previous?.legacyId) touchedIds.set(previous.legacyId, event.eventId);
    if (next.legacyId) touchedIds.set(next.legacyId, event.eventId);
  }
  const current = [...state.values()];
  const keys: BlockingKeyPair[] = [];
  const added: BlockingKeyPair[] = [];
  const stale: BlockingKeyPair[] = [];
  const staleLegacyIds: LegacyIdPair[] = [];
  for (const c of current) {
    // The view holds exactly the keys and legacy ID of each citizen's stored record, so what
    // to delete follows from that record: no index by citizen to maintain on every insert.
    const before = stored.get(c.citizenId);
    const previousKeys = new Set(before?.record ? blockingKeys(before.record) : []);
    const nextKeys = c.record ? blockingKeys(c.record) : [];
    for (const key of nextKeys) {
      keys.push({ key, citizenId: c.citizenId });
      if (!previousKeys.delete(key)) added.push({ key, citizenId: c.citizenId });
    }
    for (const key of previousKeys) stale.push({ key, citizenId: c.citizenId });
    if (before?.legacyId && before.legacyId !== c.legacyId)
      staleLegacyIds.push({ legacyId: before.legacyId, citizenId: c.citizenId });
  }
  return {
    history,
    current,
    legacyIds: current.filter((c) => c.legacyId && !c.deleted).map((c) => ({ legacyId: c.legacyId!, citizenId: c.citizenId })),
    staleLegacyIds,
    blockingKeys: keys,
    addedBlockingKeys: added,
    staleBlockingKeys: stale,
    touchedIds,
  };
}

function fromStored(s: StoredCitizen | undefined): CitizenStateRow | undefined {
  if (!s) return undefined;
  return {
    citizenId: s.citizenId,
    legacyId: s.legacyId,
    record: s.record,
    deleted: s.deleted,
    version: s.version,
    committedAt: '',
    eventId: '',
  };
}
