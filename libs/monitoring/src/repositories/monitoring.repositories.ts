import { Provider } from '@nestjs/common';
import { Pool } from 'pg';
import { MONITORING_POOL } from '../monitoring.options';
import { AlertsRepository } from './alerts.repository';
import { DeadLettersRepository } from './dead-letters.repository';
import { MatchMetricsRepository } from './match-metrics.repository';
import { ProgressRepository } from './progress.repository';
import { SnapshotsRepository } from './snapshots.repository';

/** The monitoring repositories, each on the host's pool. */
export const MONITORING_REPOSITORIES: Provider[] = [
  MatchMetricsRepository,
  ProgressRepository,
  SnapshotsRepository,
  AlertsRepository,
  DeadLettersRepository,
].map((repository) => ({ provide: repository, inject: [MONITORING_POOL], useFactory: (pool: Pool) => new repository(pool) }));
