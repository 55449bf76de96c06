import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { CandidateMessage, DecisionMessage, FieldDifferenceMessage } from '@lgsp/contracts';

/** Response schemas of the record endpoints: the decision parts are the results topic's own (results/v1). */

function nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [(schema as unknown as { type: string }).type, 'null'] });
}
const str = () => Type.String();
const int = () => Type.Integer();

const InputEvent = Type.Object({
  eventId: str(),
  topic: str(),
  partition: int(),
  offset: Type.String({ pattern: '^[0-9]+$' }),
  eventHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the message value as delivered' }),
});
const InputEventCommitted = Type.Object({ ...InputEvent.properties, committedAt: Type.String({ format: 'date-time' }) });

export const CurrentResult = Type.Object(
  {
    outcome: str(),
    alsoApplies: Type.Array(str()),
    citizenId: nullable(str()),
    provinceCode: nullable(str()),
    communeCode: nullable(str()),
    differences: Type.Array(FieldDifferenceMessage, { description: "each with the registry's value as the proposed correction" }),
    evidence: DecisionMessage.properties.evidence,
    candidates: Type.Array(CandidateMessage),
    sequence: nullable(int()),
    ruleVersion: str(),
    registryVersion: nullable(int()),
    cause: str(),
    input: InputEventCommitted,
    decidedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'The current result; null when the record was deleted (its retraction is the newest history entry)' },
);

export const HistoryEntry = Type.Object({
  sequence: nullable(int()),
  outcome: Type.String({ description: 'an outcome, or RETRACTED for a delete' }),
  cause: str(),
  causeEventId: str(),
  citizenId: nullable(str()),
  ruleVersion: str(),
  registryVersion: nullable(int()),
  input: InputEvent,
  decidedAt: Type.String({ format: 'date-time' }),
});

export const RecordStatus = Type.Object({
  record: Type.Unsafe<{
    source: string;
    entityId: string;
    deleted: boolean;
    traceId: string | null;
    latestEvent: Static<typeof InputEventCommitted>;
  } | null>({
    ...Type.Object({
      source: str(),
      entityId: str(),
      deleted: Type.Boolean(),
      traceId: nullable(str()),
      latestEvent: InputEventCommitted,
    }),
    type: ['object', 'null'],
    description: 'The stored record and its latest event (null if only its history remains)',
  }),
  current: Type.Unsafe<Static<typeof CurrentResult> | null>({ ...CurrentResult, type: ['object', 'null'] }),
  history: Type.Array(HistoryEntry, { description: 'newest first' }),
});

export const RecordSummary = Type.Object({
  source: str(),
  entityId: str(),
  outcome: nullable(str()),
  alsoApplies: Type.Array(str()),
  citizenId: nullable(str()),
  provinceCode: nullable(str()),
  communeCode: nullable(str()),
  differences: Type.Array(FieldDifferenceMessage),
  sequence: nullable(int()),
  eventId: nullable(str()),
  decidedAt: nullable(str()),
});

export const RecordPage = Type.Object({
  items: Type.Array(RecordSummary),
  next: Type.Unsafe<string | null>({
    type: ['string', 'null'],
    description: 'pass as `cursor` for the next page; null on the last',
  }),
});
