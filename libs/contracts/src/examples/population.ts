import type { PopulationEvent } from '../v1/events';
import { LE_HOANG_ANH, NGUYEN_VAN_HUNG, PHAM_THI_THUY_HANG, TRAN_THI_MAI } from './citizens';

export const POPULATION_SNAPSHOT: PopulationEvent = {
  eventId: '1e51a3f9-a7c2-479d-a622-ac692dbc75ee',
  source: 'population',
  operation: 'snapshot',
  entityId: NGUYEN_VAN_HUNG.citizenId,
  before: null,
  after: NGUYEN_VAN_HUNG,
  committedAt: '2025-07-01T00:00:00+07:00',
  schemaVersion: 1,
  traceId: '789d4cf854eccd87a3ce52fb98bac087',
};

export const POPULATION_CREATE: PopulationEvent = {
  eventId: 'd2b07e9d-58ed-40e0-bd21-32639e096342',
  source: 'population',
  operation: 'create',
  entityId: LE_HOANG_ANH.citizenId,
  before: null,
  after: LE_HOANG_ANH,
  committedAt: '2025-08-14T09:12:31.482+07:00',
  schemaVersion: 1,
  traceId: 'd0e1ddf066d52141d69c876f06af9837',
};

/** A change of residence after the 2025 merger: Thái Bình commune now in Hưng Yên. */
export const POPULATION_UPDATE: PopulationEvent = {
  eventId: '45e7cb7b-1903-4d21-83bc-97b321a725f5',
  source: 'population',
  operation: 'update',
  entityId: TRAN_THI_MAI.citizenId,
  before: { ...TRAN_THI_MAI, provinceCode: '33', communeCode: '12445', address: 'Thôn Tây, xã Kiến Xương, tỉnh Hưng Yên' },
  after: TRAN_THI_MAI,
  committedAt: '2025-09-02T15:40:07Z',
  schemaVersion: 1,
  traceId: '4221fb50582257b9f719bf21293457ce',
};

/** A death is an update of status, not a delete: the citizen stays in the registry. */
export const POPULATION_DECEASED_UPDATE: PopulationEvent = {
  eventId: '15c64b18-2fc2-425c-82c3-93151d06369b',
  source: 'population',
  operation: 'update',
  entityId: PHAM_THI_THUY_HANG.citizenId,
  before: { ...PHAM_THI_THUY_HANG, status: 'ALIVE', dateOfDeath: null },
  after: PHAM_THI_THUY_HANG,
  committedAt: '2024-12-06T08:01:55+07:00',
  schemaVersion: 1,
  traceId: '8bc316d8cba8db3dd03a8d4363b44746',
};

export const POPULATION_EXAMPLES: readonly PopulationEvent[] = [
  POPULATION_SNAPSHOT,
  POPULATION_CREATE,
  POPULATION_UPDATE,
  POPULATION_DECEASED_UPDATE,
];
