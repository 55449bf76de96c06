import { Provider } from '@nestjs/common';
import { Pool } from 'pg';
import {
  AlertsRepository,
  DeadLettersRepository,
  MatchMetricsRepository,
  ProgressRepository,
  SnapshotsRepository,
} from '@lgsp/monitoring';
import { PG_POOL } from '@lgsp/runtime';

/** The monitoring repositories, each on the process's pool. */
export const MONITORING_REPOSITORIES: Provider[] = [
  MatchMetricsRepository,
  ProgressRepository,
  SnapshotsRepository,
  AlertsRepository,
  DeadLettersRepository,
].map((repository) => ({ provide: repository, inject: [PG_POOL], useFactory: (pool: Pool) => new repository(pool) }));
