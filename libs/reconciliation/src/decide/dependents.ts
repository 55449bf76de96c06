import { recordSearchKeys, changesTopCandidates } from '@lgsp/domain';
import { recordMap } from '../record-key';
import type { AppliedChanges } from '../registry/citizen-changes';
import type { CitizenStateRow } from '../registry/registry.repository';
import type { SectoralRecord, WaitingRecord } from '../results/sectoral-records.repository';
import type { RecordToDecide } from './decision-context';
import { CANDIDATES_KEPT } from './decide-slice';

/** The blocking keys of the changed citizens, each with the citizens now under it. */
export function newcomersByKey(applied: AppliedChanges): Map<string, CitizenStateRow[]> {
  const changedById = new Map(applied.current.filter((c) => c.record).map((c) => [c.citizenId, c]));
  const out = new Map<string, CitizenStateRow[]>();
  for (const { key, citizenId } of applied.blockingKeys) {
    const list = out.get(key) ?? [];
    list.push(changedById.get(citizenId)!);
    out.set(key, list);
  }
  return out;
}

/**
 * The records a registry change makes due: those naming a changed citizen (by ID or legacy ID),
 * and those still looking for a citizen whose best candidates the changed citizens alter.
 * Scoring the few citizens that changed against each waiting record is cheap; searching again
 * every record that shares a common key (family name and birth year) with any of them is not,
 * and at a million citizens it was most of the registry load.
 */
export function dependentsOf(
  applied: AppliedChanges,
  naming: readonly SectoralRecord[],
  waiting: readonly WaitingRecord[],
): RecordToDecide[] {
  const due = recordMap<RecordToDecide>();
  for (const record of naming) {
    due.set(record, { record, cause: 'registry-change', causeEventId: applied.touchedIds.get(record.lookupId!)!, isNew: false });
  }
  const byKey = newcomersByKey(applied);
  for (const { record, kept } of waiting) {
    if (due.has(record)) continue;
    const newcomers = new Map<string, CitizenStateRow>();
    for (const key of recordSearchKeys(record.person!)) for (const c of byKey.get(key) ?? []) newcomers.set(c.citizenId, c);
    const citizens = [...newcomers.values()];
    const records = citizens.map((c) => c.record!);
    if (!changesTopCandidates(record.person!, kept, records, CANDIDATES_KEPT)) continue;
    due.set(record, { record, cause: 'registry-change', causeEventId: citizens[citizens.length - 1].eventId, isNew: false });
  }
  return due.values();
}
