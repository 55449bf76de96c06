import type { SyncEventOf } from '../schema-versions';
import type { SourceName } from '../v1/source-name';
import { BUSINESS_EXAMPLES } from './business';
import { INSURANCE_EXAMPLES } from './insurance';
import { LAND_EXAMPLES } from './land';
import { LAND_V2_CO_OWNED_CREATE } from './land-v2';
import { POPULATION_EXAMPLES } from './population';

export * from './citizens';
export * from './population';
export * from './land';
export * from './land-v2';
export * from './insurance';
export * from './business';

/** Every example event per source, all versions (tests iterate this). */
export const EXAMPLE_EVENTS: { readonly [S in SourceName]: readonly SyncEventOf<S>[] } = {
  population: POPULATION_EXAMPLES,
  land: [...LAND_EXAMPLES, LAND_V2_CO_OWNED_CREATE],
  insurance: INSURANCE_EXAMPLES,
  business: BUSINESS_EXAMPLES,
};
