import { Controller, HttpStatus, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiProduces,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { InvalidCursor, RecordPage, RecordStatus, RecordStatusService, recordsCsv } from '@lgsp/records';
import { Endpoint, ParamsOf, plain, QueryOf, ValidParams, ValidQuery } from '../monitoring/api/endpoint';
import { InvalidRequest, ProblemException, ProblemFilter } from '../monitoring/api/problem';
import { Problem } from '../monitoring/api/response-schemas';
import { ApiKeyGuard } from './api-key.guard';
import { RECORD, RECORDS } from './record-endpoints';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: plain(Problem) as SchemaObject } },
});

interface CsvResponse {
  type(contentType: string): CsvResponse;
  setHeader(name: string, value: string): void;
}

/**
 * Thin: validated parameters (record-endpoints.ts) go to RecordStatusService; every handler is behind the API key
 * guard. Errors are problem+json.
 */
@ApiTags('records')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiBadRequestResponse(problem('Invalid parameters, each named'))
@ApiUnauthorizedResponse(problem('No API key, or one unknown or revoked'))
@ApiForbiddenResponse(problem('The API key lacks the records:read scope'))
@UseGuards(ApiKeyGuard)
@UseFilters(ProblemFilter)
@Controller('api')
export class RecordsController {
  constructor(private readonly records: RecordStatusService) {}

  @Endpoint(RECORD)
  @ApiNotFoundResponse(problem('The pipeline never stored nor decided this record'))
  async record(@ValidParams() p: ParamsOf<typeof RECORD>, @ValidQuery() q: QueryOf<typeof RECORD>): Promise<RecordStatus> {
    const status = await this.records.status({ source: p.source, entityId: p.entityId }, q.history);
    if (!status)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'Record not found',
        'the pipeline has no record of this source with this key (check the source and the key as its source writes it)',
      );
    return status;
  }

  @Endpoint(RECORDS)
  @ApiProduces('application/json', 'text/csv')
  async list(
    @ValidQuery() q: QueryOf<typeof RECORDS>,
    @Req() request: { headers: Record<string, string | string[] | undefined> },
    @Res({ passthrough: true }) response: CsvResponse,
  ): Promise<RecordPage | string> {
    let page: RecordPage;
    try {
      page = await this.records.list({
        filter: {
          source: q.source,
          provinceCode: q.province,
          communeCode: q.commune,
          outcome: q.outcome,
          differenceKind: q.differenceKind,
          changedSince: q.changedSince === undefined ? undefined : new Date(q.changedSince),
        },
        eventId: q.eventId,
        traceId: q.traceId,
        cursor: q.cursor,
        limit: q.limit,
      });
    } catch (e) {
      if (e instanceof InvalidCursor) throw new InvalidRequest([{ name: 'cursor', reason: e.message }]);
      throw e;
    }
    if (!wantsCsv(q.format, request.headers.accept)) return page;
    if (page.next !== null) response.setHeader('X-Next-Cursor', page.next);
    response.type('text/csv; charset=utf-8');
    return recordsCsv(page.items);
  }
}

/** `format` decides when given; otherwise an Accept header that names text/csv before (or without) JSON. */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | string[] | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  const header = (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).toLowerCase();
  const csv = header.indexOf('text/csv');
  const json = header.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}
