import { MatchMetrics1732500000000 } from './1732500000000-match-metrics';

export const MONITORING_MIGRATIONS = [MatchMetrics1732500000000];
