import type { LandEvent } from '../v1/events';
import type { LandParcelRecord } from '../v1/land-parcel-record';
import { asPersonRef, NGUYEN_VAN_HUNG, NGUYEN_VAN_HUNG_AS_RECORDED_IN_2012, TRAN_THI_MAI } from './citizens';

const URBAN_HOUSING_PLOT: LandParcelRecord = {
  parcelId: '24133.12.87',
  communeCode: '24133',
  mapSheet: 12,
  parcelNumber: 87,
  areaM2: 126.5,
  landUse: 'ODT',
  holder: asPersonRef(NGUYEN_VAN_HUNG),
  registeredAt: '2012-05-18',
};

const COFFEE_GARDEN: LandParcelRecord = {
  parcelId: '24181.7.312',
  communeCode: '24181',
  mapSheet: 7,
  parcelNumber: 312,
  areaM2: 5230,
  landUse: 'CLN',
  holder: NGUYEN_VAN_HUNG_AS_RECORDED_IN_2012,
  registeredAt: '2009-11-03',
};

const RICE_FIELD: LandParcelRecord = {
  parcelId: '12460.4.1051',
  communeCode: '12460',
  mapSheet: 4,
  parcelNumber: 1051,
  areaM2: 720,
  landUse: 'LUC',
  holder: asPersonRef(TRAN_THI_MAI),
  registeredAt: '2016-03-22',
};

/** Snapshot of a parcel whose holder was recorded long ago: dirty but well-formed. */
export const LAND_SNAPSHOT_DIRTY_HOLDER: LandEvent = {
  eventId: 'e1794802-1fcc-4b70-9702-ab3c23322fd2',
  source: 'land',
  operation: 'snapshot',
  entityId: COFFEE_GARDEN.parcelId,
  before: null,
  after: COFFEE_GARDEN,
  committedAt: '2025-07-01T00:00:00+07:00',
  schemaVersion: 1,
  traceId: '396003a33245a3c400fb38f6e7dc0955',
};

export const LAND_CREATE: LandEvent = {
  eventId: '71695884-5192-4e71-a981-417c90b61539',
  source: 'land',
  operation: 'create',
  entityId: URBAN_HOUSING_PLOT.parcelId,
  before: null,
  after: URBAN_HOUSING_PLOT,
  committedAt: '2025-07-15T10:22:03+07:00',
  schemaVersion: 1,
  traceId: '38b747e46d0c0cc5c8a46c5056d00561',
};

/** Re-measurement: the area changes, the holder does not. */
export const LAND_UPDATE: LandEvent = {
  eventId: '3ff7e488-dd28-4d61-a7b9-01738e592617',
  source: 'land',
  operation: 'update',
  entityId: URBAN_HOUSING_PLOT.parcelId,
  before: URBAN_HOUSING_PLOT,
  after: { ...URBAN_HOUSING_PLOT, areaM2: 124.8 },
  committedAt: '2025-08-03T14:05:40+07:00',
  schemaVersion: 1,
  traceId: '5b27550a53bfda92c2f529b20cdf5c54',
};

/** Parcel merged into another: it disappears, so only `before` is left. */
export const LAND_DELETE: LandEvent = {
  eventId: '90dd3266-2c12-4dbc-b9d5-4cdeef26bfbc',
  source: 'land',
  operation: 'delete',
  entityId: RICE_FIELD.parcelId,
  before: RICE_FIELD,
  after: null,
  committedAt: '2025-09-10T16:30:00+07:00',
  schemaVersion: 1,
  traceId: 'c61078ad67eaa93ad99f1d417d4f08af',
};

export const LAND_EXAMPLES: readonly LandEvent[] = [LAND_SNAPSHOT_DIRTY_HOLDER, LAND_CREATE, LAND_UPDATE, LAND_DELETE];
