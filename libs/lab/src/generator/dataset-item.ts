import type { CitizenRecord, EnterpriseRecord, InsuranceRecord, LandParcelRecord } from '@lgsp/contracts';
import { GroundTruth } from './ground-truth';

/** One element of the ordered dataset stream: a registry record, or a sectoral record with its truth. */
export type DatasetItem =
  | { kind: 'citizen'; record: CitizenRecord }
  | { kind: 'land'; record: LandParcelRecord; truth: GroundTruth }
  | { kind: 'insurance'; record: InsuranceRecord; truth: GroundTruth }
  | { kind: 'business'; record: EnterpriseRecord; truth: GroundTruth };

export type SectoralItem = Exclude<DatasetItem, { kind: 'citizen' }>;
