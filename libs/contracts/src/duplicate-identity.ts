import { foldDiacritics } from '@lgsp/domain';
import type { SectoralRecords } from './sectoral-person';
import type { InsuranceRecord } from './v1/insurance-record';
import type { EnterpriseRecord } from './v1/enterprise-record';
import type { LandParcelRecord } from './v1/land-parcel-record';
import type { SectoralSource } from './v1/source-name';

/**
 * What makes two records of one source the same thing registered twice, apart from the
 * citizen they name (which is only known once the record is resolved against the registry).
 * Two records are duplicates when their identities are equal AND they resolve to the same
 * citizen; null means the record cannot be anyone's duplicate.
 *
 * - land: the same parcel registered again under another map sheet and number: same commune,
 *   area and land use (one person commonly holds several parcels: that alone is no duplicate);
 * - insurance: one person has one social-insurance number for life, so every active card of a
 *   citizen shares one identity (an expired card is history, not a duplicate);
 * - business: the same enterprise registered twice: the same name, folded (one person may
 *   represent several enterprises: that alone is no duplicate).
 */
export function duplicateIdentityOf<S extends SectoralSource>(source: S, record: SectoralRecords[S]): string | null {
  switch (source) {
    case 'land': {
      const parcel = record as LandParcelRecord;
      return `${parcel.communeCode}|${parcel.areaM2.toFixed(1)}|${parcel.landUse}`;
    }
    case 'insurance':
      return (record as InsuranceRecord).status === 'ACTIVE' ? 'ACTIVE' : null;
    case 'business':
      return foldedEnterpriseName((record as EnterpriseRecord).name);
  }
  return null;
}

/** Case, spacing, diacritics and đ folded: "Công ty TNHH  Hòa Bình" and "CONG TY TNHH HOA BINH" are one name. */
function foldedEnterpriseName(name: string): string {
  return foldDiacritics(name.normalize('NFC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
