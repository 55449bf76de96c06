import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

/*
 * Response schemas of the monitoring API. Imports nothing but TypeBox: the dashboard's browser script reads its types
 * from here (under the DOM lib, where the server's libraries do not compile).
 */

/** `T` or null, as a type array (`["number", "null"]`, JSON Schema 2020-12 and OpenAPI 3.1). */
function nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [(schema as unknown as { type: string }).type, 'null'] });
}

const str = () => Type.String();
const int = () => Type.Integer();
const num = () => Type.Number();
const counts = () =>
  Type.Record(Type.String(), Type.Integer(), {
    description: 'count per outcome or difference kind',
    examples: [{ MATCHED: 990698, MISMATCHED: 60391 }],
  });

export const MatchRate = Type.Object({
  source: str(),
  provinceCode: nullable(str()),
  provinceName: nullable(str()),
  communeCode: nullable(str()),
  communeName: nullable(str()),
  outcomes: counts(),
  matched: int(),
  total: int(),
  rate: nullable(num()),
  report: Type.String({ examples: ['94.25 %: 990,698 of 1,051,089 land parcels'] }),
});
export type MatchRate = Static<typeof MatchRate>;

export const FieldQuality = Type.Object({
  source: str(),
  field: str(),
  total: int(),
  missing: int(),
  differing: int(),
  completeness: nullable(num()),
  validity: nullable(num()),
  kinds: counts(),
});
export type FieldQuality = Static<typeof FieldQuality>;

export const WindowCount = Type.Object({
  bucket: Type.String({ format: 'date-time' }),
  source: str(),
  outcome: str(),
  count: int(),
});

const Latency = Type.Object(
  { count: int(), p50: nullable(num()), p95: nullable(num()), p99: nullable(num()) },
  { description: 'seconds from source commit to result, over the last 5 minutes' },
);

export const SourceLag = Type.Object({
  source: str(),
  outcomes: counts(),
  total: int(),
  matched: int(),
  rate: nullable(num()),
  processed: int(),
  deadLettered: int(),
  offsetLag: int(),
  eventTimeLagSeconds: num(),
  throughput: nullable(num()),
  latency: Latency,
});

export const PartitionLag = Type.Object({
  topic: str(),
  partition: int(),
  source: str(),
  logEnd: str(),
  committed: nullable(str()),
  offsetLag: int(),
  eventTimeLagSeconds: num(),
  waitingSince: Type.Optional(nullable(str())),
  newestCommittedAt: nullable(str()),
  processed: int(),
  deadLettered: int(),
});

export const Snapshot = Type.Object({
  takenAt: Type.String({ format: 'date-time' }),
  consumerGroup: str(),
  sources: Type.Array(SourceLag),
  partitions: Type.Array(PartitionLag),
  provinces: Type.Array(Type.Object({ source: str(), provinceCode: str(), matched: int(), total: int(), rate: nullable(num()) })),
});
export type Snapshot = Static<typeof Snapshot>;

export const SeriesPoint = Type.Object({
  at: str(),
  sources: Type.Array(
    Type.Object({
      source: str(),
      offsetLag: int(),
      eventTimeLagSeconds: num(),
      throughput: nullable(num()),
      rate: nullable(num()),
    }),
  ),
});
export type SeriesPoint = Static<typeof SeriesPoint>;

/** The alert kinds (the alert rules' own list; endpoints.ts checks that the two agree). */
export const ALERT_KIND_NAMES = ['CONSUMER_LAG', 'MATCH_RATE_DROP', 'DEAD_LETTER_SPIKE'] as const;

export const Alert = Type.Object({
  id: str(),
  // Typed as a string: stored alerts carry the kind as text.
  kind: Type.Unsafe<string>({ type: 'string', enum: [...ALERT_KIND_NAMES] }),
  subject: str(),
  message: str(),
  value: num(),
  threshold: num(),
  openedAt: str(),
  lastSeenAt: str(),
  clearedAt: nullable(str()),
});
export type Alert = Static<typeof Alert>;

export const DeadLetter = Type.Object({
  topic: str(),
  partition: int(),
  offset: str(),
  sourceTopic: nullable(str()),
  sourcePartition: nullable(int()),
  sourceOffset: nullable(str()),
  consumerGroup: nullable(str()),
  reasonKind: str(),
  violations: Type.Array(Type.Object({ path: str(), keyword: str(), message: str() })),
  failedAt: nullable(str()),
  eventId: nullable(str()),
  traceId: nullable(str()),
  entityId: Type.Unsafe<string | null>({
    type: ['string', 'null'],
    description: "the record's own key; a citizen ID (population) masked",
  }),
});
export type DeadLetter = Static<typeof DeadLetter>;

/** Corrections back to the source of one source in one commune, by state (no values: counts only). */
export const CorrectionCounts = Type.Object({
  source: str(),
  provinceCode: nullable(str()),
  communeCode: nullable(str()),
  open: int(),
  applied: int(),
  rejected: int(),
  closed: int(),
});
export type CorrectionCounts = Static<typeof CorrectionCounts>;

/** RFC 9457 problem details, with the offending parameters named. */
export const Problem = Type.Object({
  type: str(),
  title: str(),
  status: int(),
  detail: str(),
  instance: str(),
  'invalid-params': Type.Optional(Type.Array(Type.Object({ name: str(), reason: str() }))),
});
