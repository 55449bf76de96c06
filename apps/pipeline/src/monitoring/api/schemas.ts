import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const str = { type: 'string' } as const;
const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const nullable = (s: SchemaObject): SchemaObject => ({ ...s, nullable: true });
const counts: SchemaObject = { type: 'object', additionalProperties: int, example: { MATCHED: 990698, MISMATCHED: 60391 } };
const latency: SchemaObject = {
  type: 'object',
  properties: { count: int, p50: nullable(num), p95: nullable(num), p99: nullable(num) },
  description: 'seconds from source commit to result, over the last 5 minutes',
};

/** RFC 9457 problem details, with the offending parameters named. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    type: str,
    title: str,
    status: int,
    detail: str,
    instance: str,
    'invalid-params': { type: 'array', items: { type: 'object', properties: { name: str, reason: str } } },
  },
};

/** Response schemas of the monitoring API (OpenAPI 3). */
export const SCHEMAS: Record<string, SchemaObject> = {
  matchRate: {
    type: 'object',
    properties: {
      source: str,
      provinceCode: nullable(str),
      provinceName: nullable(str),
      communeCode: nullable(str),
      communeName: nullable(str),
      outcomes: counts,
      matched: int,
      total: int,
      rate: nullable(num),
      report: { ...str, example: '94.25 %: 990,698 of 1,051,089 land parcels' },
    },
  },
  fieldQuality: {
    type: 'object',
    properties: {
      source: str,
      field: str,
      total: int,
      missing: int,
      differing: int,
      completeness: nullable(num),
      validity: nullable(num),
      kinds: counts,
    },
  },
  window: { type: 'object', properties: { bucket: { ...str, format: 'date-time' }, source: str, outcome: str, count: int } },
  snapshot: {
    type: 'object',
    properties: {
      takenAt: { ...str, format: 'date-time' },
      consumerGroup: str,
      sources: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            source: str,
            outcomes: counts,
            total: int,
            matched: int,
            rate: nullable(num),
            processed: int,
            deadLettered: int,
            offsetLag: int,
            eventTimeLagSeconds: num,
            throughput: nullable(num),
            latency,
          },
        },
      },
      partitions: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            topic: str,
            partition: int,
            source: str,
            logEnd: str,
            committed: nullable(str),
            offsetLag: int,
            eventTimeLagSeconds: num,
            newestCommittedAt: nullable(str),
            processed: int,
            deadLettered: int,
          },
        },
      },
      provinces: {
        type: 'array',
        items: { type: 'object', properties: { source: str, provinceCode: str, matched: int, total: int, rate: nullable(num) } },
      },
    },
  },
  seriesPoint: {
    type: 'object',
    properties: {
      at: str,
      sources: {
        type: 'array',
        items: {
          type: 'object',
          properties: { source: str, offsetLag: int, eventTimeLagSeconds: num, throughput: nullable(num), rate: nullable(num) },
        },
      },
    },
  },
  alert: {
    type: 'object',
    properties: {
      id: str,
      kind: { type: 'string', enum: ['CONSUMER_LAG', 'MATCH_RATE_DROP', 'DEAD_LETTER_SPIKE'] },
      subject: str,
      message: str,
      value: num,
      threshold: num,
      openedAt: str,
      lastSeenAt: str,
      clearedAt: nullable(str),
    },
  },
  deadLetter: {
    type: 'object',
    properties: {
      topic: str,
      partition: int,
      offset: str,
      sourceTopic: nullable(str),
      sourcePartition: nullable(int),
      sourceOffset: nullable(str),
      consumerGroup: nullable(str),
      reasonKind: str,
      violations: { type: 'array', items: { type: 'object', properties: { path: str, keyword: str, message: str } } },
      failedAt: nullable(str),
    },
  },
};
