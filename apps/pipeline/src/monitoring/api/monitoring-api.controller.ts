import { Controller, Inject, UseFilters } from '@nestjs/common';
import { CorrectionsRepository } from '@lgsp/corrections';
import { ApiBadRequestResponse, ApiTags } from '@nestjs/swagger';
import { MonitoringQueries } from '@lgsp/monitoring';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Endpoint, plain, QueryOf, ResponseOf, ValidQuery } from './endpoint';
import { ALERTS, CORRECTIONS, DEAD_LETTERS, FIELD_QUALITY, LAG, MATCH_RATES, SERIES, WINDOWS } from './endpoints';
import { ProblemFilter } from './problem';
import { Problem } from './response-schemas';

/** How far back `windows` reads when no `since` is given, per grain. */
const WINDOW_LOOKBACK_MS = { minute: 3_600_000, hour: 86_400_000, day: 31 * 86_400_000 };

/**
 * Thin: each handler's query is validated against its definition (endpoints.ts) and handed to MonitoringQueries;
 * the return types are the definitions' response schemas. Errors are problem+json.
 */
@ApiTags('monitoring')
@ApiBadRequestResponse({
  description: 'Invalid parameters, each named',
  content: { 'application/problem+json': { schema: plain(Problem) as SchemaObject } },
})
@UseFilters(ProblemFilter)
@Controller('api')
export class MonitoringApiController {
  constructor(
    private readonly queries: MonitoringQueries,
    @Inject(CorrectionsRepository) private readonly corrections: CorrectionsRepository,
  ) {}

  @Endpoint(MATCH_RATES)
  matchRates(@ValidQuery() q: QueryOf<typeof MATCH_RATES>): Promise<ResponseOf<typeof MATCH_RATES>> {
    return this.queries.matchRates({ source: q.source, provinceCode: q.province, communeCode: q.commune }, q.groupBy);
  }

  @Endpoint(FIELD_QUALITY)
  fieldQuality(@ValidQuery() q: QueryOf<typeof FIELD_QUALITY>): Promise<ResponseOf<typeof FIELD_QUALITY>> {
    return this.queries.fieldQuality({ source: q.source, provinceCode: q.province });
  }

  @Endpoint(WINDOWS)
  windows(@ValidQuery() q: QueryOf<typeof WINDOWS>): Promise<ResponseOf<typeof WINDOWS>> {
    const since = q.since === undefined ? new Date(Date.now() - WINDOW_LOOKBACK_MS[q.grain]) : new Date(q.since);
    return this.queries.windows(q.grain, since, q.source);
  }

  @Endpoint(LAG)
  lag(@ValidQuery() _q: QueryOf<typeof LAG>): Promise<ResponseOf<typeof LAG>> {
    return this.queries.lag();
  }

  @Endpoint(SERIES)
  series(@ValidQuery() q: QueryOf<typeof SERIES>): Promise<ResponseOf<typeof SERIES>> {
    return this.queries.series(q.minutes);
  }

  @Endpoint(ALERTS)
  alerts(@ValidQuery() q: QueryOf<typeof ALERTS>): Promise<ResponseOf<typeof ALERTS>> {
    return this.queries.alerts(q.state, q.limit);
  }

  @Endpoint(DEAD_LETTERS)
  deadLetters(@ValidQuery() q: QueryOf<typeof DEAD_LETTERS>): Promise<ResponseOf<typeof DEAD_LETTERS>> {
    return this.queries.deadLetters(q.limit, { source: q.source, eventId: q.eventId, traceId: q.traceId, entityId: q.entityId });
  }

  @Endpoint(CORRECTIONS)
  correctionCounts(@ValidQuery() q: QueryOf<typeof CORRECTIONS>): Promise<ResponseOf<typeof CORRECTIONS>> {
    return this.corrections.counts({
      sources: q.source ? [q.source] : undefined,
      provinces: q.province ? [q.province] : undefined,
    });
  }
}
