import type { LandEvent as LandEventV2 } from '../v2/events';
import { asPersonRef, NGUYEN_VAN_HUNG, TRAN_THI_MAI } from './citizens';

/** A jointly held parcel, only expressible from land schema v2 on. */
export const LAND_V2_CO_OWNED_CREATE: LandEventV2 = {
  eventId: '06e6a7af-5e0c-41f3-aff9-86a935af0c91',
  source: 'land',
  operation: 'create',
  entityId: '24133.12.90',
  before: null,
  after: {
    parcelId: '24133.12.90',
    communeCode: '24133',
    mapSheet: 12,
    parcelNumber: 90,
    areaM2: 98.2,
    landUse: 'ODT',
    landUseLabel: 'Đất ở tại đô thị',
    holder: asPersonRef(NGUYEN_VAN_HUNG),
    holders: [asPersonRef(NGUYEN_VAN_HUNG), asPersonRef(TRAN_THI_MAI)],
    registeredAt: '2025-10-20',
  },
  committedAt: '2025-10-20T10:00:00+07:00',
  schemaVersion: 2,
  traceId: 'b7ad6b7169203331b7ad6b7169203331',
};
