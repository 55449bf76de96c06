import type { Static } from '@sinclair/typebox';
import { syncEventSchema } from '../v1/sync-event';
import { LandParcelRecord } from './land-parcel-record';

export const LandEvent = syncEventSchema('land', LandParcelRecord, 'LandEvent (v2)');
export type LandEvent = Static<typeof LandEvent>;
