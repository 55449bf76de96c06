import { RegistryAndResults1732400000000 } from './1732400000000-registry-and-results';
import { RegistryByCitizen1732600000000 } from './1732600000000-registry-by-citizen';
import { WriteOnlyIndexes1732700000000 } from './1732700000000-write-only-indexes';
import { DecisionSequence1732800000000 } from './1732800000000-decision-sequence';
import { DuplicateIdentity1732900000000 } from './1732900000000-duplicate-identity';
import { RecordLookups1733100000000 } from './1733100000000-record-lookups';
import { DecisionsJsonAsWritten1733400000000 } from './1733400000000-decisions-json-as-written';

export const RECONCILIATION_MIGRATIONS = [
  RegistryAndResults1732400000000,
  RegistryByCitizen1732600000000,
  WriteOnlyIndexes1732700000000,
  DecisionSequence1732800000000,
  DuplicateIdentity1732900000000,
  RecordLookups1733100000000,
  DecisionsJsonAsWritten1733400000000,
];
