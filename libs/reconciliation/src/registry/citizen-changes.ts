import type { CitizenRecord, PopulationEvent } from '@lgsp/contracts';
import { blockingKeys } from '@lgsp/domain';
import { EventRef } from '../event-ref';
import { CitizenHistoryRow, CitizenStateRow, StoredCitizen } from './registry.repository';

export interface CitizenChange {
  event: PopulationEvent;
  ref: EventRef;
}

/** What applying a batch of population events does to the registry view. */
export interface AppliedChanges {
  history: CitizenHistoryRow[];
  current: CitizenStateRow[];
  legacyIds: { legacyId: string; citizenId: string }[];
  blockingKeys: { key: string; citizenId: string }[];
  /** Every ID a dependent sectoral record may carry: new IDs, and legacy IDs before and after. */
  touchedIds: Map<string, string>;
  /** Blocking keys of the citizens as they are now, mapped to the event that made them so. */
  newKeys: Map<string, string>;
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
  const newKeys = new Map<string, string>();
  const keys: { key: string; citizenId: string }[] = [];
  for (const c of current) {
    if (!c.record) continue;
    for (const key of blockingKeys(c.record)) {
      keys.push({ key, citizenId: c.citizenId });
      newKeys.set(key, c.eventId);
    }
  }
  return {
    history,
    current,
    legacyIds: current.filter((c) => c.legacyId && !c.deleted).map((c) => ({ legacyId: c.legacyId!, citizenId: c.citizenId })),
    blockingKeys: keys,
    touchedIds,
    newKeys,
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
