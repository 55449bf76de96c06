import { CitizenFactory } from './citizen';
import { DirtRates } from './dirt-kinds';
import { EnterpriseCodes } from './enterprise-code';
import { Permutation } from './permutation';
import { PersonRefWriter } from './person-ref-writer';

/** Everything the per-source generators share for one dataset. */
export interface SectoralContext {
  seed: number;
  rates: DirtRates;
  citizens: CitizenFactory;
  writer: PersonRefWriter;
  /** Probability that a record of a deceased citizen is still present (DECEASED_ACTIVE). */
  deceasedKeep: number;
  insuranceNumbers: Permutation;
  enterpriseCodes: EnterpriseCodes;
}
