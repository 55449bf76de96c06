import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { TopicNames } from '@lgsp/contracts';
import { InvalidRuleSet, ruleSetFrom } from '@lgsp/domain';
import { InvalidReplayRequest, replayRequestOf, ReplayAsked, replayReportHtml, ReplayRuns, RunState } from '@lgsp/audit';
import { InvalidRequest, ProblemException, ProblemFilter } from '../monitoring/api/problem';
import { ApiKeyGuard } from '../records/api-key.guard';

export const AUDIT_TOPICS = Symbol('AUDIT_TOPICS');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Audit replays over HTTP: start one (it runs in this process, in the background), follow its
 * progress, cancel it. Thin: the request is checked by replayRequestOf, the run is ReplayRuns'.
 * A replay's decisions name citizens: the same API key as the record endpoints is required.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiSecurity('api-key')
@UseGuards(ApiKeyGuard)
@UseFilters(ProblemFilter)
@Controller('api/audit/replays')
export class AuditReplayController {
  constructor(
    private readonly runs: ReplayRuns,
    @Inject(AUDIT_TOPICS) private readonly topics: TopicNames,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Start a replay: { sources: ["land"], from, to, provinces? } (source commit times, ISO 8601)' })
  async start(@Body() body: (ReplayAsked & { rules?: unknown }) | undefined): Promise<{ runId: string; progress: string }> {
    let request;
    try {
      request = replayRequestOf(body ?? {}, this.topics);
      if (body?.rules !== undefined) request.rules = ruleSetFrom(body.rules);
    } catch (e) {
      if (e instanceof InvalidReplayRequest)
        throw new InvalidRequest([{ name: e.field, reason: e.message.slice(e.field.length + 2) }]);
      if (e instanceof InvalidRuleSet)
        throw new InvalidRequest([{ name: `rules.${e.field}`, reason: e.message.slice(e.field.length + 2) }]);
      throw e;
    }
    const { runId } = this.runs.start(request);
    // Answered once the run has its row: a list asked right after the answer shows it (the dashboard's does, and polls
    // only while it sees a run running).
    await this.runs.state(runId);
    return { runId, progress: `/api/audit/replays/${runId}` };
  }

  @Get()
  @ApiOperation({ summary: 'The latest replays, newest first (at most 50), each with its progress while it runs' })
  async list(): Promise<{ runs: RunState[] }> {
    // The list carries no result: a finished run's changes can be long; GET …/{runId} has them.
    return { runs: (await this.runs.list(50)).map((s) => ({ ...s, result: null })) };
  }

  @Get(':runId')
  @ApiOperation({
    summary: "A replay's status, progress (phase, done, total, rate, ETA) and, once done, its digest and the live one",
  })
  async progress(@Param('runId') runId: string): Promise<RunState> {
    const state = UUID.test(runId) ? await this.runs.state(runId) : null;
    if (state === null) throw notFound(runId);
    return state;
  }

  @Get(':runId/report')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary:
      "A replay's report as HTML: parameters, figures per outcome, province and commune, digest against live, the diff; " +
      'with ?verify=true the decision log verified too (reads the whole log)',
  })
  async report(@Param('runId') runId: string, @Query('verify') verify?: string): Promise<string> {
    const report = UUID.test(runId) ? await this.runs.report(runId, { verify: verify === 'true' }) : null;
    if (report === null) throw notFound(runId);
    return replayReportHtml(report);
  }

  @Post(':runId/resume')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Run a cancelled or failed replay again as a new run (same sources, window, provinces; built-in rules)',
  })
  async resume(@Param('runId') runId: string): Promise<{ runId: string; resumes: string; progress: string }> {
    const resumed = UUID.test(runId) ? await this.runs.resume(runId, this.topics) : null;
    if (resumed === null) throw notFound(runId);
    if ('refused' in resumed)
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'Replay not resumable',
        `${resumed.refused}: only a cancelled or failed one is`,
      );
    return { runId: resumed.runId, resumes: runId, progress: `/api/audit/replays/${resumed.runId}` };
  }

  @Post(':runId/cancel')
  @ApiOperation({ summary: 'Cancel a running replay; its decisions so far stay under the run id, status "cancelled"' })
  async cancel(@Param('runId') runId: string): Promise<RunState> {
    if (!UUID.test(runId)) throw notFound(runId);
    if (!(await this.runs.cancel(runId))) {
      const state = await this.runs.state(runId);
      if (state === null) throw notFound(runId);
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'Replay not running',
        `replay ${runId} is ${state.run.status}: only a running one is cancelled`,
      );
    }
    return (await this.runs.state(runId))!;
  }
}

function notFound(runId: string): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'Replay not found',
    `no replay has the id ${runId.slice(0, 40)}: start one with POST /api/audit/replays`,
  );
}
