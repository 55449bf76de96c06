import { CitizenRecord, examples, PersonRef } from '@lgsp/contracts';
import type { CitizenView, RecordToDecide } from '../decide/decision-context';
import type { SectoralRecord, SectoralSource } from '../results/sectoral-records.repository';

/** Fixtures of sectoral records for the unit tests of the reconciliation core. */
let sequence = 0;

export function eventId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function recordOf(
  entityId: string,
  person: PersonRef | null,
  over: Partial<Omit<SectoralRecord, 'person' | 'entityId'>> = {},
): SectoralRecord {
  const n = ++sequence;
  return {
    source: 'land',
    entityId,
    lookupId: person?.citizenId?.trim() || null,
    citizenId: null,
    person,
    active: true,
    deleted: false,
    firstSeen: n,
    decisionSequence: 0,
    duplicateIdentity: person === null ? null : `identity-of-${entityId}`,
    ref: {
      eventId: eventId(n),
      topic: 'lgsp.land.v1',
      partition: 0,
      offset: String(n),
      eventHash: 'h',
      committedAt: '2026-11-30T00:00:00.000Z',
    },
    ...over,
  };
}

export function namingCitizen(entityId: string, citizen: CitizenRecord, over: Partial<SectoralRecord> = {}): SectoralRecord {
  return recordOf(entityId, examples.asPersonRef(citizen), over);
}

export function due(record: SectoralRecord, isNew = false): RecordToDecide {
  return { record, cause: 'record-event', causeEventId: record.ref.eventId, isNew };
}

export function view(citizen: CitizenRecord, version = 1): CitizenView {
  return { ...citizen, version };
}

export type { SectoralSource };
