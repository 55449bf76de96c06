import { recordMap } from '../record-key';
import type { DuplicateGroupKey, SectoralRecord } from '../results/sectoral-records.repository';
import type { GroupMember, RecordToDecide } from './decision-context';

export function groupKeyOf(r: Pick<SectoralRecord, 'citizenId' | 'duplicateIdentity' | 'deleted'>): DuplicateGroupKey | null {
  return r.deleted || r.citizenId === null || r.duplicateIdentity === null
    ? null
    : { citizenId: r.citizenId, identity: r.duplicateIdentity };
}

/**
 * The order that decides which member is the original: the record naming the citizen by the
 * current ID first (a record naming them by a legacy number travels on another partition, so
 * arrival order between the two means nothing), then the one seen first.
 */
export function rankMembers(members: readonly GroupMember[], citizenId: string): GroupMember[] {
  return [...new Map(members.map((m) => [m.entityId, m])).values()].sort(
    (a, b) => Number(a.lookupId !== citizenId) - Number(b.lookupId !== citizenId) || a.firstSeen - b.firstSeen,
  );
}

const same = (a: DuplicateGroupKey | null, b: DuplicateGroupKey | null) =>
  a !== null && b !== null && a.citizenId === b.citizenId && a.identity === b.identity;

interface StoredChange {
  record: SectoralRecord;
  previousGroup: DuplicateGroupKey | null;
}

/** The groups a slice's stored records joined or left: only those can change for the other members. */
export function changedGroups(stored: readonly StoredChange[]): DuplicateGroupKey[] {
  const out: DuplicateGroupKey[] = [];
  for (const { record, previousGroup } of stored) {
    const now = groupKeyOf(record);
    if (same(now, previousGroup)) continue;
    if (now !== null) out.push(now);
    if (previousGroup !== null) out.push(previousGroup);
  }
  return out;
}

const member = (r: SectoralRecord): GroupMember => ({ entityId: r.entityId, lookupId: r.lookupId, firstSeen: r.firstSeen });

/**
 * The other members a slice's joins and departures decide again. When the original changes,
 * every member names another original: all of them. Otherwise only the original, whose list of
 * duplicates changed; the duplicates' own decisions still hold (they name the same original).
 * This keeps a group's decisions linear in its joins, not quadratic.
 */
export function groupMatesToDecide(mates: readonly SectoralRecord[], stored: readonly StoredChange[]): RecordToDecide[] {
  const due = recordMap<RecordToDecide>();
  for (const group of changedGroups(stored)) {
    const inGroup = mates.filter((m) => same(groupKeyOf(m), group));
    if (inGroup.length === 0) continue;
    const joined = stored.filter((s) => same(groupKeyOf(s.record), group));
    const before = [...inGroup.map(member), ...stored.filter((s) => same(s.previousGroup, group)).map((s) => member(s.record))];
    const after = [...inGroup.map(member), ...joined.map((s) => member(s.record))];
    const originalBefore = rankMembers(before, group.citizenId)[0]?.entityId;
    const originalAfter = rankMembers(after, group.citizenId)[0]?.entityId;
    const cause = stored.find((s) => same(groupKeyOf(s.record), group) || same(s.previousGroup, group))!.record.ref.eventId;
    for (const mate of inGroup) {
      if (originalBefore !== originalAfter || mate.entityId === originalAfter) {
        due.set(mate, { record: mate, cause: 'duplicate-group', causeEventId: cause, isNew: false });
      }
    }
  }
  return due.values();
}
