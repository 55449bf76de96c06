import { Type } from '@sinclair/typebox';
import { SECTORAL_SOURCES, SOURCE_NAMES } from '@lgsp/contracts';
import { AlertKind, WINDOW_GRAINS } from '@lgsp/monitoring';
import { endpoint } from './endpoint';
import { oneOf, queryOf, withDefault } from './query';
import {
  Alert,
  ALERT_KIND_NAMES,
  CorrectionCounts,
  DeadLetter,
  FieldQuality,
  MatchRate,
  SeriesPoint,
  Snapshot,
  WindowCount,
} from './response-schemas';

/** The monitoring API's endpoints (under /api), each described once: path, query and response. */

const sectoral = () => Type.Optional(oneOf(SECTORAL_SOURCES));
const province = () =>
  Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'a 2-digit province code (since 1 July 2025)' }));
/** The query validator knows only the date-time format: a UUID is a pattern (either case, as PostgreSQL reads it). */
export const uuid = (description: string) =>
  Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', description });
const limit = () => withDefault(Type.Integer({ minimum: 1, maximum: 1000, description: '1 to 1000, default 100' }), 100);

export const MATCH_RATES = endpoint({
  path: 'match-rates',
  summary: 'Match rates (MATCHED / all current results) per source, province or commune, with outcome counts',
  query: queryOf({
    source: sectoral(),
    province: province(),
    commune: Type.Optional(Type.String({ pattern: '^\\d{5}$', description: 'a 5-digit commune code' })),
    groupBy: withDefault(oneOf(['source', 'province', 'commune'] as const, { description: 'default source' }), 'source'),
  }),
  response: Type.Array(MatchRate),
});

export const FIELD_QUALITY = endpoint({
  path: 'field-quality',
  summary: 'Completeness (no MISSING) and validity (no difference) of each field, per source',
  query: queryOf({ source: sectoral(), province: province() }),
  response: Type.Array(FieldQuality),
});

export const WINDOWS = endpoint({
  path: 'windows',
  summary: 'Decisions per minute, hour or day (Vietnamese calendar days) and outcome',
  query: queryOf({
    grain: withDefault(oneOf(WINDOW_GRAINS, { description: 'default minute' }), 'minute'),
    since: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'an ISO 8601 date-time (default: one hour, day or month ago, by grain)',
      }),
    ),
    source: sectoral(),
  }),
  response: Type.Array(WindowCount),
});

export const LAG = endpoint({
  path: 'lag',
  summary: 'Sync lag now, per source and partition: offset lag, event-time lag, throughput, dead letters, latency p50/p95/p99',
  query: queryOf({}),
  response: Snapshot,
});

export const SERIES = endpoint({
  path: 'series',
  summary: 'Lag, throughput and match rate per source over time (from the stored snapshots)',
  query: queryOf({
    minutes: withDefault(Type.Integer({ minimum: 1, maximum: 2880, description: '1 to 2880, default 15' }), 15),
  }),
  response: Type.Array(SeriesPoint),
});

export const ALERTS = endpoint({
  path: 'alerts',
  summary: 'Alerts: open ones, or all including cleared',
  query: queryOf({
    state: withDefault(oneOf(['open', 'all'] as const, { description: 'default open' }), 'open'),
    limit: limit(),
  }),
  response: Type.Array(Alert),
});

export const DEAD_LETTERS = endpoint({
  path: 'dead-letters',
  summary:
    'The dead-letter queue, newest first: origin and reason (JSON paths and rules, never values), and the event, trace ' +
    'and record where the message could be parsed',
  query: queryOf({
    source: Type.Optional(oneOf(SOURCE_NAMES)),
    eventId: Type.Optional(uuid('the event id of the dead-lettered message')),
    traceId: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$', description: 'a W3C trace id (32 lowercase hex)' })),
    entityId: Type.Optional(
      Type.String({ pattern: '^\\S{1,64}$', description: "the record's own key without spaces, matched exactly" }),
    ),
    limit: limit(),
  }),
  response: Type.Array(DeadLetter),
});

export const CORRECTIONS = endpoint({
  path: 'corrections',
  summary:
    'Corrections back to the source per source and commune: open (not answered), applied (awaiting the sync that shows ' +
    'it), rejected (by the source, with a reason), closed (settled by a sync)',
  query: queryOf({ source: sectoral(), province: province() }),
  response: Type.Array(CorrectionCounts),
});

export const ENDPOINTS = [MATCH_RATES, FIELD_QUALITY, WINDOWS, LAG, SERIES, ALERTS, DEAD_LETTERS, CORRECTIONS];

// The response schema lists the alert kinds itself (it must compile without the server's libraries): both ways equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAlertKinds: Same<(typeof ALERT_KIND_NAMES)[number], AlertKind> = true;
void sameAlertKinds;
