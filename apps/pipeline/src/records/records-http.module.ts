import { Module } from '@nestjs/common';
import { Pool } from 'pg';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import { RecordsRepository, RecordStatusService } from '@lgsp/records';
import { PG_POOL } from '@lgsp/runtime';
import { ApiKeyGuard, AUTHENTICATOR } from './api-key.guard';
import { RecordsController } from './records.controller';

/** Record status over HTTP (@lgsp/records), behind API keys (@lgsp/access), on this process's pool. */
@Module({
  controllers: [RecordsController],
  providers: [
    {
      provide: RecordStatusService,
      inject: [PG_POOL],
      useFactory: (pool: Pool) => new RecordStatusService(new RecordsRepository(pool)),
    },
    { provide: AUTHENTICATOR, inject: [PG_POOL], useFactory: (pool: Pool) => new Credentials(new CredentialsRepository(pool)) },
    ApiKeyGuard,
  ],
})
export class RecordsHttpModule {}
