import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import {
  BLOCKING_KEY_KINDS,
  COMPARED_FIELDS,
  DIFF_FIELDS,
  DIFFERENCE_RULES,
  FIELD_DIFFERENCE_KINDS,
  ID_CONTRADICTIONS,
  ID_PROBLEMS,
  OUTCOMES,
} from '@lgsp/domain';
import { IsoDateTime, Nullable, StringEnum } from '../schema-building';
import { SECTORAL_SOURCES } from '../v1/source-name';

/**
 * The messages of the results topic (`lgsp.results.v1`): what the pipeline decided about each
 * sectoral record. Keyed by the record (`<source>/<entityId>`), so every decision on one record
 * is on one partition, in order; `sequence` orders them also across a re-keying or a replay.
 * A delete publishes a retraction. Consumers de-duplicate on `decisionId`.
 *
 * Versions only add optional fields (docs/contract.md): 2 adds each difference's `rule`; 3 adds the
 * evidence's `registrySize` and `link` (the candidate proposed as the citizen). Every version stays
 * published, built from the same definitions below.
 */
export const RESULT_SCHEMA_VERSION = 3;

const EventId = Type.String({ format: 'uuid' });

const Common = {
  schemaVersion: Type.Integer({ minimum: 1, description: 'Version of this schema the message was written at' }),
  decisionId: Type.String({ description: '<source>/<entityId>/<causeEventId>: unique per decision; de-duplicate on it' }),
  sequence: Type.Integer({ minimum: 1, description: 'Per record, 1, 2, 3…: a higher sequence supersedes a lower one' }),
  decidedAt: IsoDateTime({
    description: 'When the pipeline decided (not part of the decision: a replay decides the same at another time)',
  }),
  source: StringEnum(SECTORAL_SOURCES),
  entityId: Type.String({ minLength: 1, description: "The record's own key in its source" }),
  cause: StringEnum(['record-event', 'registry-change', 'duplicate-group'] as const, {
    description:
      "record-event: the record's own event; registry-change: a change of the citizen it names; " +
      'duplicate-group: a change of another record registered as the same thing (it may become, or stop being, the original)',
  }),
  causeEventId: EventId,
  input: Type.Object(
    {
      eventId: EventId,
      topic: Type.String(),
      partition: Type.Integer({ minimum: 0 }),
      offset: Type.String({ pattern: '^[0-9]+$' }),
      eventHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the message value as delivered' }),
      committedAt: IsoDateTime(),
    },
    { additionalProperties: false, description: "The record's own latest event, which the decision read" },
  ),
  ruleVersion: Type.String({ description: 'Version of the reconciliation rules that decided' }),
};

const FieldDifferenceV1 = {
  field: StringEnum(DIFF_FIELDS),
  kind: StringEnum(FIELD_DIFFERENCE_KINDS),
  proposed: Type.String({ description: "The registry's value: the correction cleaning would write (personal data)" }),
  confidence: Type.Number({ minimum: 0, maximum: 1, description: 'How sure the correction is, given the citizen is right' }),
};

export const FieldDifferenceMessage = Type.Object(
  {
    ...FieldDifferenceV1,
    rule: Type.Optional(
      StringEnum(DIFFERENCE_RULES, { description: 'Since version 2: the comparison that found the difference' }),
    ),
  },
  { additionalProperties: false },
);

export const CandidateMessage = Type.Object(
  {
    citizenId: Type.String({ pattern: '^[0-9]{12}$' }),
    weight: Type.Number({ description: 'log2 Fellegi-Sunter match weight: positive favours a match' }),
    probability: Type.Number({ minimum: 0, maximum: 1, description: 'Posterior probability that this is the citizen' }),
    fields: Type.Array(
      Type.Object(
        {
          field: StringEnum(COMPARED_FIELDS),
          level: Type.String({ description: 'Agreement level of the field (MISSING: no evidence either way)' }),
          weight: Type.Number({ description: "log2(m/u) of the level: the field's share of the candidate's weight" }),
        },
        { additionalProperties: false },
      ),
      { description: 'The Fellegi–Sunter waterfall: each compared field; the weights add up to `weight`' },
    ),
    foundBy: Type.Array(StringEnum(BLOCKING_KEY_KINDS), {
      minItems: 1,
      description: 'Kinds of blocking key that found this citizen',
    }),
  },
  { additionalProperties: false },
);

/** What version 3 adds to the evidence of a searched record. */
const EvidenceV3 = {
  registrySize: Type.Optional(
    Type.Integer({
      minimum: 0,
      description:
        "Since version 3, INVALID_ID and NOT_FOUND: the registry's size (an estimate) the candidates' prior of one in it was taken from",
    }),
  ),
  link: Type.Optional(
    Type.Object(
      {
        citizenId: Type.String({ pattern: '^[0-9]{12}$', description: 'The best candidate (personal data)' }),
        probability: Type.Number({ minimum: 0, maximum: 1, description: "The candidate's probability" }),
        threshold: Type.Number({ minimum: 0, maximum: 1, description: "The rule set's link threshold it reached" }),
      },
      {
        additionalProperties: false,
        description:
          'Since version 3, INVALID_ID and NOT_FOUND: the best candidate proposed as the citizen, its probability having ' +
          "reached the rule set's link threshold. A proposal: the outcome stays and `citizenId` stays null",
      },
    ),
  ),
};

const decisionMessage = <E extends TProperties>(differences: typeof FieldDifferenceMessage, evidenceSince3: E) =>
  Type.Object(
    {
      kind: Type.Literal('DECISION'),
      ...Common,
      outcome: StringEnum(OUTCOMES),
      alsoApplies: Type.Array(StringEnum(OUTCOMES), { description: 'Lower-precedence outcomes that also hold' }),
      citizenId: Nullable(Type.String({ pattern: '^[0-9]{12}$', description: 'The citizen the record resolved to' })),
      provinceCode: Nullable(Type.String({ pattern: '^[0-9]{2}$', description: 'Where the record counts in match rates' })),
      communeCode: Nullable(Type.String({ pattern: '^[0-9]{5}$' })),
      differences: Type.Array(differences),
      evidence: Type.Object(
        {
          idProblem: Type.Optional(StringEnum(ID_PROBLEMS)),
          idContradictions: Type.Optional(Type.Array(StringEnum(ID_CONTRADICTIONS))),
          mappedCitizenId: Type.Optional(Type.String({ description: 'LEGACY_ID: the new ID, masked' })),
          duplicateGroup: Type.Optional(
            Type.Object(
              {
                original: Type.String({ description: 'Entity ID of the original of the records registered as the same thing' }),
                originalBecause: StringEnum(['CURRENT_ID', 'FIRST_SEEN'] as const, {
                  description:
                    'CURRENT_ID: the original names the citizen by the 12-digit ID and the other does not; else seen first',
                }),
                duplicates: Type.Optional(
                  Type.Array(Type.String(), {
                    minItems: 1,
                    description: 'On the original only: the entity IDs of its duplicates',
                  }),
                ),
              },
              { additionalProperties: false, description: 'Only for a record registered more than once' },
            ),
          ),
          notes: Type.Array(Type.String(), { description: 'Human-readable, personal data masked' }),
          ...evidenceSince3,
        },
        { additionalProperties: false },
      ),
      candidates: Type.Array(CandidateMessage, { description: 'INVALID_ID and NOT_FOUND: the best citizens, best first' }),
      registryVersion: Nullable(Type.Integer({ minimum: 1, description: "Version of the citizen's registry entry read" })),
    },
    { additionalProperties: false, title: 'Decision' },
  );

export const DecisionMessage = decisionMessage(FieldDifferenceMessage, EvidenceV3);

export const RetractionMessage = Type.Object(
  {
    kind: Type.Literal('RETRACTION'),
    ...Common,
    reason: StringEnum(['RECORD_DELETED'] as const),
  },
  { additionalProperties: false, title: 'Retraction', description: 'The record is gone: drop its current decision' },
);

export const ResultMessage = Type.Union([DecisionMessage, RetractionMessage], { title: 'ResultMessage' });

/** The schema of each published version; the type of a message is the latest's. */
export const RESULT_MESSAGE_VERSIONS: Record<number, TSchema> = {
  1: Type.Union(
    [
      decisionMessage(Type.Object(FieldDifferenceV1, { additionalProperties: false }) as typeof FieldDifferenceMessage, {}),
      RetractionMessage,
    ],
    { title: 'ResultMessage' },
  ),
  2: Type.Union([decisionMessage(FieldDifferenceMessage, {}), RetractionMessage], { title: 'ResultMessage' }),
  3: ResultMessage,
};

export type DecisionMessage = Static<typeof DecisionMessage>;
export type RetractionMessage = Static<typeof RetractionMessage>;
export type ResultMessage = Static<typeof ResultMessage>;

/** Kafka headers of a result message. */
export const RESULT_HEADERS = {
  decisionId: 'lgsp-decision-id',
  schemaVersion: 'lgsp-schema-version',
} as const;

/** The results topic's key: the record, so that all its decisions share a partition. */
export function resultKey(source: string, entityId: string): string {
  return `${source}/${entityId}`;
}
