import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { WINDOW_GRAINS } from '@lgsp/monitoring';
import { MonitoringQueries } from '../monitoring-queries.service';
import { ProblemFilter } from './problem';
import { integer, oneOf, optionalPattern, optionalTimestamp, parseQuery } from './query';
import { PROBLEM_SCHEMA, SCHEMAS } from './schemas';

const SECTORAL_SOURCES = ['land', 'insurance', 'business'] as const;
const ALL_SOURCES = ['population', ...SECTORAL_SOURCES] as const;
const PROVINCE = optionalPattern(/^\d{2}$/, 'a 2-digit province code (since 1 July 2025)');
const COMMUNE = optionalPattern(/^\d{5}$/, 'a 5-digit commune code');
type Query = Record<string, unknown>;

/** Thin: validates the query and hands it to MonitoringQueries. Errors are problem+json. */
@ApiTags('monitoring')
@ApiBadRequestResponse({
  description: 'Invalid parameters, each named',
  content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
})
@UseFilters(ProblemFilter)
@Controller('api')
export class MonitoringApiController {
  constructor(private readonly queries: MonitoringQueries) {}

  @Get('match-rates')
  @ApiOperation({ summary: 'Match rates (MATCHED / all current results) per source, province or commune, with outcome counts' })
  @ApiQuery({ name: 'source', required: false, enum: SECTORAL_SOURCES })
  @ApiQuery({ name: 'province', required: false, description: '2-digit province code' })
  @ApiQuery({ name: 'commune', required: false, description: '5-digit commune code' })
  @ApiQuery({ name: 'groupBy', required: false, enum: ['source', 'province', 'commune'], description: 'default source' })
  @ApiOkResponse({ schema: { type: 'array', items: SCHEMAS.matchRate } })
  matchRates(@Query() query: Query) {
    const q = parseQuery(query, {
      source: oneOf(SECTORAL_SOURCES),
      province: PROVINCE,
      commune: COMMUNE,
      groupBy: oneOf(['source', 'province', 'commune'] as const, 'source'),
    });
    return this.queries.matchRates({ source: q.source, provinceCode: q.province, communeCode: q.commune }, q.groupBy!);
  }

  @Get('field-quality')
  @ApiOperation({ summary: 'Completeness (no MISSING) and validity (no difference) of each field, per source' })
  @ApiQuery({ name: 'source', required: false, enum: SECTORAL_SOURCES })
  @ApiQuery({ name: 'province', required: false, description: '2-digit province code' })
  @ApiOkResponse({ schema: { type: 'array', items: SCHEMAS.fieldQuality } })
  fieldQuality(@Query() query: Query) {
    const q = parseQuery(query, { source: oneOf(SECTORAL_SOURCES), province: PROVINCE });
    return this.queries.fieldQuality({ source: q.source, provinceCode: q.province });
  }

  @Get('windows')
  @ApiOperation({ summary: 'Decisions per minute, hour or day (Vietnamese calendar days) and outcome' })
  @ApiQuery({ name: 'grain', required: false, enum: WINDOW_GRAINS, description: 'default minute' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601; default one hour, day or month ago by grain' })
  @ApiQuery({ name: 'source', required: false, enum: SECTORAL_SOURCES })
  @ApiOkResponse({ schema: { type: 'array', items: SCHEMAS.window } })
  windows(@Query() query: Query) {
    const q = parseQuery(query, {
      grain: oneOf(WINDOW_GRAINS, 'minute'),
      since: optionalTimestamp(),
      source: oneOf(SECTORAL_SOURCES),
    });
    const back = { minute: 3_600_000, hour: 86_400_000, day: 31 * 86_400_000 }[q.grain!];
    return this.queries.windows(q.grain!, q.since ?? new Date(Date.now() - back), q.source);
  }

  @Get('lag')
  @ApiOperation({
    summary: 'Sync lag now, per source and partition: offset lag, event-time lag, throughput, dead letters, latency p50/p95/p99',
  })
  @ApiOkResponse({ schema: SCHEMAS.snapshot })
  lag(@Query() query: Query) {
    parseQuery(query, {});
    return this.queries.lag();
  }

  @Get('series')
  @ApiOperation({ summary: 'Lag, throughput and match rate per source over time (from the stored snapshots)' })
  @ApiQuery({ name: 'minutes', required: false, description: '1 to 2880, default 15' })
  @ApiOkResponse({ schema: { type: 'array', items: SCHEMAS.seriesPoint } })
  series(@Query() query: Query) {
    return this.queries.series(parseQuery(query, { minutes: integer(1, 2880, 15) }).minutes);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Alerts: open ones, or all including cleared' })
  @ApiQuery({ name: 'state', required: false, enum: ['open', 'all'], description: 'default open' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  @ApiOkResponse({ schema: { type: 'array', items: SCHEMAS.alert } })
  alerts(@Query() query: Query) {
    const q = parseQuery(query, { state: oneOf(['open', 'all'] as const, 'open'), limit: integer(1, 1000, 100) });
    return this.queries.alerts(q.state!, q.limit);
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'The dead-letter queue, newest first: origin and reason (JSON paths and rules, never values)' })
  @ApiQuery({ name: 'source', required: false, enum: ALL_SOURCES })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 1000, default 100' })
  @ApiOkResponse({ schema: { type: 'array', items: SCHEMAS.deadLetter } })
  deadLetters(@Query() query: Query) {
    const q = parseQuery(query, { source: oneOf(ALL_SOURCES), limit: integer(1, 1000, 100) });
    return this.queries.deadLetters(q.limit, q.source);
  }
}
