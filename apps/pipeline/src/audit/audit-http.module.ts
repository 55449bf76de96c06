import { DynamicModule, Inject, Module, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import { archiveDirOf, EventArchive, ReplayRuns } from '@lgsp/audit';
import type { Settings } from '@lgsp/config';
import type { TopicNames } from '@lgsp/contracts';
import { EVENT_TRANSPORT, PG_POOL, SETTINGS } from '@lgsp/runtime';
import type { EventTransport } from '@lgsp/transport';
import { ApiKeyGuard, AUTHENTICATOR } from '../records/api-key.guard';
import { AUDIT_TOPICS, AuditReplayController } from './audit-replay.controller';

/** Audit replays over HTTP (@lgsp/audit), behind the record endpoints' API keys, on this process's pool and transport. */
@Module({})
export class AuditHttpModule implements OnModuleDestroy {
  constructor(@Inject(ReplayRuns) private readonly runs: ReplayRuns) {}

  static register(topics: TopicNames): DynamicModule {
    return {
      module: AuditHttpModule,
      controllers: [AuditReplayController],
      providers: [
        { provide: AUDIT_TOPICS, useValue: topics },
        {
          provide: ReplayRuns,
          inject: [PG_POOL, EVENT_TRANSPORT, SETTINGS],
          useFactory: (pool: Pool, transport: EventTransport, settings: Settings) =>
            new ReplayRuns(pool, transport, new EventArchive(archiveDirOf(settings))),
        },
        {
          provide: AUTHENTICATOR,
          inject: [PG_POOL],
          useFactory: (pool: Pool) => new Credentials(new CredentialsRepository(pool)),
        },
        ApiKeyGuard,
      ],
    };
  }

  /** A replay still running when the process stops is cancelled (its row says so), not left "running". */
  onModuleDestroy(): Promise<void> {
    return this.runs.close();
  }
}
