import type { EnterpriseRecord } from './v1/enterprise-record';
import type { InsuranceRecord } from './v1/insurance-record';
import type { LandParcelRecord } from './v1/land-parcel-record';
import type { PersonRef } from './v1/person-ref';
import type { SectoralSource, SourceName } from './v1/source-name';
import { SECTORAL_SOURCES } from './v1/source-name';

/** The record each sectoral source carries. */
export interface SectoralRecords {
  land: LandParcelRecord;
  insurance: InsuranceRecord;
  business: EnterpriseRecord;
}

/** Where each sectoral record names its person: the land-use-right holder, the insured, the legal representative. */
export const PERSON_FIELD = {
  land: 'holder',
  insurance: 'holder',
  business: 'legalRepresentative',
} as const satisfies { [S in SectoralSource]: keyof SectoralRecords[S] };

export function isSectoral(source: SourceName): source is SectoralSource {
  return (SECTORAL_SOURCES as readonly string[]).includes(source);
}

/** The person a sectoral record names. */
export function personOf<S extends SectoralSource>(source: S, record: SectoralRecords[S]): PersonRef {
  return (record as Record<string, unknown>)[PERSON_FIELD[source]] as PersonRef;
}

/** Whether the record is still in force: an expired insurance card of a dead person is history, not a finding. */
export function isActive<S extends SectoralSource>(source: S, record: SectoralRecords[S]): boolean {
  return source === 'insurance' ? (record as InsuranceRecord).status === 'ACTIVE' : true;
}

/** The citizen ID a person reference gives to look up in the registry, or null when it gives none. */
export function lookupIdOf(person: PersonRef): string | null {
  const id = person.citizenId?.trim();
  return id ? id : null;
}
