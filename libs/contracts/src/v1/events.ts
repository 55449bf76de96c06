import type { Static } from '@sinclair/typebox';
import { CitizenRecord } from './citizen-record';
import { EnterpriseRecord } from './enterprise-record';
import { InsuranceRecord } from './insurance-record';
import { LandParcelRecord } from './land-parcel-record';
import { syncEventSchema } from './sync-event';

export const PopulationEvent = syncEventSchema('population', CitizenRecord, 'PopulationEvent');
export type PopulationEvent = Static<typeof PopulationEvent>;

export const LandEvent = syncEventSchema('land', LandParcelRecord, 'LandEvent');
export type LandEvent = Static<typeof LandEvent>;

export const InsuranceEvent = syncEventSchema('insurance', InsuranceRecord, 'InsuranceEvent');
export type InsuranceEvent = Static<typeof InsuranceEvent>;

export const BusinessEvent = syncEventSchema('business', EnterpriseRecord, 'BusinessEvent');
export type BusinessEvent = Static<typeof BusinessEvent>;

/** Any version-1 sync event; narrow on `source`. */
export type AnySyncEvent = PopulationEvent | LandEvent | InsuranceEvent | BusinessEvent;
