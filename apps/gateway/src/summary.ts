import { Controller, Get, Inject, Req, SetMetadata, UseGuards } from '@nestjs/common';
import type { StoredCredential, SubmissionCounts, SubmissionsRepository } from '@lgsp/access';
import { SOURCE_NAMES, SourceName, TopicNames } from '@lgsp/contracts';
import { AdmissionGuard } from './admission.guard';
import { GatewayKeyGuard, NEEDS_SCOPE } from './gateway-key.guard';
import { PipelineLag } from './pipeline-lag';

export interface SystemSummary extends SubmissionCounts {
  /** MATCHED among the reconciled records, 0..1; null while none is reconciled. */
  matchRate: number | null;
  /** The pipeline's offset lag on the topic of each source the system may write (events not processed yet). */
  lag: Partial<Record<SourceName, number>>;
}

/** One system's own summary: its submissions, what became of their records, and how far behind the pipeline is. */
export class SummaryService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly lag: PipelineLag,
    private readonly topics: TopicNames,
  ) {}

  async of(credential: StoredCredential): Promise<SystemSummary> {
    const sources = (credential.sources ?? SOURCE_NAMES) as readonly SourceName[];
    const [counts, lags] = await Promise.all([
      this.submissions.counts(credential.id),
      Promise.all(sources.map(async (s) => [s, await this.lag.of(this.topics.sources[s])] as const)),
    ]);
    return {
      ...counts,
      matchRate: counts.reconciled === 0 ? null : counts.matched / counts.reconciled,
      lag: Object.fromEntries(lags),
    };
  }
}

@Controller('v1')
@UseGuards(GatewayKeyGuard, AdmissionGuard)
export class SummaryController {
  constructor(@Inject(SummaryService) private readonly summary: SummaryService) {}

  @Get('summary')
  @SetMetadata(NEEDS_SCOPE, 'gateway:read')
  of(@Req() req: { credential: StoredCredential }): Promise<SystemSummary> {
    return this.summary.of(req.credential);
  }
}
