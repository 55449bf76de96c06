import { Type } from '@sinclair/typebox';
import { SECTORAL_SOURCES } from '@lgsp/contracts';
import { FIELD_DIFFERENCE_KINDS, OUTCOMES } from '@lgsp/domain';
import { endpoint } from '../monitoring/api/endpoint';
import { uuid } from '../monitoring/api/endpoints';
import { oneOf, queryOf, withDefault } from '../monitoring/api/query';
import { RecordPage, RecordStatus } from './record-schemas';

/** The record endpoints (under /api), each described once. They return personal data: an API key is required. */

export const RECORD = endpoint({
  path: 'records/:source/:entityId',
  summary: "One record's current result (differences, proposed corrections, candidates) and its decisions, newest first",
  params: Type.Object(
    {
      source: oneOf(SECTORAL_SOURCES),
      entityId: Type.String({ minLength: 1, maxLength: 64, description: "the record's own key in its source" }),
    },
    { additionalProperties: false },
  ),
  query: queryOf({
    history: withDefault(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'decisions shown, 1 to 1000, default 100' }),
      100,
    ),
  }),
  response: RecordStatus,
});

export const RECORDS = endpoint({
  path: 'records',
  summary:
    'Records by their current result, in key order, a page at a time (JSON, or CSV with Accept: text/csv or format=csv); ' +
    'or the records an event or a trace led to',
  query: queryOf({
    source: Type.Optional(oneOf(SECTORAL_SOURCES)),
    province: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'a 2-digit province code' })),
    commune: Type.Optional(Type.String({ pattern: '^\\d{5}$', description: 'a 5-digit commune code' })),
    outcome: Type.Optional(oneOf(OUTCOMES)),
    differenceKind: Type.Optional(oneOf(FIELD_DIFFERENCE_KINDS, { description: 'records with a difference of this kind' })),
    changedSince: Type.Optional(
      Type.String({ format: 'date-time', description: 'an ISO 8601 date-time: results decided at or after it' }),
    ),
    eventId: Type.Optional(
      uuid('the records this event caused decisions of (a registry event: all it re-decided), at most `limit`, no cursor'),
    ),
    traceId: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{32}$', description: 'the records whose latest event carried this W3C trace id' }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 400, description: 'the `next` of the previous page' })),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 10000, description: '1 to 10000, default 100' }), 100),
    format: Type.Optional(oneOf(['json', 'csv'] as const, { description: 'csv: as Accept: text/csv' })),
  }),
  response: RecordPage,
});

export const RECORD_ENDPOINTS = [RECORD, RECORDS];
