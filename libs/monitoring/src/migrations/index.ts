import { MatchMetrics1732500000000 } from './1732500000000-match-metrics';
import { DeadLetterIdentifiers1733100000002 } from './1733100000002-dead-letter-identifiers';

export const MONITORING_MIGRATIONS = [MatchMetrics1732500000000, DeadLetterIdentifiers1733100000002];
