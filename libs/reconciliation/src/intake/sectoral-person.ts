import type { EnterpriseRecord, InsuranceRecord, LandParcelRecord, PersonRef } from '@lgsp/contracts';
import { SectoralSource } from '../results/sectoral-records.repository';

type SectoralPayload = LandParcelRecord | InsuranceRecord | EnterpriseRecord;

/** The person a sectoral record names: the land-use-right holder, the insured, the legal representative. */
export function personOf(source: SectoralSource, record: SectoralPayload): PersonRef {
  switch (source) {
    case 'land':
      return (record as LandParcelRecord).holder;
    case 'insurance':
      return (record as InsuranceRecord).holder;
    case 'business':
      return (record as EnterpriseRecord).legalRepresentative;
  }
}

/** Whether the record is still in force: an expired insurance card of a dead person is history, not a finding. */
export function isActive(source: SectoralSource, record: SectoralPayload): boolean {
  return source === 'insurance' ? (record as InsuranceRecord).status === 'ACTIVE' : true;
}

export function lookupIdOf(person: PersonRef): string | null {
  const id = person.citizenId?.trim();
  return id ? id : null;
}
