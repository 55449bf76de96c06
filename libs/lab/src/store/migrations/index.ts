import { BusinessSource1732310300000 } from './1732310300000-business-source';
import { EvaluationGroundTruth1732310400000 } from './1732310400000-evaluation-ground-truth';
import { InsuranceSource1732310200000 } from './1732310200000-insurance-source';
import { LandSource1732310100000 } from './1732310100000-land-source';
import { PopulationSource1732310000000 } from './1732310000000-population-source';

/**
 * The lab's tables: the mock national databases with their outboxes, and the generator's
 * ground truth. Applied only by the lab's commands (generate, eval, bench), on top of the
 * product's migrations, never by `lgsp start`: a production database holds none of them.
 */
export const LAB_MIGRATIONS = [
  PopulationSource1732310000000,
  LandSource1732310100000,
  InsuranceSource1732310200000,
  BusinessSource1732310300000,
  EvaluationGroundTruth1732310400000,
];
